// labels.csv in the original patchwork's format: `filepath, exclude, validation, <classes…>`
// (plus `subset`/`viewpath` when present), booleans True/False, labels 0.0/1.0, empty = unlabelled.
import { classNameProblem, RESERVED_COLUMN_NAMES, type ClassValue } from '../schema/fields.ts';
import { createEmptyLabelTable } from '../table/label-table.ts';
import { CsvError, formatCsvRecord, parseCsv, quoteCsvField } from './csv-syntax.ts';
import { EXTRA_COLUMN_NAMES, FILEPATH_COLUMN, resolveColumnOrder, type ExtraColumn, type LabelFrame } from './label-frame.ts';

/** Options for {@link readLabelsCsv}. */
export interface ReadLabelsCsvOptions {
  /**
   * The project's classes. When given, every class column of the file must be one of them (an
   * unknown class is an error) and the returned table has exactly these classes, in this order;
   * classes the file lacks stay unlabelled.
   */
  readonly classes?: readonly string[];
}

/**
 * Parses a labels.csv. Class detection follows the original (behaviour 2): every column whose name
 * is not protected (`filepath, exclude, validation, subset, viewpath`) is a class, in file order.
 * Flags accept True/False/true/false/TRUE/FALSE/1/0/1.0/0.0 and empty (false); class cells accept
 * any number equal to 0 or 1 (`0`, `1`, `0.0`, `1.0`), True/False, and empty or NaN (unlabelled).
 * Problems throw a {@link CsvError} naming the line: missing `filepath` column, unnamed or duplicate
 * columns, bad class names, wrong column count, an empty path, or an unknown value.
 *
 * @example
 * const frame = readLabelsCsv('filepath,exclude,validation,cat\na.png,False,False,1.0\n');
 * frame.table.labels[0][0]; // 1
 */
export function readLabelsCsv(text: string, options: ReadLabelsCsvOptions = {}): LabelFrame {
  const records = parseCsv(text);
  const header = records[0];
  if (!header) throw new CsvError('the file is empty (expected a header with a filepath column)');
  const columns = header.fields;
  checkHeader(columns, header.line);
  const fileClasses = columns.filter((name) => !RESERVED_COLUMN_NAMES.includes(name));
  const classes = options.classes ? [...options.classes] : fileClasses;
  if (options.classes) {
    for (const name of fileClasses) {
      if (!classes.includes(name)) {
        throw new CsvError(`unknown class "${name}" (the project's classes are: ${classes.join(', ') || 'none'})`, header.line);
      }
    }
  }
  const rowCount = records.length - 1;
  const table = createEmptyLabelTable(rowCount, classes);
  const filepaths: string[] = new Array<string>(rowCount);
  const lines: number[] = new Array<number>(rowCount);
  const pathColumn = columns.indexOf(FILEPATH_COLUMN);
  const excludeColumn = columns.indexOf('exclude');
  const validationColumn = columns.indexOf('validation');
  const classColumns = classes.map((name) => columns.indexOf(name));
  const extraNames = EXTRA_COLUMN_NAMES.filter((name) => columns.includes(name));
  const extraIndexes = extraNames.map((name) => columns.indexOf(name));
  const extraValues = extraNames.map(() => new Array<string>(rowCount));
  for (let row = 0; row < rowCount; row++) {
    const record = records[row + 1] as (typeof records)[number];
    const { fields, line } = record;
    if (fields.length !== columns.length) {
      throw new CsvError(`expected ${columns.length} columns, found ${fields.length}`, line);
    }
    const path = fields[pathColumn] as string;
    if (path.length === 0) throw new CsvError('empty filepath', line);
    filepaths[row] = path;
    lines[row] = line;
    if (excludeColumn >= 0) table.exclude[row] = parseFlag(fields[excludeColumn] as string, 'exclude', line);
    if (validationColumn >= 0) table.validation[row] = parseFlag(fields[validationColumn] as string, 'validation', line);
    for (let c = 0; c < classColumns.length; c++) {
      const col = classColumns[c] as number;
      if (col >= 0) (table.labels[c] as Int8Array)[row] = parseClassValue(fields[col] as string, classes[c] as string, line);
    }
    for (let e = 0; e < extraIndexes.length; e++) {
      (extraValues[e] as string[])[row] = fields[extraIndexes[e] as number] as string;
    }
  }
  const extraColumns = extraNames.map((name, e) => ({ name, values: extraValues[e] as string[] }));
  return { filepaths, table, extraColumns, columns: [...columns], lines };
}

