// Aligning an imported labels.csv with the project's image list: each CSV row is matched to its
// image row by path, so the file may list a subset of the images, in any order.
import type { ExtraColumn, LabelFrame } from '../../shared/csv/index.ts';
import { createEmptyLabelTable, type LabelTable } from '../../shared/table/label-table.ts';
import { resolveImagePath } from './image-list.ts';
import { ProjectError } from './project-error.ts';

/** The CSV's labels laid out in image order. */
export interface AlignedLabels {
  readonly table: LabelTable;
  /** Extra columns (`subset` …) in image order; rows missing from the CSV get an empty value. */
  readonly extraColumns: readonly ExtraColumn[];
  /** Number of CSV rows (all matched). */
  readonly matchedRows: number;
}

/**
 * Places each CSV row on the image row with the same path (exact text first, then the same
 * absolute path under the image root). A path not in the list, or listed twice, is a ProjectError
 * naming the CSV line. Classes of the result are `classes` (the CSV's must be among them).
 */
export function alignLabelsToImages(
  frame: LabelFrame,
  imagePaths: readonly string[],
  imageRoot: string,
  where: string,
): AlignedLabels {
  const exact = new Map<string, number>();
  imagePaths.forEach((path, row) => exact.set(path, row));
  let resolved: Map<string, number> | null = null;
  const findRow = (path: string): number | undefined => {
    const hit = exact.get(path);
    if (hit !== undefined) return hit;
    if (!resolved) {
      resolved = new Map();
      imagePaths.forEach((p, row) => (resolved as Map<string, number>).set(resolveImagePath(imageRoot, p), row));
    }
    return resolved.get(resolveImagePath(imageRoot, path));
  };
  const source = frame.table;
  const table = createEmptyLabelTable(imagePaths.length, source.classes);
  const extraValues = frame.extraColumns.map(() => new Array<string>(imagePaths.length).fill(''));
  const usedBy = new Map<number, number>();
  for (let i = 0; i < frame.filepaths.length; i++) {
    const path = frame.filepaths[i] as string;
    const line = frame.lines?.[i] ?? i + 2;
    const row = findRow(path);
    if (row === undefined) {
      throw new ProjectError(`${where} line ${line}: filepath "${path}" is not in the image list`);
    }
    const earlier = usedBy.get(row);
    if (earlier !== undefined) {
      throw new ProjectError(`${where} line ${line}: image "${path}" already labelled on line ${earlier}`);
    }
    usedBy.set(row, line);
    table.exclude[row] = source.exclude[i] as number;
    table.validation[row] = source.validation[i] as number;
    for (let c = 0; c < source.classes.length; c++) {
      (table.labels[c] as Int8Array)[row] = (source.labels[c] as Int8Array)[i] as number;
    }
    frame.extraColumns.forEach((column, e) => ((extraValues[e] as string[])[row] = column.values[i] ?? ''));
  }
  return {
    table,
    extraColumns: frame.extraColumns.map((column, e) => ({ name: column.name, values: extraValues[e] as string[] })),
    matchedRows: frame.filepaths.length,
  };
}
