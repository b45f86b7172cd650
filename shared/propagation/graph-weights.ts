// Turns neighbour lists and cosine distances into the normalised graph W = D^-1/2 A D^-1/2, in
// float64 and in the log domain, so a tiny temperature cannot underflow a degree to 0 and divide.
import type { GraphParams, KnnGraph } from './graph-types.ts';

/** Default number of neighbours per image (the original's "Number of neighbors"). */
export const DEFAULT_K = 10;
/** Default temperature T of the weights exp(−d/T) (the original's "Temperature"). */
export const DEFAULT_TEMPERATURE = 0.01;

/** Neighbour lists of every row, k slots per row; a slot with index −1 is empty. */
export interface NeighbourLists {
  readonly n: number;
  /** Slots per row. */
  readonly k: number;
  /** neighbours[i*k + s]: the s-th nearest neighbour of i (never i itself), or −1. */
  readonly neighbours: Int32Array;
  /** distances[i*k + s]: cosine distance 1 − cos between i and that neighbour. */
  readonly distances: Float64Array;
}

/**
 * Builds W from neighbour lists: w_ij = exp(−d_ij/T), deg_i = Σ_j w_ij (row sum of the directed,
 * unsymmetrised graph) and W[i,j] = w_ij / sqrt(deg_i · deg_j), computed as
 * exp(−d_ij/T − ½ log deg_i − ½ log deg_j) with log-sum-exp degrees. The shape is always n × n.
 */
export function createNormalisedGraph(lists: NeighbourLists, params: GraphParams): KnnGraph {
  const { n, k, neighbours, distances } = lists;
  const t = params.temperature;
  if (!(t > 0) || !Number.isFinite(t)) throw new Error(`temperature must be a positive number, got ${t}`);
  if (neighbours.length !== n * k || distances.length !== n * k) {
    throw new Error(`neighbour lists hold ${neighbours.length} slots, expected ${n} × ${k}`);
  }
  const indptr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let count = 0;
    for (let s = 0; s < k; s++) {
      const j = neighbours[i * k + s] as number;
      if (j < 0) continue;
      if (j >= n || j === i) throw new Error(`row ${i} has an invalid neighbour ${j}`);
      count++;
    }
    indptr[i + 1] = (indptr[i] as number) + count;
  }
  const nnz = indptr[n] as number;
  const indices = new Int32Array(nnz);
  const logits = new Float64Array(nnz);
  const logDegree = new Float64Array(n);
  let e = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    const start = e;
    for (let s = 0; s < k; s++) {
      const j = neighbours[i * k + s] as number;
      if (j < 0) continue;
      const logit = -(distances[i * k + s] as number) / t;
      indices[e] = j;
      logits[e] = logit;
      if (logit > max) max = logit;
      e++;
    }
    if (e === start) {
      logDegree[i] = -Infinity;
      continue;
    }
    let sum = 0;
    for (let x = start; x < e; x++) sum += Math.exp((logits[x] as number) - max);
    logDegree[i] = max + Math.log(sum);
  }
  const data = new Float64Array(nnz);
  for (let i = 0; i < n; i++) {
    const halfI = 0.5 * (logDegree[i] as number);
    for (let x = indptr[i] as number; x < (indptr[i + 1] as number); x++) {
      const logDegJ = logDegree[indices[x] as number] as number;
      data[x] = Number.isFinite(logDegJ) ? Math.exp((logits[x] as number) - halfI - 0.5 * logDegJ) : 0;
    }
  }
  return { n, indptr, indices, data, params };
}

/** The dense n × n matrix of a graph (row-major float64); for tests and small inspections only. */
export function graphToDense(graph: KnnGraph): Float64Array {
  const { n, indptr, indices, data } = graph;
  const dense = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let x = indptr[i] as number; x < (indptr[i + 1] as number); x++) {
      dense[i * n + (indices[x] as number)] = data[x] as number;
    }
  }
  return dense;
}