function checkHeader(columns: readonly string[], line: number): void {
  const seen = new Set<string>();
  columns.forEach((name, i) => {
    if (name === '' || /^Unnamed: \d+$/.test(name)) {
      throw new CsvError(
        `column ${i + 1} has no name; is it an index column? (write the file with pandas' to_csv(index=False))`,
        line,
      );
    }
    if (seen.has(name)) throw new CsvError(`column "${name}" appears twice`, line);
    seen.add(name);
    if (!RESERVED_COLUMN_NAMES.includes(name)) {
      const problem = classNameProblem(name);
      if (problem) throw new CsvError(problem, line);
    }
  });
  if (!seen.has(FILEPATH_COLUMN)) {
    throw new CsvError(`no "filepath" column (found: ${columns.join(', ')})`, line);
  }
}

function parseFlag(text: string, column: string, line: number): 0 | 1 {
  switch (text) {
    case 'True': case 'true': case 'TRUE': case '1': case '1.0':
      return 1;
    case 'False': case 'false': case 'FALSE': case '0': case '0.0': case '':
      return 0;
    default:
      throw new CsvError(`column "${column}": unknown value "${text}" (expected True, False, 1, 0 or empty)`, line);
  }
}

function parseClassValue(text: string, column: string, line: number): ClassValue {
  switch (text) {
    case '1.0': case '1': case 'True': case 'true':
      return 1;
    case '0.0': case '0': case 'False': case 'false':
      return 0;
    case '': case 'nan': case 'NaN': case 'NA':
      return -1;
  }
  const number = text.trim() === '' ? Number.NaN : Number(text);
  if (number === 1) return 1;
  if (number === 0) return 0;
  throw new CsvError(`column "${column}": unknown value "${text}" (expected 1.0, 0.0, 1, 0 or empty)`, line);
}

/** Text of a class cell as the original writes it, indexed by value + 1 (-1 unlabelled, 0, 1). */
const CLASS_TEXT: readonly string[] = ['', '0.0', '1.0'];

/**
 * Writes a labels.csv in the original's format: no index column, `True`/`False` flags, `0.0`/`1.0`
 * labels, empty for unlabelled, LF line ends, minimal RFC-4180 quoting (as pandas' to_csv). Columns
 * follow `frame.columns` where given (see resolveColumnOrder); extra columns are written verbatim.
 */
export function writeLabelsCsv(frame: LabelFrame): string {
  const { table, filepaths } = frame;
  if (filepaths.length !== table.rowCount) {
    throw new Error(`writeLabelsCsv: ${filepaths.length} file paths for ${table.rowCount} rows`);
  }
  const extras = new Map<string, ExtraColumn>(frame.extraColumns.map((column) => [column.name, column]));
  const order = resolveColumnOrder(table.classes, [...extras.keys()], frame.columns);
  // Flags and class cells never need quoting; only paths and extra columns go through quoteCsvField.
  const cell: Array<(row: number) => string> = order.map((name) => {
    if (name === FILEPATH_COLUMN) return (row) => quoteCsvField(filepaths[row] as string);
    if (name === 'exclude') return (row) => (table.exclude[row] ? 'True' : 'False');
    if (name === 'validation') return (row) => (table.validation[row] ? 'True' : 'False');
    const extra = extras.get(name);
    if (extra) return (row) => quoteCsvField(extra.values[row] ?? '');
    const labels = table.labels[table.classes.indexOf(name)] as Int8Array;
    return (row) => CLASS_TEXT[(labels[row] as number) + 1] as string;
  });
  const lines: string[] = [formatCsvRecord(order)];
  const fields = new Array<string>(cell.length);
  for (let row = 0; row < table.rowCount; row++) {
    for (let k = 0; k < cell.length; k++) fields[k] = (cell[k] as (row: number) => string)(row);
    lines.push(fields.join(','));
  }
  return lines.join('\n') + '\n';
}
