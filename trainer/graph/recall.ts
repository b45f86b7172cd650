// Recall of approximate neighbour lists: a sample of queries is searched exactly and compared.
// Ties count as hits (an approximate neighbour as close as the exact k-th one is a correct answer).
import usearch from 'usearch';
import type { NeighbourLists } from '../../shared/propagation/index.ts';
import type { FeatureMatrix } from './features.ts';
import { createNeighbourLists, fillRow } from './neighbour-picking.ts';

/** Default number of sampled queries for a recall measurement. */
export const DEFAULT_RECALL_SAMPLES = 1000;
/** Distance slack under which an approximate neighbour ties with the exact k-th one. */
const TIE_EPSILON = 1e-6;

/** A recall measurement. */
export interface RecallReport {
  /** Mean over sampled rows of |approx ∩ exact| / |exact| (ties counted as hits). */
  readonly recall: number;
  /** Rows sampled. */
  readonly samples: number;
}

/** `count` distinct rows of 0..n−1, spread evenly with a seeded shuffle (deterministic). */
export function sampleRows(n: number, count: number, seed = 1): Int32Array {
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  let state = seed >>> 0 || 1;
  const m = Math.min(count, n);
  for (let i = 0; i < m; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = i + (state % (n - i));
    const t = rows[i] as number;
    rows[i] = rows[j] as number;
    rows[j] = t;
  }
  return rows.slice(0, m).sort();
}

/**
 * Recall@k of `approx` (lists for every row) over the given sample rows, against `exact`, lists for
 * those rows only (row s of `exact` belongs to sample row rows[s]).
 */
export function compareNeighbours(approx: NeighbourLists, exact: NeighbourLists, rows: ArrayLike<number>): RecallReport {
  const k = approx.k;
  if (exact.k !== k) throw new Error(`approximate lists have k = ${k}, exact ones ${exact.k}`);
  let sum = 0;
  let counted = 0;
  for (let s = 0; s < rows.length; s++) {
    const i = rows[s] as number;
    const truth = new Set<number>();
    let kth = -Infinity;
    for (let q = 0; q < k; q++) {
      const j = exact.neighbours[s * k + q] as number;
      if (j < 0) continue;
      truth.add(j);
      kth = Math.max(kth, exact.distances[s * k + q] as number);
    }
    if (truth.size === 0) continue;
    let hits = 0;
    for (let q = 0; q < k; q++) {
      const j = approx.neighbours[i * k + q] as number;
      if (j < 0) continue;
      if (truth.has(j) || (approx.distances[i * k + q] as number) <= kth + TIE_EPSILON) hits++;
    }
    sum += Math.min(hits, truth.size) / truth.size;
    counted++;
  }
  return { recall: counted === 0 ? 1 : sum / counted, samples: counted };
}

/** Exact neighbour lists for the given rows only, with usearch's brute force. */
export function exactKnnForRows(unit: FeatureMatrix, k: number, rows: Int32Array, threads = 0): NeighbourLists {
  const { n, d, data } = unit;
  const width = Math.min(k + 1, n);
  const lists = createNeighbourLists(rows.length, k);
  if (rows.length === 0 || n < 2 || k === 0) return lists;
  const queries = new Float32Array(rows.length * d);
  rows.forEach((row, s) => queries.set(data.subarray(row * d, (row + 1) * d), s * d));
  const result = usearch.exactSearch(data, queries, d, width, usearch.MetricKind.IP, threads);
  const counts = 'counts' in result ? result.counts : [Math.min(width, result.keys.length)];
  for (let s = 0; s < rows.length; s++) fillRow(lists, rows[s] as number, unit, result.keys, s * width, Number(counts[s]), s);
  return lists;
}

/** Measures recall@k of `approx` on `samples` sampled rows against exact search. */
export function measureRecall(unit: FeatureMatrix, approx: NeighbourLists, samples = DEFAULT_RECALL_SAMPLES, threads = 0, seed = 1): RecallReport {
  const rows = sampleRows(unit.n, samples, seed);
  return compareNeighbours(approx, exactKnnForRows(unit, approx.k, rows, threads), rows);
}
