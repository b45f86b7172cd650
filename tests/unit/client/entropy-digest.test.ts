// The `max entropy` digest must rank rows exactly as pickIndices does over the full N × C block,
// including unknown (NaN) predictions and partially labelled subsets.
import { describe, expect, it } from 'vitest';
import { maxEntropyDigest } from '../../../client/models/entropy-digest.ts';
import { createSampler } from '../../../client/models/sampler.ts';
import { pickIndices } from '../../../shared/sampling/index.ts';
import { createEmptyLabelTable } from '../../../shared/table/label-table.ts';
import { createSeededRandom } from '../../helpers/seeded-random.ts';

describe('max entropy digest', () => {
  it('[B6] keeps the value nearest 0.5 per row, NaN only for a fully unknown row', () => {
    const p = Float32Array.from([0.9, 0.45, 0.2, NaN, 0.99, NaN, NaN, NaN, NaN]);
    const d = maxEntropyDigest(p, 3);
    expect(d[0]).toBeCloseTo(0.45, 6);
    expect(d[1]).toBeCloseTo(0.99, 6);
    expect(Number.isNaN(d[2])).toBe(true);
  });

  it('[B7] gives the same top-M rows as the full block, for many random blocks', () => {
    const rng = createSeededRandom(99);
    for (let trial = 0; trial < 20; trial++) {
      const n = 500 + rng.int(500);
      const classes = ['a', 'b', 'c', 'd', 'e'];
      const table = createEmptyLabelTable(n, classes);
      for (let row = 0; row < n; row += 7) (table.labels[0] as Int8Array)[row] = 1;
      const predictions = new Float32Array(n * 5);
      for (let i = 0; i < predictions.length; i++) predictions[i] = rng.chance(0.05) ? NaN : Math.round(rng.next() * 200) / 200;
      const full = pickIndices({ table, predictions, sort: 'max entropy', count: 16, rng: () => 0 });
      const sampler = createSampler({ inputs: () => ({ predictions }), rowSets: () => undefined, rng: () => 0, digest: () => maxEntropyDigest(predictions, 5) });
      const fast = sampler(table, { labelStatus: 'unlabeled', excludeStatus: 'not excluded', subsetBy: 'all', sortBy: 'max entropy', count: 16, avoid: new Set() });
      expect(fast.ok && full.ok, `seed ${rng.seed} trial ${trial}`).toBe(true);
      if (fast.ok && full.ok) expect(fast.rows, `seed ${rng.seed} trial ${trial}`).toEqual(full.rows);
    }
  });
});
