// Separable crop-and-resize used by the zoom augmentations: TensorFlow's bicubic resize (Keys
// a = −0.5, half-pixel centres, out-of-range taps dropped and renormalised) and crop_and_resize's
// bilinear box sampling. Each output row/column reads 4 weighted taps from the source.
import type { ImageShape3 } from './image-buffers.ts';
import { SCRATCH, scratchFloat, scratchInt } from './image-buffers.ts';

/** Taps per output coordinate. */
const TAPS = 4;
/** Keys cubic-convolution parameter TensorFlow uses with half-pixel centres. */
const KEYS_A = -0.5;
/** Integer scratch slots for the tap tables. */
const TAP_SLOTS = { rowIndex: 0, colIndex: 1 } as const;
/** Weight tables are small; plain module buffers grown on demand. */
let rowWeights: Float32Array = new Float32Array(0);
let colWeights: Float32Array = new Float32Array(0);

function keys(t: number): number {
  const x = Math.abs(t);
  if (x <= 1) return ((KEYS_A + 2) * x - (KEYS_A + 3)) * x * x + 1;
  if (x < 2) return ((KEYS_A * x - 5 * KEYS_A) * x + 8 * KEYS_A) * x - 4 * KEYS_A;
  return 0;
}

function growWeights(current: Float32Array, size: number): Float32Array {
  return current.length >= size ? current : new Float32Array(size);
}

/**
 * Fills bicubic taps mapping `outSize` outputs onto the source span [start, start + length):
 * tf.image.resize(method='bicubic') on that span, indices absolute.
 */
export function bicubicTaps(start: number, length: number, outSize: number, index: Int32Array, weight: Float32Array): void {
  const scale = length / outSize;
  for (let o = 0; o < outSize; o++) {
    const loc = (o + 0.5) * scale - 0.5;
    const floor = Math.floor(loc);
    const delta = loc - floor;
    let sum = 0;
    for (let t = 0; t < TAPS; t++) {
      const raw = floor - 1 + t;
      const bounded = raw < 0 ? 0 : raw >= length ? length - 1 : raw;
      const w = bounded === raw ? keys(delta - (t - 1)) : 0;
      index[o * TAPS + t] = start + bounded;
      weight[o * TAPS + t] = w;
      sum += w;
    }
    if (Math.abs(sum) >= 1e-30) for (let t = 0; t < TAPS; t++) weight[o * TAPS + t] = (weight[o * TAPS + t] ?? 0) / sum;
  }
}

/**
 * Fills bilinear taps for tf.image.crop_and_resize over the fractional box [lo, hi] of an axis of
 * `size` pixels (corner-aligned: output 0 samples lo·(size−1), the last samples hi·(size−1)).
 */
export function boxBilinearTaps(size: number, lo: number, hi: number, outSize: number, index: Int32Array, weight: Float32Array): void {
  for (let o = 0; o < outSize; o++) {
    const loc = outSize > 1 ? lo * (size - 1) + (o * (hi - lo) * (size - 1)) / (outSize - 1) : 0.5 * (lo + hi) * (size - 1);
    const clamped = Math.min(size - 1, Math.max(0, loc));
    const floor = Math.floor(clamped);
    const ceil = Math.min(size - 1, floor + 1);
    const frac = clamped - floor;
    index[o * TAPS] = floor;
    weight[o * TAPS] = 1 - frac;
    index[o * TAPS + 1] = ceil;
    weight[o * TAPS + 1] = frac;
    for (let t = 2; t < TAPS; t++) {
      index[o * TAPS + t] = floor;
      weight[o * TAPS + t] = 0;
    }
  }
}

/** Which taps to use for a crop-and-resize. */
export const RESIZE_METHODS = { bicubic: 'bicubic', boxBilinear: 'boxBilinear' } as const;
/** A resize method. */
export type ResizeMethod = (typeof RESIZE_METHODS)[keyof typeof RESIZE_METHODS];

/** A crop in pixels (bicubic) or fractions of the image (boxBilinear): rows [top, top+height), columns [left, left+width). */
export interface CropBox {
  top: number;
  left: number;
  height: number;
  width: number;
}

/**
 * Resizes the crop `box` of `image` back to the full `shape`, in place. Bicubic boxes are integer
 * pixels; boxBilinear boxes are fractions ([top, top+height] on a 0–1 axis).
 */
