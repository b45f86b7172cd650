// The factored BADGE embedding: g_x = h_x ⊗ r_x is never built. We keep h (Dense-layer inputs, as
// float32 row blocks, so a 4.8 GB matrix needs no single allocation), r = (p − ŷ)/C and the norms,
// and get ‖g_x − g_y‖² = ‖h_x‖²‖r_x‖² + ‖h_y‖²‖r_y‖² − 2 (h_x·h_y)(r_x·r_y).
import { computeResiduals } from './embedding.ts';

/** Dense-layer inputs: one N × d row-major array, or consecutive row blocks (each rows × d). */
export type HInput = Float32Array | readonly Float32Array[];

/** Relative size under which a squared distance counts as an exact duplicate (weight 0). */
export const DUPLICATE_RELATIVE_TOLERANCE = 1e-9;

/** The factors of N gradient embeddings plus the per-row norms the distance needs. */
export interface BadgeFactors {
  /** Number of rows N. */
  readonly rowCount: number;
  /** Dense-input width d. */
  readonly dim: number;
  /** Residual width: C, or 1 when restricted to one class. */
  readonly width: number;
  /** h as row blocks; block b holds rows blockStarts[b] … blockStarts[b + 1] − 1. */
  readonly hBlocks: readonly Float32Array[];
  /** Start row of each block, plus N at the end (length blocks + 1). */
  readonly blockStarts: Int32Array;
  /** Residual factor r, N × width row-major. */
  readonly r: Float64Array;
  /** ‖h_x‖², computed with the same kernel as every h dot product (so duplicates give exactly 0). */
  readonly hNorm2: Float64Array;
  /** ‖r_x‖². */
  readonly rNorm2: Float64Array;
  /** ‖g_x‖² = ‖h_x‖²‖r_x‖². */
  readonly gNorm2: Float64Array;
  /** ‖h_x‖ (for the Cauchy–Schwarz bound). */
  readonly hNorm: Float64Array;
  /** ‖g_x‖ (for the norm-gap bound). */
  readonly gNorm: Float64Array;
}

/** Input of {@link createBadgeFactors}: model outputs for N rows. */
export interface BadgeFactorsInput {
  /** Dense-layer inputs, N × d, whole or in row blocks. */
  readonly h: HInput;
  /** Sigmoid outputs, N × C row-major. */
  readonly p: Float32Array | Float64Array;
  /** Number of classes C. */
  readonly numClasses: number;
  /** Restrict the embedding to this class (the "Compute BADGE with respect to" selector). */
  readonly classIndex?: number;
}

/** Builds the factors from Dense-layer inputs and sigmoid outputs. */
export function createBadgeFactors(input: BadgeFactorsInput): BadgeFactors {
  const width = input.classIndex === undefined ? input.numClasses : 1;
  return createFactorsFromResiduals(input.h, computeResiduals(input.p, input.numClasses, input.classIndex), width);
}

/**
 * Builds the factors from h and an explicit residual factor r (N × width). With width 1 and r ≡ 1
 * the points are h itself, which makes this a plain k-means++ over any vectors (e.g. diversity).
 */
export function createFactorsFromResiduals(h: HInput, r: Float64Array, width: number): BadgeFactors {
  if (!(width > 0) || r.length % width !== 0) throw new Error(`r has ${r.length} values, not a multiple of ${width}`);
  const n = r.length / width;
  const blocks = h instanceof Float32Array ? [h] : [...h];
  let total = 0;
  for (const b of blocks) total += b.length;
  const d = n === 0 ? 0 : total / n;
  if (n > 0 && (!Number.isInteger(d) || d === 0)) throw new Error(`h has ${total} values for N = ${n} rows`);
  const blockStarts = new Int32Array(blocks.length + 1);
  let row = 0;
  blocks.forEach((b, i) => {
    if (d > 0 && b.length % d !== 0) throw new Error(`h block ${i} is not a whole number of rows of width ${d}`);
    blockStarts[i] = row;
    row += d > 0 ? b.length / d : 0;
  });
  blockStarts[blocks.length] = row;
  const hNorm2 = new Float64Array(n);
  const rNorm2 = new Float64Array(n);
  const gNorm2 = new Float64Array(n);
  const hNorm = new Float64Array(n);
  const gNorm = new Float64Array(n);
  blocks.forEach((b, bi) => {
    const start = blockStarts[bi] as number;
    const rows = (blockStarts[bi + 1] as number) - start;
    for (let i = 0; i < rows; i++) hNorm2[start + i] = dotRows(b, i * d, b, i * d, d);
  });
  for (let x = 0; x < n; x++) {
    rNorm2[x] = dotResiduals(r, x * width, x * width, width);
    gNorm2[x] = (hNorm2[x] as number) * (rNorm2[x] as number);
    hNorm[x] = Math.sqrt(hNorm2[x] as number);
    gNorm[x] = Math.sqrt(gNorm2[x] as number);
  }
  return { rowCount: n, dim: d, width, hBlocks: blocks, blockStarts, r, hNorm2, rNorm2, gNorm2, hNorm, gNorm };
}

