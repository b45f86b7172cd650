// The bounded top-k heap against a full stable sort, with many ties.
import { describe, expect, it } from 'vitest';
import { TopK } from '../../../../shared/sampling/index.ts';
import { createSeededRandom } from '../../../helpers/seeded-random.ts';

describe('TopK', () => {
  it('keeps the k largest keys, ties by smaller row, for any k', () => {
    const rng = createSeededRandom(11);
    for (let trial = 0; trial < 200; trial++) {
      const n = rng.int(60);
      const k = rng.int(70);
      const keys = Array.from({ length: n }, () => rng.int(8) - 4); // many ties, negatives
      const order = rng.chance(0.5) ? [...keys.keys()] : rng.shuffle([...keys.keys()]);
      const heap = new TopK(k);
      for (const row of order) heap.offer(keys[row] as number, row);
      const expected = [...keys.keys()].sort((a, b) => (keys[b] as number) - (keys[a] as number) || a - b).slice(0, k);
      expect(heap.drain()).toEqual(expected);
      expect(heap.size).toBe(0);
    }
  });
});
