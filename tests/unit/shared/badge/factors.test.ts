// Factored BADGE distances: ‖g_x − g_y‖² from h and r must equal the distance between the
// materialised N × dC embeddings, whether h arrives whole or in row blocks.
import { describe, expect, it } from 'vitest';
import { createBadgeFactors, factorDistance2, gradientEmbedding } from '../../../../shared/badge/index.ts';
import { createSeededRandom } from '../../../helpers/seeded-random.ts';

function randomModelOutputs(seed: number, n: number, d: number, c: number): { h: Float32Array; p: Float32Array } {
  const rnd = createSeededRandom(seed);
  const h = new Float32Array(n * d).map(() => rnd.next() * 2 - 1);
  const p = new Float32Array(n * c).map(() => rnd.next());
  return { h, p };
}

function materialisedDistance2(g: Float32Array, width: number, x: number, y: number): number {
  let s = 0;
  for (let k = 0; k < width; k++) {
    const diff = (g[x * width + k] as number) - (g[y * width + k] as number);
    s += diff * diff;
  }
  return s;
}

describe('factored distances', () => {
  it.each([
    { n: 40, d: 16, c: 5, classIndex: undefined },
    { n: 30, d: 33, c: 3, classIndex: undefined },
    { n: 25, d: 12, c: 4, classIndex: 2 },
  ])('equal the materialised ones to 1e-4 relative (n=$n d=$d C=$c class=$classIndex)', ({ n, d, c, classIndex }) => {
    const { h, p } = randomModelOutputs(n * 7 + d, n, d, c);
    const f = createBadgeFactors({ h, p, numClasses: c, classIndex });
    const g = gradientEmbedding({ h, p, numClasses: c, classIndex });
    const width = classIndex === undefined ? d * c : d;
    let checked = 0;
    for (let x = 0; x < n; x++) {
      for (let y = 0; y < n; y++) {
        const want = materialisedDistance2(g, width, x, y);
        const got = factorDistance2(f, x, y);
        expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-4 * Math.max(want, 1e-12) + (x === y ? 0 : 1e-12));
        checked++;
      }
    }
    expect(checked).toBe(n * n);
  });

  it('row blocks give the same factors and distances as one array', () => {
    const n = 23, d = 9, c = 3;
    const { h, p } = randomModelOutputs(5, n, d, c);
    const whole = createBadgeFactors({ h, p, numClasses: c });
    const blocks = [h.slice(0, 5 * d), h.slice(5 * d, 6 * d), h.slice(6 * d)];
    const split = createBadgeFactors({ h: blocks, p, numClasses: c });
    expect(split.rowCount).toBe(n);
    expect(split.dim).toBe(d);
    expect(Array.from(split.gNorm2)).toEqual(Array.from(whole.gNorm2));
    for (const [x, y] of [[0, 22], [4, 5], [5, 6], [12, 3]] as const) {
      expect(factorDistance2(split, x, y)).toBe(factorDistance2(whole, x, y));
    }
  });

  it('an exact duplicate row is at distance exactly 0', () => {
    const { h, p } = randomModelOutputs(9, 4, 7, 3);
    h.copyWithin(3 * 7, 1 * 7, 2 * 7);
    p.copyWithin(3 * 3, 1 * 3, 2 * 3);
    const f = createBadgeFactors({ h, p, numClasses: 3 });
    expect(factorDistance2(f, 1, 3)).toBe(0);
    expect(factorDistance2(f, 1, 2)).toBeGreaterThan(0);
  });

  it('rejects h that is not a whole number of rows', () => {
    expect(() => createBadgeFactors({ h: new Float32Array(7), p: new Float32Array(4), numClasses: 2 })).toThrow(/rows/);
    expect(() => createBadgeFactors({ h: [new Float32Array(3), new Float32Array(5)], p: new Float32Array(8), numClasses: 4 })).toThrow(/block/);
  });
});
