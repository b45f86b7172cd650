// Fixtures for the BADGE sampler tests: plain points as factors (r ≡ 1), random model outputs,
// and a brute-force k-means++ distance oracle.
import type { BadgeFactors } from '../../../../shared/badge/index.ts';
import { createFactorsFromResiduals, factorDistance2 } from '../../../../shared/badge/index.ts';
import { createSeededRandom } from '../../../helpers/seeded-random.ts';

/** Factors whose embeddings are exactly the given points (h = point, r = [1]). */
export function pointFactors(points: readonly (readonly number[])[]): BadgeFactors {
  const d = points[0]?.length ?? 1;
  const h = new Float32Array(points.length * d);
  points.forEach((pt, i) => h.set(pt, i * d));
  return createFactorsFromResiduals(h, new Float64Array(points.length).fill(1), 1);
}

/** N random points in d dimensions, uniform in [−1, 1). */
export function randomPoints(seed: number, n: number, d: number): number[][] {
  const rnd = createSeededRandom(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => rnd.next() * 2 - 1));
}

/** Random Dense inputs and sigmoid outputs for N rows. */
export function randomOutputs(seed: number, n: number, d: number, c: number): { h: Float32Array; p: Float32Array } {
  const rnd = createSeededRandom(seed);
  return {
    h: new Float32Array(n * d).map(() => Math.max(0, rnd.next() * 2 - 0.5)),
    p: new Float32Array(n * c).map(() => 1 / (1 + Math.exp(-(rnd.next() * 8 - 4)))),
  };
}

/** Brute force: min over centres of the squared distance, for every row. */
export function bruteMinDist(f: BadgeFactors, centres: readonly number[]): Float64Array {
  const out = new Float64Array(f.rowCount).fill(Infinity);
  for (let x = 0; x < f.rowCount; x++) for (const c of centres) out[x] = Math.min(out[x] as number, factorDistance2(f, x, c));
  return out;
}
