// @vitest-environment jsdom
// Component tests of the Label tab's labelling tool: buttons and values, dwell time in the events,
// clamped navigation, all-zeros, copy-to-all, undo as a new event, remote edits and conflicts, and
// the view-only role. Rendered into a scratch element; signals drive the DOM.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { LabelTab } from '../../../client/components/LabelTab.tsx';
import { readEvents } from '../../../shared/labels/index.ts';
import { classField, FIELD_EXCLUDE } from '../../../shared/schema/fields.ts';
import { createClientFixture } from '../../helpers/client-fixtures.ts';
import type { ClientFixture } from '../../helpers/client-fixtures.ts';

let scratch: HTMLElement;
let fx: ClientFixture;

function mount(f: ClientFixture): void {
  act(() => render(<LabelTab app={f.app} labels={f.labels} peers={f.peers} />, scratch));
}
const q = <T extends Element = HTMLElement>(sel: string): T => {
  const el = scratch.querySelector<T>(sel);
  if (!el) throw new Error(`no element ${sel}`);
  return el;
};
const click = (sel: string): void => {
  void act(() => q<HTMLElement>(sel).click());
};
const pressed = (c: number): string | undefined => scratch.querySelector(`[data-class] [aria-checked="true"][data-testid^="class-${c}-"]`)?.textContent ?? undefined;

beforeEach(() => {
  scratch = document.createElement('div');
  document.body.appendChild(scratch);
  fx = createClientFixture({ imageCount: 10 });
  mount(fx);
  act(() => fx.app.session.sample());
});
afterEach(() => {
  render(null, scratch);
  scratch.remove();
  fx.app.dispose();
  fx.labels.dispose();
});

