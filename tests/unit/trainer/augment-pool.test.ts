// The augmentation worker pool: real worker threads give byte-identical images to the calling
// thread for the same seeds (any worker count), write shared memory in place, report an
// operation's error as a rejection, and stop cleanly.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_AUGMENT_PARAMS, DEFAULT_STRONG_IMAGE_AUGMENT } from '../../../shared/training/index.ts';
import { createAugmentPool, sharedFloat32 } from '../../../trainer/train/augment-pool.ts';
import type { AugmentPool } from '../../../trainer/train/augment-pool.ts';
import { createSeededRandom } from '../../helpers/seeded-random.ts';

const SHAPE = { height: 40, width: 48, channels: 3 };
const SIZE = SHAPE.height * SHAPE.width * SHAPE.channels;
const pools: AugmentPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.dispose()));
});

function images(count: number, shared: boolean): Float32Array {
  const random = createSeededRandom(21);
  const out = shared ? sharedFloat32(count * SIZE) : new Float32Array(count * SIZE);
  for (let i = 0; i < out.length; i++) out[i] = random.next();
  return out;
}

describe('augmentation worker pool', () => {
  it('3 workers, 1 worker and the calling thread give identical images for the same seeds', async () => {
    const seeds = [11, 12, 13, 14, 15, 16, 17];
    const results: Float32Array[] = [];
    for (const size of [3, 1, 0]) {
      const pool = createAugmentPool(size);
      pools.push(pool);
      const batch = images(seeds.length, true);
      await pool.augment(batch, seeds.length, SHAPE, DEFAULT_AUGMENT_PARAMS, seeds);
      await pool.augment(batch, seeds.length, SHAPE, DEFAULT_STRONG_IMAGE_AUGMENT, seeds);
      results.push(batch);
    }
    const original = images(seeds.length, false);
    expect(Array.from(results[0] as Float32Array)).not.toEqual(Array.from(original));
    expect(Array.from(results[0] as Float32Array)).toEqual(Array.from(results[1] as Float32Array));
    expect(Array.from(results[1] as Float32Array)).toEqual(Array.from(results[2] as Float32Array));
    // Another seed gives another image; untouched images stay as they were.
    const pool = createAugmentPool(2);
    pools.push(pool);
    const batch = images(3, true);
    await pool.augment(batch.subarray(SIZE), 1, SHAPE, DEFAULT_AUGMENT_PARAMS, [99]);
    expect(Array.from(batch.subarray(0, SIZE))).toEqual(Array.from(original.subarray(0, SIZE)));
    expect(Array.from(batch.subarray(SIZE, 2 * SIZE))).not.toEqual(Array.from(results[0]?.subarray(SIZE, 2 * SIZE) ?? []));
    expect(Array.from(batch.subarray(2 * SIZE))).toEqual(Array.from(original.subarray(2 * SIZE, 3 * SIZE)));
  }, 30_000);

  it('an error inside a worker rejects the batch with its message', async () => {
    const pool = createAugmentPool(2);
    pools.push(pool);
    const batch = images(4, true);
    // A shape larger than the shared buffer: the worker's view cannot be made.
    await expect(pool.augment(batch, 4, { ...SHAPE, height: 41 }, DEFAULT_AUGMENT_PARAMS, [1, 2, 3, 4])).rejects.toThrow(/image augmentation failed: /);
  }, 30_000);
});
