// Public API of label propagation: the kNN graph type, its normalisation and byte format, and the
// pure propagation that turns training labels into a `propagated` prediction source.
export { KNN_SEARCH_KINDS } from './graph-types.ts';
export type { GraphParams, KnnGraph, KnnSearchKind } from './graph-types.ts';
export { DEFAULT_K, DEFAULT_TEMPERATURE, createNormalisedGraph, graphToDense } from './graph-weights.ts';
export type { NeighbourLists } from './graph-weights.ts';
export { GRAPH_FORMAT_VERSION, GRAPH_MAGIC, decodeGraph, encodeGraph } from './graph-codec.ts';
export { DEFAULT_ITERATIONS, MAX_ITERATIONS, PROPAGATION_METHOD, propagateLabels } from './propagate.ts';
export type { PropagateOptions, PropagationProvenance, PropagationResult } from './propagate.ts';
