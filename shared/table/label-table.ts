// The columnar label table: what the fold produces and what sampling, counts, CSV export and the
// trainer read. One typed array per column, indexed by image row (the row position is the identity).
import type { ClassValue } from '../schema/fields.ts';

/** Read-only view of the label table at one moment. */
export interface LabelTable {
  /** Number of image rows. */
  readonly rowCount: number;
  /** Class names in column order. */
  readonly classes: readonly string[];
  /** labels[c][row] for class c: -1 unlabelled, 0 does not contain, 1 contains. */
  readonly labels: readonly Int8Array[];
  /** exclude[row]: 1 when the image is excluded from training. */
  readonly exclude: Uint8Array;
  /** validation[row]: 1 when the image is held out for validation. */
  readonly validation: Uint8Array;
}

/** One decoded label event, as every reader sees it. */
export interface LabelEvent {
  /** Image row, 0-based. */
  readonly row: number;
  /** Field number (see schema/fields.ts): 0 exclude, 1 validation, 2 + c class c. */
  readonly field: number;
  /** Class: -1 (None), 0 or 1. Flag: 0 (false) or 1 (true). */
  readonly value: ClassValue;
  /** Hybrid-logical-clock timestamp in ms since the Unix epoch. */
  readonly ts: number;
  /** Annotator name. */
  readonly by: string;
  /** Dwell time in ms: how long the image was in front of the annotator before this edit. */
  readonly dwell: number;
}

/** An empty (all unlabelled, nothing excluded) table. */
export function createEmptyLabelTable(rowCount: number, classes: readonly string[]): LabelTable {
  return {
    rowCount,
    classes: [...classes],
    labels: classes.map(() => new Int8Array(rowCount).fill(-1)),
    exclude: new Uint8Array(rowCount),
    validation: new Uint8Array(rowCount),
  };
}
