// BADGE gradient embeddings (Ash et al., ICLR 2020), multi-label form: the gradient of the
// class-averaged BCE against the pseudo-labels ŷ = [p ≥ 0.5] with respect to the output kernel W.
// g = h ⊗ r with r = (p − ŷ)/C; the product is only materialised here, for small inputs and tests.

/** Pseudo-label threshold: ŷ_c = 1 when p_c ≥ this value (inclusive, as in the original). */
export const PSEUDO_LABEL_THRESHOLD = 0.5;

/**
 * Residual factor r of the gradient embedding for N rows of C probabilities.
 * r[i·C + c] = (p_c − [p_c ≥ 0.5]) / C. With `classIndex` only that column is kept (width 1),
 * still divided by the full C, as the original's select_output does.
 */
export function computeResiduals(p: Float32Array | Float64Array, numClasses: number, classIndex?: number): Float64Array {
  const C = numClasses;
  if (!(C > 0) || p.length % C !== 0) throw new Error(`p has ${p.length} values, not a multiple of C = ${C}`);
  const n = p.length / C;
  if (classIndex !== undefined) {
    if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= C) throw new Error(`classIndex ${classIndex} out of range`);
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) r[i] = residual(p[i * C + classIndex] as number) / C;
    return r;
  }
  const r = new Float64Array(n * C);
  for (let k = 0; k < r.length; k++) r[k] = residual(p[k] as number) / C;
  return r;
}

function residual(pc: number): number {
  return pc - (pc >= PSEUDO_LABEL_THRESHOLD ? 1 : 0);
}

/** Options for {@link gradientEmbedding}. */
export interface GradientEmbeddingInput {
  /** Dense-layer inputs, N × d row-major. */
  readonly h: Float32Array | Float64Array;
  /** Sigmoid outputs, N × C row-major. */
  readonly p: Float32Array | Float64Array;
  /** Number of classes C. */
  readonly numClasses: number;
  /** Keep only this class's column (the original's select_output): output N × d. */
  readonly classIndex?: number;
}

/**
 * The materialised gradient embedding, N × dC with j-major flattening vec[j·C + c] = h_j·r_c
 * (behaviours 13–15), or N × d when `classIndex` is given. Uses N·d·C floats: for small inputs only;
 * selection at scale works from the factors (see factors.ts).
 */
export function gradientEmbedding(input: GradientEmbeddingInput): Float32Array {
  const { h, p, numClasses: C, classIndex } = input;
  const r = computeResiduals(p, C, classIndex);
  const width = classIndex === undefined ? C : 1;
  const n = r.length / width;
  if (n === 0) return new Float32Array(0);
  if (h.length % n !== 0) throw new Error(`h has ${h.length} values, not a multiple of N = ${n}`);
  const d = h.length / n;
  const out = new Float32Array(n * d * width);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const hj = h[i * d + j] as number;
      const base = (i * d + j) * width;
      for (let c = 0; c < width; c++) out[base + c] = hj * (r[i * width + c] as number);
    }
  }
  return out;
}
