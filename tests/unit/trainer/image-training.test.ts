// Training on augmented images through a live extractor (real MNIST digits as PNG bytes, a small
// seeded conv extractor, wasm backend): with no operation enabled the image path reproduces the
// feature path; augmentation changes the losses but a fixed seed repeats exactly; FixMatch runs
// three extractor passes a step; cancel while images load; fine-tuning the extractor after N
// epochs (exported whole, reset on rebuild); the image store's cache and errors.
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TRAIN_OPTIONS, parseModelSpec } from '../../../shared/training/index.ts';
import type { ModelSpec, TrainOptions } from '../../../shared/training/index.ts';
import { createEmptyLabelTable } from '../../../shared/table/label-table.ts';
import { createImageStore, extractFeatures } from '../../../trainer/extract/index.ts';
import { createBytesLoader } from '../../../trainer/models/index.ts';
import type { ImageReader, LoadedExtractor } from '../../../trainer/extract/index.ts';
import { createTrainerSession } from '../../../trainer/train/index.ts';
import { createAugmentPool } from '../../../trainer/train/augment-pool.ts';
import type { LiveExtractor } from '../../../trainer/train/index.ts';
import { loadMnist } from '../../helpers/trainer-data.ts';
import { createSeededRandom } from '../../helpers/seeded-random.ts';
import { expectNoLeakedTensors, useTrainerBackend } from '../../helpers/trainer-tf.ts';

const SHAPE = { height: 32, width: 32 };
const N = 60;
const OPTIONS: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, batchSize: 8, batchesPerEpoch: 4, epochs: 2, learningRate: 0.02, seed: 5 };
const POOLED: ModelSpec = parseModelSpec({ fineTuning: { kind: 'global-pooling', poolingType: 'average pool' } });

let pngs: Uint8Array[] = [];
beforeAll(async () => {
  await useTrainerBackend('wasm');
  const { features } = loadMnist(N / 10);
  pngs = await Promise.all(Array.from({ length: N }, (_, row) => {
    const gray = Buffer.from(Array.from(features.data.subarray(row * 784, (row + 1) * 784), (v) => Math.round(v * 255)));
    return sharp(gray, { raw: { width: 28, height: 28, channels: 1 } }).png().toBuffer().then((b) => new Uint8Array(b));
  }));
});

/** Conv2D(4, 3×3, stride 2, relu) over [32, 32, 3] with seeded weights (+ batch norm), as a LoadedExtractor. */
function makeExtractor(batchNorm = false): LoadedExtractor {
  const input = tf.input({ shape: [SHAPE.height, SHAPE.width, 3] });
  const conv = tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' });
  let out = conv.apply(input) as tf.SymbolicTensor;
  const bn = batchNorm ? tf.layers.batchNormalization() : null;
  if (bn) out = bn.apply(out) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });
  const random = createSeededRandom(11);
  conv.setWeights([tf.tensor4d(Array.from({ length: 108 }, () => random.next() - 0.3), [3, 3, 3, 4]), tf.tensor1d([0.05, 0, -0.05, 0.1])]);
  bn?.setWeights([tf.tensor1d([1.1, 0.9, 1, 1.2]), tf.tensor1d([0, 0.1, 0, -0.1]), tf.tensor1d([0.2, 0.1, 0.3, 0.2]), tf.tensor1d([0.5, 0.4, 0.6, 0.5])]);
  return { kind: 'layers', model, path: 'test-extractor', json: new Uint8Array(), inputShape: [null, 32, 32, 3], dispose: () => model.dispose() };
}

/** Digits 0–4 vs 5–9 and even vs odd; every sixth row in validation. */
function digitTable() {
  const { digits } = loadMnist(N / 10);
  const table = createEmptyLabelTable(N, ['small', 'even']);
  for (let row = 0; row < N; row++) {
    const d = digits[row] as number;
    (table.labels[0] as Int8Array)[row] = d < 5 ? 1 : 0;
    (table.labels[1] as Int8Array)[row] = d % 2 === 0 ? 1 : 0;
    table.validation[row] = row % 6 === 0 ? 1 : 0;
  }
  return table;
}

async function setup(read: ImageReader = async (row) => pngs[row] as Uint8Array, batchNorm = false) {
  const extractor = makeExtractor(batchNorm);
  const features = await extractFeatures(extractor, read, { count: N, shape: SHAPE });
  const images = createImageStore({ read, shape: SHAPE });
  const live: LiveExtractor = { extractor, images };
  return { extractor, features, images, live, table: digitTable() };
}

