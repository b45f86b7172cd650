// A one-column digest of the predictions for the `max entropy` sort: per row, the class value
// closest to 0.5 (the class of highest binary entropy). Ranking the digest by entropy gives
// exactly the ranking of the full N × C block, so each Sample scans N values instead of N × C.
// Computed once per published predictions blob.

/** Column name the digest is passed to pickIndices under. */
export const DIGEST_COLUMN = 'max entropy digest';

/**
 * For each row of a row-major N × C block, the entry with the smallest |p − 0.5| (unknown NaN
 * entries skipped; NaN when the whole row is unknown). The value itself is kept, not the distance,
 * so the key the sort computes from it is bit-for-bit the one it computes from the full block.
 */
export function maxEntropyDigest(predictions: Float32Array, classCount: number): Float32Array {
  const n = classCount > 0 ? Math.floor(predictions.length / classCount) : 0;
  const out = new Float32Array(n);
  for (let row = 0, at = 0; row < n; row++, at += classCount) {
    let best = Number.NaN;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let c = 0; c < classCount; c++) {
      const p = predictions[at + c] as number;
      const d = Math.abs(p - 0.5);
      if (d < bestDistance) {
        bestDistance = d;
        best = p;
      }
    }
    out[row] = best;
  }
  return out;
}
