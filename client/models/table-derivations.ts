// Row states and label counts kept up to date from the rows each change touched, instead of a
// pass over every row and class per edit (590k × 19 cells at the design scale). A change without
// a row list (a full refold) recomputes everything.
import { effect, signal } from '@preact/signals';
import type { ReadonlySignal } from '@preact/signals';
import type { TableSnapshot } from '../bridge/labels-bridge.ts';
import type { LabelTable } from '../../shared/table/label-table.ts';
import { computeLabelCounts, computeRowStates, rowState } from '../../shared/views/index.ts';
import type { ClassCounts, LabelCounts } from '../../shared/views/index.ts';

/** Derived views of the live table. */
export interface TableDerivations {
  /** Row state (ROW_STATE) of every row of the current table; the array is updated in place. */
  rowStates(): Uint8Array | null;
  readonly counts: ReadonlySignal<LabelCounts | null>;
  dispose(): void;
}

/** Group index of a row: 0 training, 1 validation, 2 excluded (as computeLabelCounts groups them). */
function groupOf(exclude: number, validation: number): number {
  return exclude === 1 ? 2 : validation === 1 ? 1 : 0;
}

/** Mutable counts: [class][group * 2 + value]. */
type Tally = Int32Array[];

function tallyFrom(counts: LabelCounts): Tally {
  return counts.classes.map((_, c) => {
    const g = [counts.training[c], counts.validation[c], counts.excluded[c]] as ClassCounts[];
    return Int32Array.from(g.flatMap((x) => [x.neg, x.pos]));
  });
}

function countsFrom(classes: readonly string[], tally: Tally): LabelCounts {
  const pick = (g: number): ClassCounts[] => tally.map((t) => ({ neg: t[g * 2] as number, pos: t[g * 2 + 1] as number }));
  return { classes: [...classes], training: pick(0), validation: pick(1), excluded: pick(2) };
}

/** Copies of the columns the counts were last computed from (typed-array copies are memcpy-fast). */
interface Shadow {
  labels: Int8Array[];
  exclude: Uint8Array;
  validation: Uint8Array;
}

function shadowOf(table: LabelTable): Shadow {
  return { labels: table.labels.map((column) => column.slice()), exclude: table.exclude.slice(), validation: table.validation.slice() };
}

/** Follows the snapshot signal and keeps row states and counts current. */
export function createTableDerivations(snapshot: ReadonlySignal<TableSnapshot | null>): TableDerivations {
  let table: LabelTable | null = null;
  let states: Uint8Array | null = null;
  let tally: Tally = [];
  let shadow: Shadow | null = null;
  const bump = (c: number, i: number, by: number): void => {
    const t = tally[c] as Int32Array;
    t[i] = (t[i] as number) + by;
  };
  const apply = (rows: readonly number[]): void => {
    if (!table || !states || !shadow) return;
    const old = shadow;
    for (const row of rows) {
      const oldGroup = groupOf(old.exclude[row] as number, old.validation[row] as number);
      const group = groupOf(table.exclude[row] as number, table.validation[row] as number);
      old.labels.forEach((column, c) => {
        const before = column[row] as number;
        const after = table?.labels[c]?.[row] ?? -1;
        if (before >= 0) bump(c, oldGroup * 2 + before, -1);
        if (after >= 0) bump(c, group * 2 + after, 1);
        column[row] = after;
      });
      old.exclude[row] = table.exclude[row] as number;
      old.validation[row] = table.validation[row] as number;
      states[row] = rowState(table, row);
    }
  };
  const counts = signal<LabelCounts | null>(null);
  // An effect, not a computed: every snapshot's changed rows must be applied, read or not.
  const stop = effect(() => {
    const snap = snapshot.value;
    if (!snap) {
      table = null;
      states = null;
      counts.value = null;
      return;
    }
    const sameTable = table === snap.table && states !== null;
    table = snap.table;
    if (sameTable && snap.changedRows) apply(snap.changedRows);
    else {
      states = computeRowStates(snap.table);
      tally = tallyFrom(computeLabelCounts(snap.table));
      shadow = shadowOf(snap.table);
    }
    counts.value = countsFrom(snap.table.classes, tally);
  });
  return { rowStates: () => states, counts, dispose: stop };
}