async function train(t: Awaited<ReturnType<typeof setup>>, training: TrainOptions, model: ModelSpec = POOLED, live: LiveExtractor | null = t.live) {
  const session = createTrainerSession(t.features, 'test', live);
  try {
    return await session.run({ runId: 'r', table: t.table, labelVersion: 1, model, training });
  } finally {
    session.dispose();
  }
}

describe('training on augmented images through a live extractor', () => {
  it('with no operation enabled, the image path gives the feature path’s losses (pooling done per batch)', async () => {
    const t = await setup();
    const viaFeatures = await train(t, { ...OPTIONS, augment: false }, POOLED, null);
    const viaImages = await train(t, { ...OPTIONS, augment: {} });
    expect(viaFeatures.record.augmentation).toBe('none');
    expect(viaImages.record.augmentation).toBe('image');
    const a = viaFeatures.record.loss.supervised;
    const b = viaImages.record.loss.supervised;
    expect(b).toHaveLength(8);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i] as number, 4);
    t.extractor.dispose();
  }, 60_000);

  it('default augmentation: different losses, the same run twice with one seed, one extractor pass a step, images cached', async () => {
    const t = await setup();
    const predict = vi.spyOn(t.extractor.model as tf.LayersModel, 'predict');
    const plain = await train(t, { ...OPTIONS, augment: false }, POOLED, null);
    expect(predict).not.toHaveBeenCalled();
    const first = await expectNoLeakedTensors(() => train(t, OPTIONS));
    expect(predict).toHaveBeenCalledTimes(8);
    predict.mockClear();
    const second = await train(t, OPTIONS);
    expect(second.record.loss.supervised).toEqual(first.record.loss.supervised);
    // Augmenting on two worker threads gives the very same run.
    const pool = createAugmentPool(2);
    const onWorkers = await train(t, OPTIONS, POOLED, { ...t.live, augmentPool: pool });
    await pool.dispose();
    expect(onWorkers.record.loss.supervised).toEqual(first.record.loss.supervised);
    expect(Array.from(second.predictions ?? [])).toEqual(Array.from(first.predictions ?? []));
    expect(first.record.loss.supervised).not.toEqual(plain.record.loss.supervised);
    // Validation and predictions use the cached, unaugmented features.
    expect(first.predictions).toHaveLength(N * 2);
    const stats = t.images.stats();
    const trainingRows = N - N / 6;
    expect(stats.misses).toBe(trainingRows);
    expect(stats.hits).toBeGreaterThan(0);
    predict.mockRestore();
    t.extractor.dispose();
  }, 60_000);

  it('FixMatch: weak and strong views each run through the extractor, with a non-zero semi-supervised loss', async () => {
    const t = await setup();
    const predict = vi.spyOn(t.extractor.model as tf.LayersModel, 'predict');
    const spec = parseModelSpec({ fineTuning: { kind: 'global-pooling', poolingType: 'max pool' }, semiSupervised: { lambda: 1, tau: 0.5, mu: 2 } });
    const out = await train(t, { ...OPTIONS, epochs: 1 }, spec);
    expect(out.record.augmentation).toBe('image');
    expect(predict).toHaveBeenCalledTimes(4 * 3);
    expect(out.record.loss.semisupervised.some((v) => v > 0)).toBe(true);
    predict.mockClear();
    // Strong augmentation off: the strong view is the cached feature row (two passes a step).
    await train(t, { ...OPTIONS, epochs: 1, strongAugment: false }, spec);
    expect(predict).toHaveBeenCalledTimes(4 * 2);
    predict.mockRestore();
    t.extractor.dispose();
  }, 60_000);

  it('a cancel while the training images load ends the run as cancelled', async () => {
    const gate = { release: () => undefined as void };
    const blocked = new Promise<void>((resolve) => (gate.release = resolve));
    let blocking = false;
    const t = await setup(async (row, signal) => {
      if (blocking) {
        await Promise.race([blocked, new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }))]);
      }
      return pngs[row] as Uint8Array;
    });
    blocking = true;
    const abort = new AbortController();
    const session = createTrainerSession(t.features, 'test', t.live);
    const messages: string[] = [];
    const run = session.run({ runId: 'c', table: t.table, labelVersion: 1, model: POOLED, training: OPTIONS, signal: abort.signal, onProgress: (p) => messages.push(p.message) });
    setImmediate(() => abort.abort(new Error('cancelled by test')));
    const out = await run;
    expect(out.record.status).toBe('cancelled');
    expect(out.record.steps).toBe(0);
    expect(out.predictions).toBeNull();
    gate.release();
    session.dispose();
    t.extractor.dispose();
  }, 60_000);
});

