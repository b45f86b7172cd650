// The label table together with what a labels.csv carries besides labels: the image paths, any
// extra protected columns (`subset`, `viewpath`) as raw text, and the column order to write.
import { RESERVED_COLUMN_NAMES } from '../schema/fields.ts';
import { createEmptyLabelTable, type LabelTable } from '../table/label-table.ts';

/** A protected, non-label column kept verbatim (one raw text value per row). */
export interface ExtraColumn {
  readonly name: string;
  readonly values: readonly string[];
}

/** A label table with its file paths, extra columns and column order, as in labels.csv. */
export interface LabelFrame {
  /** One path per row, in row order. */
  readonly filepaths: readonly string[];
  /** Labels, flags and class names (table.classes). */
  readonly table: LabelTable;
  /** `subset` / `viewpath` columns when present, raw text per row. */
  readonly extraColumns: readonly ExtraColumn[];
  /** Column names in file order (filepath, flags, extra columns and classes). */
  readonly columns: readonly string[];
  /** 1-based line of the file each row starts on (set by readLabelsCsv, for error messages). */
  readonly lines?: readonly number[];
}

/** Name of the column holding the image paths (the only required column). */
export const FILEPATH_COLUMN = 'filepath';
/** Protected names kept as extra text columns when a CSV has them. */
export const EXTRA_COLUMN_NAMES: readonly string[] = RESERVED_COLUMN_NAMES.filter(
  (name) => name !== 'filepath' && name !== 'exclude' && name !== 'validation',
);

/**
 * The new, empty label table of the original's `prep_label_dataframe(filepaths, classes)`
 * (behaviour 1): columns `filepath, exclude, validation, <classes…>`, flags false, every class
 * cell unlabelled, no `subset` column.
 */
export function prepLabelTable(filepaths: readonly string[], classes: readonly string[]): LabelFrame {
  return {
    filepaths: [...filepaths],
    table: createEmptyLabelTable(filepaths.length, classes),
    extraColumns: [],
    columns: ['filepath', 'exclude', 'validation', ...classes],
  };
}

/**
 * The column order to write: `preferred` (usually the header of an imported file) restricted to
 * the columns that exist, with `filepath` first if it was missing, missing flags right after
 * `filepath`, and any other missing column (extra columns, then classes) appended in order.
 */
export function resolveColumnOrder(
  classes: readonly string[],
  extraNames: readonly string[],
  preferred?: readonly string[],
): string[] {
  const canonical = ['filepath', 'exclude', 'validation', ...extraNames, ...classes];
  if (!preferred) return canonical;
  const known = new Set(canonical);
  const order = preferred.filter((name, i) => known.has(name) && preferred.indexOf(name) === i);
  if (!order.includes('filepath')) order.unshift('filepath');
  let insertAt = order.indexOf('filepath') + 1;
  for (const flag of ['exclude', 'validation']) {
    if (!order.includes(flag)) order.splice(insertAt++, 0, flag);
  }
  for (const name of canonical) if (!order.includes(name)) order.push(name);
  return order;
}
