// The augmentation preview's image work: load one relay image into a small canvas, read it as float
// RGB, make seeded augmented copies with the shared augmentation, and draw float images back. All
// canvas calls live here; the pixel conversions are pure (augment-pixels.ts).
import { augmentImage } from '../../shared/training/image-augment/index.ts';
import { createRng } from '../../shared/training/index.ts';
import type { AugmentParams } from '../../shared/training/index.ts';
import { PREVIEW_CHANNELS, floatRgbToRgba, rgbaToFloatRgb } from './augment-pixels.ts';

/** Side (px) of the preview images, original and augmented. */
export const PREVIEW_SIZE = 96;
/** Augmented copies shown per column. */
export const PREVIEW_VARIANTS = 4;
/** Size of the relay image the preview loads (the Label tab's thumbnail size, so it is usually cached). */
export const PREVIEW_SOURCE_SIZE = 256;

/** Builds a relay image URL for a row at a size (carrying the token). */
export type ImageUrlFn = (row: number, size?: number) => string;

/**
 * `count` augmented copies of `image` (size × size × 3, values in [0, 1]), drawn from one RNG
 * seeded with `seed`, so the same seed and settings give the same copies. `false` = unchanged copies.
 */
export function augmentVariants(image: Float32Array, size: number, params: AugmentParams | false, count: number, seed: number): Float32Array[] {
  const rng = createRng(seed);
  const shape = { height: size, width: size, channels: PREVIEW_CHANNELS };
  const out: Float32Array[] = [];
  for (let i = 0; i < count; i++) {
    const copy = image.slice();
    if (params !== false) augmentImage(copy, shape, params, rng);
    out.push(copy);
  }
  return out;
}

/** Whether this page can draw into and read back a 2D canvas (not in jsdom, for one). */
export function canvas2dAvailable(doc: Document = document): boolean {
  try {
    return doc.createElement('canvas').getContext('2d') !== null;
  } catch (error) {
    console.warn('patchwork: no 2D canvas for the augmentation preview', error);
    return false;
  }
}

/** Loads the image at `url`, draws it scaled to size × size and returns its float RGB pixels. */
export async function loadImagePixels(url: string, size: number, doc: Document = document): Promise<Float32Array> {
  const img = doc.createElement('img');
  img.decoding = 'async';
  img.src = url;
  await img.decode();
  const canvas = doc.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('the preview needs a browser canvas');
  ctx.drawImage(img, 0, 0, size, size);
  return rgbaToFloatRgb(ctx.getImageData(0, 0, size, size).data, size, size);
}

/** Draws a size × size float RGB image onto `canvas`. */
export function drawImagePixels(canvas: HTMLCanvasElement, image: Float32Array, size: number): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const data = ctx.createImageData(size, size);
  floatRgbToRgba(image, size, size, data.data);
  ctx.putImageData(data, 0, 0);
}

