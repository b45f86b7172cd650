// Histogram of one class column of an N × C probability block (model predictions or propagated
// labels): ten equal bins over [0, 1] plus the count of unknown (NaN) values, which are never
// counted as 0.

/** Number of equal-width bins over [0, 1]. */
export const HISTOGRAM_BINS = 10;

/** Counts per bin and of unknown values. */
export interface ValueHistogram {
  /** bins[b] counts values in [b/10, (b+1)/10), the last bin including 1. */
  readonly bins: readonly number[];
  readonly unknown: number;
}

/** Histogram of column `column` of a row-major block with `columns` columns. */
export function columnHistogram(values: Float32Array, columns: number, column: number): ValueHistogram {
  const bins = new Array<number>(HISTOGRAM_BINS).fill(0);
  let unknown = 0;
  if (columns <= 0 || column < 0 || column >= columns) return { bins, unknown };
  for (let at = column; at < values.length; at += columns) {
    const v = values[at] as number;
    if (Number.isNaN(v)) {
      unknown++;
      continue;
    }
    const b = Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor(v * HISTOGRAM_BINS)));
    bins[b] = (bins[b] as number) + 1;
  }
  return { bins, unknown };
}