export function cropResize(image: Float32Array, shape: ImageShape3, box: CropBox, method: ResizeMethod): void {
  const { height: h, width: w, channels: c } = shape;
  const rowIndex = scratchInt(TAP_SLOTS.rowIndex, h * TAPS);
  const colIndex = scratchInt(TAP_SLOTS.colIndex, w * TAPS);
  rowWeights = growWeights(rowWeights, h * TAPS);
  colWeights = growWeights(colWeights, w * TAPS);
  let rowStart: number;
  let rowEnd: number;
  if (method === RESIZE_METHODS.bicubic) {
    bicubicTaps(box.top, box.height, h, rowIndex, rowWeights);
    bicubicTaps(box.left, box.width, w, colIndex, colWeights);
    rowStart = box.top;
    rowEnd = box.top + box.height;
  } else {
    boxBilinearTaps(h, box.top, box.top + box.height, h, rowIndex, rowWeights);
    boxBilinearTaps(w, box.left, box.left + box.width, w, colIndex, colWeights);
    rowStart = h;
    rowEnd = 0;
    for (let i = 0; i < h * TAPS; i++) {
      const r = rowIndex[i] ?? 0;
      if (r < rowStart) rowStart = r;
      if (r + 1 > rowEnd) rowEnd = r + 1;
    }
  }
  // Horizontal pass over the source rows the vertical taps read: rows[r - rowStart][x][ch].
  const rowStride = w * c;
  const rows = scratchFloat(SCRATCH.resizeRows, (rowEnd - rowStart) * rowStride);
  for (let r = rowStart; r < rowEnd; r++) {
    const src = r * w * c;
    const dst = (r - rowStart) * rowStride;
    for (let x = 0; x < w; x++) {
      const t = x * TAPS;
      const i0 = src + (colIndex[t] ?? 0) * c;
      const i1 = src + (colIndex[t + 1] ?? 0) * c;
      const i2 = src + (colIndex[t + 2] ?? 0) * c;
      const i3 = src + (colIndex[t + 3] ?? 0) * c;
      const w0 = colWeights[t] ?? 0;
      const w1 = colWeights[t + 1] ?? 0;
      const w2 = colWeights[t + 2] ?? 0;
      const w3 = colWeights[t + 3] ?? 0;
      const o = dst + x * c;
      if (c === 3) {
        rows[o] = w0 * (image[i0] ?? 0) + w1 * (image[i1] ?? 0) + w2 * (image[i2] ?? 0) + w3 * (image[i3] ?? 0);
        rows[o + 1] = w0 * (image[i0 + 1] ?? 0) + w1 * (image[i1 + 1] ?? 0) + w2 * (image[i2 + 1] ?? 0) + w3 * (image[i3 + 1] ?? 0);
        rows[o + 2] = w0 * (image[i0 + 2] ?? 0) + w1 * (image[i1 + 2] ?? 0) + w2 * (image[i2 + 2] ?? 0) + w3 * (image[i3 + 2] ?? 0);
        continue;
      }
      for (let ch = 0; ch < c; ch++) {
        rows[o + ch] = w0 * (image[i0 + ch] ?? 0) + w1 * (image[i1 + ch] ?? 0) + w2 * (image[i2 + ch] ?? 0) + w3 * (image[i3 + ch] ?? 0);
      }
    }
  }
  // Vertical pass straight into the image (the source rows are all in `rows` now).
  for (let y = 0; y < h; y++) {
    const t = y * TAPS;
    const r0 = ((rowIndex[t] ?? 0) - rowStart) * rowStride;
    const r1 = ((rowIndex[t + 1] ?? 0) - rowStart) * rowStride;
    const r2 = ((rowIndex[t + 2] ?? 0) - rowStart) * rowStride;
    const r3 = ((rowIndex[t + 3] ?? 0) - rowStart) * rowStride;
    const w0 = rowWeights[t] ?? 0;
    const w1 = rowWeights[t + 1] ?? 0;
    const w2 = rowWeights[t + 2] ?? 0;
    const w3 = rowWeights[t + 3] ?? 0;
    const dst = y * rowStride;
    for (let i = 0; i < rowStride; i++) {
      image[dst + i] = w0 * (rows[r0 + i] ?? 0) + w1 * (rows[r1 + i] ?? 0) + w2 * (rows[r2 + i] ?? 0) + w3 * (rows[r3 + i] ?? 0);
    }
  }
}