describe('fine-tuning the feature extractor (Train tab: "fine-tune after N epochs")', () => {
  const weightsOf = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));

  it('trains the extractor from epoch N, predicts from re-extracted features, exports images → probabilities, and a rebuild restores every original weight', async () => {
    const t = await setup(undefined, true);
    const model = t.extractor.model as tf.LayersModel;
    const original = weightsOf(model);
    const session = createTrainerSession(t.features, 'test', t.live);
    const messages: string[] = [];
    const out = await session.run({ runId: 'ft', table: t.table, labelVersion: 1, model: POOLED, training: { ...OPTIONS, epochs: 3, fineTuneAfter: 1, augment: false }, onProgress: (p) => messages.push(p.message) });
    expect(out.record.status).toBe('done');
    expect(out.record.fineTunedExtractor).toBe(true);
    expect(messages).toContain('updating training step: fine-tuning the feature extractor');
    expect(messages.some((m) => m.startsWith('re-extracting features with the fine-tuned extractor'))).toBe(true);
    const tuned = weightsOf(model);
    expect(tuned[0]).not.toEqual(original[0]); // the conv kernel moved
    expect(Array.from(session.features.data)).not.toEqual(Array.from(t.features.data));
    // The exported model takes images and reproduces the published predictions.
    const exported = await tf.loadLayersModel(createBytesLoader(out.model as NonNullable<typeof out.model>));
    expect(exported.inputs[0]?.shape).toEqual([null, 32, 32, 3]);
    const pixels = await t.images.batch(Int32Array.from({ length: N }, (_, i) => i));
    const p = tf.tidy(() => exported.predict(tf.tensor4d(pixels, [N, 32, 32, 3]), { batchSize: 16 }) as tf.Tensor);
    const want = await p.data();
    p.dispose();
    exported.dispose();
    for (let i = 0; i < N * 2; i++) expect(out.predictions?.[i]).toBeCloseTo(want[i] as number, 4);
    // A rebuild starts again from the original extractor, batch-norm statistics included.
    session.build(POOLED, 2, 1);
    expect(weightsOf(model)).toEqual(original);
    expect(session.features).toBe(t.features);
    session.dispose();
    t.extractor.dispose();
  }, 60_000);

  it('fails clearly without a live LayersModel extractor', async () => {
    const t = await setup();
    await expect(train(t, { ...OPTIONS, fineTuneAfter: 0 }, POOLED, null)).rejects.toThrow(/needs a trainer started with --extractor/);
    const graphLike: LiveExtractor = { ...t.live, extractor: { ...t.extractor, kind: 'graph' } };
    await expect(train(t, { ...OPTIONS, fineTuneAfter: 0 }, POOLED, graphLike)).rejects.toThrow(/GraphModel, which cannot be fine-tuned/);
    t.extractor.dispose();
  }, 60_000);
});

describe('image store', () => {
  it('shares concurrent loads of a row, evicts the least recently used past its budget, names undecodable rows', async () => {
    const reads: number[] = [];
    const read: ImageReader = async (row) => {
      reads.push(row);
      return row === 5 ? new Uint8Array([1, 2, 3]) : (pngs[row] as Uint8Array);
    };
    const store = createImageStore({ read, shape: SHAPE, maxBytes: 3 * 32 * 32 * 3 });
    const [a, b] = await Promise.all([store.get(0), store.get(0)]);
    expect(a).toBe(b);
    expect(reads).toEqual([0]);
    expect(a.length).toBe(32 * 32 * 3);
    await store.get(1);
    await store.get(2);
    await store.get(0); // 0 becomes the most recent
    await store.get(3); // evicts 1
    expect(store.stats()).toMatchObject({ images: 3, bytes: 3 * 32 * 32 * 3 });
    await store.get(1);
    expect(reads).toEqual([0, 1, 2, 3, 1]);
    const batch = await store.batch([0, 2]);
    expect(batch.length).toBe(2 * 32 * 32 * 3);
    expect(Math.max(...batch)).toBeLessThanOrEqual(1);
    await expect(store.get(5)).rejects.toThrow(/image row 5 cannot be decoded/);
  });
});
