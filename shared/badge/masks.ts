// Row masks BADGE needs from the label table: the initially unavailable set (fully labelled or
// excluded rows, §5.1). Partially labelled and validation rows stay available, as in the original.
import type { LabelTable } from '../table/label-table.ts';

/** 1 for rows that are excluded or labelled (0/1) in every class; 0 otherwise. */
export function badgeUnavailableMask(table: LabelTable): Uint8Array {
  const out = new Uint8Array(table.rowCount);
  for (let row = 0; row < table.rowCount; row++) {
    if (table.exclude[row]) { out[row] = 1; continue; }
    let full = table.labels.length > 0;
    for (const column of table.labels) if ((column[row] as number) < 0) { full = false; break; }
    out[row] = full ? 1 : 0;
  }
  return out;
}
