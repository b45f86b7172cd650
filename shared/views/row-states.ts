// Row states derived from the label table's class columns: unlabelled (every class unknown),
// labelled (no class unknown) or partial. The exclude and validation flags play no part here.
import type { LabelTable } from '../table/label-table.ts';

/** The state of one image row, over its class cells only. */
export const ROW_STATE = {
  /** Every class cell is unknown (-1). With zero classes, every row is unlabelled. */
  UNLABELLED: 0,
  /** Some class cells are known, some unknown. */
  PARTIAL: 1,
  /** Every class cell is 0 or 1 (and there is at least one class). */
  LABELLED: 2,
} as const;
/** One of the ROW_STATE values. */
export type RowState = (typeof ROW_STATE)[keyof typeof ROW_STATE];

/**
 * Number of known (0 or 1) class cells per row. Walks the table column by column, so it touches
 * memory in order; O(rows × classes) time, one array of `rowCount` entries.
 */
export function countKnownLabels(table: LabelTable): Uint16Array | Int32Array {
  const counts = table.classes.length < 0xffff ? new Uint16Array(table.rowCount) : new Int32Array(table.rowCount);
  for (const column of table.labels) {
    for (let row = 0; row < table.rowCount; row++) {
      if ((column[row] as number) >= 0) counts[row] = (counts[row] as number) + 1;
    }
  }
  return counts;
}

/**
 * Folds every class column into two byte arrays: `all[row]` has its high bit set when every class
 * is unknown, `any[row]` when at least one is. Unknown is -1 (0xFF, high bit set) and known values
 * are 0 or 1, so this is a bytewise AND and OR, done four rows at a time on aligned columns.
 */
function foldUnknownBits(table: LabelTable): { all: Uint8Array; any: Uint8Array } {
  const n = table.rowCount;
  const all = new Uint8Array(n).fill(0xff);
  const any = new Uint8Array(n);
  const words = n >> 2;
  const all32 = new Uint32Array(all.buffer, 0, words);
  const any32 = new Uint32Array(any.buffer, 0, words);
  for (const column of table.labels) {
    let start = 0;
    if (column.byteOffset % 4 === 0) {
      const col32 = new Uint32Array(column.buffer, column.byteOffset, words);
      for (let w = 0; w < words; w++) {
        const v = col32[w] as number;
        all32[w] = (all32[w] as number) & v;
        any32[w] = (any32[w] as number) | v;
      }
      start = words * 4;
    }
    for (let row = start; row < n; row++) {
      const v = (column[row] as number) & 0xff;
      all[row] = (all[row] as number) & v;
      any[row] = (any[row] as number) | v;
    }
  }
  return { all, any };
}

/** The ROW_STATE of every row, as one byte per row. */
export function computeRowStates(table: LabelTable): Uint8Array {
  const n = table.rowCount;
  if (table.classes.length === 0) return new Uint8Array(n);
  const { all, any } = foldUnknownBits(table);
  // Reuse `all` as the output: each byte is read once before it is overwritten.
  for (let row = 0; row < n; row++) {
    all[row] =
      ((all[row] as number) & 0x80) !== 0 ? ROW_STATE.UNLABELLED : ((any[row] as number) & 0x80) !== 0 ? ROW_STATE.PARTIAL : ROW_STATE.LABELLED;
  }
  return all;
}

/** The ROW_STATE of a single row. */
export function rowState(table: LabelTable, row: number): RowState {
  const classCount = table.classes.length;
  if (classCount === 0) return ROW_STATE.UNLABELLED;
  let known = 0;
  for (const column of table.labels) if ((column[row] as number) >= 0) known++;
  return known === 0 ? ROW_STATE.UNLABELLED : known === classCount ? ROW_STATE.LABELLED : ROW_STATE.PARTIAL;
}

/** How many rows are in each state. */
export interface RowStateSummary {
  readonly unlabelled: number;
  readonly partial: number;
  readonly labelled: number;
}

/** Counts the rows in each state. */
export function summarizeRowStates(states: Uint8Array): RowStateSummary {
  let unlabelled = 0;
  let partial = 0;
  let labelled = 0;
  for (let row = 0; row < states.length; row++) {
    const s = states[row];
    if (s === ROW_STATE.UNLABELLED) unlabelled++;
    else if (s === ROW_STATE.PARTIAL) partial++;
    else labelled++;
  }
  return { unlabelled, partial, labelled };
}
