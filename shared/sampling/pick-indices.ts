// pickIndices: the Sample button's maths. Computes the subset, leaves out skipped rows (images in
// other annotators' batches) and applies the sort, returning rows or a reason the UI can show.
import type { LabelTable } from '../table/label-table.ts';
import { SAMPLING_ERROR, samplingFailure, type SamplingFailure, type SamplingResult } from './result.ts';
import { DEFAULT_SORT, parseSortOption, sortNeed, type SortOrder } from './sort-options.ts';
import { findSubset, type SubsetQuery } from './subset.ts';
import { consumeRanking, topByClass, topMaxEntropy, uniformDraw, weightedDraw, type KernelPick } from './scorers.ts';

/** Default number of rows per sample: the original's 4 × 4 grid. */
export const DEFAULT_SAMPLE_COUNT = 16;
/** Note returned with an empty pick. */
export const NO_MATCH_NOTE = 'no matching images to load';

/** Model outputs the sorts can use. */
export interface SamplingInputs {
  /** Row-major rowCount × predictionClasses.length probabilities; NaN = unknown. */
  readonly predictions?: Float32Array | null;
  /** Class of each prediction column; defaults to the table's classes. */
  readonly predictionClasses?: readonly string[];
  /** Row indexes, best first, for `BADGE` and `diversity`. */
  readonly ranking?: Int32Array | null;
}

/** Everything pickIndices needs. */
export interface PickRequest extends SamplingInputs {
  readonly table: LabelTable;
  /** The three subset filters (defaults: unlabeled, not excluded, all). */
  readonly subset?: SubsetQuery;
  /** Sort option (default `random`). */
  readonly sort?: string;
  /** How many rows to return at most (M). */
  readonly count: number;
  /** Uniform random numbers in [0, 1); used by `random`, `high: c` and `low: c`. */
  readonly rng: () => number;
  /** Rows never to return (e.g. images in other annotators' current batches). */
  readonly skipRows?: ArrayLike<number>;
  /** Precomputed row states of `table` (computeRowStates), to save a pass. */
  readonly rowStates?: Uint8Array;
}

/**
 * Picked rows in display order; `note` says why fewer than M came back, or what stood in;
 * `skipped` (present when > 0) is how many subset rows skipRows left out.
 */
export type PickResult = SamplingResult<{ rows: number[]; note?: string; skipped?: number }>;

/** Prediction column of each class name, or a failure when predictions are missing or misshapen. */
function predictionColumns(table: LabelTable, inputs: SamplingInputs): SamplingResult<{ predictions: Float32Array; columns: readonly string[] }> {
  const predictions = inputs.predictions;
  if (!predictions) return samplingFailure(SAMPLING_ERROR.NEEDS_PREDICTIONS, 'this sort needs predictions; train a model first');
  const columns = inputs.predictionClasses ?? table.classes;
  if (predictions.length !== table.rowCount * columns.length) {
    return samplingFailure(
      SAMPLING_ERROR.BAD_INPUT,
      `the predictions hold ${predictions.length} values, expected ${table.rowCount} rows × ${columns.length} classes`,
    );
  }
  return { ok: true, predictions, columns };
}

/**
 * Why a sort cannot run with the given inputs (for disabling it in the UI), or null when it can.
 * A per-class sort also needs predictions for that class (a class added after the last training
 * has none yet).
 */
export function sortProblem(table: LabelTable, sort: string, inputs: SamplingInputs): SamplingFailure | null {
  const parsed = parseSortOption(sort, table.classes);
  if (!parsed.ok) return parsed;
  return orderProblem(table, parsed.order, inputs);
}

function orderProblem(table: LabelTable, order: SortOrder, inputs: SamplingInputs): SamplingFailure | null {
  const need = sortNeed(order);
  if (need === 'ranking' && !inputs.ranking) {
    const what = order.kind === 'BADGE' ? 'BADGE needs gradient embeddings' : 'diversity sampling needs feature embeddings';
    return samplingFailure(SAMPLING_ERROR.NEEDS_RANKING, `${what}; the trainer has not published a ranking yet`);
  }
  if (need !== 'predictions') return null;
  const found = predictionColumns(table, inputs);
  if (!found.ok) return found;
  if ('className' in order && !found.columns.includes(order.className)) {
    return samplingFailure(SAMPLING_ERROR.NEEDS_PREDICTIONS, `there are no predictions for class "${order.className}" yet; train a model first`);
  }
  return null;
}

function runOrder(order: SortOrder, mask: Uint8Array, size: number, m: number, request: PickRequest, columns: readonly string[]): KernelPick {
  const predictions = request.predictions as Float32Array;
  switch (order.kind) {
    case 'random':
      return uniformDraw(mask, size, m, request.rng);
    case 'BADGE':
    case 'diversity':
      return consumeRanking(mask, request.ranking as Int32Array, m);
    case 'max entropy':
      return topMaxEntropy(mask, predictions, columns.length, m);
    case 'high':
    case 'low':
      return weightedDraw(mask, predictions, columns.length, columns.indexOf(order.className), order.kind, m, request.rng);
    default:
      return topByClass(mask, predictions, columns.length, columns.indexOf(order.className), order.kind, m);
  }
}

function noteFor(order: SortOrder, picked: KernelPick, m: number): string | undefined {
  const got = picked.rows.length;
  if (got === 0) return NO_MATCH_NOTE;
  if (order.kind === 'high' || order.kind === 'low') {
    return got < m ? `only ${got} matching images have a non-zero weight for "${order.kind}: ${order.className}"` : undefined;
  }
  if (order.kind === 'BADGE' || order.kind === 'diversity') {
    return got < m ? `the ${order.kind} ranking has only ${got} more matching images` : undefined;
  }
  if (picked.unknownTaken > 0) return `${picked.unknownTaken} of these images have no prediction; they were ranked last`;
  return undefined;
}

/**
 * Picks up to `count` rows: subset (label status × exclude status × subset by), minus skipRows,
 * ordered by the sort. Failures (unknown option or class, missing predictions or ranking,
 * misshapen inputs, bad count) are values, never exceptions. Fewer rows than asked is not a
 * failure: `note` explains (no match, not enough non-zero weights, ranking exhausted).
 */
export function pickIndices(request: PickRequest): PickResult {
  const { table, count } = request;
  if (!Number.isInteger(count) || count < 0) return samplingFailure(SAMPLING_ERROR.BAD_COUNT, `cannot sample ${count} images`);
  const parsed = parseSortOption(request.sort ?? DEFAULT_SORT, table.classes);
  if (!parsed.ok) return parsed;
  const problem = orderProblem(table, parsed.order, request);
  if (problem) return problem;
  const subset = findSubset(table, request.subset, request.rowStates);
  if (!subset.ok) return subset;
  const { mask } = subset;
  let size = subset.size;
  const skip = request.skipRows ?? [];
  for (let i = 0; i < skip.length; i++) {
    const row = skip[i] as number;
    if (mask[row] === 1) {
      mask[row] = 0;
      size--;
    }
  }
  const skipped = subset.size - size;
  const m = Math.min(count, size);
  const columns = request.predictionClasses ?? table.classes;
  const picked: KernelPick = m === 0 ? { rows: [], unknownTaken: 0 } : runOrder(parsed.order, mask, size, m, request, columns);
  const note = m === 0 && size > 0 ? undefined : noteFor(parsed.order, picked, m);
  return {
    ok: true,
    rows: picked.rows,
    ...(note === undefined ? {} : { note }),
    ...(skipped > 0 ? { skipped } : {}),
  };
}
