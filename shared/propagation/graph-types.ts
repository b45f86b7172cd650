// The kNN graph shared by the trainer (which builds it) and label propagation (which reads it):
// a row-normalised-by-degree sparse matrix W = D^-1/2 A D^-1/2 in CSR form, always N × N.

/** How the neighbours of a graph were found. */
export const KNN_SEARCH_KINDS = ['exact', 'hnsw'] as const;
/** `exact`: brute force over every pair; `hnsw`: approximate (usearch HNSW), with measured recall. */
export type KnnSearchKind = (typeof KNN_SEARCH_KINDS)[number];

/** Settings and measurements a graph was built with; travels with the graph and its outputs. */
export interface GraphParams {
  /** Neighbours requested per row (a row can hold fewer when N − 1 < k). */
  readonly k: number;
  /** Temperature T of the weights exp(−d/T). */
  readonly temperature: number;
  /** Distance used for neighbours and weights: cosine distance 1 − cos. */
  readonly metric: 'cosine';
  /** Search used to find the neighbours. */
  readonly search: KnnSearchKind;
  /** Measured recall@k against exact search (1 for exact search; null when not measured). */
  readonly recall: number | null;
  /** Number of queries the recall was measured on (0 when not measured). */
  readonly recallSamples: number;
  /** Feature dimension after pooling. */
  readonly featureDim: number;
  /** HNSW settings when search is `hnsw`. */
  readonly hnsw?: {
    readonly connectivity: number;
    readonly expansionAdd: number;
    readonly expansionSearch: number;
    /** Storage type of the index vectors ('f32', 'f16' or 'i8'). */
    readonly quantization: string;
    /** Candidates fetched per kept neighbour, re-ranked by exact distance. */
    readonly candidateFactor: number;
  };
}

/**
 * The normalised kNN graph W (N × N, CSR). Row i lists i's k nearest neighbours j (never i itself)
 * with W[i,j] = w_ij / sqrt(deg_i · deg_j), w_ij = exp(−d_ij / T), deg_i = Σ_j w_ij (out-degree).
 */
export interface KnnGraph {
  /** Number of rows and columns (the image count). */
  readonly n: number;
  /** Row pointers, length n + 1: row i's entries are indptr[i] … indptr[i+1] − 1. */
  readonly indptr: Int32Array;
  /** Column (neighbour) index of each entry, ascending by distance within a row. */
  readonly indices: Int32Array;
  /** W value of each entry, float64. */
  readonly data: Float64Array;
  /** How the graph was built. */
  readonly params: GraphParams;
}
