// Training on augmented images through a live extractor vs on cached features (the baseline,
// measured in the same run): real emoji PNGs decoded at 128×128, a 3-layer conv extractor, the
// default Global Pooling head, wasm backend; augmentation on the main thread and on worker threads.
// Run: npx tsx bench/train-images/run.ts [--backend cpu] [--workers n]
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createEmptyLabelTable } from '../../shared/table/label-table.ts';
import { DEFAULT_MODEL_SPEC, DEFAULT_TRAIN_OPTIONS, createRng, parseModelSpec } from '../../shared/training/index.ts';
import type { ModelSpec, TrainOptions } from '../../shared/training/index.ts';
import { initBackend } from '../../trainer/backend.ts';
import { createImageStore, extractFeatures } from '../../trainer/extract/index.ts';
import type { ImageReader, LoadedExtractor } from '../../trainer/extract/index.ts';
import { DEFAULT_AUGMENT_WORKERS, createAugmentPool, createTrainerSession } from '../../trainer/train/index.ts';

const N = 256;
const SHAPE = { height: 128, width: 128 };
const CLASSES = ['a', 'b', 'c', 'd', 'e'];
const backendArg = process.argv.indexOf('--backend');
const BACKEND = (backendArg > 0 ? process.argv[backendArg + 1] : 'wasm') as 'wasm' | 'cpu';
const workersArg = process.argv.indexOf('--workers');
const WORKERS = workersArg > 0 ? Number(process.argv[workersArg + 1]) : Math.max(1, DEFAULT_AUGMENT_WORKERS);
const STEPS = 10;
const BATCH = 16;

const require = createRequire(import.meta.url);
const emojiDir = join(dirname(require.resolve('emoji-datasource-google/package.json')), 'img', 'google', '64');
const files = readdirSync(emojiDir).filter((f) => f.endsWith('.png')).sort().slice(0, N);
const read: ImageReader = async (row) => new Uint8Array(readFileSync(join(emojiDir, files[row] as string)));

function makeExtractor(): LoadedExtractor {
  const input = tf.input({ shape: [SHAPE.height, SHAPE.width, 3] });
  let x: tf.SymbolicTensor = input;
  for (const filters of [16, 32, 64]) x = tf.layers.conv2d({ filters, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: filters }) }).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: x });
  return { kind: 'layers', model, path: 'bench-extractor', json: new Uint8Array(), inputShape: [null, SHAPE.height, SHAPE.width, 3], dispose: () => model.dispose() };
}

await initBackend(BACKEND);
console.log(`augmented-image training benchmark: ${N} emoji at ${SHAPE.height}×${SHAPE.width}, backend ${tf.getBackend()}, batch ${BATCH}, ${STEPS} steps per measurement`);
const extractor = makeExtractor();
const t0 = performance.now();
const features = await extractFeatures(extractor, read, { count: N, shape: SHAPE });
const extractMs = performance.now() - t0;
console.log(`extraction: ${N} images → [${features.rowShape.join(', ')}] in ${(extractMs / 1000).toFixed(2)} s (${((N / extractMs) * 1000).toFixed(0)} images/s)`);

const rng = createRng(3);
const table = createEmptyLabelTable(N, CLASSES);
for (let r = 0; r < N; r++) for (const column of table.labels) column[r] = rng() < 0.3 ? 1 : 0;
const images = createImageStore({ read, shape: SHAPE });
const session = createTrainerSession(features, 'bench', { extractor, images });
const pool = createAugmentPool(WORKERS);
const pooledSession = createTrainerSession(features, 'bench', { extractor, images, augmentPool: pool });
const FIXMATCH: ModelSpec = parseModelSpec({ semiSupervised: { lambda: 1, tau: 0.9, mu: 1 } });

async function samplesPerSecond(spec: ModelSpec, training: Partial<TrainOptions>, onWorkers = false): Promise<{ value: number; augmentation: string }> {
  const options: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, batchSize: BATCH, batchesPerEpoch: 2, epochs: 1, updatePredictions: false, ...training };
  const s = onWorkers ? pooledSession : session;
  await s.run({ runId: 'warm-up', table, labelVersion: 1, model: spec, training: options });
  const out = await s.run({ runId: 'measure', table, labelVersion: 1, model: spec, training: { ...options, batchesPerEpoch: STEPS } });
  return { value: out.record.samplesPerSecond, augmentation: out.record.augmentation ?? '?' };
}

const cases: [string, ModelSpec, Partial<TrainOptions>, boolean][] = [
  ['cached features (baseline)', DEFAULT_MODEL_SPEC, { augment: false }, false],
  ['images, no operation (decode cache + extractor)', DEFAULT_MODEL_SPEC, { augment: {} }, false],
  ['images, default augmentation, main thread', DEFAULT_MODEL_SPEC, {}, false],
  [`images, default augmentation, ${WORKERS} worker(s)`, DEFAULT_MODEL_SPEC, {}, true],
  ['cached features + FixMatch (feature maps)', FIXMATCH, { augment: false, strongAugment: false }, false],
  ['images + FixMatch (weak + strong images), main thread', FIXMATCH, {}, false],
  [`images + FixMatch (weak + strong images), ${WORKERS} worker(s)`, FIXMATCH, {}, true],
];
const results: { name: string; value: number; augmentation: string }[] = [];
for (const [name, spec, training, onWorkers] of cases) {
  const r = await samplesPerSecond(spec, training, onWorkers);
  results.push({ name, ...r });
  console.log(`  ${name}: ${r.value.toFixed(1)} samples/s (augmentation: ${r.augmentation})`);
}
const base = results[0]?.value ?? 1;
console.log('\n| training inputs | augmentation | samples/s | vs cached features |\n|---|---|---|---|');
for (const r of results) console.log(`| ${r.name} | ${r.augmentation} | ${r.value.toFixed(1)} | ${(r.value / base).toFixed(3)}× |`);
const stats = images.stats();
console.log(`\nimage cache: ${stats.images} images, ${(stats.bytes / 2 ** 20).toFixed(1)} MiB, ${stats.hits} hits / ${stats.misses} misses`);
session.dispose();
pooledSession.dispose();
await pool.dispose();
extractor.dispose();
