// Spatial filters and occlusions (§3.6): separable Gaussian blur (zero-padded "same"), Sobel edge
// magnitude, a grey rectangle mask and a random pixel mask shared by every channel.
import type { ImageShape3 } from './image-buffers.ts';
import { SCRATCH, imageSize, scratchFloat } from './image-buffers.ts';
import type { Rng } from '../random.ts';
import { randomInt } from '../random.ts';
import { randomStream } from './random-stream.ts';

/** Value the mask rectangle is filled with. */
export const MASK_FILL = 0.5;
/** Probability that pixel_mask zeroes a pixel. */
export const PIXEL_MASK_RATE = 0.7;
/** gaussian_blur's σ range. */
export const BLUR_SIGMA_RANGE = [0.1, 2] as const;

let kernel: Float32Array = new Float32Array(0);

/** gaussian_blur's kernel radius for an image of `height` rows: floor(H / 20), at least 1. */
export function blurRadius(height: number): number {
  return Math.max(1, Math.floor(height / 20));
}

/** Kernel taps whose weight is below this fraction of the centre tap are skipped (their total effect is < 1e-6). */
const BLUR_TAP_CUTOFF = 1e-6;

/**
 * Blurs with a normalised separable Gaussian of `sigma` and `radius` (normalised over all 2r + 1
 * taps), zero padding outside the image; negligible outer taps are skipped for speed.
 */
export function gaussianBlur(image: Float32Array, shape: ImageShape3, sigma: number, radius: number): void {
  const { height: h, width: w, channels: c } = shape;
  const size = 2 * radius + 1;
  if (kernel.length < size) kernel = new Float32Array(size);
  let sum = 0;
  let reach = 0;
  for (let i = -radius; i <= radius; i++) {
    const v = Math.exp(-(i * i) / (2 * sigma * sigma));
    kernel[i + radius] = v;
    sum += v;
    if (v >= BLUR_TAP_CUTOFF) reach = Math.max(reach, Math.abs(i));
  }
  for (let i = 0; i < size; i++) kernel[i] = (kernel[i] ?? 0) / sum;
  const tmp = scratchFloat(SCRATCH.blur, imageSize(shape));
  const row = w * c;
  const k0 = kernel[radius] ?? 0;
  // Horizontal: tmp = image * k along x. The kernel is symmetric, so taps ±t share a multiply
  // where both are inside; near the edges only the inside one counts (zero padding).
  for (let y = 0; y < h; y++) {
    const base = y * row;
    for (let i = base; i < base + row; i++) tmp[i] = k0 * (image[i] ?? 0);
    for (let t = 1; t <= reach; t++) {
      const k = kernel[radius + t] ?? 0;
      const shift = t * c;
      const bothFrom = base + Math.min(t, w) * c;
      const bothTo = base + Math.max(t, w - t) * c;
      for (let i = bothFrom; i < bothTo; i++) tmp[i] = (tmp[i] ?? 0) + k * ((image[i - shift] ?? 0) + (image[i + shift] ?? 0));
      const plusTo = base + Math.min(t, w - t) * c;
      for (let i = base; i < plusTo; i++) tmp[i] = (tmp[i] ?? 0) + k * (image[i + shift] ?? 0);
      const minusFrom = base + Math.max(t, w - t) * c;
      for (let i = minusFrom; i < base + row; i++) tmp[i] = (tmp[i] ?? 0) + k * (image[i - shift] ?? 0);
    }
  }
  // Vertical: image = tmp * k along y, whole rows at a time, the same pairing.
  for (let y = 0; y < h; y++) {
    const dst = y * row;
    for (let i = 0; i < row; i++) image[dst + i] = k0 * (tmp[dst + i] ?? 0);
    for (let t = 1; t <= reach; t++) {
      const k = kernel[radius + t] ?? 0;
      const up = y - t >= 0 ? (y - t) * row : -1;
      const down = y + t < h ? (y + t) * row : -1;
      if (up >= 0 && down >= 0) for (let i = 0; i < row; i++) image[dst + i] = (image[dst + i] ?? 0) + k * ((tmp[up + i] ?? 0) + (tmp[down + i] ?? 0));
      else if (up >= 0) for (let i = 0; i < row; i++) image[dst + i] = (image[dst + i] ?? 0) + k * (tmp[up + i] ?? 0);
      else if (down >= 0) for (let i = 0; i < row; i++) image[dst + i] = (image[dst + i] ?? 0) + k * (tmp[down + i] ?? 0);
    }
  }
}

