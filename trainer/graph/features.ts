// Feature preparation for the kNN graph: global average pooling of (N, h, w, c) feature maps to
// (N, c), then L2 normalisation, so that cosine distance is 1 − dot product.

/** A feature array as loaded from .npy or produced by an extractor: row-major data and its shape. */
export interface FeatureArray {
  readonly data: Float32Array | Float64Array;
  /** (N, d) or (N, h, w, c), channels last. */
  readonly shape: readonly number[];
}

/** Pooled features: N rows of d values, row-major. */
export interface FeatureMatrix {
  readonly n: number;
  readonly d: number;
  readonly data: Float32Array;
}

/**
 * Global average pooling: (N, h, w, c) → (N, c), accumulated in float64; (N, d) is used as is
 * (no copy when it is already float32). Any other rank is an error.
 */
export function poolFeatures(features: FeatureArray): FeatureMatrix {
  const { data, shape } = features;
  const expected = shape.reduce((a, b) => a * b, 1);
  if (shape.some((s) => !Number.isInteger(s) || s < 0) || expected !== data.length) {
    throw new Error(`feature shape (${shape.join(', ')}) does not match ${data.length} values`);
  }
  const n = shape[0] as number;
  if (shape.length === 2) {
    const d = shape[1] as number;
    return { n, d, data: data instanceof Float32Array ? data : Float32Array.from(data) };
  }
  if (shape.length !== 4) throw new Error(`features must have shape (N, d) or (N, h, w, c), got (${shape.join(', ')})`);
  const cells = (shape[1] as number) * (shape[2] as number);
  const c = shape[3] as number;
  const out = new Float32Array(n * c);
  const sum = new Float64Array(c);
  for (let i = 0; i < n; i++) {
    sum.fill(0);
    const base = i * cells * c;
    for (let p = 0; p < cells; p++) {
      const at = base + p * c;
      for (let ch = 0; ch < c; ch++) sum[ch] = (sum[ch] as number) + (data[at + ch] as number);
    }
    for (let ch = 0; ch < c; ch++) out[i * c + ch] = cells > 0 ? (sum[ch] as number) / cells : 0;
  }
  return { n, d: c, data: out };
}

/**
 * A new matrix with every row scaled to unit L2 norm (norm accumulated in float64). A zero row stays
 * zero: its cosine distance to every other row is then 1.
 */
export function normaliseRows(matrix: FeatureMatrix): FeatureMatrix {
  const { n, d, data } = matrix;
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    let sq = 0;
    for (let x = i * d; x < (i + 1) * d; x++) sq += (data[x] as number) * (data[x] as number);
    if (!Number.isFinite(sq)) throw new Error(`feature row ${i} holds a NaN or infinite value`);
    if (sq === 0) continue;
    const scale = 1 / Math.sqrt(sq);
    for (let x = i * d; x < (i + 1) * d; x++) out[x] = (data[x] as number) * scale;
  }
  return { n, d, data: out };
}

/** Cosine distance 1 − u_i·u_j of two rows of a normalised matrix, accumulated in float64. */
export function cosineDistance(unit: FeatureMatrix, i: number, j: number): number {
  const { d, data } = unit;
  let dot = 0;
  const a = i * d;
  const b = j * d;
  for (let x = 0; x < d; x++) dot += (data[a + x] as number) * (data[b + x] as number);
  return 1 - dot;
}
