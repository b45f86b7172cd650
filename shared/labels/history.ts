// Views over the event history: undo as a new event, and conflicts (different annotators setting a
// cell to different values within a short window of each other).
import type { ClassValue } from '../schema/fields.ts';
import { compareEvents, defaultCellValue } from './event-order.ts';
import { readCellHistory } from './fold.ts';
import type { EventPosition, StoredEvent } from './scan.ts';
import type { EventWriter } from './writer.ts';

/** The event to undo: its cell and position. */
export interface UndoTarget extends EventPosition {
  readonly row: number;
  readonly field: number;
}

/** Options of undoEdit. */
export interface UndoOptions {
  /** The cell's history in key order (e.g. LiveLabelTable.history); read from the document when omitted. */
  readonly history?: readonly StoredEvent[];
  /** Transaction origin. */
  readonly origin?: unknown;
  readonly dwell?: number;
}

/** Value the cell had just before `target` by the fold (the default when nothing preceded it). */
export function valueBefore(history: readonly StoredEvent[], target: UndoTarget): ClassValue {
  const sorted = [...history].sort(compareEvents);
  const at = sorted.findIndex((e) => e.segment === target.segment && e.index === target.index && e.cell === target.cell);
  if (at < 0) throw new Error(`event ${target.segment}#${target.index}.${target.cell} is not in the history of row ${target.row}, field ${target.field}`);
  return at === 0 ? defaultCellValue(target.field) : (sorted[at - 1] as StoredEvent).value;
}

/**
 * Undoes an edit by appending a NEW event that restores the value the cell had just before it
 * (by the fold). Undoing that event in turn restores the undone value. Returns the new event.
 * @example undoEdit(writer, lastEvent, { history: live.history(lastEvent.row, lastEvent.field) })
 */
export function undoEdit(writer: EventWriter, target: UndoTarget, options: UndoOptions = {}): StoredEvent {
  const history = options.history ?? readCellHistory(writer.doc, target.row, target.field);
  const value = valueBefore(history, target);
  const edit = options.dwell === undefined ? { row: target.row, field: target.field, value } : { row: target.row, field: target.field, value, dwell: options.dwell };
  const [event] = writer.append([edit], options.origin);
  if (!event) throw new Error('undo wrote no event');
  return event;
}

/** A cell on which annotators disagreed within the window. */
export interface LabelConflict {
  readonly row: number;
  readonly field: number;
  /** The disagreeing events, in key order. */
  readonly events: StoredEvent[];
  /** The cell's winning event among all given events. */
  readonly winner: StoredEvent;
}

/**
 * Cells where different annotators set different values within `windowMs` of each other.
 * Sorted by row, then field.
 */
export function findConflicts(events: readonly StoredEvent[], windowMs: number): LabelConflict[] {
  const byCell = new Map<string, StoredEvent[]>();
  for (const e of events) {
    const key = `${e.row}:${e.field}`;
    const list = byCell.get(key);
    if (list) list.push(e);
    else byCell.set(key, [e]);
  }
  const out: LabelConflict[] = [];
  for (const list of byCell.values()) {
    if (list.length < 2) continue;
    list.sort(compareEvents);
    const involved = new Set<StoredEvent>();
    for (let i = 0; i < list.length; i++) {
      const a = list[i] as StoredEvent;
      for (let j = i + 1; j < list.length; j++) {
        const b = list[j] as StoredEvent;
        if (b.ts - a.ts > windowMs) break;
        if (a.by !== b.by && a.value !== b.value) {
          involved.add(a);
          involved.add(b);
        }
      }
    }
    if (involved.size === 0) continue;
    const first = list[0] as StoredEvent;
    out.push({ row: first.row, field: first.field, events: list.filter((e) => involved.has(e)), winner: list[list.length - 1] as StoredEvent });
  }
  return out.sort((a, b) => a.row - b.row || a.field - b.field);
}
