// @vitest-environment jsdom
// Component tests of the sampling tool: option lists (subset-by with conflicts and labelled by me),
// prediction-based sorts disabled with a reason until predictions are published, grid size,
// skipping rows in other annotators' batches, prefetching, and the live label-count table.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { LabelTab } from '../../../client/components/LabelTab.tsx';
import { CountsTable } from '../../../client/components/CountsTable.tsx';
import { classField } from '../../../shared/schema/fields.ts';
import { createClientFixture } from '../../helpers/client-fixtures.ts';
import type { ClientFixture } from '../../helpers/client-fixtures.ts';
import { waitFor } from '../../helpers/wait-for.ts';

let scratch: HTMLElement;
let fx: ClientFixture;
const q = <T extends Element = HTMLElement>(sel: string): T => {
  const el = scratch.querySelector<T>(sel);
  if (!el) throw new Error(`no element ${sel}`);
  return el;
};
const choose = (testId: string, value: string): void => {
  void act(() => {
    const select = q<HTMLSelectElement>(`[data-testid="${testId}"]`);
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
};

beforeEach(() => {
  scratch = document.createElement('div');
  document.body.appendChild(scratch);
  fx = createClientFixture({ classes: ['a', 'b'], imageCount: 100 });
  act(() => render(<LabelTab app={fx.app} labels={fx.labels} peers={fx.peers} />, scratch));
});
afterEach(() => {
  render(null, scratch);
  scratch.remove();
  fx.app.dispose();
});

describe('sampling controls', () => {
  it('[B5] lists subset options in the original order plus conflicts and labelled by me, default all', () => {
    const options = [...q<HTMLSelectElement>('[data-testid="subset-by"]').options].map((o) => o.value);
    expect(options).toEqual(['all', 'unlabeled: a', 'unlabeled: b', 'contains: a', 'contains: b', "doesn't contain: a", "doesn't contain: b", 'conflicts', 'labelled by me']);
    expect(q<HTMLSelectElement>('[data-testid="subset-by"]').value).toBe('all');
  });

  it('[B5] disables every sort but random, with the reason, until predictions exist; enables them when published', async () => {
    const sort = q<HTMLSelectElement>('[data-testid="sort-by"]');
    const enabled = () => [...sort.options].filter((o) => !o.disabled).map((o) => o.value);
    expect([...sort.options].map((o) => o.value).slice(0, 5)).toEqual(['random', 'max entropy', 'BADGE', 'highest: a', 'highest: b']);
    expect(enabled()).toEqual(['random']);
    expect(q('[data-testid="sort-hint"]').textContent).toMatch(/predictions|train/i);
    const predictions = new Float32Array(200);
    for (let row = 0; row < 100; row++) {
      predictions[2 * row] = row / 99;
      predictions[2 * row + 1] = 0.5;
    }
    fx.blobs.set('p'.repeat(64), predictions.buffer);
    act(() => {
      fx.modelDoc.getMap('latest').set('predictions', { sha256: 'p'.repeat(64), shape: [100, 2], dtype: 'float32', bytes: 800, runId: 'r1', labelVersion: 0, createdAt: 0 });
    });
    await act(async () => {
      await waitFor(() => fx.app.outputs.predictions.value !== null, { what: 'predictions loaded' });
    });
    expect(enabled()).toContain('max entropy');
    expect(enabled()).not.toContain('BADGE');
    choose('sort-by', 'highest: a');
    choose('grid-size', '2');
    act(() => q('[data-testid="sample"]').click());
    expect(fx.app.session.batch.value).toEqual([99, 98, 97, 96]);
    expect(scratch.querySelectorAll('.tile:not(.tile-empty)')).toHaveLength(4);
  });

  it('grid size sets the batch size (default 4 × 4) and the next batch is prefetched', () => {
    act(() => q('[data-testid="sample"]').click());
    expect(fx.app.session.batch.value).toHaveLength(16);
    expect(new Set(fx.app.session.batch.value).size).toBe(16);
    const last = fx.prefetched.at(-1) ?? [];
    expect(last).toHaveLength(32);
    expect(new Set(last).size).toBe(32);
    choose('grid-size', '3');
    act(() => q('[data-testid="sample"]').click());
    expect(fx.app.session.batch.value).toHaveLength(9);
  });

  it("skips the images in other annotators' current batches", () => {
    const taken = Array.from({ length: 90 }, (_, i) => i);
    act(() => {
      fx.peers.value = [{ clientId: 2, name: 'bob', color: '#f00', role: 'annotator', selection: 3, batch: taken }];
    });
    act(() => q('[data-testid="sample"]').click());
    expect([...fx.app.session.batch.value].sort((x, y) => x - y)).toEqual([90, 91, 92, 93, 94, 95, 96, 97, 98, 99]);
    expect(q('[data-testid="message"]').textContent).toMatch(/other annotators/);
  });

  it('subset "labelled by me" and "conflicts" sample from the event log', () => {
    act(() => {
      fx.labels.edit([{ row: 5, field: classField(0), value: 1 }]);
    });
    fx.remote('bob').append([{ row: 7, field: classField(1), value: 1 }]);
    act(() => undefined);
    act(() => {
      fx.app.session.settings.labelStatus.value = 'partial';
    });
    choose('subset-by', 'labelled by me');
    act(() => q('[data-testid="sample"]').click());
    expect(fx.app.session.batch.value).toEqual([5]);
    fx.clock.now += 100;
    act(() => {
      fx.remote('bob').append([{ row: 5, field: classField(0), value: 0 }]);
    });
    choose('subset-by', 'conflicts');
    act(() => q('[data-testid="sample"]').click());
    expect(fx.app.session.batch.value).toEqual([5]);
  });

  it('an empty subset leaves the grid as it was and says so', () => {
    act(() => q('[data-testid="sample"]').click());
    const before = fx.app.session.batch.value;
    act(() => {
      fx.app.session.settings.labelStatus.value = 'labeled';
    });
    act(() => q('[data-testid="sample"]').click());
    expect(fx.app.session.batch.value).toBe(before);
    expect(q('[data-testid="message"]').textContent).toMatch(/no matching images/i);
  });
});

describe('label-count table', () => {
  it('[B30] updates in place when the label table signal changes', () => {
    const host = document.createElement('div');
    act(() => render(<CountsTable counts={fx.app.counts} />, host));
    const cell = (cls: string, name: string) => host.querySelector(`[data-class="${cls}"] [data-cell="${name}"]`)?.textContent;
    expect(cell('a', 'training-pos')).toBe('0');
    const tbody = host.querySelector('tbody');
    act(() => {
      fx.labels.edit([
        { row: 1, field: classField(0), value: 1 },
        { row: 2, field: classField(0), value: 0 },
        { row: 3, field: 1, value: 1 },
        { row: 3, field: classField(0), value: 1 },
        { row: 4, field: 0, value: 1 },
        { row: 4, field: classField(1), value: 0 },
      ]);
    });
    expect(cell('a', 'training-pos')).toBe('1');
    expect(cell('a', 'training-neg')).toBe('1');
    expect(cell('a', 'validation-pos')).toBe('1');
    expect(cell('b', 'excluded-neg')).toBe('1');
    expect(cell('b', 'training-neg')).toBe('0');
    expect(host.querySelector('tbody')).toBe(tbody);
    render(null, host);
  });
});
