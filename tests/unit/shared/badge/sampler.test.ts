// The k-means++ sampler over factored embeddings: the original's behaviours 16–18, the deliberate
// fixes (weighted first draw, empty → []), and exactness of the pruned distance updates.
import { describe, expect, it } from 'vitest';
import { createBadgeFactors, createKPlusPlusSampler, FirstDraw } from '../../../../shared/badge/index.ts';
import { createSeededRandom } from '../../../helpers/seeded-random.ts';
import { bruteMinDist, pointFactors, randomOutputs, randomPoints } from './badge-fixtures.ts';

describe('KPlusPlusSampler', () => {
  it('[B16] N = 100: choose() → 1 int, choose(5) → 5 distinct; 6 unavailable after; excluded never drawn', () => {
    for (const seed of [1, 2, 3]) {
      const f = pointFactors(randomPoints(seed, 100, 4));
      const s = createKPlusPlusSampler(f, { rng: createSeededRandom(seed).next, firstDraw: FirstDraw.Uniform });
      const one = s.choose();
      expect(one).toHaveLength(1);
      const five = s.choose(5);
      expect(new Set([...one, ...five]).size).toBe(6);
      expect(s.unavailableCount()).toBe(6);
      expect(Array.from(s.available).filter((a) => a === 0)).toHaveLength(6);
    }
    const excluded = new Uint8Array(100).map((_, i) => (i % 3 === 0 ? 1 : 0));
    const s = createKPlusPlusSampler(pointFactors(randomPoints(4, 100, 4)), { rng: createSeededRandom(4).next, unavailable: excluded });
    const drawn = s.choose(60);
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.every((i) => excluded[i] === 0)).toBe(true);
    expect(new Set(drawn).size).toBe(drawn.length);
  });

  it('[B17] N = 10, include = 7×false + 3×true: choose(4, include) → exactly 3, all in {7, 8, 9}', () => {
    const include = [...Array(7).fill(false), true, true, true] as boolean[];
    for (const seed of [1, 2, 3, 4]) {
      const s = createKPlusPlusSampler(pointFactors(randomPoints(seed, 10, 3)), { rng: createSeededRandom(seed).next });
      const got = s.choose(4, include);
      expect(got).toHaveLength(3);
      expect([...got].sort()).toEqual([7, 8, 9]);
    }
  });

  it('[B18] X = [[0], [0], [5]]: choose(3) → exactly 2 (the duplicate has weight 0); a fourth call → []', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const s = createKPlusPlusSampler(pointFactors([[0], [0], [5]]), { rng: createSeededRandom(seed).next });
      const got = s.choose(3);
      expect(got).toHaveLength(2);
      expect(got).toContain(2);
      expect(s.choose()).toEqual([]);
    }
  });

  it('all-duplicate candidates: one draw, then nothing', () => {
    const s = createKPlusPlusSampler(pointFactors(Array.from({ length: 8 }, () => [1, 2, 3])), { rng: createSeededRandom(1).next });
    expect(s.choose(5)).toHaveLength(1);
    expect(s.choose(5)).toEqual([]);
  });

  it('all candidates duplicate a labelled row: nothing is drawn', () => {
    const s = createKPlusPlusSampler(pointFactors(Array.from({ length: 6 }, () => [0.5, -1])), {
      rng: createSeededRandom(1).next,
      unavailable: new Uint8Array([1, 0, 0, 0, 0, 0]),
    });
    expect(s.choose(3)).toEqual([]);
  });

  it('an empty candidate set returns [] instead of throwing (fix of the original)', () => {
    const f = pointFactors(randomPoints(1, 5, 2));
    expect(createKPlusPlusSampler(f, { rng: createSeededRandom(1).next }).choose(3, new Uint8Array(5))).toEqual([]);
    expect(createKPlusPlusSampler(f, { rng: createSeededRandom(1).next, unavailable: new Uint8Array(5).fill(1) }).choose(2)).toEqual([]);
    expect(createKPlusPlusSampler(pointFactors([]), { rng: createSeededRandom(1).next }).choose(2)).toEqual([]);
  });

  it('the first draw is D²-weighted by distance to the labelled rows (fix), uniform in the faithful mode', () => {
    // Row 0 is labelled at the origin; rows 1–9 sit next to it, row 10 is far away.
    const points = [[0, 0], ...Array.from({ length: 9 }, (_, i) => [0.01 * (i + 1), 0]), [10, 0]];
    const labelled = new Uint8Array(11);
    labelled[0] = 1;
    let farWeighted = 0, farUniform = 0;
    for (let seed = 0; seed < 200; seed++) {
      const f = pointFactors(points);
      if (createKPlusPlusSampler(f, { rng: createSeededRandom(seed).next, unavailable: labelled }).choose(1)[0] === 10) farWeighted++;
      const faithful = createKPlusPlusSampler(f, { rng: createSeededRandom(seed).next, unavailable: labelled, firstDraw: FirstDraw.Uniform });
      if (faithful.choose(1)[0] === 10) farUniform++;
    }
    expect(farWeighted).toBe(200);
    expect(farUniform).toBeLessThan(60); // ≈ 200 / 10
  });

  it('pruned incremental minDist² equals brute force over random model outputs', () => {
    const { h, p } = randomOutputs(11, 300, 24, 5);
    const blocks = [h.slice(0, 100 * 24), h.slice(100 * 24, 170 * 24), h.slice(170 * 24)];
    for (const classIndex of [undefined, 3]) {
      const f = createBadgeFactors({ h: blocks, p, numClasses: 5, classIndex });
      const labelled = new Uint8Array(300).map((_, i) => (i % 37 === 0 ? 1 : 0));
      const s = createKPlusPlusSampler(f, { rng: createSeededRandom(3).next, unavailable: labelled });
      s.choose(25);
      const want = bruteMinDist(f, s.state.centres);
      for (let x = 0; x < 300; x++) {
        if (s.available[x] === 0) continue;
        expect(s.state.minDist[x]).toBeCloseTo(want[x] as number, 12);
      }
      expect(s.state.stats.dots).toBeLessThan(s.state.stats.visited);
    }
  });

  it('the state lasts across calls: a drawn row is never offered again', () => {
    const s = createKPlusPlusSampler(pointFactors(randomPoints(8, 30, 3)), { rng: createSeededRandom(8).next });
    const all = [...s.choose(10), ...s.choose(10), ...s.choose(20)];
    expect(all).toHaveLength(30);
    expect(new Set(all).size).toBe(30);
  });
});
