// Public API of BADGE active-learning selection: gradient embeddings, their factored form, the
// k-means++ sampler and the one-shot ranking. Pure maths on typed arrays; RNGs are passed in.
export { PSEUDO_LABEL_THRESHOLD, computeResiduals, gradientEmbedding } from './embedding.ts';
export type { GradientEmbeddingInput } from './embedding.ts';
export {
  DUPLICATE_RELATIVE_TOLERANCE,
  createBadgeFactors,
  createFactorsFromResiduals,
  dotRows,
  factorDistance2,
} from './factors.ts';
export type { BadgeFactors, BadgeFactorsInput, HInput } from './factors.ts';
export { addCentre, createMinDistanceState } from './min-distance.ts';
export type { MinDistanceState } from './min-distance.ts';
export { EmptyStart, FirstDraw, createKPlusPlusSampler } from './sampler.ts';
export type { KPlusPlusSampler, KPlusPlusSamplerOptions, RowMask } from './sampler.ts';
export { badgeUnavailableMask } from './masks.ts';
export { DEFAULT_BADGE_K, DEFAULT_MAX_SEEDS, rankBadge } from './rank.ts';
export type { RankBadgeInput } from './rank.ts';
export { decodeRankingBlob, encodeRankingBlob } from './ranking-blob.ts';
