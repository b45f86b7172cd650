// Feature-space augmentation for FixMatch on pre-extracted features (the original had none):
// weak = random flips / rot90 of the (h, w) feature map; strong = weak + a masked rectangle,
// channel dropout and Gaussian noise. Works in place on a row-major batch (B, h, w, c).
import type { Rng } from './random.ts';
import { randomInt, randomNormal } from './random.ts';

/** Strong-augmentation settings. */
export interface StrongAugmentOptions {
  /** Probability of masking a rectangle of cells (set to 0). */
  maskProbability: number;
  /** Probability of zeroing each channel. */
  channelDropout: number;
  /** Standard deviation of additive Gaussian noise. */
  noiseStd: number;
}

/** Strong-augmentation defaults. */
export const DEFAULT_STRONG_AUGMENT: StrongAugmentOptions = { maskProbability: 0.5, channelDropout: 0.1, noiseStd: 0.1 };

/** Shape of one feature row: (h, w, c); a flat (d) row is (1, 1, d). */
export interface MapShape {
  height: number;
  width: number;
  channels: number;
}

/** Random flips and (for square maps) a random multiple of 90° rotation, per example. */
export function weakAugment(batch: Float32Array, count: number, shape: MapShape, rng: Rng): void {
  const { height: h, width: w, channels: c } = shape;
  if (h * w === 1) return;
  const size = h * w * c;
  const tmp = new Float32Array(size);
  for (let b = 0; b < count; b++) {
    const flipY = rng() < 0.5;
    const flipX = rng() < 0.5;
    const rot = h === w ? randomInt(rng, 4) : 0;
    const base = b * size;
    tmp.set(batch.subarray(base, base + size));
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        // Destination (y, x) reads source (sy, sx): flips then rotation by rot × 90°.
        let sy = y;
        let sx = x;
        for (let k = 0; k < rot; k++) {
          const t = sy;
          sy = h - 1 - sx;
          sx = t;
        }
        if (flipY) sy = h - 1 - sy;
        if (flipX) sx = w - 1 - sx;
        const dst = base + (y * w + x) * c;
        const src = (sy * w + sx) * c;
        for (let k = 0; k < c; k++) batch[dst + k] = tmp[src + k] as number;
      }
    }
  }
}

/** Weak augmentation followed by masking, channel dropout and noise, per example. */
export function strongAugment(
  batch: Float32Array,
  count: number,
  shape: MapShape,
  rng: Rng,
  options: StrongAugmentOptions = DEFAULT_STRONG_AUGMENT,
): void {
  weakAugment(batch, count, shape, rng);
  const { height: h, width: w, channels: c } = shape;
  const size = h * w * c;
  for (let b = 0; b < count; b++) {
    const base = b * size;
    if (h * w > 1 && rng() < options.maskProbability) {
      const mh = 1 + randomInt(rng, Math.max(1, Math.floor(h / 2)));
      const mw = 1 + randomInt(rng, Math.max(1, Math.floor(w / 2)));
      const y0 = randomInt(rng, h - mh + 1);
      const x0 = randomInt(rng, w - mw + 1);
      for (let y = y0; y < y0 + mh; y++) batch.fill(0, base + (y * w + x0) * c, base + (y * w + x0 + mw) * c);
    }
    if (options.channelDropout > 0) {
      for (let k = 0; k < c; k++) {
        if (rng() >= options.channelDropout) continue;
        for (let cell = 0; cell < h * w; cell++) batch[base + cell * c + k] = 0;
      }
    }
    if (options.noiseStd > 0) {
      for (let i = base; i < base + size; i++) batch[i] = (batch[i] as number) + options.noiseStd * randomNormal(rng);
    }
  }
}
