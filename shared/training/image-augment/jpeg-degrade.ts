// jpeg_degrade (§3.6): the lossy half of a baseline JPEG round trip in plain TypeScript — JFIF
// YCbCr, 4:2:0 chroma, 8×8 DCT, IJG tables scaled by libjpeg's quality rule, and libjpeg's
// "fancy" chroma upsampling on decode. Entropy coding is lossless, so it is left out.
import type { ImageShape3 } from './image-buffers.ts';
import { SCRATCH, scratchFloat } from './image-buffers.ts';

/** IJG standard luminance quantisation table (natural order). */
const LUMA_BASE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22,
  37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
/** IJG standard chrominance quantisation table (natural order). */
const CHROMA_BASE = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
  ...new Array<number>(32).fill(99),
];

/** Quality used by jpeg_degrade with probability p², else JPEG_QUALITY_MILD. */
export const JPEG_QUALITY_HARSH = 3;
/** jpeg_degrade's usual quality. */
export const JPEG_QUALITY_MILD = 5;

/** libjpeg's jpeg_quality_scaling + jpeg_add_quant_table (baseline: entries clamped to 1..255). */
export function jpegQuantTable(base: readonly number[], quality: number): Float64Array {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? Math.floor(5000 / q) : 200 - 2 * q;
  const table = new Float64Array(64);
  for (let i = 0; i < 64; i++) table[i] = Math.min(255, Math.max(1, Math.floor(((base[i] ?? 0) * scale + 50) / 100)));
  return table;
}

/** COS[u·8 + x] = c(u)·cos((2x + 1)uπ/16): the orthonormal 8-point DCT-II basis. */
const COS = new Float64Array(64);
for (let u = 0; u < 8; u++) {
  for (let x = 0; x < 8; x++) COS[u * 8 + x] = (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
}
const BLOCK = new Float64Array(64);
const TEMP = new Float64Array(64);
const TABLES = new Map<number, { luma: Float64Array; chroma: Float64Array }>();

function tablesFor(quality: number): { luma: Float64Array; chroma: Float64Array } {
  let t = TABLES.get(quality);
  if (t === undefined) {
    t = { luma: jpegQuantTable(LUMA_BASE, quality), chroma: jpegQuantTable(CHROMA_BASE, quality) };
    TABLES.set(quality, t);
  }
  return t;
}

/** Round half away from zero, as libjpeg's quantiser does. */
function roundAway(v: number): number {
  return v < 0 ? -Math.floor(-v + 0.5) : Math.floor(v + 0.5);
}

/** DCT, quantise, dequantise and inverse-DCT every 8×8 block of a sample plane (0..255, sizes multiples of 8), in place. */
function codePlane(plane: Float32Array, width: number, height: number, quant: Float64Array): void {
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) BLOCK[y * 8 + x] = (plane[(by + y) * width + bx + x] ?? 0) - 128;
      // Forward: rows then columns.
      for (let y = 0; y < 8; y++) {
        for (let u = 0; u < 8; u++) {
          let s = 0;
          for (let x = 0; x < 8; x++) s += (BLOCK[y * 8 + x] ?? 0) * (COS[u * 8 + x] ?? 0);
          TEMP[y * 8 + u] = s;
        }
      }
      for (let v = 0; v < 8; v++) {
        for (let u = 0; u < 8; u++) {
          let s = 0;
          for (let y = 0; y < 8; y++) s += (COS[v * 8 + y] ?? 0) * (TEMP[y * 8 + u] ?? 0);
          const q = quant[v * 8 + u] ?? 1;
          BLOCK[v * 8 + u] = roundAway(s / q) * q;
        }
      }
      // Inverse: columns then rows.
      for (let y = 0; y < 8; y++) {
        for (let u = 0; u < 8; u++) {
          let s = 0;
          for (let v = 0; v < 8; v++) s += (COS[v * 8 + y] ?? 0) * (BLOCK[v * 8 + u] ?? 0);
          TEMP[y * 8 + u] = s;
        }
      }
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          let s = 0;
          for (let u = 0; u < 8; u++) s += (TEMP[y * 8 + u] ?? 0) * (COS[u * 8 + x] ?? 0);
          const v = Math.round(s + 128);
          plane[(by + y) * width + bx + x] = v < 0 ? 0 : v > 255 ? 255 : v;
        }
      }
    }
  }
}

/** A [0, 1] value as the 8-bit sample tf.image.convert_image_dtype(saturate=True) makes. */
function toByte(v: number): number {
  return v <= 0 ? 0 : v >= 1 ? 255 : Math.floor(v * 255.5);
}

function clampByte(v: number): number {
  const r = Math.round(v);
  return r < 0 ? 0 : r > 255 ? 255 : r;
}

/** Degrades a 1-channel image as a greyscale JPEG of `quality` would, in place. */
function degradeGrey(image: Float32Array, shape: ImageShape3, quality: number): void {
  const { height: h, width: w } = shape;
  const pw = Math.ceil(w / 8) * 8;
  const ph = Math.ceil(h / 8) * 8;
  const plane = scratchFloat(SCRATCH.jpegY, pw * ph);
  for (let y = 0; y < ph; y++) {
    const sy = Math.min(y, h - 1);
    for (let x = 0; x < pw; x++) plane[y * pw + x] = toByte(image[sy * w + Math.min(x, w - 1)] ?? 0);
  }
  codePlane(plane, pw, ph, tablesFor(quality).luma);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) image[y * w + x] = (plane[y * pw + x] ?? 0) / 255;
}

