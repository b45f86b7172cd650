// Entropy in bits with clipping (behaviour 6) and the log-free key the sorts use instead of it.
import { describe, expect, it } from 'vitest';
import { binaryEntropy, clipProbability, rowEntropy, uncertaintyKey } from '../../../../shared/sampling/index.ts';
import { createSeededRandom } from '../../../helpers/seeded-random.ts';

describe('entropy', () => {
  it('[B6] H(0.5) = 1, H(0.9) = 0.468996, H(0.99) = 0.080793, H(0) = 0.000181 (clipped to 1e-5)', () => {
    expect(binaryEntropy(0.5)).toBeCloseTo(1.0, 6);
    expect(binaryEntropy(0.9)).toBeCloseTo(0.468996, 6);
    expect(binaryEntropy(0.99)).toBeCloseTo(0.080793, 6);
    expect(binaryEntropy(0)).toBeCloseTo(0.000181, 6);
    expect(binaryEntropy(1)).toBeCloseTo(binaryEntropy(0), 12);
    expect(clipProbability(-3)).toBe(1e-5);
  });

  it('[B6] row entropy for [0.5, 0.9]: max 1.0, sum 1.468996; unknown entries skipped', () => {
    expect(rowEntropy([0.5, 0.9], 'max')).toBeCloseTo(1.0, 6);
    expect(rowEntropy([0.5, 0.9], 'sum')).toBeCloseTo(1.468996, 6);
    expect(rowEntropy([Number.NaN, 0.9])).toBeCloseTo(0.468996, 6);
    expect(rowEntropy([Number.NaN])).toBeNaN();
  });

  it('uncertaintyKey orders probabilities exactly as the clipped entropy does', () => {
    const rng = createSeededRandom(6);
    const ps = [0, 1, 1e-7, 1 - 1e-7, 0.5, 0.25, 0.75, ...Array.from({ length: 300 }, () => rng.next())];
    let checked = 0;
    let wrong = 0;
    for (const a of ps) {
      for (const b of ps.slice(0, 40)) {
        const byEntropy = Math.sign(binaryEntropy(a) - binaryEntropy(b));
        const byKey = Math.sign(uncertaintyKey(a) - uncertaintyKey(b));
        // Equal keys may still differ by float rounding in the logarithms, never in direction.
        const agrees = byKey !== 0 ? byEntropy === 0 || byEntropy === byKey : Math.abs(binaryEntropy(a) - binaryEntropy(b)) < 1e-12;
        checked++;
        if (!agrees) wrong++;
      }
    }
    expect(checked).toBe(ps.length * 40);
    expect(wrong).toBe(0);
  });
});
