// The bulk random streams behind per-value noise and pixel masks: deterministic for a seed,
// uniform over [0, 1), and the ziggurat normals they feed have the normal's moments.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/training/random.ts';
import { RandomStream } from '../../../../shared/training/image-augment/random-stream.ts';
import { normalZiggurat } from '../../../../shared/training/image-augment/normal-ziggurat.ts';

describe('RandomStream', () => {
  it('gives the same values for the same seed and different ones for another', () => {
    const a = new RandomStream(createRng(1));
    const b = new RandomStream(createRng(1));
    const c = new RandomStream(createRng(2));
    const xs = Array.from({ length: 5000 }, () => a.nextInt32());
    expect(Array.from({ length: 5000 }, () => b.nextInt32())).toEqual(xs);
    expect(Array.from({ length: 5000 }, () => c.nextInt32())).not.toEqual(xs);
  });

  it('is uniform over [0, 1): every tenth holds about a tenth of the draws', () => {
    const stream = new RandomStream(createRng(3));
    const bins = new Array<number>(10).fill(0);
    const n = 100_000;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = stream.nextFloat();
      if (!(u >= 0 && u < 1)) outside++;
      else bins[Math.floor(u * 10)] = (bins[Math.floor(u * 10)] ?? 0) + 1;
    }
    expect(outside).toBe(0);
    for (const count of bins) expect(Math.abs(count - n / 10)).toBeLessThan(500); // ±5 σ
  });

  it('feeds ziggurat normals with mean 0, variance 1, kurtosis 3 and the normal tail masses', () => {
    const stream = new RandomStream(createRng(4));
    const n = 400_000;
    let sum = 0;
    let sq = 0;
    let fourth = 0;
    let beyond2 = 0;
    let beyond3 = 0;
    for (let i = 0; i < n; i++) {
      const z = normalZiggurat(stream);
      sum += z;
      sq += z * z;
      fourth += z ** 4;
      if (Math.abs(z) > 2) beyond2++;
      if (Math.abs(z) > 3) beyond3++;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.008);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.012);
    expect(Math.abs(fourth / n - 3)).toBeLessThan(0.08);
    expect(beyond2 / n).toBeCloseTo(0.0455, 2);
    expect(beyond3 / n).toBeGreaterThan(0.0022);
    expect(beyond3 / n).toBeLessThan(0.0032);
  });
});
