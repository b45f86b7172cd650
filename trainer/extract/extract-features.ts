// Runs a feature extractor over every image of the project: images fetched from the relay and
// decoded while the previous batch runs through the model, per-batch tensors built from typed
// arrays inside tf.tidy, outputs copied into one (N, …) float32 FeatureSet; progress and cancel.
import * as tf from '@tensorflow/tfjs';
import { createFeatureSet } from '../data/features.ts';
import type { FeatureSet } from '../data/features.ts';
import { FeatureExtractorError } from './model-loader.ts';
import type { LoadedExtractor } from './model-loader.ts';
import { EXTRACT_CHANNELS, decodeImageRgb8, fetchImage, rgb8ToFloat } from './image-source.ts';
import type { ImageShape, RelayImageTarget } from './image-source.ts';

/** Images per model call unless asked otherwise. */
export const DEFAULT_EXTRACT_BATCH = 16;
/** Images fetched from the relay at once. */
export const FETCH_CONCURRENCY = 8;

/** Progress of an extraction. */
export interface ExtractProgress {
  done: number;
  total: number;
  /** Estimated time left (ms) from the rate so far; null before the first batch. */
  etaMs: number | null;
}

/** Options of extractFeatures. */
export interface ExtractOptions {
  /** Number of images (rows 0 … count − 1). */
  count: number;
  /** Model input size (H, W). */
  shape: ImageShape;
  batchSize?: number;
  onProgress?: (progress: ExtractProgress) => void;
  signal?: AbortSignal;
  /** Clock for the ETA (default Date.now). */
  now?: () => number;
}

/** Reads one image's bytes by row (the relay over HTTP, or a local source in tests). */
export type ImageReader = (row: number, signal?: AbortSignal) => Promise<Uint8Array>;

/** An ImageReader over the relay's `GET …/images/<row>`. */
export function createRelayImageReader(target: RelayImageTarget): ImageReader {
  return (row, signal) => fetchImage(target, row, signal);
}

/** Checks the model's declared input against (H, W, 3); unknown dimensions are accepted. */
export function checkInputShape(extractor: LoadedExtractor, shape: ImageShape): void {
  const s = extractor.inputShape;
  if (!s) return;
  const known = (dim: number | null | undefined): dim is number => typeof dim === 'number' && dim > 0;
  const want = [shape.height, shape.width, EXTRACT_CHANNELS];
  if (s.length !== 4 || s.slice(1).some((dim, k) => known(dim) && dim !== want[k])) {
    throw new FeatureExtractorError(`extractor ${extractor.path} takes input [${s.map((d) => (known(d) ? d : '?')).join(', ')}], not [?, ${want.join(', ')}] (set --imshape H,W)`);
  }
}

/** Runs the extractor on one input batch and returns its first output. */
export function runExtractor(extractor: LoadedExtractor, input: tf.Tensor4D, batchSize: number): tf.Tensor {
  const out = extractor.kind === 'layers' ? (extractor.model as tf.LayersModel).predict(input, { batchSize }) : (extractor.model as tf.GraphModel).predict(input, { batchSize });
  const first = out instanceof tf.Tensor ? out : Array.isArray(out) ? out[0] : Object.values(out)[0];
  if (!first) throw new FeatureExtractorError(`extractor ${extractor.path} produced no output`);
  return first;
}

/** Runs `task(i)` for i = 0 … n − 1, FETCH_CONCURRENCY at a time; stops at the first error or abort. */
export async function eachConcurrently(n: number, task: (i: number) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) {
      signal?.throwIfAborted();
      await task(next++);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FETCH_CONCURRENCY, n) }, worker));
}

/** Reads one row's image and decodes it to 8-bit RGB at `shape`; a decoding failure names the row. */
export async function readImageRgb8(read: ImageReader, row: number, shape: ImageShape, signal?: AbortSignal): Promise<Uint8Array> {
  const bytes = await read(row, signal);
  try {
    return await decodeImageRgb8(bytes, shape);
  } catch (error) {
    throw new Error(`image row ${row} cannot be decoded: ${(error as Error).message}`);
  }
}

/** Reads images [start, end) as back-to-back (h, w, 3) float32 pixels in [0, 1]. */
export type PixelBatchReader = (start: number, end: number, signal?: AbortSignal) => Promise<Float32Array>;

function readBatch(read: ImageReader, start: number, end: number, shape: ImageShape, signal?: AbortSignal): Promise<Float32Array> {
  const size = shape.height * shape.width * EXTRACT_CHANNELS;
  const pixels = new Float32Array((end - start) * size);
  return eachConcurrently(end - start, async (i) => rgb8ToFloat(await readImageRgb8(read, start + i, shape, signal), pixels, i * size), signal).then(() => pixels);
}

/**
 * Extracts features for rows 0 … count − 1; the result's row shape is the model's output per
 * image ([h, w, c], or [d] for a flat output). Rejects with the signal's reason when cancelled.
 * @example
 * const features = await extractFeatures(extractor, createRelayImageReader(target), { count, shape: { height: 224, width: 224 } });
 */
export function extractFeatures(extractor: LoadedExtractor, read: ImageReader, options: ExtractOptions): Promise<FeatureSet> {
  return extractPixelBatches(extractor, (start, end, signal) => readBatch(read, start, end, options.shape, signal), options);
}

/**
 * The extraction loop over any source of pixel batches (decoded files, or the trainer's image
 * cache): the next batch is read while the current one runs through the model.
 */
export async function extractPixelBatches(extractor: LoadedExtractor, readPixels: PixelBatchReader, options: ExtractOptions): Promise<FeatureSet> {
  const { count, shape, signal } = options;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_EXTRACT_BATCH));
  const now = options.now ?? Date.now;
  checkInputShape(extractor, shape);
  const started = now();
  let data: Float32Array | null = null;
  let rowShape: number[] = [];
  let rowSize = 0;
  let pending: Promise<Float32Array> | null = count > 0 ? readPixels(0, Math.min(batchSize, count), signal) : null;
  for (let start = 0; start < count; start += batchSize) {
    const end = Math.min(start + batchSize, count);
    const pixels = await (pending as Promise<Float32Array>);
    signal?.throwIfAborted();
    pending = end < count ? readPixels(end, Math.min(end + batchSize, count), signal) : null;
    // Keep a failed prefetch from becoming an unhandled rejection; it is awaited on the next turn.
    pending?.catch(() => undefined);
    const output = tf.tidy(() => runExtractor(extractor, tf.tensor4d(pixels, [end - start, shape.height, shape.width, EXTRACT_CHANNELS]), batchSize));
    try {
      if (!data) {
        rowShape = output.shape.slice(1);
        if (rowShape.length !== 3 && rowShape.length !== 1) throw new FeatureExtractorError(`extractor ${extractor.path} outputs shape [${output.shape.join(', ')}]; expected (batch, h, w, c) or (batch, d)`);
        rowSize = rowShape.reduce((a, b) => a * b, 1);
        data = new Float32Array(count * rowSize);
      }
      const values = (await output.data()) as Float32Array;
      data.set(values.subarray(0, (end - start) * rowSize), start * rowSize);
    } finally {
      output.dispose();
    }
    const elapsed = now() - started;
    options.onProgress?.({ done: end, total: count, etaMs: Math.round((elapsed / end) * (count - end)) });
  }
  if (!data) return createFeatureSet(new Float32Array(0), 0, rowShape.length ? rowShape : [0]);
  return createFeatureSet(data, count, rowShape);
}