/** libjpeg's h2v2 "fancy" (triangle-filter) upsampling of the valid cw × ch part of a chroma plane into `out` (W × H). */
function fancyUpsample(plane: Float32Array, stride: number, cw: number, ch: number, out: Float32Array, w: number, h: number): void {
  for (let y = 0; y < h; y++) {
    const row = (y >> 1) * stride;
    const near = Math.min(ch - 1, Math.max(0, (y & 1) === 0 ? (y >> 1) - 1 : (y >> 1) + 1)) * stride;
    const colsum = (j: number): number => 3 * (plane[row + j] ?? 0) + (plane[near + j] ?? 0);
    for (let x = 0; x < w; x++) {
      const j = x >> 1;
      const here = colsum(j);
      let v: number;
      if ((x & 1) === 0) v = j === 0 ? (here * 4 + 8) >> 4 : (here * 3 + colsum(j - 1) + 8) >> 4;
      else v = j === cw - 1 ? (here * 4 + 7) >> 4 : (here * 3 + colsum(j + 1) + 7) >> 4;
      out[y * w + x] = v;
    }
  }
}

/** Degrades an RGB image as a 4:2:0 JPEG of `quality` would, in place. */
function degradeRgb(image: Float32Array, shape: ImageShape3, quality: number): void {
  const { height: h, width: w } = shape;
  const pw = Math.ceil(w / 16) * 16;
  const ph = Math.ceil(h / 16) * 16;
  const cwPad = pw / 2;
  const chPad = ph / 2;
  const lum = scratchFloat(SCRATCH.jpegY, pw * ph);
  const cb = scratchFloat(SCRATCH.jpegCb, cwPad * chPad);
  const cr = scratchFloat(SCRATCH.jpegCr, cwPad * chPad);
  const cbFull = scratchFloat(SCRATCH.jpegCbFull, pw * ph);
  const crFull = scratchFloat(SCRATCH.jpegCrFull, pw * ph);
  // Colour conversion on the edge-replicated padded image.
  for (let y = 0; y < ph; y++) {
    const sy = Math.min(y, h - 1);
    for (let x = 0; x < pw; x++) {
      const i = (sy * w + Math.min(x, w - 1)) * 3;
      const r = toByte(image[i] ?? 0);
      const g = toByte(image[i + 1] ?? 0);
      const b = toByte(image[i + 2] ?? 0);
      const o = y * pw + x;
      lum[o] = clampByte(0.299 * r + 0.587 * g + 0.114 * b);
      cbFull[o] = clampByte(-0.168736 * r - 0.331264 * g + 0.5 * b + 128);
      crFull[o] = clampByte(0.5 * r - 0.418688 * g - 0.081312 * b + 128);
    }
  }
  // 2×2 averaging with libjpeg's alternating rounding bias (1, 2).
  for (let y = 0; y < chPad; y++) {
    for (let x = 0; x < cwPad; x++) {
      const a = 2 * y * pw + 2 * x;
      const bias = (x & 1) === 0 ? 1 : 2;
      cb[y * cwPad + x] = ((cbFull[a] ?? 0) + (cbFull[a + 1] ?? 0) + (cbFull[a + pw] ?? 0) + (cbFull[a + pw + 1] ?? 0) + bias) >> 2;
      cr[y * cwPad + x] = ((crFull[a] ?? 0) + (crFull[a + 1] ?? 0) + (crFull[a + pw] ?? 0) + (crFull[a + pw + 1] ?? 0) + bias) >> 2;
    }
  }
  const tables = tablesFor(quality);
  codePlane(lum, pw, ph, tables.luma);
  codePlane(cb, cwPad, chPad, tables.chroma);
  codePlane(cr, cwPad, chPad, tables.chroma);
  const cwValid = Math.ceil(w / 2);
  const chValid = Math.ceil(h / 2);
  fancyUpsample(cb, cwPad, cwValid, chValid, cbFull, w, h);
  fancyUpsample(cr, cwPad, cwValid, chValid, crFull, w, h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const yy = lum[y * pw + x] ?? 0;
      const u = (cbFull[y * w + x] ?? 0) - 128;
      const v = (crFull[y * w + x] ?? 0) - 128;
      const o = (y * w + x) * 3;
      image[o] = clampByte(yy + 1.402 * v) / 255;
      image[o + 1] = clampByte(yy - 0.344136 * u - 0.714136 * v) / 255;
      image[o + 2] = clampByte(yy + 1.772 * u) / 255;
    }
  }
}

/**
 * Replaces the image by what a baseline JPEG of `quality` (1–100) decodes to: RGB as 4:2:0 YCbCr,
 * one channel as greyscale; other channel counts are left unchanged.
 */
export function jpegDegrade(image: Float32Array, shape: ImageShape3, quality: number): void {
  if (shape.channels === 3) degradeRgb(image, shape, quality);
  else if (shape.channels === 1) degradeGrey(image, shape, quality);
}
