// Binary entropy in bits with the original's clipping, and the per-row aggregation used by the
// "max entropy" sort. Sorting never calls these per row: see uncertaintyKey for the fast key.

/** Probabilities are clipped to [ENTROPY_CLIP, 1 − ENTROPY_CLIP] before taking logarithms. */
export const ENTROPY_CLIP = 1e-5;

/** How a row's per-class entropies are combined: the original uses `max`; `sum` exists for completeness. */
export type EntropyAggregate = 'max' | 'sum';

/** p clipped to [ENTROPY_CLIP, 1 − ENTROPY_CLIP]. NaN stays NaN. */
export function clipProbability(p: number): number {
  if (p < ENTROPY_CLIP) return ENTROPY_CLIP;
  if (p > 1 - ENTROPY_CLIP) return 1 - ENTROPY_CLIP;
  return p;
}

/** H(p) = −[p′·log₂p′ + (1−p′)·log₂(1−p′)] with p′ = clip(p): 1 at 0.5, 0.000181 at 0. NaN for NaN. */
export function binaryEntropy(p: number): number {
  const q = clipProbability(p);
  return -(q * Math.log2(q) + (1 - q) * Math.log2(1 - q));
}

/**
 * Combined entropy of one row's class probabilities (`max` or `sum` over classes). NaN entries
 * (unknown predictions) are skipped; a row with no known entry gives NaN.
 */
export function rowEntropy(probabilities: ArrayLike<number>, aggregate: EntropyAggregate = 'max'): number {
  let out = Number.NaN;
  for (let c = 0; c < probabilities.length; c++) {
    const p = probabilities[c] as number;
    if (Number.isNaN(p)) continue;
    const h = binaryEntropy(p);
    if (Number.isNaN(out)) out = h;
    else out = aggregate === 'max' ? Math.max(out, h) : out + h;
  }
  return out;
}

/**
 * A key that orders probabilities exactly as binaryEntropy does (higher key = higher entropy) but
 * needs no logarithm: −|clip(p) − 0.5|. H is symmetric about 0.5 and strictly decreasing in |p′ − 0.5|.
 */
export function uncertaintyKey(p: number): number {
  const q = p < ENTROPY_CLIP ? ENTROPY_CLIP : p > 1 - ENTROPY_CLIP ? 1 - ENTROPY_CLIP : p;
  return -Math.abs(q - 0.5);
}
