// Per-class quality numbers shown beside the histograms: ROC AUC of positive against negative
// scores (ties count half) and accuracy at a 0.5 threshold. Both are 0 when a side is empty.

/** Scores of the positive and negative examples of one class. */
export interface ScoreSplit {
  pos: ArrayLike<number>;
  neg: ArrayLike<number>;
}

/** AUC and accuracy of one split. */
export interface AucAccuracy {
  auc: number;
  accuracy: number;
}

/** Threshold at or above which a score counts as a positive prediction. */
export const ACCURACY_THRESHOLD = 0.5;

/**
 * ROC AUC: the probability that a random positive scores above a random negative, ties counting
 * half. O((P + N) log(P + N)) by ranking. Returns 0 when either side is empty.
 * @example rocAuc([0.9, 0.4], [0.1, 0.6]) // 0.75
 */
export function rocAuc(pos: ArrayLike<number>, neg: ArrayLike<number>): number {
  const p = pos.length;
  const n = neg.length;
  if (p === 0 || n === 0) return 0;
  const all = new Float64Array(p + n);
  for (let i = 0; i < p; i++) all[i] = pos[i] as number;
  for (let i = 0; i < n; i++) all[p + i] = neg[i] as number;
  const order = Array.from({ length: p + n }, (_, i) => i).sort((a, b) => (all[a] as number) - (all[b] as number));
  // Mid-ranks (1-based) over tie groups; the sum of positive ranks gives Mann–Whitney U.
  let posRankSum = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    const v = all[order[i] as number] as number;
    while (j + 1 < order.length && all[order[j + 1] as number] === v) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if ((order[k] as number) < p) posRankSum += midRank;
    i = j + 1;
  }
  const u = posRankSum - (p * (p + 1)) / 2;
  return u / (p * n);
}

/**
 * Fraction of positives scoring ≥ 0.5 plus negatives scoring < 0.5, over all of them.
 * Returns 0 when either side is empty (the original shows 0 then).
 */
export function thresholdAccuracy(pos: ArrayLike<number>, neg: ArrayLike<number>): number {
  if (pos.length === 0 || neg.length === 0) return 0;
  let correct = 0;
  for (let i = 0; i < pos.length; i++) if ((pos[i] as number) >= ACCURACY_THRESHOLD) correct++;
  for (let i = 0; i < neg.length; i++) if ((neg[i] as number) < ACCURACY_THRESHOLD) correct++;
  return correct / (pos.length + neg.length);
}

/** AUC and accuracy together; both 0 when pos or neg is empty. */
export function aucAccuracy({ pos, neg }: ScoreSplit): AucAccuracy {
  return { auc: rocAuc(pos, neg), accuracy: thresholdAccuracy(pos, neg) };
}
