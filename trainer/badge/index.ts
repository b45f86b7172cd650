// Public API of the trainer's BADGE step: embed every row with the current model, then rank.
export { BADGE_BATCH_SIZE, BADGE_BLOCK_ROWS, computeBadgeRanking } from './compute-ranking.ts';
export type { BadgeRankingResult, ComputeBadgeRankingInput, EmbedBatch, EmbedFn, EmbedResult } from './compute-ranking.ts';
export { createLayersEmbedder } from './layers-embedder.ts';
export type { BatchInput } from './layers-embedder.ts';
