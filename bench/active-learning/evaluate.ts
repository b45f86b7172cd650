// Validation metrics of the label-efficiency benchmark: top-1 accuracy (argmax of the sigmoid
// outputs against the true class) and macro ROC AUC over classes (shared/metrics rocAuc).
import { rocAuc } from '../../shared/metrics/index.ts';

/** Accuracy and macro AUC of N × C predictions against one-hot truth. */
export function evaluate(p: Float32Array, y: Uint8Array, n: number, C: number): { accuracy: number; macroAuc: number } {
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < C; c++) if ((p[i * C + c] as number) > (p[i * C + best] as number)) best = c;
    if (y[i * C + best] === 1) correct++;
  }
  let aucSum = 0, aucCount = 0;
  for (let c = 0; c < C; c++) {
    const pos: number[] = [], neg: number[] = [];
    for (let i = 0; i < n; i++) (y[i * C + c] === 1 ? pos : neg).push(p[i * C + c] as number);
    if (pos.length > 0 && neg.length > 0) { aucSum += rocAuc(pos, neg); aucCount++; }
  }
  return { accuracy: correct / n, macroAuc: aucCount > 0 ? aucSum / aucCount : NaN };
}
