// Public API of the CSV area: labels.csv (the original patchwork's format), events.csv (history)
// and the RFC-4180 syntax they share. Pure: text in, text out.
export { CsvError, parseCsv, quoteCsvField, formatCsvRecord, type CsvRecord } from './csv-syntax.ts';
export {
  prepLabelTable,
  resolveColumnOrder,
  FILEPATH_COLUMN,
  EXTRA_COLUMN_NAMES,
  type LabelFrame,
  type ExtraColumn,
} from './label-frame.ts';
export { readLabelsCsv, writeLabelsCsv, type ReadLabelsCsvOptions } from './labels-csv.ts';
export { writeHistoryCsv, HISTORY_COLUMNS } from './history-csv.ts';
export { formatIsoTime } from './iso-time.ts';
