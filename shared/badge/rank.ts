// One-shot BADGE ranking: the top K rows by k-means++ order over the factored gradient embeddings,
// restricted to a candidate subset and D²-weighted from the labelled set from the first pick.
import type { HInput } from './factors.ts';
import { createBadgeFactors } from './factors.ts';
import type { EmptyStart, RowMask } from './sampler.ts';
import { createKPlusPlusSampler, FirstDraw } from './sampler.ts';

/** Default length of a BADGE ranking. */
export const DEFAULT_BADGE_K = 1000;

/**
 * Default cap on the labelled/excluded rows used as distance seeds. Each seed costs one pass over
 * the candidates, like one pick; beyond this a uniform random subset of the labelled rows is used.
 */
export const DEFAULT_MAX_SEEDS = 256;

/** Input of {@link rankBadge}. */
export interface RankBadgeInput {
  /** Dense-layer inputs, N × d float32, whole or as consecutive row blocks. */
  readonly h: HInput;
  /** Sigmoid outputs, N × C float32. */
  readonly p: Float32Array;
  /** Number of classes C. */
  readonly numClasses: number;
  /** Rows already labelled or excluded: never returned, and the first pick is D²-weighted from them. */
  readonly labelledMask?: RowMask;
  /** Rows that may be returned (the sampling subset); default all. */
  readonly candidateMask?: RowMask;
  /** Ranking length (default {@link DEFAULT_BADGE_K}); fewer come back when weights run out. */
  readonly k?: number;
  /** Random source in [0, 1). */
  readonly rng: () => number;
  /** Embed with respect to this class only. */
  readonly classIndex?: number;
  /** See {@link DEFAULT_MAX_SEEDS}. */
  readonly maxSeeds?: number;
  /** First pick when nothing is labelled; default largest gradient norm (the BADGE paper). */
  readonly emptyStart?: EmptyStart;
}

/** Ranks up to k candidate rows, best (first drawn) first, as int32 row indexes. */
export function rankBadge(input: RankBadgeInput): Int32Array {
  const factors = createBadgeFactors({ h: input.h, p: input.p, numClasses: input.numClasses, classIndex: input.classIndex });
  const sampler = createKPlusPlusSampler(factors, {
    rng: input.rng,
    unavailable: input.labelledMask,
    candidates: input.candidateMask,
    firstDraw: FirstDraw.Weighted,
    emptyStart: input.emptyStart ?? 'largest-norm',
    maxSeeds: input.maxSeeds ?? DEFAULT_MAX_SEEDS,
  });
  return Int32Array.from(sampler.choose(input.k ?? DEFAULT_BADGE_K));
}
