// The three subset filters of the sampling tool (label status, exclude status, subset by): their
// option lists in the original's order plus Patchwork's additions, and a prefix-based parser.
import { SAMPLING_ERROR, samplingFailure, type SamplingResult } from './result.ts';

/** Label-status radio options, in display order. */
export const LABEL_STATUS_OPTIONS = ['unlabeled', 'partial', 'labeled'] as const;
/** One label-status option. */
export type LabelStatus = (typeof LABEL_STATUS_OPTIONS)[number];
/** Exclude-status radio options, in display order. */
export const EXCLUDE_STATUS_OPTIONS = ['not excluded', 'excluded', 'validation'] as const;
/** One exclude-status option. */
export type ExcludeStatus = (typeof EXCLUDE_STATUS_OPTIONS)[number];

/** Default label status. */
export const DEFAULT_LABEL_STATUS: LabelStatus = 'unlabeled';
/** Default exclude status. */
export const DEFAULT_EXCLUDE_STATUS: ExcludeStatus = 'not excluded';
/** Default subset-by option (the original's widget started on an invalid value). */
export const DEFAULT_SUBSET_BY = 'all';

/** Subset-by option prefixes; the text after the prefix (trimmed) names a class, value or annotator. */
export const SUBSET_PREFIX = {
  UNLABELED: 'unlabeled:',
  CONTAINS: 'contains:',
  DOESNT_CONTAIN: "doesn't contain:",
  SUBSET: 'subset:',
  LABELLED_BY: 'labelled by:',
} as const;
/** The subset-by option that keeps rows in the conflicts view's row set. */
export const CONFLICTS_OPTION = 'conflicts';
/** The subset-by option that keeps rows the current annotator has edited. */
export const LABELLED_BY_ME_OPTION = 'labelled by me';
/** How a missing value of the subset column is shown (as pandas shows NaN). */
export const MISSING_SUBSET_VALUE = 'nan';

/** A parsed subset-by option. */
export type SubsetFilter =
  | { readonly kind: 'all' }
  | { readonly kind: 'unlabeled' | 'contains' | 'doesnt-contain'; readonly classIndex: number }
  | { readonly kind: 'subset'; readonly value: string }
  | { readonly kind: 'conflicts' }
  | { readonly kind: 'labelled-by-me' }
  | { readonly kind: 'labelled-by'; readonly annotator: string };

/** Which additional subset-by options to list. */
export interface SubsetOptionExtras {
  /** Values of the subset column (listed as `subset: <v>`, in this order). */
  readonly subsetValues?: readonly string[];
  /** List `conflicts`. */
  readonly conflicts?: boolean;
  /** List `labelled by me`. */
  readonly labelledByMe?: boolean;
  /** Annotators to list as `labelled by: <name>`. */
  readonly annotators?: readonly string[];
}

/** The text shown for one subset-column cell: missing values read `nan`. */
export function subsetValueText(value: string | null | undefined): string {
  return value === null || value === undefined ? MISSING_SUBSET_VALUE : value;
}

/** Distinct values of a subset column in first-occurrence order (missing ones as `nan`). */
export function distinctSubsetValues(column: ArrayLike<string | null | undefined>): string[] {
  const seen = new Set<string>();
  for (let i = 0; i < column.length; i++) seen.add(subsetValueText(column[i]));
  return [...seen];
}

/**
 * Subset-by options: `all`; `unlabeled: c`, `contains: c`, `doesn't contain: c` per class;
 * `subset: v` per subset value (the original's order), then `conflicts`, `labelled by me` and
 * `labelled by: name` when asked for.
 */
export function listSubsetOptions(classes: readonly string[], extras: SubsetOptionExtras = {}): string[] {
  const withSpace = (prefix: string, text: string): string => `${prefix} ${text}`;
  const options = [DEFAULT_SUBSET_BY];
  for (const prefix of [SUBSET_PREFIX.UNLABELED, SUBSET_PREFIX.CONTAINS, SUBSET_PREFIX.DOESNT_CONTAIN])
    for (const c of classes) options.push(withSpace(prefix, c));
  for (const v of extras.subsetValues ?? []) options.push(withSpace(SUBSET_PREFIX.SUBSET, v));
  if (extras.conflicts) options.push(CONFLICTS_OPTION);
  if (extras.labelledByMe) options.push(LABELLED_BY_ME_OPTION);
  for (const name of extras.annotators ?? []) options.push(withSpace(SUBSET_PREFIX.LABELLED_BY, name));
  return options;
}

function classFilter(
  kind: 'unlabeled' | 'contains' | 'doesnt-contain',
  name: string,
  classes: readonly string[],
): SamplingResult<{ filter: SubsetFilter }> {
  const classIndex = classes.indexOf(name);
  if (classIndex < 0) return samplingFailure(SAMPLING_ERROR.UNKNOWN_CLASS, `there is no class "${name}"`);
  return { ok: true, filter: { kind, classIndex } };
}

/**
 * Parses a subset-by option by its PREFIX (the original searched for substrings anywhere, so a
 * class called "contains x" was misrouted). The text after the prefix is trimmed. Unknown options
 * and unknown classes are failure values.
 */
export function parseSubsetOption(option: string, classes: readonly string[]): SamplingResult<{ filter: SubsetFilter }> {
  if (option === DEFAULT_SUBSET_BY) return { ok: true, filter: { kind: 'all' } };
  if (option === CONFLICTS_OPTION) return { ok: true, filter: { kind: 'conflicts' } };
  if (option === LABELLED_BY_ME_OPTION) return { ok: true, filter: { kind: 'labelled-by-me' } };
  const after = (prefix: string): string | null => (option.startsWith(prefix) ? option.slice(prefix.length).trim() : null);
  let rest = after(SUBSET_PREFIX.UNLABELED);
  if (rest !== null) return classFilter('unlabeled', rest, classes);
  if ((rest = after(SUBSET_PREFIX.CONTAINS)) !== null) return classFilter('contains', rest, classes);
  if ((rest = after(SUBSET_PREFIX.DOESNT_CONTAIN)) !== null) return classFilter('doesnt-contain', rest, classes);
  if ((rest = after(SUBSET_PREFIX.SUBSET)) !== null) return { ok: true, filter: { kind: 'subset', value: rest } };
  if ((rest = after(SUBSET_PREFIX.LABELLED_BY)) !== null) return { ok: true, filter: { kind: 'labelled-by', annotator: rest } };
  return samplingFailure(SAMPLING_ERROR.UNKNOWN_OPTION, `"${option}" is not a subset option`);
}

/** Whether a string is a label-status option. */
export function isLabelStatus(value: string): value is LabelStatus {
  return (LABEL_STATUS_OPTIONS as readonly string[]).includes(value);
}

/** Whether a string is an exclude-status option. */
export function isExcludeStatus(value: string): value is ExcludeStatus {
  return (EXCLUDE_STATUS_OPTIONS as readonly string[]).includes(value);
}

