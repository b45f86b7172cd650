// Small hand-made label tables for the views and sampling tests, including behaviour 3's
// five-row table from the original's reference (rows a–e).
import { createEmptyLabelTable, type LabelTable } from '../../shared/table/label-table.ts';

/** One row of a hand-made table: class values (null = unlabelled) and flags. */
export interface RowSpec {
  readonly labels: readonly (0 | 1 | null)[];
  readonly exclude?: boolean;
  readonly validation?: boolean;
}

/** Builds a LabelTable from row specs. */
export function tableFromRows(classes: readonly string[], rows: readonly RowSpec[]): LabelTable {
  const table = createEmptyLabelTable(rows.length, classes);
  rows.forEach((spec, row) => {
    spec.labels.forEach((value, c) => {
      (table.labels[c] as Int8Array)[row] = value === null ? -1 : value;
    });
    table.exclude[row] = spec.exclude ? 1 : 0;
    table.validation[row] = spec.validation ? 1 : 0;
  });
  return table;
}

/** Behaviour 3's table: rows a–e = 0–4, classes class1, class2, and its subset column. */
export function behaviourThreeTable(): { table: LabelTable; subset: string[]; names: string[] } {
  const table = tableFromRows(
    ['class1', 'class2'],
    [
      { labels: [null, null], exclude: true },
      { labels: [1, 0] },
      { labels: [0, 1] },
      { labels: [1, null] },
      { labels: [1, null] },
    ],
  );
  return { table, subset: ['0', '0', '1', '1', '1'], names: ['a', 'b', 'c', 'd', 'e'] };
}
