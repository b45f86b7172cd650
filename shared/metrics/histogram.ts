// Class histograms of model outputs (the Train tab's "Outputs By Class"): 15 edges over [0, 1]
// (14 bins), series for train/val positives and negatives and the unlabelled rows of a class.
import type { LabelTable } from '../table/label-table.ts';
import { aucAccuracy } from './auc.ts';
import type { AucAccuracy } from './auc.ts';

/** Number of bin edges over [0, 1]; 14 equal bins. */
export const HISTOGRAM_EDGE_COUNT = 15;

/** The 15 evenly spaced edges over [0, 1] (the second is 1/14 ≈ 0.0714286). */
export function histogramEdges(edgeCount: number = HISTOGRAM_EDGE_COUNT): number[] {
  return Array.from({ length: edgeCount }, (_, i) => i / (edgeCount - 1));
}

/**
 * Counts (or densities) of `values` in the bins between `edges`. Like numpy: bins are half-open
 * [a, b) except the last, which includes 1; values outside [0, 1] or NaN are ignored. With
 * `density`, each bin holds count / (total · width), so the bars integrate to 1 (all zeros when
 * there are no values).
 */
export function histogram(values: ArrayLike<number>, { density = false, edgeCount = HISTOGRAM_EDGE_COUNT } = {}): number[] {
  const bins = edgeCount - 1;
  const edges = histogramEdges(edgeCount);
  const counts = new Array<number>(bins).fill(0);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!(v >= 0 && v <= 1)) continue;
    let b = Math.min(bins - 1, Math.floor(v * bins));
    // Match numpy's edge comparison where v * bins rounds just below an edge.
    if (b < bins - 1 && v >= (edges[b + 1] as number)) b++;
    counts[b] = (counts[b] as number) + 1;
    total++;
  }
  if (!density) return counts;
  const width = 1 / bins;
  return counts.map((c) => (total === 0 ? 0 : c / (total * width)));
}

/** Names of the histogram series, in drawing order. */
export const HISTOGRAM_SERIES = ['trainPos', 'trainNeg', 'valPos', 'valNeg', 'unlabelled'] as const;
export type HistogramSeries = (typeof HISTOGRAM_SERIES)[number];

/** Histograms and metrics of one class. */
export interface ClassHistogram {
  className: string;
  /** Bin edges (15 values). */
  edges: number[];
  /** Per series: density (or counts) per bin, 14 values. */
  series: Record<HistogramSeries, number[]>;
  /** Number of rows in each series. */
  counts: Record<HistogramSeries, number>;
  /** AUC/accuracy on the training split (validation = 0; exclusion not checked, as the original). */
  train: AucAccuracy;
  /** AUC/accuracy on the validation split. */
  val: AucAccuracy;
}

/**
 * Splits the scores of class `c` by label and split and bins them. `predictions` is row-major
 * N × C. Train = validation 0, val = validation 1 (exclusion is not checked, as in the original);
 * unlabelled = every row whose class value is -1, whatever its split.
 */
export function classHistogram(
  table: LabelTable,
  predictions: Float32Array,
  c: number,
  { density = true }: { density?: boolean } = {},
): ClassHistogram {
  const C = table.classes.length;
  const labels = table.labels[c];
  if (!labels) throw new Error(`class index ${c} is out of range`);
  const buckets: Record<HistogramSeries, number[]> = { trainPos: [], trainNeg: [], valPos: [], valNeg: [], unlabelled: [] };
  for (let row = 0; row < table.rowCount; row++) {
    const score = predictions[row * C + c] as number;
    const y = labels[row];
    if (y === -1) buckets.unlabelled.push(score);
    else if (table.validation[row] === 1) (y === 1 ? buckets.valPos : buckets.valNeg).push(score);
    else (y === 1 ? buckets.trainPos : buckets.trainNeg).push(score);
  }
  const series = {} as Record<HistogramSeries, number[]>;
  const counts = {} as Record<HistogramSeries, number>;
  for (const name of HISTOGRAM_SERIES) {
    series[name] = histogram(buckets[name], { density });
    counts[name] = buckets[name].length;
  }
  return {
    className: table.classes[c] as string,
    edges: histogramEdges(),
    series,
    counts,
    train: aucAccuracy({ pos: buckets.trainPos, neg: buckets.trainNeg }),
    val: aucAccuracy({ pos: buckets.valPos, neg: buckets.valNeg }),
  };
}

/** Histograms and metrics of every class. */
export function classHistograms(table: LabelTable, predictions: Float32Array, options: { density?: boolean } = {}): ClassHistogram[] {
  return table.classes.map((_, c) => classHistogram(table, predictions, c, options));
}
