// Spatial filters and occlusions (§3.6): Gaussian blur, Sobel edges, the grey mask rectangle and
// the pixel mask, each enabled alone with probability 1.
import { describe, expect, it } from 'vitest';
import { gaussianBlur } from '../../../../shared/training/image-augment/filters.ts';
import { at, augmented, constantImage, maxAbsDiff, noiseImage, shapeOf, stats } from './image-fixtures.ts';

const SEEDS = Array.from({ length: 30 }, (_, i) => 700 + i);

describe('gaussian_blur', () => {
  it('keeps a constant interior, darkens the zero-padded border and lowers the spread of noise', () => {
    const shape = shapeOf(60, 60, 3); // radius floor(60 / 20) = 3
    for (const seed of SEEDS.slice(0, 5)) {
      const out = augmented(constantImage(shape, 0.6), shape, { gaussian_blur: 1 }, seed);
      for (let y = 3; y < 57; y += 5) for (let x = 3; x < 57; x += 5) expect(at(out, shape, y, x, 1)).toBeCloseTo(0.6, 5);
      const noise = noiseImage(shape, seed);
      expect(stats(augmented(noise, shape, { gaussian_blur: 1 }, seed)).std).toBeLessThan(stats(noise).std);
    }
    const corners = SEEDS.map((seed) => at(augmented(constantImage(shape, 0.6), shape, { gaussian_blur: 1 }, seed), shape, 0, 0));
    expect(Math.max(...corners)).toBeLessThan(0.6 + 1e-6);
    expect(Math.min(...corners)).toBeLessThan(0.4); // σ near 2 loses a quarter of the weight off each edge
  });

  it('uses a normalised separable Gaussian kernel of the given σ', () => {
    const shape = shapeOf(21, 21, 1);
    const impulse = new Float32Array(21 * 21);
    impulse[10 * 21 + 10] = 1;
    gaussianBlur(impulse, shape, 1, 3);
    const weights = [-3, -2, -1, 0, 1, 2, 3].map((i) => Math.exp(-(i * i) / 2));
    const total = weights.reduce((a, b) => a + b, 0);
    expect(impulse.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(at(impulse, shape, 10, 10)).toBeCloseTo((1 / total) ** 2, 6);
    expect(at(impulse, shape, 10, 12)).toBeCloseTo((Math.exp(-2) / total) * (1 / total), 6);
    expect(at(impulse, shape, 10, 14)).toBe(0);
  });

  it('equals a direct zero-padded 2-D convolution, edges included', () => {
    for (const [h, w, radius, sigma] of [[7, 9, 3, 1.5], [5, 4, 6, 2], [1, 6, 2, 0.8]] as const) {
      const shape = shapeOf(h, w, 2);
      const image = noiseImage(shape, h * w);
      const k = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
      const total = k.reduce((a, b) => a + b, 0);
      const expected = new Float32Array(image.length);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          for (let ch = 0; ch < 2; ch++) {
            let acc = 0;
            for (let dy = -radius; dy <= radius; dy++) {
              for (let dx = -radius; dx <= radius; dx++) {
                const yy = y + dy;
                const xx = x + dx;
                if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
                acc += ((k[dy + radius] ?? 0) / total) * ((k[dx + radius] ?? 0) / total) * at(image, shape, yy, xx, ch);
              }
            }
            expected[(y * w + x) * 2 + ch] = acc;
          }
        }
      }
      gaussianBlur(image, shape, sigma, radius);
      expect(maxAbsDiff(image, expected)).toBeLessThan(1e-5);
    }
  });
});

