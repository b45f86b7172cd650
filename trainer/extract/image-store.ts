// Decoded training images for augmentation with a live extractor: 8-bit RGB at the model's input
// size, kept in a least-recently-used cache bounded in bytes, fetched (8 at a time) and decoded on
// a miss, with concurrent requests for one row shared.
import { eachConcurrently, readImageRgb8 } from './extract-features.ts';
import type { ImageReader } from './extract-features.ts';
import { EXTRACT_CHANNELS, rgb8ToFloat } from './image-source.ts';
import type { ImageShape } from './image-source.ts';

/** Default cache budget: 1 GiB of decoded pixels (5,461 images at 256 × 256). */
export const DEFAULT_IMAGE_CACHE_BYTES = 1 << 30;

/** Hit/miss counters of an image store. */
export interface ImageStoreStats {
  hits: number;
  misses: number;
  /** Bytes of decoded pixels held now. */
  bytes: number;
  /** Images held now. */
  images: number;
}

/** A cache of decoded images (see createImageStore). */
export interface ImageStore {
  readonly shape: ImageShape;
  /** One row's pixels, (h, w, 3) 8-bit RGB. */
  get(row: number, signal?: AbortSignal): Promise<Uint8Array>;
  /** Rows as back-to-back (h, w, 3) float32 in [0, 1], written into `out` (allocated when absent). */
  batch(rows: ArrayLike<number>, out?: Float32Array, signal?: AbortSignal): Promise<Float32Array>;
  /**
   * Like `batch`, synchronously, when every row is in the cache (then returns true); returns false
   * and writes nothing otherwise. Lets a caller hand the batch on before yielding.
   */
  batchIfCached(rows: ArrayLike<number>, out: Float32Array): boolean;
  /** Loads rows into the cache (as far as the budget allows), `onProgress(done, total)` as it goes. */
  warm(rows: ArrayLike<number>, onProgress?: (done: number, total: number) => void, signal?: AbortSignal): Promise<void>;
  stats(): ImageStoreStats;
}

/** Options of createImageStore. */
export interface ImageStoreOptions {
  read: ImageReader;
  shape: ImageShape;
  /** Cache budget in bytes (default DEFAULT_IMAGE_CACHE_BYTES). */
  maxBytes?: number;
}

/**
 * Creates an image store over `read` (the relay, or local files in tests).
 * @example
 * const store = createImageStore({ read: createRelayImageReader(target), shape: { height: 224, width: 224 } });
 */
export function createImageStore(options: ImageStoreOptions): ImageStore {
  const { read, shape } = options;
  const imageBytes = shape.height * shape.width * EXTRACT_CHANNELS;
  const maxBytes = options.maxBytes ?? DEFAULT_IMAGE_CACHE_BYTES;
  const cache = new Map<number, Uint8Array>();
  const inFlight = new Map<number, Promise<Uint8Array>>();
  const counters = { hits: 0, misses: 0 };
  const remember = (row: number, pixels: Uint8Array): void => {
    if (imageBytes > maxBytes) return;
    cache.set(row, pixels);
    while (cache.size * imageBytes > maxBytes) {
      const oldest = cache.keys().next().value as number;
      cache.delete(oldest);
    }
  };
  /** A cached row's pixels, now the most recently used (counted as a hit); undefined on a miss. */
  const hit = (row: number): Uint8Array | undefined => {
    const held = cache.get(row);
    if (!held) return undefined;
    counters.hits++;
    cache.delete(row);
    cache.set(row, held);
    return held;
  };
  const get = (row: number, signal?: AbortSignal): Promise<Uint8Array> => {
    const held = hit(row);
    if (held) return Promise.resolve(held);
    const pending = inFlight.get(row);
    if (pending) return pending;
    counters.misses++;
    const promise = readImageRgb8(read, row, shape, signal).then(
      (pixels) => {
        inFlight.delete(row);
        remember(row, pixels);
        return pixels;
      },
      (error: unknown) => {
        inFlight.delete(row);
        throw error;
      },
    );
    inFlight.set(row, promise);
    return promise;
  };
  return {
    shape,
    get,
    async batch(rows, out, signal) {
      const target = out ?? new Float32Array(rows.length * imageBytes);
      await eachConcurrently(rows.length, async (i) => rgb8ToFloat(await get(rows[i] as number, signal), target, i * imageBytes), signal);
      return target;
    },
    batchIfCached(rows, out) {
      for (let i = 0; i < rows.length; i++) if (!cache.has(rows[i] as number)) return false;
      for (let i = 0; i < rows.length; i++) rgb8ToFloat(hit(rows[i] as number) as Uint8Array, out, i * imageBytes);
      return true;
    },
    async warm(rows, onProgress, signal) {
      const n = Math.min(rows.length, Math.floor(maxBytes / imageBytes));
      let done = 0;
      await eachConcurrently(n, async (i) => {
        await get(rows[i] as number, signal);
        onProgress?.(++done, n);
      }, signal);
    },
    stats: () => ({ ...counters, bytes: cache.size * imageBytes, images: cache.size }),
  };
}
