// kNN graph benchmark: Patchwork's cosine kNN (usearch HNSW, or exact usearch brute force) against
// the original's scikit-learn NearestNeighbors(metric="cosine") on the same features, same run.
// usage: npx tsx bench/knn/run.ts [--size quick|50k|200k | --n N] [--d 512] [--k 10]
//        [--data clustered|random] [--baseline-queries Q] [--no-baseline] [--exact]
//        [--connectivity M] [--expansion-add E] [--expansion-search E] [--threads T]
//        [--quantization i8|f16|f32] [--configs "M,efC,ef,q;M,efC,ef,q"]   (several HNSW settings
//        against one baseline run)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_CONNECTIVITY,
  DEFAULT_EXPANSION_ADD,
  DEFAULT_EXPANSION_SEARCH,
  DEFAULT_QUANTIZATION,
  HNSW_QUANTIZATIONS,
  compareNeighbours,
  type HnswQuantization,
  exactKnn,
  hnswKnn,
  measureRecall,
  normaliseRows,
  type FeatureMatrix,
} from '../../trainer/graph/index.ts';
import { createNormalisedGraph, type NeighbourLists } from '../../shared/propagation/index.ts';
import { DATA_KINDS, createFeatures, type DataKind } from './data.ts';
import { readNpyInt32, writeNpyFloat32 } from './npy.ts';

/** Preset sizes. */
const SIZES: Record<string, number> = { quick: 10_000, '50k': 50_000, '200k': 200_000 };

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'quick' },
    n: { type: 'string' },
    d: { type: 'string', default: '512' },
    k: { type: 'string', default: '10' },
    data: { type: 'string', default: 'clustered' },
    'baseline-queries': { type: 'string' },
    'no-baseline': { type: 'boolean', default: false },
    exact: { type: 'boolean', default: false },
    connectivity: { type: 'string', default: String(DEFAULT_CONNECTIVITY) },
    'expansion-add': { type: 'string', default: String(DEFAULT_EXPANSION_ADD) },
    'expansion-search': { type: 'string', default: String(DEFAULT_EXPANSION_SEARCH) },
    threads: { type: 'string', default: '0' },
    configs: { type: 'string' },
    quantization: { type: 'string', default: DEFAULT_QUANTIZATION },
  },
});

const n = values.n ? Number(values.n) : SIZES[values.size as string];
if (!n) throw new Error(`unknown size ${values.size}`);
const d = Number(values.d);
const k = Number(values.k);
const kind = values.data as DataKind;
if (!DATA_KINDS.includes(kind)) throw new Error(`--data must be one of ${DATA_KINDS.join(', ')}`);
const threads = Number(values.threads);
const configs = values.configs
  ? (values.configs as string).split(';').map((c) => {
      const [connectivity, expansionAdd, expansionSearch] = c.split(',').slice(0, 3).map(Number) as [number, number, number];
      const quantization = (c.split(',')[3] ?? values.quantization) as HnswQuantization;
      return { connectivity, expansionAdd, expansionSearch, quantization };
    })
  : [
      {
        connectivity: Number(values.connectivity),
        expansionAdd: Number(values['expansion-add']),
        expansionSearch: Number(values['expansion-search']),
        quantization: values.quantization as HnswQuantization,
      },
    ];
for (const config of configs) {
  if (!HNSW_QUANTIZATIONS.includes(config.quantization)) throw new Error(`quantization must be one of ${HNSW_QUANTIZATIONS.join(', ')}`);
}
const baselineQueries = values['baseline-queries'] ? Number(values['baseline-queries']) : n <= 50_000 ? 0 : 10_000;