describe('sobel_prob', () => {
  it('turns a constant image into zeros', () => {
    const shape = shapeOf(12, 12, 3);
    expect(augmented(constantImage(shape, 0.4), shape, { sobel_prob: 1 }, 1).every((v) => v === 0)).toBe(true);
  });

  it('matches tf.image.sobel_edges (reflect padding), mean |dy|, |dx| over channels, min–max rescaled', () => {
    const shape = shapeOf(5, 6, 2);
    const image = noiseImage(shape, 17);
    const reflect = (i: number, n: number): number => (i < 0 ? -i : i >= n ? 2 * n - 2 - i : i);
    const ky = [[-1, -2, -1], [0, 0, 0], [1, 2, 1]];
    const magnitude: number[] = [];
    for (let y = 0; y < 5; y++) {
      for (let x = 0; x < 6; x++) {
        let sum = 0;
        for (let ch = 0; ch < 2; ch++) {
          let dy = 0;
          let dx = 0;
          for (let i = 0; i < 3; i++) {
            for (let j = 0; j < 3; j++) {
              const v = at(image, shape, reflect(y + i - 1, 5), reflect(x + j - 1, 6), ch);
              dy += (ky[i]?.[j] ?? 0) * v;
              dx += (ky[j]?.[i] ?? 0) * v;
            }
          }
          sum += Math.abs(dy) + Math.abs(dx);
        }
        magnitude.push(sum / 4);
      }
    }
    const lo = Math.min(...magnitude);
    const hi = Math.max(...magnitude);
    const out = augmented(image, shape, { sobel_prob: 1 }, 1);
    magnitude.forEach((m, p) => {
      expect(out[p * 2]).toBeCloseTo((m - lo) / (hi - lo), 5);
      expect(out[p * 2 + 1]).toBe(out[p * 2]);
    });
  });

  it('a vertical step edge peaks at 1 on the edge, 0 away from it, the same in every channel', () => {
    const shape = shapeOf(10, 12, 3);
    const step = Float32Array.from({ length: 10 * 12 * 3 }, (_, i) => (Math.floor(i / 3) % 12 >= 6 ? 1 : 0));
    const out = augmented(step, shape, { sobel_prob: 1 }, 1);
    for (let y = 0; y < 10; y++) {
      expect(at(out, shape, y, 5)).toBeCloseTo(1, 6);
      expect(at(out, shape, y, 6)).toBeCloseTo(1, 6);
      expect(at(out, shape, y, 2)).toBe(0);
      expect(at(out, shape, y, 10)).toBe(0);
      for (let x = 0; x < 12; x++) expect(at(out, shape, y, x, 2)).toBe(at(out, shape, y, x, 0));
    }
  });
});

describe('mask and pixel_mask', () => {
  it('mask 1 paints exactly one 0.5 rectangle, height in [H/20, H/2), width in [H/20, W/2)', () => {
    const shape = shapeOf(40, 60, 3);
    const heights = new Set<number>();
    for (const seed of SEEDS) {
      const out = augmented(constantImage(shape, 0.2), shape, { mask: 1 }, seed);
      let top = Infinity;
      let bottom = -1;
      let left = Infinity;
      let right = -1;
      let count = 0;
      for (let y = 0; y < 40; y++) {
        for (let x = 0; x < 60; x++) {
          if (at(out, shape, y, x) !== 0.5) continue;
          count++;
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
          left = Math.min(left, x);
          right = Math.max(right, x);
          for (let ch = 0; ch < 3; ch++) expect(at(out, shape, y, x, ch)).toBe(0.5);
        }
      }
      const h = bottom - top + 1;
      const w = right - left + 1;
      expect(count).toBe(h * w); // one solid rectangle
      expect(h).toBeGreaterThanOrEqual(2);
      expect(h).toBeLessThan(20);
      expect(w).toBeGreaterThanOrEqual(2);
      expect(w).toBeLessThan(30);
      heights.add(h);
    }
    expect(heights.size).toBeGreaterThan(5);
  });

  it('pixel_mask 1 zeroes about 70 % of pixels, the same pixels in every channel', () => {
    const shape = shapeOf(64, 64, 3);
    const out = augmented(constantImage(shape, 0.8), shape, { pixel_mask: 1 }, 21);
    let zeroed = 0;
    for (let p = 0; p < 64 * 64; p++) {
      const values = [out[p * 3], out[p * 3 + 1], out[p * 3 + 2]];
      const zeros = values.filter((v) => v === 0).length;
      expect(zeros === 0 || zeros === 3).toBe(true);
      if (zeros === 3) zeroed++;
      else expect(values.every((v) => Math.abs((v ?? 0) - 0.8) < 1e-6)).toBe(true);
    }
    expect(zeroed / 4096).toBeGreaterThan(0.67);
    expect(zeroed / 4096).toBeLessThan(0.73);
  });
});
