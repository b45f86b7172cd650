// Training inputs with a live feature extractor (DESIGN decision 5): each step's images come from
// the image store, are augmented in image space (the Train tab's `augment`, FixMatch's
// `strongAugment`) and run through the extractor, which fine-tuning may then train as well.
import * as tf from '@tensorflow/tfjs';
import { enabledOperations } from '../../shared/training/image-augment/augment-params.ts';
import type { AugmentParams } from '../../shared/training/image-augment/augment-params.ts';
import { randomSeed } from '../../shared/training/random.ts';
import type { Rng } from '../../shared/training/random.ts';
import type { PoolingType } from '../../shared/training/model-spec.ts';
import type { FeatureSet } from '../data/features.ts';
import { EXTRACT_CHANNELS, extractPixelBatches, runExtractor } from '../extract/index.ts';
import type { ImageStore, LoadedExtractor } from '../extract/index.ts';
import { createBatchBuffer, fillBatch } from './batches.ts';
import type { BatchBuffer } from './batches.ts';
import type { FineTuning, TrainInputs } from './train-inputs.ts';
import { dropoutLayersOf, kernelWeights } from '../models/build.ts';
import { createAugmentPool, sharedFloat32 } from './augment-pool.ts';
import type { AugmentPool } from './augment-pool.ts';

/** A loaded extractor and the images it runs on (kept by a trainer started with --extractor). */
export interface LiveExtractor {
  extractor: LoadedExtractor;
  images: ImageStore;
  /** Worker threads that augment (default: none, the calling thread augments). */
  augmentPool?: AugmentPool;
}

/**
 * One seed per image, drawn from `rng` now (before any await, so the order of draws does not
 * depend on timing); null when `params` is off or enables no operation (nothing to draw or do).
 */
function drawSeeds(params: AugmentParams | false, count: number, rng: Rng): number[] | null {
  if (params === false || enabledOperations(params).length === 0) return null;
  return Array.from({ length: count }, () => randomSeed(rng));
}

/** The calling-thread pool used when a LiveExtractor has none. */
const IN_THREAD = createAugmentPool(0);

/** Options of createImageInputs. */
export interface ImageInputsOptions {
  live: LiveExtractor;
  /** The run's feature set (pooled when the model pools up front): its row shape is the target. */
  features: FeatureSet;
  /** Pooling the model does up front (null: extractor maps go in as they are). */
  pooling: PoolingType | null;
  augment: AugmentParams | false;
  strongAugment: AugmentParams | false;
  batchSize: number;
  unlabelledCount: number;
}

/** Extractor maps pooled the way the model's input expects. */
export function poolMaps(maps: tf.Tensor, pooling: PoolingType | null): tf.Tensor {
  if (maps.rank !== 4 || pooling === null) return maps;
  if (pooling === 'max pool') return tf.max(maps, [1, 2]);
  if (pooling === 'average pool') return tf.mean(maps, [1, 2]);
  return tf.reshape(maps, [maps.shape[0] as number, -1]);
}

/** The extractor's output for a batch of images, pooled to the model's input and copied into `out`. */
export async function extractBatch(live: LiveExtractor, pixels: Float32Array, count: number, pooling: PoolingType | null, out: Float32Array): Promise<Float32Array> {
  const { height, width } = live.images.shape;
  const rowSize = out.length / Math.max(1, count);
  const result = tf.tidy(() => poolMaps(runExtractor(live.extractor, tf.tensor4d(pixels.subarray(0, count * height * width * EXTRACT_CHANNELS), [count, height, width, EXTRACT_CHANNELS]), count), pooling));
  try {
    if (result.size !== count * rowSize) {
      throw new Error(`the extractor gave [${result.shape.join(', ')}] for ${count} images, but the features have ${rowSize} values per row`);
    }
    out.set((await result.data()) as Float32Array);
    return out;
  } finally {
    result.dispose();
  }
}

/** Trainable variables, kernels (for weight decay) and dropout layers of a LayersModel extractor. */
function extractorVariables(live: LiveExtractor): { variables: tf.Variable[]; kernels: tf.Variable[]; dropouts: tf.layers.Layer[] } {
  const model = live.extractor.model as tf.LayersModel;
  return {
    variables: model.trainableWeights.map((w) => w.read() as tf.Variable),
    kernels: kernelWeights(model).map((w) => w.read() as tf.Variable),
    dropouts: dropoutLayersOf(model),
  };
}

/** One set of batch buffers (pixels in shared memory for the augmentation workers). */
interface Slot {
  pixels: Float32Array;
  weakPixels: Float32Array;
  strongPixels: Float32Array;
  cached: BatchBuffer;
  cachedWeak: BatchBuffer;
  cachedStrong: BatchBuffer;
  supervisedOut: Float32Array;
  weakOut: Float32Array;
  strongOut: Float32Array;
}

function createSlot(features: FeatureSet, imageSize: number, batchSize: number, unlabelledCount: number): Slot {
  return {
    pixels: sharedFloat32(batchSize * imageSize),
    weakPixels: sharedFloat32(unlabelledCount * imageSize),
    strongPixels: sharedFloat32(unlabelledCount * imageSize),
    cached: createBatchBuffer(features, batchSize),
    cachedWeak: createBatchBuffer(features, unlabelledCount),
    cachedStrong: createBatchBuffer(features, unlabelledCount),
    supervisedOut: new Float32Array(batchSize * features.rowSize),
    weakOut: new Float32Array(unlabelledCount * features.rowSize),
    strongOut: new Float32Array(unlabelledCount * features.rowSize),
  };
}