/** A Python that can import scikit-learn ($PYTHON, python3, or Debian's /usr/bin/python3). */
function findPython(): string | null {
  for (const candidate of [process.env.PYTHON, 'python3', '/usr/bin/python3']) {
    if (!candidate) continue;
    try {
      execFileSync(candidate, ['-c', 'import sklearn'], { stdio: 'ignore' });
      return candidate;
    } catch (error) {
      if (!(error instanceof Error)) throw error;
    }
  }
  return null;
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

const rows: [string, string, string, string][] = [];
const log = (line: string): void => console.error(line);

log(`kNN benchmark: N = ${n}, d = ${d}, k = ${k}, data = ${kind}, threads = ${threads || 'auto'}`);
let t = performance.now();
const features = createFeatures(kind, n, d);
log(`  data generated in ${seconds(t).toFixed(1)} s`);
const unit: FeatureMatrix = normaliseRows({ n, d, data: features });

// Baseline first, so our run cannot warm caches for it.
let baselineSeconds: number | null = null;
let sklearnIndices: Int32Array | null = null;
let baselineQueried = 0;
const python = values['no-baseline'] ? null : findPython();
if (!values['no-baseline'] && !python) log('  scikit-learn not found (install python3-sklearn): baseline skipped');
if (python) {
  const dir = mkdtempSync(join(tmpdir(), 'pw-knn-'));
  try {
    writeNpyFloat32(join(dir, 'features.npy'), features, [n, d]);
    log(`  running scikit-learn baseline (${baselineQueries ? `${baselineQueries} queries, extrapolated` : 'all queries'})…`);
    const out = execFileSync(python, [join(import.meta.dirname, 'baseline.py'), join(dir, 'features.npy'), String(k), String(baselineQueries), join(dir, 'indices.npy')], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    const report = JSON.parse(out.trim().split('\n').pop() as string) as { seconds: number; seconds_all_rows: number; queries: number; sklearn: string };
    baselineSeconds = report.seconds_all_rows;
    baselineQueried = report.queries;
    sklearnIndices = readNpyInt32(join(dir, 'indices.npy')).data;
    rows.push([`scikit-learn ${report.sklearn} NearestNeighbors(cosine), brute`, report.seconds.toFixed(2) + (report.queries < n ? ` (${report.queries} q)` : ''), baselineSeconds.toFixed(2), '1 (exact)']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Recall against scikit-learn's answer for the queried rows (self dropped, as Patchwork does). */
function recallAgainstSklearn(lists: NeighbourLists): number | null {
  if (!sklearnIndices) return null;
  const width = k + 1;
  const exact = { n: baselineQueried, k, neighbours: new Int32Array(baselineQueried * k).fill(-1), distances: new Float64Array(baselineQueried * k) };
  for (let i = 0; i < baselineQueried; i++) {
    let s = 0;
    for (let q = 0; q < width && s < k; q++) {
      const j = sklearnIndices[i * width + q] as number;
      if (j === i) continue;
      exact.neighbours[i * k + s] = j;
      let dot = 0;
      for (let x = 0; x < d; x++) dot += (unit.data[i * d + x] as number) * (unit.data[j * d + x] as number);
      exact.distances[i * k + s] = 1 - dot;
      s++;
    }
  }
  return compareNeighbours(lists, exact, Int32Array.from({ length: baselineQueried }, (_, i) => i)).recall;
}

let weightSeconds = 0;
let recallSeconds = 0;
const outcomes: { label: string; seconds: number; recall: number }[] = [];
for (const hnsw of configs) {
  log(`  usearch HNSW (M = ${hnsw.connectivity}, efConstruction = ${hnsw.expansionAdd}, ef = ${hnsw.expansionSearch}, ${hnsw.quantization})…`);
  t = performance.now();
  const approx = await hnswKnn(unit, k, { ...hnsw, threads });
  const hnswSeconds = seconds(t);
  t = performance.now();
  createNormalisedGraph(approx, { k, temperature: 0.01, metric: 'cosine', search: 'hnsw', recall: null, recallSamples: 0, featureDim: d });
  weightSeconds = seconds(t);
  t = performance.now();
  const sampled = measureRecall(unit, approx, 1000, threads);
  recallSeconds = seconds(t);
  const vsSklearn = recallAgainstSklearn(approx);
  const label = `usearch HNSW ${hnsw.quantization} M=${hnsw.connectivity} efC=${hnsw.expansionAdd} ef=${hnsw.expansionSearch}`;
  outcomes.push({ label, seconds: hnswSeconds, recall: sampled.recall });
  rows.push([
    label,
    hnswSeconds.toFixed(2),
    hnswSeconds.toFixed(2),
    `${sampled.recall.toFixed(4)} (1000 sampled)` + (vsSklearn === null ? '' : `; ${vsSklearn.toFixed(4)} vs sklearn (${baselineQueried} q)`),
  ]);
}

if (values.exact) {
  log('  usearch exact brute force…');
  t = performance.now();
  const exact = await exactKnn(unit, k, { threads });
  const exactSeconds = seconds(t);
  const vs = recallAgainstSklearn(exact);
  rows.push(['usearch exact (SIMD brute force)', exactSeconds.toFixed(2), exactSeconds.toFixed(2), vs === null ? '1 (exact)' : `${vs.toFixed(4)} vs sklearn`]);
}

console.log(`\nkNN graph, N = ${n}, d = ${d}, k = ${k}, cosine, ${kind} data\n`);
console.log('| method | seconds | seconds, all rows | recall@10 |');
console.log('|---|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log(`\nweights + normalisation: ${weightSeconds.toFixed(2)} s; recall measurement (1000 exact queries): ${recallSeconds.toFixed(2)} s`);
if (baselineSeconds !== null) {
  for (const outcome of outcomes) {
    const ratio = baselineSeconds / outcome.seconds;
    const ok = ratio >= 5 && outcome.recall >= 0.99;
    console.log(`${outcome.label}: ${ratio.toFixed(2)}× faster than scikit-learn at recall@10 ${outcome.recall.toFixed(4)} (target ≥ 5× at ≥ 0.99: ${ok ? 'met' : 'NOT met'})`);
  }
}
