// In-browser benchmark harness (bundled by run.ts into an IIFE and loaded into Chromium): sampling
// over 590k × 19 predictions, fold-to-render after a remote edit, and cold load from IndexedDB,
// each against a naive implementation measured in the same page.
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { render } from 'preact';
import { signal } from '@preact/signals';
import { pickIndices, rowEntropy } from '../../shared/sampling/index.ts';
import { EventWriter, HybridClock, foldDoc, initLabelsDoc } from '../../shared/labels/index.ts';
import { createEmptyLabelTable } from '../../shared/table/label-table.ts';
import { computeRowStates, median as sharedMedian } from '../../shared/views/index.ts';
import { createSeededRandom } from '../../tests/helpers/seeded-random.ts';
import { maxEntropyDigest } from '../../client/models/entropy-digest.ts';
import { classField } from '../../shared/schema/fields.ts';
import { createLabelsBridge, createModelBridge } from '../../client/bridge/index.ts';
import type { Peer } from '../../client/bridge/index.ts';
import { createAppModel } from '../../client/models/app-model.ts';
import { LabelTab } from '../../client/components/LabelTab.tsx';

/** A seeded uniform source (the tests' mulberry32). */
function rng(seed: number): () => number {
  const r = createSeededRandom(seed);
  return () => r.next();
}

function median(xs: number[]): number {
  return sharedMedian(xs) ?? Number.NaN;
}

function time(fn: () => void, reps: number): number {
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

/** Naive max entropy: entropy of every row into an array, sort all indices, take the first m. */
function naiveMaxEntropy(p: Float32Array, n: number, c: number, m: number): number[] {
  const h = new Float64Array(n);
  const row = new Float32Array(c);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < c; k++) row[k] = p[i * c + k] as number;
    h[i] = rowEntropy(row);
  }
  return Array.from({ length: n }, (_, i) => i)
    .sort((a, b) => (h[b] as number) - (h[a] as number))
    .slice(0, m);
}

/** Naive `high: c`: weights p⁴, then m draws, each a linear scan of the cumulative weights. */
function naiveHigh(p: Float32Array, n: number, c: number, cls: number, m: number, r: () => number): number[] {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = (p[i * c + cls] as number) ** 4;
  const out: number[] = [];
  for (let k = 0; k < m; k++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += w[i] as number;
    let x = r() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      x -= w[i] as number;
      if (x <= 0) {
        pick = i;
        break;
      }
    }
    out.push(pick);
    w[pick] = 0;
  }
  return out;
}

const CLASSES = (c: number): string[] => Array.from({ length: c }, (_, i) => `class${i}`);

/** Sampling: pickIndices (max entropy, high: c) against the naive versions. */
export function benchSampling(n: number, c: number, reps: number): Record<string, number> {
  const r = rng(1);
  const predictions = new Float32Array(n * c);
  for (let i = 0; i < predictions.length; i++) predictions[i] = r();
  const table = createEmptyLabelTable(n, CLASSES(c));
  const base = { table, predictions, count: 16, rng: rng(2) };
  const check = pickIndices({ ...base, sort: 'max entropy' });
  const naive = naiveMaxEntropy(predictions, n, c, 16);
  if (!check.ok || check.rows.length !== 16 || new Set([...check.rows, ...naive]).size !== 16) throw new Error('max entropy disagrees with the naive ranking');
  // The app keeps row states current incrementally and passes them in (client/models/table-derivations.ts).
  const rowStates = computeRowStates(table);
  // …and ranks `max entropy` from a one-column digest built once per predictions blob.
  let digest: Float32Array = new Float32Array(0);
  const digestBuildMs = time(() => void (digest = maxEntropyDigest(predictions, c)), 3);
  const viaDigest = pickIndices({ ...base, rowStates, predictions: digest, predictionClasses: ['d'], sort: 'max entropy' });
  if (!viaDigest.ok || viaDigest.rows.join() !== (check.ok ? check.rows.join() : '')) throw new Error('the digest ranks differently');
  return {
    maxEntropyDigestMs: time(() => void pickIndices({ ...base, rowStates, predictions: digest, predictionClasses: ['d'], sort: 'max entropy' }), reps),
    digestBuildMs,
    maxEntropyAppMs: time(() => void pickIndices({ ...base, rowStates, sort: 'max entropy' }), reps),
    highAppMs: time(() => void pickIndices({ ...base, rowStates, sort: 'high: class3' }), reps),
    maxEntropyMs: time(() => void pickIndices({ ...base, sort: 'max entropy' }), reps),
    maxEntropyNaiveMs: time(() => void naiveMaxEntropy(predictions, n, c, 16), Math.max(1, reps >> 2)),
    highMs: time(() => void pickIndices({ ...base, sort: 'high: class3' }), reps),
    highNaiveMs: time(() => void naiveHigh(predictions, n, c, 3, 16, rng(3)), Math.max(1, reps >> 2)),
  };
}

