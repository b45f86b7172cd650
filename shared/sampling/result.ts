// Result values of the sampling functions: a failure is a value with a code and a sentence the UI
// can show as is, never an exception thrown from deep inside a sort.

/** Why a sampling request cannot be served. */
export const SAMPLING_ERROR = {
  /** A subset-by, sort, label-status or exclude-status option that is not one of the listed ones. */
  UNKNOWN_OPTION: 'unknown-option',
  /** An option naming a class the table does not have. */
  UNKNOWN_CLASS: 'unknown-class',
  /** The sort needs predictions and there are none (or none for that class) yet. */
  NEEDS_PREDICTIONS: 'needs-predictions',
  /** The sort needs a ranking (BADGE, diversity) and there is none yet. */
  NEEDS_RANKING: 'needs-ranking',
  /** The option needs a row set (conflicts, labelled by) that was not supplied. */
  NEEDS_ROW_SET: 'needs-row-set',
  /** Predictions or the subset column do not match the table's shape. */
  BAD_INPUT: 'bad-input',
  /** The requested count is not a non-negative integer. */
  BAD_COUNT: 'bad-count',
} as const;
/** One of the SAMPLING_ERROR codes. */
export type SamplingErrorCode = (typeof SAMPLING_ERROR)[keyof typeof SAMPLING_ERROR];

/** A refused request: `reason` is one sentence for the user. */
export interface SamplingFailure {
  readonly ok: false;
  readonly code: SamplingErrorCode;
  readonly reason: string;
}

/** A value or a refusal. */
export type SamplingResult<T> = ({ readonly ok: true } & T) | SamplingFailure;

/** Builds a SamplingFailure. */
export function samplingFailure(code: SamplingErrorCode, reason: string): SamplingFailure {
  return { ok: false, code, reason };
}
