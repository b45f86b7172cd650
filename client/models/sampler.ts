// The Sample button's adapter: turns the sampling controls into a pickIndices request (skipping
// rows in other annotators' batches, feeding predictions, rankings and row sets) and reports how
// many rows were skipped. The maths itself lives in shared/sampling.
import { SORT_NAME, pickIndices, sortProblem } from '../../shared/sampling/index.ts';
import { DIGEST_COLUMN } from './entropy-digest.ts';
import type { SamplingFailure, SamplingInputs, SubsetRowSets } from '../../shared/sampling/index.ts';
import type { LabelTable } from '../../shared/table/label-table.ts';

/** What the Label tab asks for. */
export interface SampleRequest {
  labelStatus: string;
  excludeStatus: string;
  subsetBy: string;
  sortBy: string;
  count: number;
  /** Rows to leave out (other annotators' batches, the current batch for prefetching). */
  avoid: ReadonlySet<number>;
}

/** A sample: rows in display order, how many candidates were skipped, and a note. */
export type SampleResult = { ok: true; rows: number[]; skipped: number; note?: string } | SamplingFailure;

/** A function from the current table and request to a sample. */
export type Sampler = (table: LabelTable, request: SampleRequest) => SampleResult;

/** Where the sampler gets model outputs, row sets and randomness. */
export interface SamplerSources {
  inputs(): SamplingInputs;
  /** One-column digest for `max entropy` (see entropy-digest.ts), when available. */
  digest?(): Float32Array | null;
  /** Row sets for `conflicts`, `labelled by me` and `labelled by: …` (computed on demand). */
  rowSets(subsetBy: string): SubsetRowSets | undefined;
  rng(): number;
  /** Row states of the table being sampled, kept current elsewhere (saves a pass per sample). */
  rowStates?(): Uint8Array | null;
}

/** Creates the Sample adapter over pickIndices. */
export function createSampler(sources: SamplerSources): Sampler {
  return (table, request) => {
    const digest = request.sortBy === SORT_NAME.MAX_ENTROPY ? sources.digest?.() : null;
    const inputs = digest && digest.length === table.rowCount ? { ...sources.inputs(), predictions: digest, predictionClasses: [DIGEST_COLUMN] } : sources.inputs();
    const base = {
      ...inputs,
      table,
      subset: {
        labelStatus: request.labelStatus,
        excludeStatus: request.excludeStatus,
        subsetBy: request.subsetBy,
        rowSets: sources.rowSets(request.subsetBy),
      },
      sort: request.sortBy,
      count: request.count,
      rng: sources.rng,
    };
    const states = sources.rowStates?.();
    if (states && states.length === table.rowCount) Object.assign(base, { rowStates: states });
    const result = pickIndices({ ...base, skipRows: Int32Array.from(request.avoid) });
    if (!result.ok) return result;
    let skipped = 0;
    if (request.avoid.size > 0 && result.rows.length < request.count) {
      // Count only when it matters: how many rows the skip list took from a short batch.
      const unskipped = pickIndices({ ...base, count: request.count + request.avoid.size });
      if (unskipped.ok) skipped = Math.max(0, Math.min(request.count, unskipped.rows.length) - result.rows.length);
    }
    return result.note === undefined ? { ok: true, rows: result.rows, skipped } : { ok: true, rows: result.rows, skipped, note: result.note };
  };
}

/** Why a sort option cannot be used now, or null. */
export function sortUnavailable(table: LabelTable | null, sort: string, inputs: SamplingInputs): string | null {
  if (!table) return 'the project has not loaded yet';
  return sortProblem(table, sort, inputs)?.reason ?? null;
}
