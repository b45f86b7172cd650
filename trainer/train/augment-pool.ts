// Image augmentation spread over worker threads: each image is augmented with its own seed (drawn
// from the run's RNG in row order), so the result is the same for any number of workers, and
// the batch lives in shared memory, so workers write it in place without copies.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { augmentImage } from '../../shared/training/image-augment/index.ts';
import type { AugmentParams, ImageShape3 } from '../../shared/training/image-augment/index.ts';
import { createRng } from '../../shared/training/random.ts';

/** Default worker count: one per core beyond the main thread, at most 8. */
export const DEFAULT_AUGMENT_WORKERS = Math.max(0, Math.min(8, availableParallelism() - 1));

/** One chunk of work for a worker (also what augmentChunk takes). */
export interface AugmentTask {
  buffer: SharedArrayBuffer | ArrayBuffer;
  /** Index of the first image's first value in `buffer` (as float32). */
  offset: number;
  count: number;
  shape: ImageShape3;
  params: AugmentParams;
  seeds: number[];
}

/** Augments images in place with per-image seeds (see AugmentPool). */
export interface AugmentPool {
  /** Worker threads (0: augments on the calling thread). */
  readonly size: number;
  /** Image i of `batch` is augmented with createRng(seeds[i]). */
  augment(batch: Float32Array, count: number, shape: ImageShape3, params: AugmentParams, seeds: ArrayLike<number>): Promise<void>;
  /** Stops the workers. */
  dispose(): Promise<void>;
}

/** Runs one task on the current thread (what each worker does). */
export function augmentChunk(task: AugmentTask): void {
  const size = task.shape.height * task.shape.width * task.shape.channels;
  const view = new Float32Array(task.buffer, task.offset * 4, task.count * size);
  for (let i = 0; i < task.count; i++) augmentImage(view.subarray(i * size, (i + 1) * size), task.shape, task.params, createRng(task.seeds[i] as number));
}

/** A Float32Array over shared memory (so a pool's workers can write it in place). */
export function sharedFloat32(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * 4));
}

/**
 * Creates a pool of `size` augmentation workers, started on first use. A batch that is not in
 * shared memory, or a pool of size 0, is augmented on the calling thread with the same result.
 * @example
 * const pool = createAugmentPool(3);
 * await pool.augment(batch, 16, { height: 224, width: 224, channels: 3 }, DEFAULT_AUGMENT_PARAMS, seeds);
 */
export function createAugmentPool(size: number = DEFAULT_AUGMENT_WORKERS): AugmentPool {
  const workers: Worker[] = [];
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  /** Tasks in flight per worker: a worker keeps the process alive only while it has work. */
  const busy = new Map<Worker, number>();
  const setBusy = (worker: Worker, delta: number): void => {
    const n = (busy.get(worker) ?? 0) + delta;
    busy.set(worker, n);
    if (n > 0) worker.ref();
    else worker.unref();
  };
  let nextId = 0;
  const start = (): void => {
    for (let k = 0; k < size; k++) {
      const worker = new Worker(new URL('./augment-worker-entry.mjs', import.meta.url));
      worker.unref();
      worker.on('message', (msg: { id: number; error?: string }) => {
        setBusy(worker, -1);
        const entry = waiting.get(msg.id);
        waiting.delete(msg.id);
        if (msg.error) entry?.reject(new Error(`image augmentation failed: ${msg.error}`));
        else entry?.resolve();
      });
      worker.on('error', (error) => {
        for (const entry of waiting.values()) entry.reject(new Error(`an augmentation worker stopped: ${error.message}`));
        waiting.clear();
      });
      workers.push(worker);
    }
  };
  return {
    size,
    async augment(batch, count, shape, params, seeds) {
      const imageSize = shape.height * shape.width * shape.channels;
      const inThread = size === 0 || !(batch.buffer instanceof SharedArrayBuffer) || count <= 1;
      if (inThread) {
        augmentChunk({ buffer: batch.buffer as ArrayBuffer, offset: batch.byteOffset / 4, count, shape, params, seeds: Array.from(seeds).slice(0, count) });
        return;
      }
      if (workers.length === 0) start();
      const per = Math.ceil(count / workers.length);
      const jobs: Promise<void>[] = [];
      for (let k = 0, first = 0; first < count; k++, first += per) {
        const n = Math.min(per, count - first);
        const id = nextId++;
        const task: AugmentTask = { buffer: batch.buffer, offset: batch.byteOffset / 4 + first * imageSize, count: n, shape, params, seeds: Array.from(seeds).slice(first, first + n) };
        jobs.push(new Promise<void>((resolve, reject) => waiting.set(id, { resolve, reject })));
        const worker = workers[k] as Worker;
        setBusy(worker, 1);
        worker.postMessage({ id, task });
      }
      await Promise.all(jobs);
    },
    async dispose() {
      await Promise.all(workers.splice(0).map((w) => w.terminate()));
    },
  };
}
