// Pixel conversions of the augmentation preview: a canvas's RGBA bytes to the float RGB image
// (height × width × 3, values in [0, 1]) the shared augmentation works on, and back.

/** Channels of the preview's float images (RGB; alpha is dropped). */
export const PREVIEW_CHANNELS = 3;

/** RGBA bytes (ImageData.data) of a width × height image → float RGB in [0, 1], row-major (h, w, 3). */
export function rgbaToFloatRgb(rgba: ArrayLike<number>, width: number, height: number): Float32Array {
  const n = width * height;
  if (rgba.length < n * 4) throw new Error(`expected ${n * 4} RGBA bytes for ${width} × ${height}, got ${rgba.length}`);
  const out = new Float32Array(n * PREVIEW_CHANNELS);
  for (let i = 0; i < n; i++) {
    out[i * 3] = (rgba[i * 4] as number) / 255;
    out[i * 3 + 1] = (rgba[i * 4 + 1] as number) / 255;
    out[i * 3 + 2] = (rgba[i * 4 + 2] as number) / 255;
  }
  return out;
}

/**
 * Float RGB (h, w, 3) → opaque RGBA bytes, clipping to [0, 1] and rounding (NaN becomes 0). Writes
 * into `out` when given (e.g. a fresh ImageData's data), else into a new array.
 */
export function floatRgbToRgba(image: Float32Array, width: number, height: number, out?: Uint8ClampedArray): Uint8ClampedArray {
  const n = width * height;
  if (image.length < n * PREVIEW_CHANNELS) throw new Error(`expected ${n * PREVIEW_CHANNELS} values for ${width} × ${height}, got ${image.length}`);
  const rgba = out ?? new Uint8ClampedArray(n * 4);
  if (rgba.length < n * 4) throw new Error(`the RGBA buffer holds ${rgba.length} bytes, ${n * 4} needed`);
  const byte = (v: number): number => (v > 0 ? (v < 1 ? Math.round(v * 255) : 255) : 0);
  for (let i = 0; i < n; i++) {
    rgba[i * 4] = byte(image[i * 3] as number);
    rgba[i * 4 + 1] = byte(image[i * 3 + 1] as number);
    rgba[i * 4 + 2] = byte(image[i * 3 + 2] as number);
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}