/**
 * Dot product of two float32 rows of length d, accumulated in float64 with four partial sums.
 * Every h dot product goes through this exact summation order (see {@link dotRowPair}).
 */
export function dotRows(a: Float32Array, ao: number, b: Float32Array, bo: number, d: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let j = 0;
  for (; j + 4 <= d; j += 4) {
    s0 += (a[ao + j] as number) * (b[bo + j] as number);
    s1 += (a[ao + j + 1] as number) * (b[bo + j + 1] as number);
    s2 += (a[ao + j + 2] as number) * (b[bo + j + 2] as number);
    s3 += (a[ao + j + 3] as number) * (b[bo + j + 3] as number);
  }
  for (; j < d; j++) s0 += (a[ao + j] as number) * (b[bo + j] as number);
  return s0 + s1 + s2 + s3;
}

/** Residual dot product r_x·r_y (row offsets into the same r array). */
export function dotResiduals(r: Float64Array, xo: number, yo: number, width: number): number {
  let s = 0;
  for (let c = 0; c < width; c++) s += (r[xo + c] as number) * (r[yo + c] as number);
  return s;
}

/** Locates row x: its block and the element offset of its first value. */
export function locateRow(f: BadgeFactors, x: number): { block: Float32Array; offset: number } {
  let lo = 0, hi = f.hBlocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((f.blockStarts[mid] as number) <= x) lo = mid;
    else hi = mid - 1;
  }
  return { block: f.hBlocks[lo] as Float32Array, offset: (x - (f.blockStarts[lo] as number)) * f.dim };
}

/** Combines the factor terms into a squared distance, clamped at 0 with duplicate tolerance. */
export function combineDistance(nx: number, ny: number, hh: number, rr: number): number {
  const d2 = nx + ny - 2 * (hh * rr);
  return d2 <= DUPLICATE_RELATIVE_TOLERANCE * (nx + ny) ? 0 : d2;
}

/** ‖g_x − g_y‖² from the factors (one h dot product of length d, one r dot product of length width). */
export function factorDistance2(f: BadgeFactors, x: number, y: number): number {
  const a = locateRow(f, x);
  const b = locateRow(f, y);
  const hh = dotRows(a.block, a.offset, b.block, b.offset, f.dim);
  const rr = dotResiduals(f.r, x * f.width, y * f.width, f.width);
  return combineDistance(f.gNorm2[x] as number, f.gNorm2[y] as number, hh, rr);
}

/**
 * Two h dot products against the same row y at once (y's loads are shared). Each result uses the
 * summation order of {@link dotRows} exactly, so both kernels agree bit for bit.
 */
export function dotRowPair(a: Float32Array, o0: number, o1: number, y: Float32Array, d: number, out: Float64Array): void {
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
  let j = 0;
  for (; j + 4 <= d; j += 4) {
    const y0 = y[j] as number, y1 = y[j + 1] as number, y2 = y[j + 2] as number, y3 = y[j + 3] as number;
    a0 += (a[o0 + j] as number) * y0;
    a1 += (a[o0 + j + 1] as number) * y1;
    a2 += (a[o0 + j + 2] as number) * y2;
    a3 += (a[o0 + j + 3] as number) * y3;
    b0 += (a[o1 + j] as number) * y0;
    b1 += (a[o1 + j + 1] as number) * y1;
    b2 += (a[o1 + j + 2] as number) * y2;
    b3 += (a[o1 + j + 3] as number) * y3;
  }
  for (; j < d; j++) {
    a0 += (a[o0 + j] as number) * (y[j] as number);
    b0 += (a[o1 + j] as number) * (y[j] as number);
  }
  out[0] = a0 + a1 + a2 + a3;
  out[1] = b0 + b1 + b2 + b3;
}
