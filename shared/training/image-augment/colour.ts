// Colour augmentations (§3.6) with tf.image semantics: solarize, the draws of brightness /
// contrast / saturation / hue (applied by colour-adjust.ts), the jitter that chains them with
// clipping, drop_color, autocontrast and Gaussian noise.
import type { ImageShape3 } from './image-buffers.ts';
import type { Rng } from '../random.ts';
import { randomInt } from '../random.ts';
import { normalZiggurat } from './normal-ziggurat.ts';
import { randomStream } from './random-stream.ts';
import { IDENTITY_ADJUSTMENT, adjustColour } from './colour-adjust.ts';

/** Standard deviation of gaussian_noise. */
export const GAUSSIAN_NOISE_STD = 0.1;
/** autocontrast's denominator offset. */
export const AUTOCONTRAST_EPSILON = 0.01;
/** jitter's brightness, contrast and saturation range per unit of strength. */
export const JITTER_RANGE = 0.8;
/** jitter's maximum hue shift per unit of strength. */
export const JITTER_HUE = 0.2;

/** Values ≥ threshold become 1 − value. */
export function solarize(image: Float32Array, threshold: number): void {
  for (let i = 0; i < image.length; i++) {
    const v = image[i] ?? 0;
    if (v >= threshold) image[i] = 1 - v;
  }
}

/** Clips every value to [0, 1]. */
export function clipUnit(image: Float32Array): void {
  for (let i = 0; i < image.length; i++) {
    const v = image[i] ?? 0;
    image[i] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
}

/** A uniform draw in [lo, hi). */
export function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + rng() * (hi - lo);
}

/** Draws brightness ×U(max(0, 1−d), 1+d). */
export function drawBrightness(delta: number, rng: Rng): number {
  return uniform(rng, Math.max(0, 1 - delta), 1 + delta);
}

/** Draws a contrast or saturation factor U(1−d, 1+d). */
export function drawFactor(delta: number, rng: Rng): number {
  return uniform(rng, 1 - delta, 1 + delta);
}

/** Draws a hue shift U(−d, d). */
export function drawHueShift(delta: number, rng: Rng): number {
  return uniform(rng, -delta, delta);
}

const JITTER_ORDER = new Int32Array(4);

/**
 * jitter s: brightness ×U(max(0,1−0.8s), 1+0.8s), contrast U(1−0.8s, 1+0.8s), saturation
 * U(1−0.8s, 1+0.8s) and hue shift U(−0.2s, 0.2s) in a random order, clipping after each.
 */
export function jitter(image: Float32Array, shape: ImageShape3, strength: number, rng: Rng): void {
  for (let i = 0; i < 4; i++) JITTER_ORDER[i] = i;
  for (let i = 3; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const t = JITTER_ORDER[i] ?? 0;
    JITTER_ORDER[i] = JITTER_ORDER[j] ?? 0;
    JITTER_ORDER[j] = t;
  }
  const range = JITTER_RANGE * strength;
  for (let i = 0; i < 4; i++) {
    const op = JITTER_ORDER[i];
    const step = { ...IDENTITY_ADJUSTMENT };
    if (op === 0) step.brightness = drawBrightness(range, rng);
    else if (op === 1) step.contrast = drawFactor(range, rng);
    else if (op === 2) step.saturation = drawFactor(range, rng);
    else step.hue = drawHueShift(JITTER_HUE * strength, rng);
    adjustColour(image, shape, step, true);
  }
}

/** Replaces every channel by the pixel's mean over channels. */
export function dropColor(image: Float32Array, shape: ImageShape3): void {
  const c = shape.channels;
  if (c < 2) return;
  for (let i = 0; i < image.length; i += c) {
    let sum = 0;
    for (let ch = 0; ch < c; ch++) sum += image[i + ch] ?? 0;
    const mean = sum / c;
    for (let ch = 0; ch < c; ch++) image[i + ch] = mean;
  }
}

/** clip((x − mean) / (max(x − mean) + 0.01), 0, 1) with the mean over the whole image. */
export function autocontrast(image: Float32Array): void {
  let sum = 0;
  let max = -Infinity;
  for (let i = 0; i < image.length; i++) {
    const v = image[i] ?? 0;
    sum += v;
    if (v > max) max = v;
  }
  const mean = sum / image.length;
  const inv = 1 / (max - mean + AUTOCONTRAST_EPSILON);
  for (let i = 0; i < image.length; i++) {
    const v = ((image[i] ?? 0) - mean) * inv;
    image[i] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
}

/** Adds N(0, std²) to every value (ziggurat normals from a RandomStream on `rng`). */
export function addGaussianNoise(image: Float32Array, std: number, rng: Rng): void {
  const stream = randomStream(rng);
  for (let i = 0; i < image.length; i++) image[i] = (image[i] ?? 0) + std * normalZiggurat(stream);
}
