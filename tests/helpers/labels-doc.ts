// Test fixtures for the labels document: an initialised doc, writers with a controllable clock,
// full-state syncing between docs and a compact table snapshot for equality checks.
import * as Y from 'yjs';
import { EventWriter, HybridClock, initLabelsDoc, type LabelsDocInit } from '../../shared/labels/index.ts';
import type { LabelTable } from '../../shared/table/label-table.ts';

/** Default project used by the labels tests. */
export const TEST_PROJECT: LabelsDocInit = { projectId: 'test', classes: ['cat', 'dog'], imageCount: 20, manifest: 'f'.repeat(64) };

/** A fresh doc with meta written (optionally with a fixed clientID). */
export function createLabelsDoc(init: Partial<LabelsDocInit> = {}, clientID?: number): Y.Doc {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  initLabelsDoc(doc, { ...TEST_PROJECT, ...init });
  return doc;
}

/** A doc that starts as a copy of `source` (a new replica). */
export function replicaOf(source: Y.Doc, clientID?: number): Y.Doc {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
  return doc;
}

/** A manually driven physical clock. */
export interface ManualClock {
  now: number;
  readonly read: () => number;
}

/** A manual clock starting at `start` ms. */
export function createManualClock(start = 1_750_000_000_000): ManualClock {
  const clock: ManualClock = { now: start, read: () => clock.now };
  return clock;
}

/** A writer for `annotator` whose physical clock is `clock`. */
export function createWriter(doc: Y.Doc, annotator: string, clock: ManualClock): EventWriter {
  return new EventWriter(doc, annotator, new HybridClock(clock.read));
}

/** Exchanges full state between all docs until they hold the same updates. */
export function syncAll(...docs: Y.Doc[]): void {
  for (const a of docs) {
    for (const b of docs) {
      if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    }
  }
}

/** A plain snapshot of a table for deep equality. */
export function snapshotTable(table: LabelTable): { rowCount: number; classes: string[]; labels: number[][]; exclude: number[]; validation: number[] } {
  return {
    rowCount: table.rowCount,
    classes: [...table.classes],
    labels: table.labels.map((column) => Array.from(column)),
    exclude: Array.from(table.exclude),
    validation: Array.from(table.validation),
  };
}

/** First difference between two tables (for large tables, where deep equality is slow), or null. */
export function tableDifference(a: LabelTable, b: LabelTable): string | null {
  if (a.rowCount !== b.rowCount) return `rowCount ${a.rowCount} vs ${b.rowCount}`;
  if (a.classes.join('\u0000') !== b.classes.join('\u0000')) return `classes ${a.classes.join(',')} vs ${b.classes.join(',')}`;
  const columns: [string, ArrayLike<number>, ArrayLike<number>][] = [
    ['exclude', a.exclude, b.exclude],
    ['validation', a.validation, b.validation],
    ...a.labels.map((column, c): [string, ArrayLike<number>, ArrayLike<number>] => [a.classes[c] ?? `${c}`, column, b.labels[c] ?? []]),
  ];
  for (const [name, x, y] of columns) {
    for (let r = 0; r < a.rowCount; r++) if (x[r] !== y[r]) return `${name}[${r}]: ${x[r]} vs ${y[r]}`;
  }
  return null;
}
