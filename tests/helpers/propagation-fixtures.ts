// Fixtures for label-propagation tests: the worked example of patchwork-behaviour.md §6.3 (four
// unit vectors, k = 2, T = 0.1) and small label tables built from row → label maps.
import { createEmptyLabelTable, type LabelTable } from '../../shared/table/label-table.ts';

/** §6.3: four unit vectors in 2-D at 0°, 10°, 25° and 45°. */
export const WORKED_ANGLES_DEG = [0, 10, 25, 45];
/** §6.3 neighbours: 0→{1,2}, 1→{0,2}, 2→{1,3}, 3→{2,1}. */
export const WORKED_NEIGHBOURS = [
  [1, 2],
  [0, 2],
  [1, 3],
  [2, 1],
];
/** §6.3 expected W, row-major 4 × 4. */
export const WORKED_W = [
  [0, 0.612944, 0.312311, 0],
  [0.612944, 0, 0.505968, 0],
  [0, 0.505968, 0, 0.578416],
  [0, 0.155114, 0.578416, 0],
];
/** §6.3 expected P after 1 and 10 iterations. */
export const WORKED_P1 = [1, 1, 0, 0];
export const WORKED_P10 = [0.50558, 0.48224, 0.44161, 0.3908];

/** The §6.3 points as an (N, 2) float32 feature array. */
export function workedFeatures(): { data: Float32Array; shape: number[] } {
  const data = new Float32Array(8);
  WORKED_ANGLES_DEG.forEach((deg, i) => {
    data[2 * i] = Math.cos((deg * Math.PI) / 180);
    data[2 * i + 1] = Math.sin((deg * Math.PI) / 180);
  });
  return { data, shape: [4, 2] };
}

/** The §6.3 label table: one class, row 0 labelled 1, row 3 labelled 0. */
export function workedTable(): LabelTable {
  return tableFrom(4, ['thing'], [{ 0: 1, 3: 0 }]);
}

/** A label table with the given labels per class ({row: 0|1}) and optional flag rows. */
export function tableFrom(
  rows: number,
  classes: string[],
  labels: Record<number, 0 | 1>[],
  flags: { exclude?: number[]; validation?: number[] } = {},
): LabelTable {
  const table = createEmptyLabelTable(rows, classes);
  labels.forEach((byRow, c) => {
    for (const [row, value] of Object.entries(byRow)) (table.labels[c] as Int8Array)[Number(row)] = value;
  });
  for (const row of flags.exclude ?? []) table.exclude[row] = 1;
  for (const row of flags.validation ?? []) table.validation[row] = 1;
  return table;
}
