// The sampling subset: rows matching the label status AND the exclude status AND the subset-by
// option, as a byte mask. Exclude statuses partition the rows (see EXCLUDE_STATUS_OPTIONS docs).
import type { LabelTable } from '../table/label-table.ts';
import { ROW_STATE, computeRowStates } from '../views/row-states.ts';
import { SAMPLING_ERROR, samplingFailure, type SamplingResult } from './result.ts';
import {
  DEFAULT_EXCLUDE_STATUS,
  DEFAULT_LABEL_STATUS,
  DEFAULT_SUBSET_BY,
  isExcludeStatus,
  isLabelStatus,
  parseSubsetOption,
  subsetValueText,
  type SubsetFilter,
} from './subset-options.ts';

/** Row sets behind the options that the table alone cannot answer. */
export interface SubsetRowSets {
  /** Rows shown by the conflicts view (option `conflicts`). */
  readonly conflicts?: ArrayLike<number>;
  /** Rows the current annotator has edited (option `labelled by me`). */
  readonly labelledByMe?: ArrayLike<number>;
  /** Rows per annotator (options `labelled by: <name>`). */
  readonly labelledBy?: ReadonlyMap<string, ArrayLike<number>>;
}

/** The three filters; omitted ones take their defaults (unlabeled, not excluded, all). */
export interface SubsetQuery {
  readonly labelStatus?: string;
  readonly excludeStatus?: string;
  readonly subsetBy?: string;
  /** Per-row subset column (length rowCount); needed by `subset: <v>`. */
  readonly subsetColumn?: ArrayLike<string | null | undefined>;
  readonly rowSets?: SubsetRowSets;
}

/** A computed subset: mask[row] = 1 for rows in it. */
export interface Subset {
  readonly mask: Uint8Array;
  readonly size: number;
}

const STATE_OF_STATUS = { unlabeled: ROW_STATE.UNLABELLED, partial: ROW_STATE.PARTIAL, labeled: ROW_STATE.LABELLED } as const;

function rowSetFor(filter: SubsetFilter, rowSets: SubsetRowSets | undefined): SamplingResult<{ rows: ArrayLike<number> }> {
  if (filter.kind === 'conflicts') {
    if (rowSets?.conflicts) return { ok: true, rows: rowSets.conflicts };
    return samplingFailure(SAMPLING_ERROR.NEEDS_ROW_SET, 'the conflicts list is not available');
  }
  if (filter.kind === 'labelled-by-me') {
    if (rowSets?.labelledByMe) return { ok: true, rows: rowSets.labelledByMe };
    return samplingFailure(SAMPLING_ERROR.NEEDS_ROW_SET, 'your edits are not available');
  }
  if (filter.kind === 'labelled-by') {
    const rows = rowSets?.labelledBy?.get(filter.annotator);
    if (rows) return { ok: true, rows };
    return samplingFailure(SAMPLING_ERROR.NEEDS_ROW_SET, `there are no edits by "${filter.annotator}"`);
  }
  return { ok: true, rows: [] };
}

/**
 * Computes the subset mask. Exclude status: `not excluded` = exclude 0 and validation 0 (the
 * training pool; the original also let validation rows in), `excluded` = exclude 1, `validation` =
 * validation 1 and exclude 0. Bad options come back as failure values.
 */
export function findSubset(table: LabelTable, query: SubsetQuery = {}, rowStates?: Uint8Array): SamplingResult<Subset> {
  const labelStatus = query.labelStatus ?? DEFAULT_LABEL_STATUS;
  const excludeStatus = query.excludeStatus ?? DEFAULT_EXCLUDE_STATUS;
  if (!isLabelStatus(labelStatus)) return samplingFailure(SAMPLING_ERROR.UNKNOWN_OPTION, `"${labelStatus}" is not a label status`);
  if (!isExcludeStatus(excludeStatus)) return samplingFailure(SAMPLING_ERROR.UNKNOWN_OPTION, `"${excludeStatus}" is not an exclude status`);
  const parsed = parseSubsetOption(query.subsetBy ?? DEFAULT_SUBSET_BY, table.classes);
  if (!parsed.ok) return parsed;
  const filter = parsed.filter;
  const n = table.rowCount;
  const states = rowStates ?? computeRowStates(table);
  if (states.length !== n) return samplingFailure(SAMPLING_ERROR.BAD_INPUT, 'row states do not match the table');
  const wantState = STATE_OF_STATUS[labelStatus];
  const { exclude, validation } = table;
  const mask = new Uint8Array(n);
  // Flags as two bits (exclude 1, validation 2); each status keeps the rows whose bits match.
  const wantFlags = excludeStatus === 'not excluded' ? 0 : excludeStatus === 'validation' ? 2 : 1;
  const flagMask = excludeStatus === 'excluded' ? 1 : 3;
  for (let row = 0; row < n; row++) {
    if (states[row] !== wantState) continue;
    const flags = ((exclude[row] as number) & 1) | (((validation[row] as number) & 1) << 1);
    if ((flags & flagMask) === wantFlags) mask[row] = 1;
  }
  if (filter.kind === 'unlabeled' || filter.kind === 'contains' || filter.kind === 'doesnt-contain') {
    const column = table.labels[filter.classIndex] as Int8Array;
    const want = filter.kind === 'unlabeled' ? -1 : filter.kind === 'contains' ? 1 : 0;
    for (let row = 0; row < n; row++) if (column[row] !== want) mask[row] = 0;
  } else if (filter.kind === 'subset') {
    const column = query.subsetColumn;
    if (!column) return samplingFailure(SAMPLING_ERROR.NEEDS_ROW_SET, 'this project has no subset column');
    if (column.length !== n) return samplingFailure(SAMPLING_ERROR.BAD_INPUT, `the subset column has ${column.length} rows, the table ${n}`);
    for (let row = 0; row < n; row++) if (subsetValueText(column[row]).trim() !== filter.value) mask[row] = 0;
  } else if (filter.kind !== 'all') {
    const found = rowSetFor(filter, query.rowSets);
    if (!found.ok) return found;
    const keep = new Uint8Array(n);
    for (let i = 0; i < found.rows.length; i++) {
      const row = found.rows[i] as number;
      if (row >= 0 && row < n) keep[row] = 1;
    }
    for (let row = 0; row < n; row++) mask[row] = (mask[row] as number) & (keep[row] as number);
  }
  let size = 0;
  for (let row = 0; row < n; row++) size += mask[row] as number;
  return { ok: true, mask, size };
}

/** The rows of a mask, ascending. */
export function maskRows(mask: Uint8Array): number[] {
  const rows: number[] = [];
  for (let row = 0; row < mask.length; row++) if (mask[row] === 1) rows.push(row);
  return rows;
}
