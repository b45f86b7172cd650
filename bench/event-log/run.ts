// Event-log benchmark: append cost (is it flat?), bytes per event, cold load + fold, as-of fold,
// incremental fold and bulk import of the segmented labels document, against a flat single Y.Array
// with one push per edit (the layout DESIGN.md warns about) measured in the same run.
// Usage: npx tsx bench/event-log/run.ts [--sizes 1000,10000,100000,1000000] [--baseline 1000,10000,30000] [--import-rows 590000]
import * as Y from 'yjs';
import { EventWriter, HybridClock, LiveLabelTable, foldDoc, initLabelsDoc } from '../../shared/labels/index.ts';
import { createEmptyLabelTable } from '../../shared/table/label-table.ts';

const ROWS = 590_000;
const CLASSES = Array.from({ length: 19 }, (_, i) => `class${i}`);

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const SIZES = arg('sizes', '1000,10000,100000,1000000').split(',').map(Number);
const BASELINE_SIZES = arg('baseline', '1000,10000,30000').split(',').map(Number);
const IMPORT_ROWS = Number(arg('import-rows', String(ROWS)));

/** Deterministic pseudo-random integers (xorshift), so runs are comparable. */
function createRng(seed: number): (n: number) => number {
  let s = seed >>> 0 || 1;
  return (n) => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s % n;
  };
}

function newProjectDoc(): Y.Doc {
  const doc = new Y.Doc();
  initLabelsDoc(doc, { projectId: 'bench', classes: CLASSES, imageCount: ROWS, manifest: '0'.repeat(64) });
  return doc;
}

interface AppendResult { n: number; usPerEvent: number; cpuUsPerEvent: number; lastWindowUs: number; bytesPerEvent: number; doc: Y.Doc; clock: { now: number }; writer: EventWriter }

/** n single-edit appends (one transaction each), an annotator labelling at about 1.7 s per image. */
function benchAppend(n: number): AppendResult {
  const doc = newProjectDoc();
  const before = Y.encodeStateAsUpdate(doc).length;
  const clock = { now: 1_750_000_000_000 };
  const writer = new EventWriter(doc, 'annotator-01', new HybridClock(() => clock.now));
  const rand = createRng(n);
  const windowSize = Math.max(1, Math.min(1000, Math.floor(n / 10)));
  const cpu = process.cpuUsage();
  const start = performance.now();
  let windowStart = start;
  for (let i = 0; i < n; i++) {
    if (i === n - windowSize) windowStart = performance.now();
    clock.now += 500 + rand(2500);
    writer.append([{ row: rand(ROWS), field: 2 + rand(19), value: (rand(2)) as 0 | 1, dwell: 300 + rand(5000) }]);
  }
  const end = performance.now();
  const used = process.cpuUsage(cpu);
  const bytes = Y.encodeStateAsUpdate(doc).length - before;
  return { n, usPerEvent: ((end - start) * 1000) / n, cpuUsPerEvent: (used.user + used.system) / n, lastWindowUs: ((end - windowStart) * 1000) / windowSize, bytesPerEvent: bytes / n, doc, clock, writer };
}

/** The flat layout: one root Y.Array, one push (transaction) per edit. */
function benchFlat(n: number): { n: number; usPerEvent: number; cpuUsPerEvent: number; bytesPerEvent: number } {
  const doc = new Y.Doc();
  const log = doc.getArray<unknown>('events');
  const rand = createRng(n);
  let ts = 1_750_000_000_000;
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    ts += 500 + rand(2500);
    log.push([[rand(ROWS), 2 + rand(19), rand(2), ts, 300 + rand(5000)]]);
  }
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { n, usPerEvent: (ms * 1000) / n, cpuUsPerEvent: (used.user + used.system) / n, bytesPerEvent: Y.encodeStateAsUpdate(doc).length / n };
}

/** Runs f; returns its result, wall ms, and process CPU ms (a steadier figure on a shared machine). */
function time<T>(f: () => T): [T, number, number] {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const out = f();
  const used = process.cpuUsage(cpu);
  return [out, performance.now() - start, (used.user + used.system) / 1000];
}
const both = (wall: number, cpu: number, d = 0): string => `${wall.toFixed(d)} (cpu ${cpu.toFixed(d)})`;

const fmt = (x: number, d = 2): string => x.toFixed(d);
const rowsOut: string[][] = [];
const row = (...cells: string[]): void => void rowsOut.push(cells);

// Warm the JIT on both layouts (untimed), then the baseline (small), then the segmented layout.
benchFlat(2000);
benchAppend(20_000).doc.destroy();
const flat = BASELINE_SIZES.map(benchFlat);
const appends: AppendResult[] = [];
for (const n of SIZES) {
  const result = benchAppend(n);
  appends.push(result);
  if (appends.length > 1) {
    const prev = appends[appends.length - 2];
    if (prev) prev.doc.destroy();
  }
}
row('measure', 'value', 'baseline (flat Y.Array)', 'ratio', 'target');
for (const a of appends) {
  const f = flat.find((x) => x.n === a.n) ?? flat[flat.length - 1];
  const ratio = f ? `${fmt(f.cpuUsPerEvent / a.cpuUsPerEvent, 1)}x (cpu; flat at ${f.n})` : '';
  row(`append ${a.n} events, µs/event wall (cpu) [last ${Math.min(1000, Math.floor(a.n / 10))} wall]`, `${fmt(a.usPerEvent)} (cpu ${fmt(a.cpuUsPerEvent)}) [${fmt(a.lastWindowUs)}]`, f ? `${fmt(f.usPerEvent)} (cpu ${fmt(f.cpuUsPerEvent)}) @ ${f.n}` : '', ratio, '≤ 10 µs, flat');
}
for (const f of flat) row(`flat baseline ${f.n} events, µs/event wall (cpu)`, `${fmt(f.usPerEvent)} (cpu ${fmt(f.cpuUsPerEvent)})`, '', '', '(quadratic)');
const largest = appends[appends.length - 1] as AppendResult;
const flatLargest = flat[flat.length - 1];
row(`bytes per event (${largest.n})`, fmt(largest.bytesPerEvent, 1), flatLargest ? `${fmt(flatLargest.bytesPerEvent, 1)} @ ${flatLargest.n}` : '', '', '≤ 40');

