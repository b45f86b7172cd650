// The labels document as signals: project meta, the live label table (incrementally folded by the
// core), and actions that append label events in one transaction with a typed origin. Components
// and view models read these signals; none of them touches Yjs.
import { signal } from '@preact/signals';
import type { ReadonlySignal } from '@preact/signals';
import type * as Y from 'yjs';
import { EventWriter, HybridClock, LiveLabelTable, foldDoc, readEvents, undoEdit } from '../../shared/labels/index.ts';
import type { LabelEdit, LiveChange, ProjectMeta, StoredEvent } from '../../shared/labels/index.ts';
import type { LabelEvent, LabelTable } from '../../shared/table/label-table.ts';
import type { ClassValue } from '../../shared/schema/fields.ts';
import { CLASS_FIELD_OFFSET, FIELD_EXCLUDE, FIELD_VALIDATION } from '../../shared/schema/fields.ts';
import { ORIGIN_UI, ORIGIN_UNDO } from './origins.ts';

/** The label table with the number of events folded into it; a new object on every change. */
export interface TableSnapshot {
  readonly table: LabelTable;
  readonly version: number;
  /** Rows changed since the previous snapshot, or null when everything may have changed. */
  readonly changedRows: readonly number[] | null;
}

/** How many of this browser's own actions can be undone. */
export const UNDO_DEPTH = 200;

/** The labels-document bridge. */
export interface LabelsBridge {
  readonly meta: ReadonlySignal<ProjectMeta | null>;
  /** Current table; null until the document's meta is known. */
  readonly snapshot: ReadonlySignal<TableSnapshot | null>;
  readonly canUndo: ReadonlySignal<boolean>;
  /** Appends edits as one transaction (origin ui); returns the events written. */
  edit(edits: LabelEdit[]): readonly LabelEvent[];
  /** Reverts this browser's last action by appending the previous values as a new event. */
  undo(): readonly LabelEvent[];
  /** Every event, sorted by the winner key. */
  events(): readonly StoredEvent[];
  /** The table as it was at `asOf` (ms since the epoch). */
  tableAsOf(asOf: number): LabelTable;
  /** Events of one cell, oldest first. */
  cellHistory(row: number, field: number): readonly StoredEvent[];
  /** Calls `listener` after each local edit with the number of events written. */
  onLocalEdit(listener: (count: number) => void): () => void;
  dispose(): void;
}

/** Options of createLabelsBridge. */
export interface LabelsBridgeOptions {
  annotator: string;
  /** Physical clock (ms since the epoch); injected for tests. */
  now?: () => number;
}

/** Current value of a cell in a table. */
export function cellValue(table: LabelTable, row: number, field: number): ClassValue {
  if (field === FIELD_EXCLUDE) return table.exclude[row] === 1 ? 1 : 0;
  if (field === FIELD_VALIDATION) return table.validation[row] === 1 ? 1 : 0;
  return (table.labels[field - CLASS_FIELD_OFFSET]?.[row] ?? -1) as ClassValue;
}

/** Connects to a labels document. Works before the meta arrives (the table appears when it does). */
export function createLabelsBridge(doc: Y.Doc, options: LabelsBridgeOptions): LabelsBridge {
  const clock = new HybridClock(options.now ?? (() => Date.now()));
  const writer = new EventWriter(doc, options.annotator, clock);
  const live = new LiveLabelTable(doc, { clock });
  const meta = signal<ProjectMeta | null>(null);
  const snapshot = signal<TableSnapshot | null>(null);
  const undoStack: StoredEvent[][] = [];
  const canUndo = signal(false);
  const localListeners = new Set<(count: number) => void>();

  const publish = (change: LiveChange | null): void => {
    const m = live.meta;
    if (m !== meta.peek()) meta.value = m;
    snapshot.value = m ? { table: live.table, version: live.version, changedRows: change && !change.full ? change.rows : null } : null;
  };
  const unsubscribe = live.subscribe(publish);
  publish(null);

  const notify = (count: number): void => {
    for (const listener of localListeners) listener(count);
  };

  return {
    meta,
    snapshot,
    canUndo,
    edit(edits) {
      if (edits.length === 0) return [];
      const events = writer.append(edits, ORIGIN_UI);
      undoStack.push(events);
      if (undoStack.length > UNDO_DEPTH) undoStack.shift();
      canUndo.value = true;
      notify(events.length);
      return events;
    },
    undo() {
      const group = undoStack.pop();
      canUndo.value = undoStack.length > 0;
      if (!group) return [];
      const out: StoredEvent[] = [];
      for (const target of [...group].reverse()) {
        out.push(undoEdit(writer, target, { history: live.history(target.row, target.field), origin: ORIGIN_UNDO }));
      }
      notify(out.length);
      return out;
    },
    events: () => readEvents(doc).events,
    tableAsOf: (asOf) => foldDoc(doc, { asOf }).table,
    cellHistory: (row, field) => live.history(row, field),
    onLocalEdit(listener) {
      localListeners.add(listener);
      return () => localListeners.delete(listener);
    },
    dispose() {
      unsubscribe();
      live.dispose();
    },
  };
}
