// Public API of the trainer's kNN graph: build the label-propagation graph from features, plus the
// feature preparation, searches and recall measurement it is made of (for benchmarks and tests).
export { DEFAULT_EXACT_BELOW, buildKnnGraph } from './build-graph.ts';
export type { BuildGraphOptions } from './build-graph.ts';
export { cosineDistance, normaliseRows, poolFeatures } from './features.ts';
export type { FeatureArray, FeatureMatrix } from './features.ts';
export {
  DEFAULT_CANDIDATE_FACTOR,
  DEFAULT_CHUNK_ROWS,
  DEFAULT_CONNECTIVITY,
  DEFAULT_EXPANSION_ADD,
  DEFAULT_EXPANSION_SEARCH,
  DEFAULT_QUANTIZATION,
  HNSW_QUANTIZATIONS,
  bruteForceKnn,
  exactKnn,
  hnswKnn,
} from './knn-search.ts';
export type { HnswOptions, HnswQuantization, KnnProgress, SearchOptions } from './knn-search.ts';
export { DEFAULT_RECALL_SAMPLES, compareNeighbours, exactKnnForRows, measureRecall, sampleRows } from './recall.ts';
export type { RecallReport } from './recall.ts';
export { createNeighbourLists } from './neighbour-picking.ts';
export { decodeGraph, encodeGraph } from '../../shared/propagation/index.ts';
