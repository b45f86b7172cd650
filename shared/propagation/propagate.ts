// Label propagation over the kNN graph (Bai et al. 2021, multi-hot pos/neg form as in patchwork):
// negative and positive label mass spread along W, training labels clamped back every iteration,
// pseudo-label = pos / (neg + pos). Rows no label mass reaches are reported as unknown (NaN).
import type { LabelTable } from '../table/label-table.ts';
import type { GraphParams, KnnGraph } from './graph-types.ts';

/** Default number of propagation iterations (the original's widget default). */
export const DEFAULT_ITERATIONS = 10;
/** Largest accepted iteration count (values in Y are unbounded, so very long runs can overflow). */
export const MAX_ITERATIONS = 1000;
/** Name of the method, recorded in the provenance of every output. */
export const PROPAGATION_METHOD = 'bai2021-posneg';

/** Options of propagateLabels. */
export interface PropagateOptions {
  /** Iterations t (default 10). 0 returns the seeds alone. */
  iterations?: number;
  /** Label-table version (folded event count) the table came from; recorded in the provenance. */
  labelVersion?: number;
}

/** Where a propagated output came from. */
export interface PropagationProvenance {
  readonly method: typeof PROPAGATION_METHOD;
  readonly iterations: number;
  /** Label-table version, or −1 when the caller did not say. */
  readonly labelVersion: number;
  readonly graph: GraphParams;
}

/** Result of propagateLabels: a prediction source plus what reached where. */
export interface PropagationResult {
  /** Rows (images). */
  readonly n: number;
  /** Class names, in column order. */
  readonly classes: readonly string[];
  /**
   * Pseudo-labels, N × C row-major (values[i*C + c]) in [0, 1]. NaN marks "unknown": no label mass
   * of class c reached row i. Sampling and histograms must treat NaN as unknown, never as 0.
   */
  readonly values: Float32Array;
  /** reached[i*C + c] is 1 where values[i*C + c] is a number, 0 where it is unknown. */
  readonly reached: Uint8Array;
  /** Per class: rows with a value. */
  readonly reachedCount: readonly number[];
  /** Rows with no value for any class. */
  readonly unreachedRows: number;
  /** Per class: training rows seeded as positive (label 1) and as negative (label 0). */
  readonly seeds: readonly { readonly positive: number; readonly negative: number }[];
  readonly provenance: PropagationProvenance;
}

/**
 * Propagates the training labels of `table` over `graph`. For each class c, Y has a negative and a
 * positive column; a training row (neither excluded nor validation) labelled 0 seeds its negative
 * cell with 1, labelled 1 its positive cell. t times: Y ← W·Y, then the seeded cells are set back to
 * 1 (only those: the opposite cell of a labelled row is free, as in the original). Then
 * P = pos / (neg + pos), NaN where neg + pos is 0. All arithmetic is float64.
 */
export function propagateLabels(graph: KnnGraph, table: LabelTable, options: PropagateOptions = {}): PropagationResult {
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < 0 || iterations > MAX_ITERATIONS) {
    throw new Error(`iterations must be an integer from 0 to ${MAX_ITERATIONS}, got ${iterations}`);
  }
  const n = graph.n;
  if (table.rowCount !== n) throw new Error(`the graph has ${n} rows but the label table has ${table.rowCount}`);
  const classCount = table.classes.length;
  const values = new Float32Array(n * classCount);
  const reached = new Uint8Array(n * classCount);
  const reachedCount: number[] = [];
  const seeds: { positive: number; negative: number }[] = [];
  // Interleaved (neg, pos) per row: cell 2i is row i's negative mass, 2i + 1 its positive mass.
  let y = new Float64Array(2 * n);
  let next = new Float64Array(2 * n);
  for (let c = 0; c < classCount; c++) {
    const labels = table.labels[c] as Int8Array;
    const seeded = collectSeeds(labels, table.exclude, table.validation);
    seeds.push({ positive: seeded.positive, negative: seeded.negative });
    y.fill(0);
    for (const cell of seeded.cells) y[cell] = 1;
    for (let step = 0; step < iterations; step++) {
      multiply(graph, y, next);
      for (const cell of seeded.cells) next[cell] = 1;
      const swap = y;
      y = next;
      next = swap;
    }
    let count = 0;
    for (let i = 0; i < n; i++) {
      const neg = y[2 * i] as number;
      const pos = y[2 * i + 1] as number;
      const total = neg + pos;
      const p = pos / total;
      if (total > 0 && Number.isFinite(p)) {
        values[i * classCount + c] = p;
        reached[i * classCount + c] = 1;
        count++;
      } else {
        values[i * classCount + c] = Number.NaN;
      }
    }
    reachedCount.push(count);
  }
  let unreachedRows = 0;
  for (let i = 0; i < n; i++) {
    let any = 0;
    for (let c = 0; c < classCount; c++) any |= reached[i * classCount + c] as number;
    if (any === 0) unreachedRows++;
  }
  return {
    n,
    classes: [...table.classes],
    values,
    reached,
    reachedCount,
    unreachedRows,
    seeds,
    provenance: { method: PROPAGATION_METHOD, iterations, labelVersion: options.labelVersion ?? -1, graph: graph.params },
  };
}

function collectSeeds(labels: Int8Array, exclude: Uint8Array, validation: Uint8Array): { cells: Int32Array; positive: number; negative: number } {
  const cells: number[] = [];
  let positive = 0;
  let negative = 0;
  for (let i = 0; i < labels.length; i++) {
    if (exclude[i] || validation[i]) continue;
    const label = labels[i];
    if (label === 0) {
      cells.push(2 * i);
      negative++;
    } else if (label === 1) {
      cells.push(2 * i + 1);
      positive++;
    }
  }
  return { cells: Int32Array.from(cells), positive, negative };
}

/** out = W · y for the interleaved two-column y. */
function multiply(graph: KnnGraph, y: Float64Array, out: Float64Array): void {
  const { n, indptr, indices, data } = graph;
  for (let i = 0; i < n; i++) {
    let neg = 0;
    let pos = 0;
    for (let x = indptr[i] as number; x < (indptr[i + 1] as number); x++) {
      const j = indices[x] as number;
      const w = data[x] as number;
      neg += w * (y[2 * j] as number);
      pos += w * (y[2 * j + 1] as number);
    }
    out[2 * i] = neg;
    out[2 * i + 1] = pos;
  }
}