describe('labelling tool', () => {
  it('[B31] selects the first image after a sample and shows its stored values', () => {
    const rows = fx.app.session.batch.value;
    expect(rows.length).toBe(10);
    expect(scratch.querySelectorAll('.tile:not(.tile-empty)').length).toBe(10);
    expect(q('.tile.selected').dataset['row']).toBe(String(rows[0]));
    expect(pressed(0)).toBe('None');
  });

  it('a class button writes one event with the dwell time of the selected image, and the DOM follows', () => {
    fx.page.time = 1500;
    click('[data-testid="class-1-1"]');
    const row = fx.app.session.selectedRow.value as number;
    const events = readEvents(fx.doc).events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ row, field: classField(1), value: 1, by: 'alice', dwell: 1500 });
    expect(pressed(1)).toBe('1');
    expect(q('[data-testid="counts-table"] [data-class="dog"] [data-cell="training-pos"]').textContent).toBe('1');
  });

  it('dwell counts only time with the tab visible', () => {
    fx.page.time = 1000;
    act(() => fx.page.setVisible(false));
    fx.page.time = 60_000;
    act(() => fx.page.setVisible(true));
    fx.page.time = 61_000;
    click('[data-testid="class-0-0"]');
    expect(readEvents(fx.doc).events[0]?.dwell).toBe(2000);
  });

  it('click-to-select moves the selection and restarts the dwell clock', () => {
    fx.page.time = 5000;
    const tiles = scratch.querySelectorAll<HTMLElement>('.tile:not(.tile-empty)');
    act(() => tiles[3]?.click());
    expect(fx.app.session.selected.value).toBe(3);
    expect(q('.tile.selected').dataset['row']).toBe(tiles[3]?.dataset['row']);
    fx.page.time = 5400;
    click('[data-testid="exclude"]');
    expect(readEvents(fx.doc).events[0]).toMatchObject({ field: FIELD_EXCLUDE, value: 1, dwell: 400 });
  });

  it('[B31] ◀ stays on the first image and ▶ is clamped to the loaded count (bug fixed)', () => {
    act(() => fx.app.session.move(-1));
    expect(fx.app.session.selected.value).toBe(0);
    for (let i = 0; i < 25; i++) act(() => fx.app.session.move(1));
    expect(fx.app.session.selected.value).toBe(9);
    expect(q<HTMLButtonElement>('[data-testid="next"]').disabled).toBe(true);
    expect(q<HTMLButtonElement>('[data-testid="prev"]').disabled).toBe(false);
  });

  it('[B31] all zeros writes 0 for every class of the image and advances', () => {
    const row = fx.app.session.selectedRow.value as number;
    click('[data-testid="all-zeros"]');
    const table = fx.labels.snapshot.value?.table;
    expect([0, 1, 2].map((c) => table?.labels[c]?.[row])).toEqual([0, 0, 0]);
    expect(table?.exclude[row]).toBe(0);
    expect(fx.app.session.selected.value).toBe(1);
  });

  it('[B31] copy labels to all sets every displayed row to the current class values, flags untouched, selection kept', () => {
    click('[data-testid="class-0-1"]');
    click('[data-testid="class-2-0"]');
    click('[data-testid="exclude"]');
    click('[data-testid="copy-to-all"]');
    const table = fx.labels.snapshot.value?.table;
    for (const row of fx.app.session.batch.value) {
      expect([table?.labels[0]?.[row], table?.labels[1]?.[row], table?.labels[2]?.[row]]).toEqual([1, -1, 0]);
    }
    expect(fx.app.session.batch.value.filter((r) => table?.exclude[r] === 1)).toHaveLength(1);
    expect(fx.app.session.selected.value).toBe(0);
  });

  it('undo appends a new event restoring the previous value; history keeps both', () => {
    click('[data-testid="class-0-1"]');
    click('[data-testid="undo"]');
    expect(pressed(0)).toBe('None');
    const events = readEvents(fx.doc).events;
    expect(events.map((e) => e.value)).toEqual([1, -1]);
    expect(q<HTMLButtonElement>('[data-testid="undo"]').disabled).toBe(true);
  });

  it('a remote edit on the selected image updates the buttons and shows who made it', () => {
    const row = fx.app.session.selectedRow.value as number;
    fx.clock.now += 10;
    act(() => {
      fx.remote('bob').append([{ row, field: classField(2), value: 1 }]);
    });
    expect(pressed(2)).toBe('1');
    expect(q('[data-testid="conflict-notice"]').textContent).toContain('bob');
    expect(q('[data-testid="conflict-notice"]').textContent).toContain('bird');
  });

  it('a conflicting remote edit on a cell I set is flagged as contested', () => {
    const row = fx.app.session.selectedRow.value as number;
    click('[data-testid="class-0-1"]');
    fx.clock.now += 1000;
    act(() => {
      fx.remote('bob').append([{ row, field: classField(0), value: 0 }]);
    });
    const notice = q('[data-testid="conflict-notice"]');
    expect(notice.className).toContain('notice-conflict');
    expect(notice.textContent).toContain('replacing your value');
    expect(pressed(0)).toBe('0');
    expect(q('[data-class="cat"]').className).toContain('contested');
  });
});

describe('view-only role', () => {
  it('a viewer sees the values but every control that edits is disabled and keys write nothing', () => {
    const viewer = createClientFixture({ role: 'viewer', annotator: 'victor' });
    act(() => render(<LabelTab app={viewer.app} labels={viewer.labels} peers={viewer.peers} />, scratch));
    act(() => viewer.app.session.sample());
    expect(q<HTMLButtonElement>('[data-testid="class-0-1"]').disabled).toBe(true);
    expect(q<HTMLInputElement>('[data-testid="exclude"]').disabled).toBe(true);
    act(() => viewer.app.session.handleKey({ type: 'cycle', classIndex: 0 }));
    act(() => viewer.app.session.handleKey({ type: 'all-zeros' }));
    expect(readEvents(viewer.doc).events).toHaveLength(0);
    expect(scratch.textContent).toContain('View-only');
    viewer.app.dispose();
  });
});