function makeDoc(n: number, c: number): Y.Doc {
  const doc = new Y.Doc();
  initLabelsDoc(doc, { projectId: 'bench', classes: CLASSES(c), imageCount: n, manifest: 'f'.repeat(64) });
  return doc;
}

/** Waits for Preact to flush a render (it renders in a microtask / timeout after a signal change). */
function nextRender(target: Element, done: () => boolean): Promise<number> {
  const t = performance.now();
  return new Promise((resolve) => {
    if (done()) return resolve(performance.now() - t);
    const obs = new MutationObserver(() => {
      if (done()) {
        obs.disconnect();
        resolve(performance.now() - t);
      }
    });
    obs.observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/**
 * Fold-to-render: the Label tab is on screen over a project of n images with `events` events; a
 * remote annotator's edit arrives as a Yjs update; time until the DOM shows it. Naive: refold the
 * whole document on every update (what a non-incremental reader does), then render.
 */
export async function benchFoldToRender(n: number, c: number, events: number, reps: number): Promise<Record<string, number>> {
  const source = makeDoc(n, c);
  const remote = new EventWriter(source, 'bob', new HybridClock(() => Date.now()));
  const r = rng(5);
  for (let done = 0; done < events; done += 1000) {
    remote.append(Array.from({ length: 1000 }, () => ({ row: Math.floor(r() * n), field: classField(Math.floor(r() * c)), value: r() < 0.5 ? 0 : 1 })));
  }
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
  const labels = createLabelsBridge(doc, { annotator: 'alice' });
  const config = { projectId: 'bench', title: 'bench', annotator: 'alice', role: 'annotator' as const, classes: CLASSES(c), imageCount: n };
  const app = createAppModel({
    config,
    labels,
    model: createModelBridge(new Y.Doc()),
    imageUrl: () => 'data:,',
    loadBlob: async () => new ArrayBuffer(0),
    dwellEnv: { now: () => performance.now(), isVisible: () => true, onVisibilityChange: () => () => undefined },
    rng: rng(6),
    now: () => Date.now(),
  });
  const host = document.createElement('div');
  document.body.appendChild(host);
  render(<LabelTab app={app} labels={labels} peers={signal<readonly Peer[]>([])} />, host);
  app.session.sample();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const fast: number[] = [];
  const naive: number[] = [];
  for (let i = 0; i < reps; i++) {
    const row = app.session.selectedRow.peek() as number;
    const before = Y.encodeStateVector(doc);
    remote.append([{ row, field: classField(i % c), value: (i >> 4) % 2 === 0 ? 1 : 0 }]);
    const update = Y.diffUpdate(Y.encodeStateAsUpdate(source), before);
    const want = String((i >> 4) % 2 === 0 ? 1 : 0);
    const cell = () => host.querySelector(`[data-testid="class-${i % c}-${want}"]`)?.getAttribute('aria-checked') === 'true';
    const t = performance.now();
    Y.applyUpdate(doc, update);
    await nextRender(host, cell);
    fast.push(performance.now() - t);
    const t2 = performance.now();
    foldDoc(doc);
    naive.push(performance.now() - t2 + (fast.at(-1) as number));
  }
  render(null, host);
  host.remove();
  app.dispose();
  labels.dispose();
  return { foldToRenderMs: median(fast), foldToRenderNaiveMs: median(naive) };
}

function idbRequest<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * Cold load with `events` events stored in IndexedDB: y-indexeddb into a Y.Doc, the live fold and
 * the first render of the Label tab's counts. Naive: one IndexedDB record per event (a plain
 * offline queue), read back with getAll and folded into a table by a last-writer-wins map.
 */
export async function benchColdLoad(n: number, c: number, events: number): Promise<Record<string, number>> {
  const name = `bench-cold-${Date.now()}`;
  {
    const doc = makeDoc(n, c);
    const writer = new EventWriter(doc, 'carol', new HybridClock(() => Date.now()));
    const r = rng(9);
    for (let done = 0; done < events; done += 100) {
      writer.append(Array.from({ length: 100 }, () => ({ row: Math.floor(r() * n), field: classField(Math.floor(r() * c)), value: 1 as const, dwell: 800 })));
    }
    const store = new IndexeddbPersistence(name, doc);
    await store.whenSynced;
    await store.destroy();
    doc.destroy();
  }
  const t0 = performance.now();
  const doc = new Y.Doc();
  const store = new IndexeddbPersistence(name, doc);
  await store.whenSynced;
  const tLoaded = performance.now();
  const labels = createLabelsBridge(doc, { annotator: 'carol' });
  const tFolded = performance.now();
  const host = document.createElement('div');
  document.body.appendChild(host);
  const app = createAppModel({
    config: { projectId: 'bench', title: 'bench', annotator: 'carol', role: 'annotator', classes: CLASSES(c), imageCount: n },
    labels,
    model: createModelBridge(new Y.Doc()),
    imageUrl: () => 'data:,',
    loadBlob: async () => new ArrayBuffer(0),
    dwellEnv: { now: () => performance.now(), isVisible: () => true, onVisibilityChange: () => () => undefined },
    rng: rng(6),
    now: () => Date.now(),
  });
  render(<LabelTab app={app} labels={labels} peers={signal<readonly Peer[]>([])} />, host);
  await nextRender(host, () => host.querySelector('[data-testid="counts-table"] tbody tr') !== null);
  const tRendered = performance.now();
  render(null, host);
  host.remove();
  await store.destroy();

  // Naive: one record per event.
  const naiveName = `${name}-naive`;
  const open = (): Promise<IDBDatabase> => {
    const req = indexedDB.open(naiveName, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('events', { autoIncrement: true });
    return idbRequest(req);
  };
  {
    const db = await open();
    const tx = db.transaction('events', 'readwrite');
    const os = tx.objectStore('events');
    const r = rng(9);
    for (let i = 0; i < events; i++) os.add({ row: Math.floor(r() * n), field: classField(Math.floor(r() * c)), value: 1, ts: Date.now() + i, by: 'carol', dwell: 800 });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }
  const n0 = performance.now();
  const db = await open();
  const all = (await idbRequest(db.transaction('events').objectStore('events').getAll())) as { row: number; field: number; value: number; ts: number; by: string }[];
  all.sort((a, b) => a.ts - b.ts || (a.by < b.by ? -1 : a.by > b.by ? 1 : 0));
  const cells = new Map<string, number>();
  for (const e of all) cells.set(`${e.row}:${e.field}`, e.value);
  const table = createEmptyLabelTable(n, CLASSES(c));
  for (const [key, v] of cells) {
    const [row, field] = key.split(':').map(Number) as [number, number];
    const col = table.labels[field - 2];
    if (col) col[row] = v;
  }
  const naiveMs = performance.now() - n0;
  db.close();
  return {
    coldLoadIdbMs: tLoaded - t0,
    coldLoadFoldMs: tFolded - tLoaded,
    coldLoadTotalMs: tRendered - t0,
    coldLoadNaiveMs: naiveMs,
    docEvents: labels.snapshot.peek()?.version ?? 0,
  };
}

declare global {
  interface Window {
    patchworkBench: { benchSampling: typeof benchSampling; benchFoldToRender: typeof benchFoldToRender; benchColdLoad: typeof benchColdLoad };
  }
}
window.patchworkBench = { benchSampling, benchFoldToRender, benchColdLoad };