// Cold load + fold of the largest log.
const update = Y.encodeStateAsUpdate(largest.doc);
const cold = new Y.Doc();
const [, loadMs, loadCpu] = time(() => Y.applyUpdate(cold, update));
const [folded, foldMs, foldCpu] = time(() => foldDoc(cold));
row(`cold load (applyUpdate) of ${largest.n} events, ms`, both(loadMs, loadCpu), '', '', '');
row(`fold of ${largest.n} events, ms`, both(foldMs, foldCpu), '', '', '');
row(`cold load + fold of ${largest.n}, ms`, both(loadMs + foldMs, loadCpu + foldCpu), '', '', '≤ 2000 (1M)');
if (folded.version !== largest.n) throw new Error(`fold saw ${folded.version} of ${largest.n} events`);
const mid = 1_750_000_000_000 + (largest.clock.now - 1_750_000_000_000) / 2;
const [asOf, asOfMs, asOfCpu] = time(() => foldDoc(cold, { asOf: mid }));
row(`as-of fold (half of ${largest.n}), ms`, both(asOfMs, asOfCpu), '', '', '');
if (asOf.version <= 0 || asOf.version >= largest.n) throw new Error('as-of fold did not cut the log');

// Incremental fold of 1k new events on the large table, against a full refold.
const [live, liveBuildMs, liveBuildCpu] = time(() => new LiveLabelTable(cold));
const sv = Y.encodeStateVector(largest.doc);
for (let i = 0; i < 1000; i++) {
  largest.clock.now += 1000;
  largest.writer.append([{ row: (i * 7919) % ROWS, field: 2 + (i % 19), value: 1, dwell: 1000 }]);
}
const delta = Y.encodeStateAsUpdate(largest.doc, sv);
const [, incMs, incCpu] = time(() => Y.applyUpdate(cold, delta));
if (live.version !== largest.n + 1000 || live.refolds !== 1) throw new Error(`incremental fold: version ${live.version}, refolds ${live.refolds}`);
const [, refoldMs, refoldCpu] = time(() => foldDoc(cold));
row(`live table build on ${largest.n}, ms`, both(liveBuildMs, liveBuildCpu), '', '', '');
row(`apply + incremental fold of 1k new events on ${largest.n}, ms`, both(incMs, incCpu, 1), `full refold ${both(refoldMs, refoldCpu)}`, `${fmt(refoldCpu / Math.max(incCpu, 0.01), 0)}x (cpu)`, '');
live.dispose();

// Bulk import of a fully labelled table.
if (IMPORT_ROWS > 0) {
  const doc = new Y.Doc();
  initLabelsDoc(doc, { projectId: 'bench', classes: CLASSES, imageCount: IMPORT_ROWS, manifest: '0'.repeat(64) });
  const table = createEmptyLabelTable(IMPORT_ROWS, CLASSES);
  const rand = createRng(7);
  for (const column of table.labels) for (let r = 0; r < IMPORT_ROWS; r++) column[r] = rand(2);
  const writer = new EventWriter(doc, 'importer', new HybridClock(() => 1_750_000_000_000));
  const before = Y.encodeStateAsUpdate(doc).length;
  const [cells, importMs, importCpu] = time(() => writer.importTable(table));
  const bytes = Y.encodeStateAsUpdate(doc).length - before;
  const importUpdate = Y.encodeStateAsUpdate(doc);
  const target = new Y.Doc();
  const [, importLoadMs, importLoadCpu] = time(() => Y.applyUpdate(target, importUpdate));
  const [importFold, importFoldMs, importFoldCpu] = time(() => foldDoc(target));
  if (importFold.version !== cells) throw new Error('import fold lost cells');
  row(`bulk import ${IMPORT_ROWS} × ${CLASSES.length} (${cells} cells), ms`, both(importMs, importCpu), '', '', '');
  row('bulk import bytes per cell', fmt(bytes / cells, 3), `${fmt(bytes / 1e6, 2)} MB total`, '', '');
  row('bulk import cold load + fold, ms', both(importLoadMs + importFoldMs, importLoadCpu + importFoldCpu), '', '', '');
}

const widths = rowsOut[0]?.map((_, c) => Math.max(...rowsOut.map((r) => (r[c] ?? '').length))) ?? [];
for (const [i, r] of rowsOut.entries()) {
  console.log(r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
}
const first = appends[0];
if (first && appends.length > 1) console.log(`\nflatness: cpu µs/event at ${largest.n} / at ${first.n} = ${fmt(largest.cpuUsPerEvent / first.cpuUsPerEvent)}; wall ${fmt(largest.usPerEvent / first.usPerEvent)}`);
console.log('cpu = process.cpuUsage (includes GC helper threads); wall times are inflated when the machine is shared.');
console.log(`node ${process.version}, yjs 13.6.33, ${new Date().toISOString()}`);
