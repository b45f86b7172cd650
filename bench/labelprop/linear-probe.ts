// The label-propagation benchmark's baseline: a linear probe, i.e. multinomial logistic regression
// on the features, trained by full-batch gradient descent on the labelled rows only (typed arrays).

/** A trained probe: weights (d × C) and biases (C). */
export interface LinearProbe {
  readonly d: number;
  readonly classes: number;
  readonly weights: Float64Array;
  readonly bias: Float64Array;
}

/** Trains softmax regression with L2 penalty `l2` for `epochs` full-batch steps of size `rate`. */
export function trainLinearProbe(
  features: Float32Array,
  d: number,
  rows: ArrayLike<number>,
  labels: Uint8Array,
  classes: number,
  { epochs = 500, rate = 2, l2 = 1e-4 } = {},
): LinearProbe {
  const weights = new Float64Array(d * classes);
  const bias = new Float64Array(classes);
  const gradW = new Float64Array(d * classes);
  const gradB = new Float64Array(classes);
  const logits = new Float64Array(classes);
  const m = rows.length;
  for (let epoch = 0; epoch < epochs; epoch++) {
    gradW.fill(0);
    gradB.fill(0);
    for (let r = 0; r < m; r++) {
      const i = rows[r] as number;
      scores(features, d, i, weights, bias, classes, logits);
      softmaxInPlace(logits);
      logits[labels[i] as number] = (logits[labels[i] as number] as number) - 1;
      for (let c = 0; c < classes; c++) {
        const g = (logits[c] as number) / m;
        gradB[c] = (gradB[c] as number) + g;
        for (let x = 0; x < d; x++) gradW[x * classes + c] = (gradW[x * classes + c] as number) + g * (features[i * d + x] as number);
      }
    }
    for (let x = 0; x < weights.length; x++) weights[x] = (weights[x] as number) - rate * ((gradW[x] as number) + l2 * (weights[x] as number));
    for (let c = 0; c < classes; c++) bias[c] = (bias[c] as number) - rate * (gradB[c] as number);
  }
  return { d, classes, weights, bias };
}

/** The probe's predicted class of every row. */
export function predictLinearProbe(probe: LinearProbe, features: Float32Array, n: number): Uint8Array {
  const out = new Uint8Array(n);
  const logits = new Float64Array(probe.classes);
  for (let i = 0; i < n; i++) {
    scores(features, probe.d, i, probe.weights, probe.bias, probe.classes, logits);
    let best = 0;
    for (let c = 1; c < probe.classes; c++) if ((logits[c] as number) > (logits[best] as number)) best = c;
    out[i] = best;
  }
  return out;
}

function scores(features: Float32Array, d: number, i: number, weights: Float64Array, bias: Float64Array, classes: number, out: Float64Array): void {
  for (let c = 0; c < classes; c++) out[c] = bias[c] as number;
  for (let x = 0; x < d; x++) {
    const v = features[i * d + x] as number;
    if (v === 0) continue;
    for (let c = 0; c < classes; c++) out[c] = (out[c] as number) + v * (weights[x * classes + c] as number);
  }
}

function softmaxInPlace(values: Float64Array): void {
  let max = -Infinity;
  for (const v of values) max = Math.max(max, v);
  let sum = 0;
  for (let c = 0; c < values.length; c++) {
    values[c] = Math.exp((values[c] as number) - max);
    sum += values[c] as number;
  }
  for (let c = 0; c < values.length; c++) values[c] = (values[c] as number) / sum;
}
