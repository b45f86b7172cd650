// BADGE gradient embeddings: the original's checkable behaviours 13–15 and the residual factor.
import { describe, expect, it } from 'vitest';
import { computeResiduals, gradientEmbedding } from '../../../../shared/badge/index.ts';

const close = (actual: ArrayLike<number>, expected: number[]): void => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, 6));
};

describe('gradient embedding', () => {
  it('[B13] W = 0, b = 0 gives p = 0.5; h = [1, 2], C = 2 → [−0.25, −0.25, −0.5, −0.5] (j-major)', () => {
    const h = new Float32Array([1, 2]);
    const p = new Float32Array([0.5, 0.5]); // sigmoid(0·h + 0)
    close(gradientEmbedding({ h, p, numClasses: 2 }), [-0.25, -0.25, -0.5, -0.5]);
  });

  it('[B13] select_output = 1 → [−0.25, −0.5] (still divided by the full C)', () => {
    const g = gradientEmbedding({ h: new Float32Array([1, 2]), p: new Float32Array([0.5, 0.5]), numClasses: 2, classIndex: 1 });
    close(g, [-0.25, -0.5]);
  });

  it('[B14] C = 2, h = [1], p = [0.8, 0.3] → [−0.1, 0.15]', () => {
    close(gradientEmbedding({ h: new Float32Array([1]), p: new Float32Array([0.8, 0.3]), numClasses: 2 }), [-0.1, 0.15]);
  });

  it('[B14] the pseudo-label uses ≥ 0.5: p = 0.5 gives ŷ = 1, p just below gives ŷ = 0', () => {
    const r = computeResiduals(new Float32Array([0.5, 0.49]), 2);
    expect(r[0]).toBeCloseTo(-0.25, 7);
    expect(r[1]).toBeCloseTo(0.245, 7);
  });

  it('[B15] a batch of 7, d = 8, C = 3 → 7 × 24; with select_output → 7 × 8', () => {
    const h = new Float32Array(7 * 8).map((_, i) => (i % 5) - 2);
    const p = new Float32Array(7 * 3).map((_, i) => (i % 10) / 10);
    expect(gradientEmbedding({ h, p, numClasses: 3 }).length).toBe(7 * 24);
    expect(gradientEmbedding({ h, p, numClasses: 3, classIndex: 2 }).length).toBe(7 * 8);
  });

  it('flattening is vec[j·C + c] = h_j·(p_c − ŷ_c)/C for every row', () => {
    const h = new Float32Array([1, -2, 3, 0.5, 0.25, -1]); // 2 rows, d = 3
    const p = new Float32Array([0.9, 0.2, 0.1, 0.6]); // 2 rows, C = 2
    const g = gradientEmbedding({ h, p, numClasses: 2 });
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) {
        for (let c = 0; c < 2; c++) {
          const pc = p[i * 2 + c] as number;
          expect(g[i * 6 + j * 2 + c]).toBeCloseTo(((h[i * 3 + j] as number) * (pc - (pc >= 0.5 ? 1 : 0))) / 2, 6);
        }
      }
    }
  });

  it('rejects a class index out of range and a p that is not N × C', () => {
    expect(() => computeResiduals(new Float32Array(4), 2, 2)).toThrow(/out of range/);
    expect(() => computeResiduals(new Float32Array(5), 2)).toThrow(/multiple/);
  });
});
