// Images for the augmentation tests: seeded noise, constant and ramp images, and real emoji
// pictures decoded with sharp, plus a helper that augments a copy with a single setting.
import sharp from 'sharp';
import { fileURLToPath } from 'node:url';
import { createRng } from '../../../../shared/training/random.ts';
import type { AugmentParams, ImageShape3 } from '../../../../shared/training/image-augment/index.ts';
import { augmentImage } from '../../../../shared/training/image-augment/index.ts';

/** The folder of 64-pixel emoji PNGs. */
export const EMOJI_DIR = fileURLToPath(new URL('../../../../node_modules/emoji-datasource-google/img/google/64/', import.meta.url));

/** A shape literal. */
export function shapeOf(height: number, width: number, channels = 3): ImageShape3 {
  return { height, width, channels };
}

/** Seeded uniform noise in [lo, hi). */
export function noiseImage(shape: ImageShape3, seed: number, lo = 0, hi = 1): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(shape.height * shape.width * shape.channels);
  for (let i = 0; i < out.length; i++) out[i] = lo + rng() * (hi - lo);
  return out;
}

/** Every value equal to `value`. */
export function constantImage(shape: ImageShape3, value: number): Float32Array {
  return new Float32Array(shape.height * shape.width * shape.channels).fill(value);
}

/** Distinct values (index-coded), so any permutation is recognisable. */
export function indexImage(shape: ImageShape3): Float32Array {
  const n = shape.height * shape.width * shape.channels;
  return Float32Array.from({ length: n }, (_, i) => (i + 1) / (n + 1));
}

/** A real RGB emoji (flattened on white), resized to width × height, as [0, 1] floats and raw bytes. */
export async function emojiImage(file: string, width: number, height: number): Promise<{ image: Float32Array; bytes: Buffer }> {
  const bytes = await sharp(`${EMOJI_DIR}${file}`).flatten({ background: '#ffffff' }).resize(width, height).removeAlpha().raw().toBuffer();
  return { image: Float32Array.from(bytes, (v) => v / 255), bytes };
}

/** Augments a copy of `image` with `params` and a fresh Rng of `seed`. */
export function augmented(image: Float32Array, shape: ImageShape3, params: AugmentParams, seed: number): Float32Array {
  const out = image.slice();
  augmentImage(out, shape, params, createRng(seed));
  return out;
}

/** Value at (y, x, ch). */
export function at(image: Float32Array, shape: ImageShape3, y: number, x: number, ch = 0): number {
  return image[(y * shape.width + x) * shape.channels + ch] ?? NaN;
}

/** Mean and standard deviation of the values. */
export function stats(values: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  const mean = sum / values.length;
  let sq = 0;
  for (let i = 0; i < values.length; i++) sq += ((values[i] ?? 0) - mean) ** 2;
  return { mean, std: Math.sqrt(sq / values.length) };
}

/** Largest absolute difference between two images. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return max;
}

/** Mean absolute difference between two images. */
export function meanAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}