/**
 * Inputs that augment images and run them through the extractor every step. An augmentation set
 * to `false` takes the cached (unaugmented) feature rows instead of running the extractor. After
 * startFineTuning, batches are (augmented) images and the loop applies the extractor itself.
 */
export function createImageInputs(options: ImageInputsOptions): TrainInputs {
  const { live, features, pooling, augment, strongAugment, batchSize, unlabelledCount } = options;
  const shape = { height: live.images.shape.height, width: live.images.shape.width, channels: EXTRACT_CHANNELS };
  const imageSize = shape.height * shape.width * shape.channels;
  const pool = live.augmentPool ?? IN_THREAD;
  const validationPixels = new Float32Array(batchSize * imageSize);
  const validationOut = new Float32Array(batchSize * features.rowSize);
  // Two buffer sets, used in turn: the next step's batch is prepared while this one trains.
  const slots = [createSlot(features, imageSize, batchSize, unlabelledCount), createSlot(features, imageSize, batchSize, unlabelledCount)];
  let supervisedCalls = 0;
  let viewCalls = 0;
  let tuning = false;
  const out = (buffer: Float32Array, n: number) => buffer.subarray(0, n * features.rowSize);
  const inputs: TrainInputs = {
    augmentation: augment === false && strongAugment === false ? 'none' : 'image',
    pipelined: true,
    async prepare(trainingRows, report, signal) {
      let last = -1;
      await live.images.warm(trainingRows, (done, total) => {
        const pct = Math.floor((100 * done) / total);
        if (pct === last) return;
        last = pct;
        report(`loading training images (${done} / ${total})`);
      }, signal);
    },
    async supervised(rows, rng, signal) {
      const slot = slots[supervisedCalls++ % 2] as Slot;
      if (augment === false && !tuning) return fillBatch(slot.cached, rows);
      const seeds = drawSeeds(augment, rows.length, rng);
      // Cached images go to the workers before this call first yields, so they augment while the
      // caller trains the current step.
      const batch = live.images.batchIfCached(rows, slot.pixels) ? slot.pixels : await live.images.batch(rows, slot.pixels, signal);
      if (seeds && augment !== false) await pool.augment(batch, rows.length, shape, augment, seeds);
      if (tuning) return batch.subarray(0, rows.length * imageSize);
      return extractBatch(live, batch, rows.length, pooling, out(slot.supervisedOut, rows.length));
    },
    async views(rows, rng, signal) {
      const n = rows.length;
      const slot = slots[viewCalls++ % 2] as Slot;
      const weakSeeds = drawSeeds(augment, n, rng);
      const strongSeeds = drawSeeds(strongAugment, n, rng);
      if (augment !== false || strongAugment !== false || tuning) {
        if (!live.images.batchIfCached(rows, slot.weakPixels)) await live.images.batch(rows, slot.weakPixels, signal);
        slot.strongPixels.set(slot.weakPixels.subarray(0, n * imageSize));
      }
      await Promise.all([
        weakSeeds && augment !== false ? pool.augment(slot.weakPixels, n, shape, augment, weakSeeds) : null,
        strongSeeds && strongAugment !== false ? pool.augment(slot.strongPixels, n, shape, strongAugment, strongSeeds) : null,
      ]);
      if (tuning) return { weak: slot.weakPixels.subarray(0, n * imageSize), strong: slot.strongPixels.subarray(0, n * imageSize) };
      const weak = augment === false ? fillBatch(slot.cachedWeak, rows) : await extractBatch(live, slot.weakPixels, n, pooling, out(slot.weakOut, n));
      const strong = strongAugment === false ? fillBatch(slot.cachedStrong, rows) : await extractBatch(live, slot.strongPixels, n, pooling, out(slot.strongOut, n));
      return { weak, strong };
    },
  };
  if (live.extractor.kind === 'layers') {
    inputs.startFineTuning = (): FineTuning => {
      tuning = true;
      const model = live.extractor.model as tf.LayersModel;
      return {
        rowShape: [shape.height, shape.width, shape.channels],
        ...extractorVariables(live),
        lift: (x, training) => poolMaps(model.apply(x, { training }) as tf.Tensor, pooling),
        async features(rows, signal) {
          await live.images.batch(rows, validationPixels, signal);
          return extractBatch(live, validationPixels, rows.length, pooling, out(validationOut, rows.length));
        },
      };
    };
  }
  return inputs;
}

/**
 * Runs the (possibly fine-tuned) extractor over every image, unaugmented, in batches of
 * `batchSize`: the features validation and prediction use after fine-tuning.
 */
export function extractAllFeatures(live: LiveExtractor, count: number, batchSize: number, onProgress?: (done: number, total: number) => void, signal?: AbortSignal): Promise<FeatureSet> {
  const readPixels = (start: number, end: number, sig?: AbortSignal) => live.images.batch(Int32Array.from({ length: end - start }, (_, i) => start + i), undefined, sig);
  return extractPixelBatches(live.extractor, readPixels, {
    count,
    shape: live.images.shape,
    batchSize,
    ...(signal ? { signal } : {}),
    ...(onProgress ? { onProgress: (p: { done: number; total: number }) => onProgress(p.done, p.total) } : {}),
  });
}
