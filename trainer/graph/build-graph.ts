// Builds the label-propagation graph from image features: pool, L2-normalise, find the k nearest
// neighbours by cosine distance (exact below a size, HNSW with measured recall above), then weight
// and normalise in float64 (shared/propagation). Async and chunked: reports progress, honours abort.
import {
  DEFAULT_K,
  DEFAULT_TEMPERATURE,
  createNormalisedGraph,
  type GraphParams,
  type KnnGraph,
  type NeighbourLists,
} from '../../shared/propagation/index.ts';
import { normaliseRows, poolFeatures, type FeatureArray } from './features.ts';
import {
  DEFAULT_CANDIDATE_FACTOR,
  DEFAULT_CONNECTIVITY,
  DEFAULT_EXPANSION_ADD,
  DEFAULT_EXPANSION_SEARCH,
  DEFAULT_QUANTIZATION,
  exactKnn,
  hnswKnn,
  yieldToEventLoop,
  type HnswQuantization,
  type KnnProgress,
} from './knn-search.ts';
import { DEFAULT_RECALL_SAMPLES, measureRecall } from './recall.ts';

/**
 * Below this many images the neighbours are found by exact brute force (usearch SIMD, about
 * N² · d multiply-adds); from it on by HNSW, whose recall is then measured on a sample. Measured
 * with bench/knn at d = 512: float32 HNSW (M 16, ef 64) is already 3× faster than exact at 10,000
 * rows with recall@10 0.999, and the exact cost grows as N².
 */
export const DEFAULT_EXACT_BELOW = 10_000;

/** Options of buildKnnGraph. */
export interface BuildGraphOptions {
  /** Neighbours per image (default 10). */
  k?: number;
  /** Temperature T of exp(−d/T) (default 0.01). */
  temperature?: number;
  /** Exact search below this N (default 10,000); HNSW from it on. */
  exactBelow?: number;
  /** HNSW connectivity M (default 14). */
  connectivity?: number;
  /** HNSW efConstruction (default 64). */
  expansionAdd?: number;
  /** HNSW ef at search time (default 80). */
  expansionSearch?: number;
  /** HNSW storage type (default 'i8'; candidates are re-ranked by exact distance). */
  quantization?: HnswQuantization;
  /** HNSW candidates per kept neighbour (default 2). */
  candidateFactor?: number;
  /** Queries sampled for the recall of an HNSW graph (default 1,000; 0 skips the measurement). */
  recallSamples?: number;
  /** Native threads (0: all cores). */
  threads?: number;
  /** Rows per native call (default 4,096): the granularity of progress and cancel. */
  chunkRows?: number;
  /** Called after every chunk of work. */
  onProgress?: (progress: KnnProgress) => void;
  /** Aborting rejects the promise with the signal's reason at the next chunk boundary. */
  signal?: AbortSignal;
}

/**
 * Builds W (N × N, CSR, float64) from features of shape (N, d) or (N, h, w, c) (average-pooled).
 * Row i holds its k nearest other rows by cosine distance (its own index excluded, so a duplicate
 * image is a neighbour at distance 0), w_ij = exp(−d_ij/T), W = D^-1/2 A D^-1/2, deg = row sums.
 */
export async function buildKnnGraph(features: FeatureArray, options: BuildGraphOptions = {}): Promise<KnnGraph> {
  const k = options.k ?? DEFAULT_K;
  const temperature = options.temperature ?? DEFAULT_TEMPERATURE;
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${k}`);
  if (!(temperature > 0) || !Number.isFinite(temperature)) throw new Error(`temperature must be positive, got ${temperature}`);
  options.signal?.throwIfAborted();
  const unit = normaliseRows(poolFeatures(features));
  const exact = unit.n < (options.exactBelow ?? DEFAULT_EXACT_BELOW);
  const search = { threads: options.threads, onProgress: options.onProgress, signal: options.signal, chunkRows: options.chunkRows };
  let lists: NeighbourLists;
  let params: GraphParams;
  if (exact) {
    lists = await exactKnn(unit, k, search);
    params = { k, temperature, metric: 'cosine', search: 'exact', recall: 1, recallSamples: 0, featureDim: unit.d };
  } else {
    const hnsw = {
      connectivity: options.connectivity ?? DEFAULT_CONNECTIVITY,
      expansionAdd: options.expansionAdd ?? DEFAULT_EXPANSION_ADD,
      expansionSearch: options.expansionSearch ?? DEFAULT_EXPANSION_SEARCH,
      quantization: options.quantization ?? DEFAULT_QUANTIZATION,
      candidateFactor: options.candidateFactor ?? DEFAULT_CANDIDATE_FACTOR,
    };
    lists = await hnswKnn(unit, k, { ...search, ...hnsw });
    const samples = options.recallSamples ?? DEFAULT_RECALL_SAMPLES;
    let recall: number | null = null;
    let recallSamples = 0;
    if (samples > 0) {
      options.signal?.throwIfAborted();
      options.onProgress?.({ phase: 'recall', done: 0, total: Math.min(samples, unit.n) });
      await yieldToEventLoop();
      const report = measureRecall(unit, lists, samples, options.threads ?? 0);
      recall = report.recall;
      recallSamples = report.samples;
      options.onProgress?.({ phase: 'recall', done: report.samples, total: report.samples });
    }
    params = { k, temperature, metric: 'cosine', search: 'hnsw', recall, recallSamples, featureDim: unit.d, hnsw };
  }
  options.signal?.throwIfAborted();
  const graph = createNormalisedGraph(lists, params);
  options.onProgress?.({ phase: 'weights', done: unit.n, total: unit.n });
  return graph;
}
