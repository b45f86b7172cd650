// Colour augmentations (§3.6): solarize, multiplicative brightness, contrast about the channel
// mean, HSV saturation and hue, jitter, drop_color, autocontrast and Gaussian noise, each alone.
import { describe, expect, it } from 'vitest';
import { createRng, randomInt } from '../../../../shared/training/random.ts';
import { augmented, constantImage, emojiImage, maxAbsDiff, noiseImage, shapeOf, stats } from './image-fixtures.ts';

const SEEDS = Array.from({ length: 20 }, (_, i) => 300 + i);

/** tf.image.rgb_to_hsv of one pixel. */
function hsv(r: number, g: number, b: number): [number, number, number] {
  const v = Math.max(r, g, b);
  const range = v - Math.min(r, g, b);
  const s = v > 0 ? range / v : 0;
  if (range <= 0) return [0, s, v];
  let h = r === v ? (g - b) / (6 * range) : g === v ? (b - r) / (6 * range) + 1 / 3 : (r - g) / (6 * range) + 2 / 3;
  if (h < 0) h += 1;
  return [h, s, v];
}

function channel(image: Float32Array, ch: number, channels = 3): number[] {
  return Array.from(image).filter((_, i) => i % channels === ch);
}

/** Smallest signed difference of two hues on the unit circle. */
function hueDiff(a: number, b: number): number {
  const d = a - b;
  return d - Math.round(d);
}

