// The per-round model of the label-efficiency benchmark: one-vs-rest logistic regression (a Dense
// layer with sigmoid outputs, like Patchwork's output head) trained by full-batch Adam on typed
// arrays. Its Dense input is the feature vector, so BADGE's h is the features themselves.

/** Training settings. */
export interface LogisticOptions {
  readonly epochs: number;
  readonly learningRate: number;
  /** L2 penalty on the kernel. */
  readonly l2: number;
}

/** Default training settings. */
export const DEFAULT_LOGISTIC: LogisticOptions = { epochs: 150, learningRate: 0.05, l2: 1e-3 };

/** A trained model: kernel W (d × C) and bias b (C). */
export interface Logistic {
  readonly w: Float64Array;
  readonly b: Float64Array;
  readonly dim: number;
  readonly classes: number;
}

/** Fits the model on the given rows (features N × d, multi-hot labels N × C). */
export function fitLogistic(x: Float32Array, y: Uint8Array, rows: readonly number[], dim: number, C: number, opt: LogisticOptions = DEFAULT_LOGISTIC): Logistic {
  const w = new Float64Array(dim * C), b = new Float64Array(C);
  const mw = new Float64Array(dim * C), vw = new Float64Array(dim * C), mb = new Float64Array(C), vb = new Float64Array(C);
  const gw = new Float64Array(dim * C), gb = new Float64Array(C), z = new Float64Array(C);
  const n = rows.length;
  for (let t = 1; t <= opt.epochs; t++) {
    gw.fill(0); gb.fill(0);
    for (const row of rows) {
      const xo = row * dim;
      z.set(b);
      for (let j = 0; j < dim; j++) {
        const xj = x[xo + j] as number;
        if (xj === 0) continue;
        for (let c = 0; c < C; c++) z[c] = (z[c] as number) + xj * (w[j * C + c] as number);
      }
      for (let c = 0; c < C; c++) z[c] = 1 / (1 + Math.exp(-(z[c] as number))) - (y[row * C + c] as number);
      for (let j = 0; j < dim; j++) {
        const xj = x[xo + j] as number;
        for (let c = 0; c < C; c++) gw[j * C + c] = (gw[j * C + c] as number) + xj * (z[c] as number);
      }
      for (let c = 0; c < C; c++) gb[c] = (gb[c] as number) + (z[c] as number);
    }
    adam(w, gw, mw, vw, t, opt, n, opt.l2);
    adam(b, gb, mb, vb, t, opt, n, 0);
  }
  return { w, b, dim, classes: C };
}

function adam(p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, t: number, opt: LogisticOptions, n: number, l2: number): void {
  const b1 = 0.9, b2 = 0.999, eps = 1e-8;
  const c1 = 1 - b1 ** t, c2 = 1 - b2 ** t;
  for (let i = 0; i < p.length; i++) {
    const gi = (g[i] as number) / n + l2 * (p[i] as number);
    m[i] = b1 * (m[i] as number) + (1 - b1) * gi;
    v[i] = b2 * (v[i] as number) + (1 - b2) * gi * gi;
    p[i] = (p[i] as number) - (opt.learningRate * ((m[i] as number) / c1)) / (Math.sqrt((v[i] as number) / c2) + eps);
  }
}

/** Sigmoid outputs for N rows (N × C float32). */
export function predictLogistic(model: Logistic, x: Float32Array, n: number): Float32Array {
  const { dim, classes: C, w, b } = model;
  const out = new Float32Array(n * C);
  const z = new Float64Array(C);
  for (let i = 0; i < n; i++) {
    z.set(b);
    for (let j = 0; j < dim; j++) {
      const xj = x[i * dim + j] as number;
      for (let c = 0; c < C; c++) z[c] = (z[c] as number) + xj * (w[j * C + c] as number);
    }
    for (let c = 0; c < C; c++) out[i * C + c] = 1 / (1 + Math.exp(-(z[c] as number)));
  }
  return out;
}
