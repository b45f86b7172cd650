// Public surface of the sampling maths: subset options and parsing, sort options, entropy, the
// sort kernels and pickIndices (what the Sample button runs).
export { ENTROPY_CLIP, binaryEntropy, clipProbability, rowEntropy, uncertaintyKey } from './entropy.ts';
export type { EntropyAggregate } from './entropy.ts';
export { SAMPLING_ERROR, samplingFailure } from './result.ts';
export type { SamplingErrorCode, SamplingFailure, SamplingResult } from './result.ts';
export {
  CONFLICTS_OPTION,
  DEFAULT_EXCLUDE_STATUS,
  DEFAULT_LABEL_STATUS,
  DEFAULT_SUBSET_BY,
  EXCLUDE_STATUS_OPTIONS,
  LABELLED_BY_ME_OPTION,
  LABEL_STATUS_OPTIONS,
  MISSING_SUBSET_VALUE,
  SUBSET_PREFIX,
  distinctSubsetValues,
  isExcludeStatus,
  isLabelStatus,
  listSubsetOptions,
  parseSubsetOption,
  subsetValueText,
} from './subset-options.ts';
export type { ExcludeStatus, LabelStatus, SubsetFilter, SubsetOptionExtras } from './subset-options.ts';
export { DEFAULT_SORT, SORT_NAME, SORT_PREFIXES, listSortOptions, parseSortOption, sortNeed } from './sort-options.ts';
export type { ClassSortKind, SortNeed, SortOptionExtras, SortOrder } from './sort-options.ts';
export { findSubset, maskRows } from './subset.ts';
export type { Subset, SubsetQuery, SubsetRowSets } from './subset.ts';
export { TopK } from './top-k.ts';
export { consumeRanking, topByClass, topMaxEntropy, uniformDraw, weightedDraw } from './scorers.ts';
export type { ClassKeyKind, KernelPick } from './scorers.ts';
export { DEFAULT_SAMPLE_COUNT, NO_MATCH_NOTE, pickIndices, sortProblem } from './pick-indices.ts';
export type { PickRequest, PickResult, SamplingInputs } from './pick-indices.ts';
