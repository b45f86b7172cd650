// Masked losses of the original (behaviour reference §3.4): y ∈ {-1 missing, 0, 1}, mean over
// observed label cells, ε = 1e-7 (the Keras epsilon); the FixMatch consistency term; and L2
// weight decay over kernel variables.
import * as tf from '@tensorflow/tfjs';

/** The Keras epsilon used in every loss. */
export const EPSILON = 1e-7;

/** Element-wise BCE(t, q) = −[t·ln(q̂+ε) + (1−t)·ln(1−q̂+ε)], q̂ = clip(q, ε, 1−ε). */
function elementBce(t: tf.Tensor, q: tf.Tensor): tf.Tensor {
  const qh = tf.clipByValue(q, EPSILON, 1 - EPSILON);
  return tf.neg(tf.add(tf.mul(t, tf.log(tf.add(qh, EPSILON))), tf.mul(tf.sub(1, t), tf.log(tf.add(tf.sub(1, qh), EPSILON)))));
}

/** Masked BCE with label smoothing s: Σ BCE(ỹ·m, p·m) / (Σm + ε), ỹ = y(1−s) + s/2. */
export function maskedBce(y: tf.Tensor, p: tf.Tensor, labelSmoothing = 0): tf.Scalar {
  return tf.tidy(() => {
    const m = tf.cast(tf.notEqual(y, -1), 'float32');
    const norm = tf.add(tf.sum(m), EPSILON);
    const smoothed = tf.add(tf.mul(y, 1 - labelSmoothing), 0.5 * labelSmoothing);
    return tf.div(tf.sum(elementBce(tf.mul(smoothed, m), tf.mul(p, m))), norm) as tf.Scalar;
  });
}

/** Masked focal loss: −[Σ 1[y=1]·ln(p+ε)·(1−p)^γ + Σ 1[y=0]·ln(1−p+ε)·p^γ] / (Σm + ε). */
export function maskedFocal(y: tf.Tensor, p: tf.Tensor, gamma: number): tf.Scalar {
  return tf.tidy(() => {
    const m = tf.cast(tf.notEqual(y, -1), 'float32');
    const norm = tf.add(tf.sum(m), EPSILON);
    const pos = tf.cast(tf.equal(y, 1), 'float32');
    const neg = tf.cast(tf.equal(y, 0), 'float32');
    const posTerm = tf.sum(tf.mul(tf.mul(pos, tf.log(tf.add(p, EPSILON))), tf.pow(tf.sub(1, p), gamma)));
    const negTerm = tf.sum(tf.mul(tf.mul(neg, tf.log(tf.add(tf.sub(1, p), EPSILON))), tf.pow(p, gamma)));
    return tf.div(tf.neg(tf.add(posTerm, negTerm)), norm) as tf.Scalar;
  });
}

/** FixMatch term: mean over all B_u × C elements of μ·BCE(ŷ, p_strong). */
export function fixMatchLoss(pseudoLabels: tf.Tensor, mask: tf.Tensor, pStrong: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.mul(mask, elementBce(pseudoLabels, pStrong))) as tf.Scalar);
}

/** Σ ‖W‖²/2 over the given kernel variables (0 when there are none). */
export function l2Penalty(kernels: readonly tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => {
    let total: tf.Scalar = tf.scalar(0);
    for (const w of kernels) total = tf.add(total, tf.div(tf.sum(tf.square(w)), 2));
    return total;
  });
}
