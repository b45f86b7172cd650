// Trainer benchmark: training samples/s per available backend, Global Pooling pooled once up
// front vs per batch, the Convnet on 28×28×1 and 7×7×512 maps, and prediction throughput.
// Scaled-down sizes by default; `--full` predicts 590k rows. Run: npx tsx bench/train/run.ts
import * as tf from '@tensorflow/tfjs';
import { createEmptyLabelTable } from '../../shared/table/label-table.ts';
import type { LabelTable } from '../../shared/table/label-table.ts';
import { DEFAULT_MODEL_SPEC, DEFAULT_TRAIN_OPTIONS, createRng, parseModelSpec } from '../../shared/training/index.ts';
import type { ModelSpec, TrainOptions } from '../../shared/training/index.ts';
import { backendAvailable, initBackend } from '../../trainer/backend.ts';
import { createFeatureSet } from '../../trainer/data/features.ts';
import type { FeatureSet } from '../../trainer/data/features.ts';
import { poolFeatures } from '../../trainer/data/pool.ts';
import { buildModel } from '../../trainer/models/index.ts';
import type { BuiltModel } from '../../trainer/models/index.ts';
import { predictAll, trainModel } from '../../trainer/train/index.ts';

const FULL = process.argv.includes('--full');
const CLASSES = Array.from({ length: 10 }, (_, i) => `c${i}`);
const rows: string[][] = [];

function randomFeatures(n: number, shape: number[], seed: number): FeatureSet {
  const rng = createRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n * size);
  for (let i = 0; i < data.length; i++) data[i] = rng();
  return createFeatureSet(data, n, shape);
}

function randomTable(n: number, seed: number): LabelTable {
  const rng = createRng(seed);
  const t = createEmptyLabelTable(n, CLASSES);
  for (let r = 0; r < n; r++) for (const l of t.labels) l[r] = rng() < 0.5 ? (rng() < 0.3 ? 1 : 0) : -1;
  return t;
}

/** Trains `steps` batches and returns samples per second (after one warm-up step). */
async function samplesPerSecond(model: BuiltModel, data: FeatureSet, table: LabelTable, batchSize: number, steps: number): Promise<number> {
  const options: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, batchSize, batchesPerEpoch: 1, epochs: 1 };
  await trainModel(model, { data, table: { ...table, validation: new Uint8Array(table.rowCount) } }, options);
  const result = await trainModel(model, { data, table: { ...table, validation: new Uint8Array(table.rowCount) } }, { ...options, batchesPerEpoch: steps });
  return result.samplesPerSecond;
}

function record(what: string, backend: string, value: number, unit: string, note = ''): void {
  rows.push([what, backend, value.toFixed(value >= 100 ? 0 : 1), unit, note]);
  console.log(`  ${what} [${backend}]: ${value.toFixed(1)} ${unit} ${note}`);
}

async function benchBackend(kind: 'cpu' | 'wasm' | 'node' | 'gpu'): Promise<void> {
  await initBackend(kind);
  const backend = tf.getBackend();
  const heavy = kind !== 'cpu';
  console.log(`backend ${kind} (${backend})`);

  // Global Pooling over 7×7×512 maps: pooled once up front vs per batch.
  const n = heavy ? 2000 : 400;
  const maps = randomFeatures(n, [7, 7, 512], 1);
  const table = randomTable(n, 2);
  const gp = buildModel(DEFAULT_MODEL_SPEC, [7, 7, 512], 10, 1);
  const t0 = performance.now();
  const pooled = poolFeatures(maps, 'max pool');
  const poolMs = performance.now() - t0;
  const upFront = await samplesPerSecond(gp, pooled, table, 64, heavy ? 50 : 10);
  const perBatchModel: BuiltModel = { ...gp, pooledUpFront: null, trainModel: gp.full };
  const perBatch = await samplesPerSecond(perBatchModel, maps, table, 64, heavy ? 20 : 5);
  record('Global Pooling 7×7×512 train, pooled up front', kind, upFront, 'samples/s', `(pooling ${n} rows took ${poolMs.toFixed(0)} ms)`);
  record('Global Pooling 7×7×512 train, pooled per batch', kind, perBatch, 'samples/s', `ratio up-front / per-batch = ${(upFront / perBatch).toFixed(1)}×`);
  gp.dispose();

  // Convnet on MNIST-sized maps and on 7×7×512 extractor maps.
  const spec28: ModelSpec = parseModelSpec({ fineTuning: { kind: 'convnet', layers: '8,p,d,8,p', kernelSize: 3, poolingType: 'flatten' } });
  const m28 = buildModel(spec28, [28, 28, 1], 10, 1);
  record('Convnet "8,p,d,8,p" k3 on 28×28×1 train', kind, await samplesPerSecond(m28, randomFeatures(500, [28, 28, 1], 3), randomTable(500, 4), 32, heavy ? 10 : 3), 'samples/s');
  m28.dispose();
  if (heavy) {
    const spec512: ModelSpec = parseModelSpec({ fineTuning: { kind: 'convnet' } });
    const m512 = buildModel(spec512, [7, 7, 512], 10, 1);
    record('Convnet default "128,p,d,128" k1 on 7×7×512 train', kind, await samplesPerSecond(m512, maps, table, 16, 10), 'samples/s');
    m512.dispose();
  }

  // Prediction throughput of the output head over pooled 512-d vectors.
  const predictRows = FULL && heavy ? 590_000 : heavy ? 50_000 : 10_000;
  const vectors = randomFeatures(predictRows, [512], 5);
  const head = buildModel(DEFAULT_MODEL_SPEC, [512], 19, 1);
  const p0 = performance.now();
  await predictAll(head, vectors, 1024);
  const predictMs = performance.now() - p0;
  record(`predict ${predictRows} × 512 → 19 classes (batch 1024)`, kind, (predictRows / predictMs) * 1000, 'rows/s', `${(predictMs / 1000).toFixed(2)} s`);
  head.dispose();
}

console.log(`trainer benchmark (${FULL ? 'full' : 'scaled-down'} sizes)`);
for (const kind of ['gpu', 'node', 'wasm', 'cpu'] as const) {
  if (kind === 'gpu' || kind === 'node') {
    if (!(await backendAvailable(kind))) {
      console.log(`backend ${kind}: not installed, skipped`);
      continue;
    }
  }
  await benchBackend(kind);
}
const wasmUp = rows.find((r) => r[0]?.startsWith('Global Pooling') && r[0].includes('up front') && r[1] === 'wasm');
const cpuUp = rows.find((r) => r[0]?.startsWith('Global Pooling') && r[0].includes('up front') && r[1] === 'cpu');
console.log('\n| measurement | backend | value | unit | note |\n|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
if (wasmUp && cpuUp) console.log(`\nwasm / cpu (Global Pooling, pooled up front): ${(Number(wasmUp[2]) / Number(cpuUp[2])).toFixed(1)}×`);