describe('colour operations', () => {
  it('solarize 1: one threshold t; values ≥ t become 1 − x, the others stay', () => {
    const shape = shapeOf(8, 8, 3);
    const image = noiseImage(shape, 11);
    for (const seed of SEEDS) {
      const out = augmented(image, shape, { solarize: 1 }, seed);
      let lowestFlipped = Infinity;
      let highestKept = -Infinity;
      image.forEach((v, i) => {
        const o = out[i] ?? NaN;
        if (Math.abs(o - v) < 1e-7) highestKept = Math.max(highestKept, v);
        else {
          expect(o).toBeCloseTo(1 - v, 6);
          lowestFlipped = Math.min(lowestFlipped, v);
        }
      });
      expect(highestKept).toBeLessThan(lowestFlipped);
      // The gate draw comes first, then the threshold t ~ U(0, 1): exactly the values ≥ t flip.
      const draws = createRng(seed);
      draws();
      const t = draws();
      image.forEach((v, i) => expect(out[i]).toBeCloseTo(v >= t ? 1 - v : v, 6));
    }
  });

  it('brightness_delta d multiplies every value by one factor in [1 − d, 1 + d]', () => {
    const shape = shapeOf(6, 6, 3);
    const image = noiseImage(shape, 3, 0.2, 0.7);
    const factors = SEEDS.map((seed) => {
      const out = augmented(image, shape, { brightness_delta: 0.3 }, seed);
      const f = (out[0] ?? 0) / (image[0] ?? 1);
      expect(f).toBeGreaterThanOrEqual(0.7 - 1e-6);
      expect(f).toBeLessThanOrEqual(1.3 + 1e-6);
      image.forEach((v, i) => expect(out[i]).toBeCloseTo(v * f, 5));
      return f;
    });
    expect(factors.some((f) => f < 0.95) && factors.some((f) => f > 1.05)).toBe(true);
  });

  it('contrast_delta keeps each channel mean and scales spread by one factor in [1 − d, 1 + d]', () => {
    const shape = shapeOf(10, 10, 3);
    const image = noiseImage(shape, 5, 0.35, 0.65);
    for (const seed of SEEDS) {
      const out = augmented(image, shape, { contrast_delta: 0.5 }, seed);
      const ratios = [0, 1, 2].map((ch) => {
        const before = stats(channel(image, ch));
        const after = stats(channel(out, ch));
        expect(after.mean).toBeCloseTo(before.mean, 5);
        return after.std / before.std;
      });
      for (const r of ratios) {
        expect(r).toBeCloseTo(ratios[0] ?? NaN, 4);
        expect(r).toBeGreaterThanOrEqual(0.5 - 1e-5);
        expect(r).toBeLessThanOrEqual(1.5 + 1e-5);
      }
    }
  });

  it('saturation_delta: a grey image stays grey; colour keeps hue and value, saturation scales by one factor', async () => {
    const grey = shapeOf(8, 8, 3);
    const g = noiseImage(shapeOf(8, 8, 1), 9, 0.1, 0.9);
    const greyImage = Float32Array.from({ length: 8 * 8 * 3 }, (_, i) => g[Math.floor(i / 3)] ?? 0);
    for (const seed of SEEDS.slice(0, 5)) expect(maxAbsDiff(augmented(greyImage, grey, { saturation_delta: 0.9 }, seed), greyImage)).toBeLessThan(1e-6);

    const shape = shapeOf(16, 16, 3);
    const { image } = await emojiImage('1f34e.png', 16, 16);
    const out = augmented(image, shape, { saturation_delta: 0.5 }, 42);
    let factor = NaN;
    for (let p = 0; p < 256; p++) {
      const [h0, s0, v0] = hsv(image[p * 3] ?? 0, image[p * 3 + 1] ?? 0, image[p * 3 + 2] ?? 0);
      const [h1, s1, v1] = hsv(out[p * 3] ?? 0, out[p * 3 + 1] ?? 0, out[p * 3 + 2] ?? 0);
      expect(v1).toBeCloseTo(v0, 5);
      if (s0 < 0.2 || s1 >= 0.999) continue;
      expect(Math.abs(hueDiff(h1, h0))).toBeLessThan(1e-4);
      if (Number.isNaN(factor)) factor = s1 / s0;
      expect(s1 / s0).toBeCloseTo(factor, 3);
    }
    expect(factor).toBeGreaterThanOrEqual(0.5);
    expect(factor).toBeLessThanOrEqual(1.5);
    expect(Math.abs(factor - 1)).toBeGreaterThan(1e-3);
  });

  it('hue_delta d shifts every hue by one amount in [−d, d] and keeps saturation and value', async () => {
    const shape = shapeOf(16, 16, 3);
    const { image } = await emojiImage('1f98a.png', 16, 16);
    for (const seed of SEEDS.slice(0, 5)) {
      const out = augmented(image, shape, { hue_delta: 0.3 }, seed);
      let shift = NaN;
      for (let p = 0; p < 256; p++) {
        const [h0, s0, v0] = hsv(image[p * 3] ?? 0, image[p * 3 + 1] ?? 0, image[p * 3 + 2] ?? 0);
        const [h1, s1, v1] = hsv(out[p * 3] ?? 0, out[p * 3 + 1] ?? 0, out[p * 3 + 2] ?? 0);
        expect(v1).toBeCloseTo(v0, 5);
        expect(s1).toBeCloseTo(s0, 4);
        if (s0 < 0.2 || v0 < 0.2) continue;
        if (Number.isNaN(shift)) shift = hueDiff(h1, h0);
        expect(Math.abs(hueDiff(hueDiff(h1, h0), shift))).toBeLessThan(1e-3);
      }
      expect(Math.abs(shift)).toBeLessThanOrEqual(0.3 + 1e-4);
    }
  });

  it('draws its amount from the Rng as documented: hue U(−d, d), saturation U(1 − d, 1 + d), brightness U(max(0, 1 − d), 1 + d)', () => {
    const shape = shapeOf(1, 1, 3);
    // Pure red: H 0, S 1, V 0.8; a hue shift h gives (R, G, B) with G = 0.8·6h for small h > 0.
    const red = Float32Array.from([0.8, 0, 0]);
    const pinkish = Float32Array.from([0.8, 0.4, 0.4]); // S 0.5
    for (const seed of SEEDS.slice(0, 8)) {
      const u = createRng(seed)();
      const shift = -0.1 + 0.2 * u;
      const hue = hsv(...(Array.from(augmented(red, shape, { hue_delta: 0.1 }, seed)) as [number, number, number]))[0];
      expect(Math.abs(hueDiff(hue, shift))).toBeLessThan(1e-5);
      const sat = hsv(...(Array.from(augmented(pinkish, shape, { saturation_delta: 0.4 }, seed)) as [number, number, number]))[1];
      expect(sat).toBeCloseTo(0.5 * (0.6 + 0.8 * u), 5);
      const bright = augmented(pinkish, shape, { brightness_delta: 0.2 }, seed);
      expect(bright[0]).toBeCloseTo(0.8 * (0.8 + 0.4 * u), 5);
    }
  });

  it('saturation and hue do nothing on one-channel images', () => {
    const shape = shapeOf(6, 6, 1);
    const image = noiseImage(shape, 2);
    expect(augmented(image, shape, { saturation_delta: 1, hue_delta: 0.5 }, 1)).toEqual(image);
  });

  it('jitter keeps values in [0, 1], changes a real image and is off at 0', async () => {
    const shape = shapeOf(24, 24, 3);
    const { image } = await emojiImage('1f600.png', 24, 24);
    for (const seed of SEEDS.slice(0, 5)) {
      const out = augmented(image, shape, { jitter: 1 }, seed);
      expect(out.every((v) => v >= 0 && v <= 1)).toBe(true);
      expect(maxAbsDiff(out, image)).toBeGreaterThan(0.02);
    }
    expect(augmented(image, shape, { jitter: 0 }, 1)).toEqual(image);
  });

  it('jitter s applies its four steps in a random order with ranges 0.8s / 0.2s, clipping after each', async () => {
    const shape = shapeOf(6, 6, 3);
    const { image } = await emojiImage('1f34e.png', 6, 6);
    const clip = (v: number): number => Math.min(1, Math.max(0, v));
    const hsvToRgb = (h: number, sat: number, v: number): number[] =>
      [5, 3, 1].map((n) => {
        const k = (n + h * 6) % 6;
        return v - v * sat * Math.max(0, Math.min(k, 4 - k, 1));
      });
    const mapHsv = (img: number[], fn: (hsvPixel: [number, number, number]) => [number, number, number]): number[] => {
      const out: number[] = [];
      for (let p = 0; p < img.length; p += 3) out.push(...hsvToRgb(...fn(hsv(img[p] ?? 0, img[p + 1] ?? 0, img[p + 2] ?? 0))));
      return out;
    };
    for (const seed of SEEDS.slice(0, 6)) {
      const s = 0.7;
      const rng = createRng(seed);
      const order = [0, 1, 2, 3];
      for (let i = 3; i > 0; i--) {
        const j = randomInt(rng, i + 1);
        [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
      }
      let ref = Array.from(image);
      for (const op of order) {
        const u = rng();
        if (op === 0) {
          const lo = Math.max(0, 1 - 0.8 * s);
          ref = ref.map((v) => v * (lo + u * (1 + 0.8 * s - lo)));
        } else if (op === 1) {
          const f = 1 - 0.8 * s + u * 1.6 * s;
          const means = [0, 1, 2].map((ch) => channel(Float32Array.from(ref), ch).reduce((a, b) => a + b, 0) / 36);
          ref = ref.map((v, i) => (v - (means[i % 3] ?? 0)) * f + (means[i % 3] ?? 0));
        } else if (op === 2) {
          const f = 1 - 0.8 * s + u * 1.6 * s;
          ref = mapHsv(ref, ([h, sat, v]) => [h, clip(sat * f), v]);
        } else {
          const shift = -0.2 * s + u * 0.4 * s;
          ref = mapHsv(ref, ([h, sat, v]) => [(((h + shift) % 1) + 1) % 1, sat, v]);
        }
        ref = ref.map(clip);
      }
      const out = augmented(image, shape, { jitter: s }, seed);
      expect(maxAbsDiff(out, ref)).toBeLessThan(1e-4);
    }
  });

  it('drop_color 1 sets every channel to the pixel mean over channels', () => {
    const shape = shapeOf(5, 7, 3);
    const image = noiseImage(shape, 12);
    const out = augmented(image, shape, { drop_color: 1 }, 3);
    for (let p = 0; p < 35; p++) {
      const mean = ((image[p * 3] ?? 0) + (image[p * 3 + 1] ?? 0) + (image[p * 3 + 2] ?? 0)) / 3;
      for (let ch = 0; ch < 3; ch++) expect(out[p * 3 + ch]).toBeCloseTo(mean, 6);
    }
  });

  it('autocontrast 1 computes clip((x − mean) / (max(x − mean) + 0.01), 0, 1) over the whole image', () => {
    const shape = shapeOf(2, 2, 1);
    const out = augmented(Float32Array.from([0.1, 0.3, 0.5, 0.9]), shape, { autocontrast: 1 }, 1);
    // mean 0.45, max(x − mean) = 0.45, denominator 0.46.
    const expected = [0, 0, 0.05 / 0.46, 0.45 / 0.46];
    expected.forEach((v, i) => expect(out[i]).toBeCloseTo(v, 6));
  });

  it('gaussian_noise 1 adds noise of standard deviation 0.1 to a mid-grey image', () => {
    const shape = shapeOf(64, 64, 3);
    const out = augmented(constantImage(shape, 0.5), shape, { gaussian_noise: 1 }, 77);
    const { mean, std } = stats(Array.from(out, (v) => v - 0.5));
    expect(Math.abs(mean)).toBeLessThan(0.005);
    expect(std).toBeGreaterThan(0.095);
    expect(std).toBeLessThan(0.105);
    // Normal, not merely spread: about 68.3 % within one σ and 95.4 % within two.
    const within = (k: number): number => out.filter((v) => Math.abs(v - 0.5) < 0.1 * k).length / out.length;
    expect(within(1)).toBeGreaterThan(0.673);
    expect(within(1)).toBeLessThan(0.693);
    expect(within(2)).toBeGreaterThan(0.947);
    expect(within(2)).toBeLessThan(0.961);
  });

  it('probabilistic operations fire about p of the time', () => {
    const shape = shapeOf(4, 4, 3);
    const image = noiseImage(shape, 1);
    const fired = Array.from({ length: 400 }, (_, i) => maxAbsDiff(augmented(image, shape, { drop_color: 0.3 }, 5000 + i), image) > 0);
    const rate = fired.filter(Boolean).length / fired.length;
    expect(rate).toBeGreaterThan(0.22);
    expect(rate).toBeLessThan(0.38);
  });
});
