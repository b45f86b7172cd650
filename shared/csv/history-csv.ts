// events.csv: the full edit history, one row per label event, for audits and annotation-time
// studies. Header: time,annotator,row,filepath,field,value,dwell_ms (documented in docs/files.md).
import { CLASS_FIELD_OFFSET, fieldName } from '../schema/fields.ts';
import type { LabelEvent } from '../table/label-table.ts';
import { formatCsvRecord } from './csv-syntax.ts';
import { formatIsoTime } from './iso-time.ts';

/** Columns of events.csv, in order. */
export const HISTORY_COLUMNS: readonly string[] = ['time', 'annotator', 'row', 'filepath', 'field', 'value', 'dwell_ms'];

/**
 * Writes events.csv: `time` (ISO-8601 UTC, ms), `annotator`, `row` (0-based image row), `filepath`,
 * `field` (`exclude`, `validation` or a class name), `value` (`1.0`/`0.0`/empty for a class, as in
 * labels.csv; `True`/`False` for a flag) and `dwell_ms` (integer). Events are written in the given
 * order (pass them sorted by the winner key, as readEvents returns them).
 */
export function writeHistoryCsv(
  events: readonly LabelEvent[],
  filepaths: readonly string[],
  classes: readonly string[],
): string {
  const lines: string[] = [formatCsvRecord(HISTORY_COLUMNS)];
  for (const event of events) {
    const isClass = event.field >= CLASS_FIELD_OFFSET;
    const value = isClass
      ? event.value === 1 ? '1.0' : event.value === 0 ? '0.0' : ''
      : event.value === 1 ? 'True' : 'False';
    lines.push(
      formatCsvRecord([
        formatIsoTime(event.ts),
        event.by,
        String(event.row),
        filepaths[event.row] ?? '',
        fieldName(event.field, classes) ?? `field ${event.field}`,
        value,
        String(Math.max(0, Math.round(event.dwell))),
      ]),
    );
  }
  return lines.join('\n') + '\n';
}
