// The label-count table shown beside the image grid: per class, how many rows say "does not
// contain" (neg) and "contains" (pos), split into training, validation and excluded rows.
import type { LabelTable } from '../table/label-table.ts';

/** Negative (0) and positive (1) label counts of one class. */
export interface ClassCounts {
  readonly neg: number;
  readonly pos: number;
}

/**
 * Label counts per class, one entry per class in table order. The three groups are disjoint:
 * - `training`: rows with exclude = 0 and validation = 0 (what the trainer may learn from);
 * - `validation`: rows with validation = 1 and exclude = 0;
 * - `excluded`: rows with exclude = 1, whatever their validation flag.
 * The original counted excluded rows under training (and validation); Patchwork does not.
 */
export interface LabelCounts {
  readonly classes: readonly string[];
  readonly training: readonly ClassCounts[];
  readonly validation: readonly ClassCounts[];
  readonly excluded: readonly ClassCounts[];
}

/** Builds the label-count table in one pass per class column. */
export function computeLabelCounts(table: LabelTable): LabelCounts {
  const training: ClassCounts[] = [];
  const validation: ClassCounts[] = [];
  const excluded: ClassCounts[] = [];
  const { exclude, validation: isValidation, rowCount } = table;
  for (const column of table.labels) {
    // [training neg, training pos, validation neg, validation pos, excluded neg, excluded pos]
    const n = [0, 0, 0, 0, 0, 0];
    for (let row = 0; row < rowCount; row++) {
      const v = column[row] as number;
      if (v < 0) continue;
      const group = exclude[row] === 1 ? 4 : isValidation[row] === 1 ? 2 : 0;
      n[group + v] = (n[group + v] as number) + 1;
    }
    training.push({ neg: n[0] as number, pos: n[1] as number });
    validation.push({ neg: n[2] as number, pos: n[3] as number });
    excluded.push({ neg: n[4] as number, pos: n[5] as number });
  }
  return { classes: [...table.classes], training, validation, excluded };
}
