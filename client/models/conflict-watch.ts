// Makes a concurrent edit visible: while an image is selected, any event another annotator adds to
// one of its cells produces a notice naming who, which field and what value, and whether it
// replaced this annotator's value or lost to it.
import { effect, signal } from '@preact/signals';
import type { ReadonlySignal } from '@preact/signals';
import type { LabelsBridge } from '../bridge/labels-bridge.ts';
import { CLASS_FIELD_OFFSET, fieldName } from '../../shared/schema/fields.ts';
import type { LabelEvent } from '../../shared/table/label-table.ts';

/** A remote edit on the selected image. */
export interface ConflictNotice {
  readonly row: number;
  readonly field: number;
  readonly fieldName: string;
  readonly by: string;
  readonly value: number;
  readonly ts: number;
  /** This annotator had edited the same cell: a real conflict, resolved by timestamp. */
  readonly contested: boolean;
  /** The remote value is now the cell's value (otherwise this annotator's later edit still wins). */
  readonly won: boolean;
}

/** The watcher's output. */
export interface ConflictWatch {
  readonly notice: ReadonlySignal<ConflictNotice | null>;
  dispose(): void;
}

/** Watches the selected row's cells for events by other annotators. */
export function createConflictWatch(labels: LabelsBridge, selectedRow: ReadonlySignal<number | null>, me: string): ConflictWatch {
  const notice = signal<ConflictNotice | null>(null);
  let watchedRow: number | null = null;
  let lengths: number[] = [];
  const historyLengths = (row: number, fields: number): number[] => {
    const out: number[] = [];
    for (let f = 0; f < fields; f++) out.push(labels.cellHistory(row, f).length);
    return out;
  };
  const stop = effect(() => {
    const snap = labels.snapshot.value;
    const row = selectedRow.value;
    const classes = labels.meta.value?.classes ?? [];
    if (!snap || row === null) return;
    const fields = CLASS_FIELD_OFFSET + classes.length;
    const now = historyLengths(row, fields);
    if (row !== watchedRow) {
      watchedRow = row;
      lengths = now;
      notice.value = null;
      return;
    }
    for (let f = 0; f < fields; f++) {
      if ((now[f] ?? 0) <= (lengths[f] ?? 0)) continue;
      const history = labels.cellHistory(row, f);
      const fresh = history.slice(lengths[f] ?? 0).filter((e) => e.by !== me);
      const latest = fresh.reduce<LabelEvent | null>((best, e) => (!best || e.ts > best.ts ? e : best), null);
      if (!latest) continue;
      const winner = history.reduce<LabelEvent | null>((best, e) => (!best || e.ts >= best.ts ? e : best), null);
      notice.value = {
        row,
        field: f,
        fieldName: fieldName(f, classes) ?? `field ${f}`,
        by: latest.by,
        value: latest.value,
        ts: latest.ts,
        contested: history.some((e) => e.by === me),
        won: winner === latest,
      };
    }
    lengths = now;
  });
  return { notice, dispose: stop };
}
