// @vitest-environment jsdom
// Component tests of the job wiring in the web app: the BADGE sort stays disabled until a
// `latest.badge` ranking blob is published and then follows it; the prediction source choice
// appears with `latest.propagated`; the Train and Label Propagation tabs write badge, graph and
// propagate job requests and show rows reached and the histogram with unknown values apart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { App } from '../../../client/components/App.tsx';
import { encodeRankingBlob } from '../../../shared/badge/index.ts';
import { MODEL_JOBS_KEY, MODEL_LATEST_KEY } from '../../../shared/schema/model-doc.ts';
import type * as Y from 'yjs';
import { createClientFixture } from '../../helpers/client-fixtures.ts';
import type { ClientFixture } from '../../helpers/client-fixtures.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const ROWS = 100;
let scratch: HTMLElement;
let fx: ClientFixture;
const q = <T extends Element = HTMLElement>(sel: string): T => {
  const el = scratch.querySelector<T>(sel);
  if (!el) throw new Error(`no element ${sel}`);
  return el;
};
const choose = (testId: string, value: string): void => {
  act(() => {
    const select = q<HTMLSelectElement>(`[data-testid="${testId}"]`);
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
};
const sortOption = (value: string) => [...q<HTMLSelectElement>('[data-testid="sort-by"]').options].find((o) => o.value === value);
const publish = (kind: string, sha: string, bytes: ArrayBuffer, pointer: Record<string, unknown>) => {
  fx.blobs.set(sha, bytes);
  act(() => {
    fx.modelDoc.getMap(MODEL_LATEST_KEY).set(kind, { sha256: sha, bytes: bytes.byteLength, runId: 'r1', labelVersion: 3, createdAt: 0, ...pointer });
  });
};
const jobs = () => {
  const out: Record<string, unknown>[] = [];
  (fx.modelDoc.getMap(MODEL_JOBS_KEY) as Y.Map<Y.Map<unknown>>).forEach((m) => out.push(m.toJSON()));
  return out;
};

beforeEach(() => {
  scratch = document.createElement('div');
  document.body.appendChild(scratch);
  fx = createClientFixture({ classes: ['a', 'b'], imageCount: ROWS });
  act(() => render(<App app={fx.app} labels={fx.labels} model={fx.model} downloadUrl={(f) => `/dl/${f}`} />, scratch));
});
afterEach(() => {
  render(null, scratch);
  scratch.remove();
  fx.app.dispose();
});

describe('BADGE sort', () => {
  it('is disabled with an explanation without a ranking, enabled once latest.badge is published, and samples in ranking order', async () => {
    expect(sortOption('BADGE')?.disabled).toBe(true);
    expect(sortOption('BADGE')?.title).toMatch(/ranking/);
    choose('sort-by', 'BADGE');
    expect(q('[data-testid="sort-hint"]').textContent).toMatch(/BADGE.*ranking/);
    const ranking = Int32Array.from([42, 7, 99, 3, 15, 60, 61, 62]);
    publish('badge', 'b'.repeat(64), encodeRankingBlob(ranking).buffer as ArrayBuffer, { shape: [ranking.length], dtype: 'int32', classIndex: null });
    await act(async () => {
      await waitFor(() => fx.app.outputs.ranking.value !== null, { what: 'ranking loaded' });
    });
    expect([...(fx.app.outputs.ranking.value ?? [])]).toEqual([...ranking]);
    expect(sortOption('BADGE')?.disabled).toBe(false);
    choose('sort-by', 'BADGE');
    choose('grid-size', '2');
    act(() => q('[data-testid="sample"]').click());
    expect(fx.app.session.batch.value).toEqual([42, 7, 99, 3]);
  });
});

describe('prediction source', () => {
  it('offers propagated labels once published; the max entropy sort then uses them (unknown rows last)', async () => {
    expect(scratch.querySelector('[data-testid="prediction-source"]')).toBeNull();
    expect(sortOption('max entropy')?.disabled).toBe(true);
    const values = new Float32Array(ROWS * 2).fill(Number.NaN);
    // Rows 10..19 are reached; row 13 is the most uncertain.
    for (let row = 10; row < 20; row++) {
      values[2 * row] = 0.05;
      values[2 * row + 1] = row === 13 ? 0.48 : 0.9;
    }
    publish('propagated', 'g'.repeat(64), values.buffer, { shape: [ROWS, 2], dtype: 'float32', classes: ['a', 'b'], reachedRows: 10 });
    await act(async () => {
      await waitFor(() => fx.app.outputs.propagated.value !== null, { what: 'propagated loaded' });
    });
    const source = q<HTMLSelectElement>('[data-testid="prediction-source"]');
    expect([...source.options].map((o) => o.value)).toEqual(['model predictions', 'propagated labels']);
    expect(sortOption('max entropy')?.disabled).toBe(true);
    choose('prediction-source', 'propagated labels');
    expect(sortOption('max entropy')?.disabled).toBe(false);
    expect(sortOption('highest: b')?.disabled).toBe(false);
    choose('sort-by', 'max entropy');
    choose('grid-size', '2');
    act(() => q('[data-testid="sample"]').click());
    expect(fx.app.session.batch.value[0]).toBe(13);
    choose('sort-by', 'highest: b');
    act(() => q('[data-testid="sample"]').click());
    const batch = fx.app.session.batch.value;
    expect(batch).toHaveLength(4);
    for (const row of batch) expect(row >= 10 && row < 20 && row !== 13).toBe(true);
  });
});

describe('job requests', () => {
  it('Train tab: "Update BADGE ranking" requests a badge job for all classes or the chosen class', () => {
    act(() => q('[data-testid="tab-button-train"]').click());
    act(() => q('[data-testid="badge-update"]').click());
    choose('badge-target', '1');
    act(() => q('[data-testid="badge-update"]').click());
    const badge = jobs().filter((j) => j['kind'] === 'badge');
    expect(badge.map((j) => j['settings'])).toEqual(expect.arrayContaining([{ classIndex: null }, { classIndex: 1 }]));
    expect(badge).toHaveLength(2);
    expect(q('[data-testid="badge-status"]').textContent).toMatch(/No BADGE ranking yet/);
  });

  it('Label Propagation tab: Build and Propagate request jobs; rows reached and unknown counts are shown', async () => {
    act(() => q('[data-testid="tab-button-propagation"]').click());
    expect(q<HTMLButtonElement>('[data-testid="propagate"]').disabled).toBe(true);
    act(() => q('[data-testid="graph-build"]').click());
    expect(jobs().find((j) => j['kind'] === 'graph')?.['settings']).toEqual({ k: 10, temperature: 0.01 });
    publish('graph', 'w'.repeat(64), new ArrayBuffer(8), { shape: [8], dtype: 'bytes', n: ROWS, params: { k: 10 } });
    expect(q<HTMLButtonElement>('[data-testid="propagate"]').disabled).toBe(false);
    act(() => {
      const input = q<HTMLInputElement>('[data-testid="propagate-iterations"]');
      input.value = '25';
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    act(() => q('[data-testid="propagate"]').click());
    expect(jobs().find((j) => j['kind'] === 'propagate')?.['settings']).toEqual({ iterations: 25 });
    const values = new Float32Array(ROWS * 2).fill(Number.NaN);
    for (let row = 0; row < 30; row++) values[2 * row] = 0.95;
    publish('propagated', 'g'.repeat(64), values.buffer, { shape: [ROWS, 2], dtype: 'float32', classes: ['a', 'b'], reachedRows: 30 });
    await act(async () => {
      await waitFor(() => fx.app.outputs.propagated.value !== null, { what: 'propagated loaded' });
    });
    expect(q('[data-testid="propagation-status"]').textContent).toMatch(/30 of 100 rows reached/);
    choose('histogram-source', 'propagated labels');
    expect(q('[data-testid="histogram-unknown"]').textContent).toMatch(/^70 images unknown/);
    expect(scratch.querySelector('[data-testid="propagation-panel"] [data-testid="bar-chart"]')).not.toBeNull();
  });
});
