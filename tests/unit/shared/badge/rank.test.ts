// BADGE ranking and the unavailable mask: behaviour 19, subset/labelled exclusion, diversity on a
// two-cluster toy, empty and degenerate candidate sets.
import { describe, expect, it } from 'vitest';
import { badgeUnavailableMask, createBadgeFactors, createKPlusPlusSampler, rankBadge } from '../../../../shared/badge/index.ts';
import { createEmptyLabelTable } from '../../../../shared/table/label-table.ts';
import { createSeededRandom } from '../../../helpers/seeded-random.ts';
import { randomOutputs } from './badge-fixtures.ts';

describe('badgeUnavailableMask', () => {
  it('marks fully labelled and excluded rows; partial and validation rows stay available', () => {
    const t = createEmptyLabelTable(5, ['a', 'b']);
    const [a, b] = t.labels as [Int8Array, Int8Array];
    a[0] = 1; b[0] = 0; // fully labelled
    a[1] = 1; // partial
    t.exclude[2] = 1;
    t.validation[3] = 1;
    expect(Array.from(badgeUnavailableMask(t))).toEqual([1, 0, 1, 0, 0]);
  });
});

describe('BADGE through the sampler and rankBadge', () => {
  it('[B19] 100 rows, 50 fully labelled: 10 → 10 from the unlabelled half; 100 next → the remaining 40', () => {
    const t = createEmptyLabelTable(100, ['foo', 'bar']);
    for (let row = 0; row < 50; row++) for (const col of t.labels) col[row] = row % 2;
    const { h, p } = randomOutputs(19, 100, 16, 2);
    const s = createKPlusPlusSampler(createBadgeFactors({ h, p, numClasses: 2 }), {
      rng: createSeededRandom(19).next,
      unavailable: badgeUnavailableMask(t),
    });
    const first = s.choose(10);
    expect(first).toHaveLength(10);
    expect(first.every((r) => r >= 50)).toBe(true);
    const rest = s.choose(100);
    expect(rest).toHaveLength(40);
    expect(new Set([...first, ...rest])).toEqual(new Set(Array.from({ length: 50 }, (_, i) => 50 + i)));
  });

  it('never ranks labelled, excluded or out-of-subset rows', () => {
    const n = 400;
    const { h, p } = randomOutputs(7, n, 20, 4);
    const rnd = createSeededRandom(7);
    const labelled = new Uint8Array(n).map(() => (rnd.chance(0.3) ? 1 : 0));
    const subset = new Uint8Array(n).map(() => (rnd.chance(0.6) ? 1 : 0));
    for (const classIndex of [undefined, 1]) {
      const ranking = rankBadge({ h, p, numClasses: 4, labelledMask: labelled, candidateMask: subset, k: n, rng: rnd.next, classIndex });
      const allowed = Array.from({ length: n }, (_, i) => i).filter((i) => labelled[i] === 0 && subset[i] === 1);
      expect(ranking).toBeInstanceOf(Int32Array);
      expect(new Set(ranking)).toEqual(new Set(allowed));
      expect(ranking.length).toBe(allowed.length);
    }
  });

  it('picks from both clusters of a 2-cluster toy where the most uncertain rows are all in one', () => {
    const n = 100, d = 8, C = 2;
    for (let seed = 0; seed < 20; seed++) {
      const rnd = createSeededRandom(seed);
      const h = new Float32Array(n * d);
      const p = new Float32Array(n * C);
      for (let i = 0; i < n; i++) {
        const inA = i < 50;
        for (let j = 0; j < d; j++) h[i * d + j] = (inA ? (j < 4 ? 1 : 0) : j < 4 ? 0 : 1) + 1e-3 * rnd.next();
        p[i * C] = inA ? 0.45 : 0.35; // cluster A rows have the larger gradients
        p[i * C + 1] = 0.1;
      }
      const ranking = rankBadge({ h, p, numClasses: C, k: 2, rng: rnd.next });
      expect(ranking).toHaveLength(2);
      expect((ranking[0] as number) < 50).not.toBe((ranking[1] as number) < 50);
    }
  });

  it('returns an empty ranking for an empty candidate set or an empty table', () => {
    const { h, p } = randomOutputs(1, 10, 4, 2);
    expect(rankBadge({ h, p, numClasses: 2, candidateMask: new Uint8Array(10), rng: Math.random })).toEqual(new Int32Array(0));
    expect(rankBadge({ h, p, numClasses: 2, labelledMask: new Uint8Array(10).fill(1), rng: Math.random })).toEqual(new Int32Array(0));
    expect(rankBadge({ h: new Float32Array(0), p: new Float32Array(0), numClasses: 2, rng: Math.random })).toEqual(new Int32Array(0));
  });

  it('all-duplicate candidates give a ranking of one row', () => {
    const h = new Float32Array(12 * 3).fill(0.5);
    const p = new Float32Array(12 * 2).fill(0.3);
    expect(rankBadge({ h, p, numClasses: 2, k: 5, rng: createSeededRandom(2).next })).toHaveLength(1);
  });

  it('with nothing labelled the first pick is the largest gradient norm, and seeds can be capped', () => {
    const { h, p } = randomOutputs(3, 50, 6, 3);
    const f = createBadgeFactors({ h, p, numClasses: 3 });
    const best = Array.from(f.gNorm2).indexOf(Math.max(...f.gNorm2));
    expect(rankBadge({ h, p, numClasses: 3, k: 1, rng: createSeededRandom(1).next })[0]).toBe(best);
    const labelled = new Uint8Array(50).map((_, i) => (i < 30 ? 1 : 0));
    const capped = rankBadge({ h, p, numClasses: 3, k: 20, labelledMask: labelled, maxSeeds: 3, rng: createSeededRandom(1).next });
    expect(capped).toHaveLength(20);
    expect(Array.from(capped).every((r) => r >= 30)).toBe(true);
  });
});
