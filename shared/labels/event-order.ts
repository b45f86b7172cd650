// Order and expansion of stored events: the winner-key comparison every reader uses, the default
// value of an untouched cell, and the cells of a bulk block as individual events.
import { CLASS_FIELD_OFFSET } from '../schema/fields.ts';
import type { ClassValue } from '../schema/fields.ts';
import { CELL_CODE, readCellCode } from './layout.ts';
import type { DecodedBlock, StoredEvent } from './scan.ts';

/** Value of each 2-bit block cell code (unset maps to -1 but is never applied). */
export const CODE_VALUE: readonly ClassValue[] = [-1, 0, 1, -1];

/** Value of a cell no event has touched: -1 (unlabelled) for classes, 0 (false) for flags. */
export function defaultCellValue(field: number): ClassValue {
  return field >= CLASS_FIELD_OFFSET ? -1 : 0;
}

/** Order of two events by the winner key; negative when a orders first. */
export function compareEvents(a: StoredEvent, b: StoredEvent): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  if (a.by !== b.by) return a.by < b.by ? -1 : 1;
  if (a.segment !== b.segment) return a.segment < b.segment ? -1 : 1;
  if (a.index !== b.index) return a.index - b.index;
  return a.cell - b.cell;
}

/** Every set cell of a block as events, in cell order. */
export function expandBlock(block: DecodedBlock, filter?: { row: number; field: number }): StoredEvent[] {
  const out: StoredEvent[] = [];
  const k = block.fields.length;
  for (let r = 0; r < block.n; r++) {
    const row = block.r0 + r;
    if (filter && filter.row !== row) continue;
    for (let j = 0; j < k; j++) {
      const field = block.fields[j] as number;
      if (filter && filter.field !== field) continue;
      const cell = r * k + j;
      const code = readCellCode(block.d, cell);
      if (code === CELL_CODE.unset) continue;
      out.push({ row, field, value: CODE_VALUE[code] as ClassValue, ts: block.ts, by: block.by, dwell: 0, segment: block.segment, index: block.index, cell });
    }
  }
  return out;
}

