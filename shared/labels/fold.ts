// Whole-document reads: the label table as of a moment, the sorted event history, one cell's
// history. Each call decodes the document afresh; LiveLabelTable keeps a fold up to date instead.
import type * as Y from 'yjs';
import { createEmptyLabelTable, type LabelTable } from '../table/label-table.ts';
import type { ProjectMeta } from './layout.ts';
import { readMeta } from './meta.ts';
import { FoldEngine } from './fold-engine.ts';
import { decodeDoc, type RejectedEvent, type StoredEvent } from './scan.ts';

/** Options of foldDoc. */
export interface FoldOptions {
  /** Only events with ts ≤ asOf (ms since epoch) count; default: all. */
  readonly asOf?: number;
}

/** What foldDoc returns. */
export interface FoldResult {
  readonly table: LabelTable;
  /** Events folded (bulk-block cells count one each). */
  readonly version: number;
  readonly rejected: RejectedEvent[];
  /** The metadata folded against, or null for an uninitialised document (empty table). */
  readonly meta: ProjectMeta | null;
}

/** A fold engine that has consumed the whole document. */
export function foldEngineFor(doc: Y.Doc, meta: ProjectMeta, asOf?: number): FoldEngine {
  const engine = new FoldEngine(meta, asOf ?? Infinity);
  decodeDoc(doc, meta, engine);
  engine.finish();
  return engine;
}

/**
 * Folds the labels document into the label table (optionally as of a moment).
 * @example const { table, rejected } = foldDoc(doc, { asOf: Date.parse('2026-01-01') });
 */
export function foldDoc(doc: Y.Doc, options: FoldOptions = {}): FoldResult {
  const meta = readMeta(doc);
  if (!meta) return { table: createEmptyLabelTable(0, []), version: 0, rejected: [], meta: null };
  const engine = foldEngineFor(doc, meta, options.asOf);
  return { table: engine.table, version: engine.version, rejected: engine.rejected, meta };
}

/** Every event of the document (bulk-block cells expanded) sorted by the winner key, plus what was skipped. */
export function readEvents(doc: Y.Doc, options: FoldOptions = {}): { events: StoredEvent[]; rejected: RejectedEvent[] } {
  const meta = readMeta(doc);
  if (!meta) return { events: [], rejected: [] };
  const engine = new FoldEngine(meta, options.asOf ?? Infinity);
  decodeDoc(doc, meta, engine);
  return { events: engine.allEvents(), rejected: engine.rejected };
}

/** The events of one cell in key order (the last one is the cell's current value). */
export function readCellHistory(doc: Y.Doc, row: number, field: number): StoredEvent[] {
  const meta = readMeta(doc);
  if (!meta) return [];
  const engine = new FoldEngine(meta);
  decodeDoc(doc, meta, engine);
  return engine.history(row, field);
}