/** tf.pad REFLECT index (no edge repeat): −1 → 1, n → n − 2. */
function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  if (i < 0) return -i;
  if (i >= n) return 2 * n - 2 - i;
  return i;
}

/**
 * Sobel edges as tf.image.sobel_edges (3×3 kernels, reflect padding), then the mean of |dy| and
 * |dx| over channels and both directions, min-max rescaled to [0, 1] (a flat image gives 0) and
 * written into every channel.
 */
export function sobel(image: Float32Array, shape: ImageShape3): void {
  const { height: h, width: w, channels: c } = shape;
  const magnitude = scratchFloat(SCRATCH.sobel, h * w);
  const scale = 1 / (2 * c);
  let min = Infinity;
  let max = -Infinity;
  for (let y = 0; y < h; y++) {
    const up = reflectIndex(y - 1, h) * w;
    const mid = y * w;
    const down = reflectIndex(y + 1, h) * w;
    for (let x = 0; x < w; x++) {
      const left = reflectIndex(x - 1, w);
      const right = reflectIndex(x + 1, w);
      let acc = 0;
      for (let ch = 0; ch < c; ch++) {
        const a = image[(up + left) * c + ch] ?? 0;
        const b = image[(up + x) * c + ch] ?? 0;
        const d = image[(up + right) * c + ch] ?? 0;
        const e = image[(mid + left) * c + ch] ?? 0;
        const f = image[(mid + right) * c + ch] ?? 0;
        const g = image[(down + left) * c + ch] ?? 0;
        const k = image[(down + x) * c + ch] ?? 0;
        const l = image[(down + right) * c + ch] ?? 0;
        const dy = g + 2 * k + l - (a + 2 * b + d);
        const dx = d + 2 * f + l - (a + 2 * e + g);
        acc += Math.abs(dy) + Math.abs(dx);
      }
      const m = acc * scale;
      magnitude[mid + x] = m;
      if (m < min) min = m;
      if (m > max) max = m;
    }
  }
  const span = max - min;
  const inv = span > 0 ? 1 / span : 0;
  for (let p = 0; p < h * w; p++) {
    const v = ((magnitude[p] ?? 0) - min) * inv;
    for (let ch = 0; ch < c; ch++) image[p * c + ch] = v;
  }
}

/** A rectangle in pixels. */
export interface MaskRect {
  top: number;
  left: number;
  height: number;
  width: number;
}

/**
 * Draws mask's rectangle: height an integer in [H/20, H/2), width in [H/20, W/2) (bounds
 * floored, at least 1 pixel), placed uniformly where it fits.
 */
export function sampleMaskRect(height: number, width: number, rng: Rng): MaskRect {
  const lo = Math.max(1, Math.floor(height / 20));
  const hiH = Math.min(height, Math.max(lo + 1, Math.floor(height / 2)));
  const hiW = Math.max(1, Math.min(width, Math.max(lo + 1, Math.floor(width / 2))));
  const loH = Math.min(lo, hiH - 1);
  const loW = Math.min(lo, hiW - 1);
  const h = Math.max(1, loH + randomInt(rng, Math.max(1, hiH - loH)));
  const w = Math.max(1, loW + randomInt(rng, Math.max(1, hiW - loW)));
  const top = randomInt(rng, height - h + 1);
  const left = randomInt(rng, width - w + 1);
  return { top, left, height: h, width: w };
}

/** Fills `rect` with MASK_FILL in every channel. */
export function fillRect(image: Float32Array, shape: ImageShape3, rect: MaskRect): void {
  const { width: w, channels: c } = shape;
  for (let y = rect.top; y < rect.top + rect.height; y++) {
    image.fill(MASK_FILL, (y * w + rect.left) * c, (y * w + rect.left + rect.width) * c);
  }
}

/** Zeroes each pixel (all its channels) with probability PIXEL_MASK_RATE. */
export function pixelMask(image: Float32Array, shape: ImageShape3, rng: Rng): void {
  const c = shape.channels;
  const pixels = shape.height * shape.width;
  const stream = randomStream(rng);
  for (let p = 0; p < pixels; p++) {
    if (stream.nextFloat() < PIXEL_MASK_RATE) for (let i = p * c; i < p * c + c; i++) image[i] = 0;
  }
}
