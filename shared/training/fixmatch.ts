// FixMatch, multi-hot version: per class and element, pseudo-label ŷ = [p > 0.5] and confidence
// mask μ = [p ≥ τ or p ≤ 1 − τ], computed from the weak view outside the gradient.

/** Pseudo-labels and mask of one weak-view prediction matrix. */
export interface FixMatchTargets {
  pseudoLabels: Float32Array;
  mask: Float32Array;
}

/** Element-wise pseudo-labels and confidence mask; both bounds inclusive. */
export function fixMatchTargets(weak: ArrayLike<number>, tau: number): FixMatchTargets {
  const pseudoLabels = new Float32Array(weak.length);
  const mask = new Float32Array(weak.length);
  for (let i = 0; i < weak.length; i++) {
    const p = weak[i] as number;
    pseudoLabels[i] = p > 0.5 ? 1 : 0;
    mask[i] = p >= tau || p <= 1 - tau ? 1 : 0;
  }
  return { pseudoLabels, mask };
}
