// A label table kept up to date as the document changes: appended entries are folded one by one
// (each segment remembers how many elements were folded); anything else (a deletion, an insertion
// before the end, a bulk block, a class added) triggers a full refold.
import * as Y from 'yjs';
import { createEmptyLabelTable, type LabelTable } from '../table/label-table.ts';
import type { HybridClock } from './clock.ts';
import { FoldEngine } from './fold-engine.ts';
import type { ProjectMeta } from './layout.ts';
import { getMetaMap, readMeta } from './meta.ts';
import { decodeSegment, getSegmentsMap, sortedSegmentKeys, type RejectedEvent, type StoredEvent } from './scan.ts';

/** What changed in a LiveLabelTable. */
export interface LiveChange {
  /** Rows whose values changed (every row when `full`). */
  readonly rows: readonly number[];
  /** True after a full refold: the table object may have been replaced; re-read everything. */
  readonly full: boolean;
  readonly version: number;
}

/** Options of LiveLabelTable. */
export interface LiveOptions {
  /** Observes every folded timestamp, so this writer's next edits order after what it has seen. */
  readonly clock?: HybridClock;
}

const EMPTY_TABLE: LabelTable = createEmptyLabelTable(0, []);

/**
 * Incrementally folded label table of a labels document.
 * @example
 * const live = new LiveLabelTable(doc, { clock });
 * const stop = live.subscribe(({ rows }) => redraw(rows));
 */
export class LiveLabelTable {
  readonly #doc: Y.Doc;
  readonly #clock: HybridClock | undefined;
  readonly #segments: Y.Map<unknown>;
  readonly #metaMap: Y.Map<unknown>;
  readonly #folded = new Map<string, number>();
  readonly #listeners = new Set<(change: LiveChange) => void>();
  #engine: FoldEngine | null = null;
  #refolds = 0;
  #disposed = false;
  /** The transaction a meta-triggered refold ran in; its segment events are already folded. */
  #refoldedIn: Y.Transaction | null = null;

  constructor(doc: Y.Doc, options: LiveOptions = {}) {
    this.#doc = doc;
    this.#clock = options.clock;
    this.#segments = getSegmentsMap(doc);
    this.#metaMap = getMetaMap(doc);
    this.#segments.observeDeep(this.#onSegments);
    this.#metaMap.observeDeep(this.#onMeta);
    this.#refold();
  }

  /** The current table (replaced by a new object after a full refold). */
  get table(): LabelTable {
    return this.#engine?.table ?? EMPTY_TABLE;
  }

  /** Number of events folded (bulk-block cells count one each). */
  get version(): number {
    return this.#engine?.version ?? 0;
  }

  /** The metadata the table is folded against, or null before the document is initialised. */
  get meta(): ProjectMeta | null {
    return this.#engine?.meta ?? null;
  }

  /** Entries skipped as malformed, with reasons. */
  get rejected(): readonly RejectedEvent[] {
    return this.#engine?.rejected ?? [];
  }

  /** How many full folds have run (1 after construction). */
  get refolds(): number {
    return this.#refolds;
  }

  /** Calls `listener` after each change; returns the unsubscribe function. */
  subscribe(listener: (change: LiveChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Events of one cell in key order (the last is the current value). */
  history(row: number, field: number): StoredEvent[] {
    return this.#engine?.history(row, field) ?? [];
  }

  /** Stops observing the document. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#segments.unobserveDeep(this.#onSegments);
    this.#metaMap.unobserveDeep(this.#onMeta);
    this.#listeners.clear();
  }

  #refold(): void {
    this.#refolds++;
    this.#folded.clear();
    const meta = readMeta(this.#doc);
    if (!meta) {
      this.#engine = null;
      return;
    }
    const engine = new FoldEngine(meta);
    for (const key of sortedSegmentKeys(this.#segments)) {
      this.#folded.set(key, decodeSegment(key, this.#segments.get(key), meta, 0, engine));
    }
    engine.finish();
    this.#engine = engine;
    this.#clock?.observe(engine.maxTs);
  }

  #metaChanged(): boolean {
    const meta = readMeta(this.#doc);
    const current = this.#engine?.meta ?? null;
    if (!meta || !current) return meta !== current;
    return meta.imageCount !== current.imageCount || meta.classes.length !== current.classes.length || meta.classes.some((c, i) => c !== current.classes[i]);
  }

  #emit(change: LiveChange): void {
    for (const listener of [...this.#listeners]) listener(change);
  }

  #emitFull(): void {
    const table = this.table;
    this.#emit({ rows: Array.from({ length: table.rowCount }, (_, i) => i), full: true, version: this.version });
  }

  readonly #onMeta = (_events: unknown, transaction: Y.Transaction): void => {
    if (!this.#metaChanged()) return;
    this.#refold();
    this.#refoldedIn = transaction;
    this.#emitFull();
  };

  readonly #onSegments = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
    if (transaction === this.#refoldedIn) return;
    let refold = this.#engine === null || this.#metaChanged();
    const dirty = new Set<string>();
    for (const event of events) {
      if (refold) break;
      if (event.target === this.#segments) {
        for (const [key, change] of event.changes.keys) {
          if (change.action === 'add' && !this.#folded.has(key)) dirty.add(key);
          else refold = true;
        }
        continue;
      }
      const key = event.path[0];
      if (event.path.length !== 1 || typeof key !== 'string' || !(event.target instanceof Y.Array)) {
        refold = true;
        continue;
      }
      // Only an append after everything already folded keeps the incremental fold valid.
      const folded = this.#folded.get(key) ?? 0;
      let pos = 0;
      for (const op of event.delta) {
        if (op.delete !== undefined) refold = true;
        else if (op.retain !== undefined) pos += op.retain;
        else if (op.insert !== undefined) {
          if (pos < folded) refold = true;
          pos += Array.isArray(op.insert) ? op.insert.length : 1;
        }
      }
      dirty.add(key);
    }
    const engine = this.#engine;
    if (!refold && engine) {
      engine.changedRows = new Set();
      for (const key of [...dirty].sort()) {
        this.#folded.set(key, decodeSegment(key, this.#segments.get(key), engine.meta, this.#folded.get(key) ?? 0, engine));
      }
      const rows = [...engine.changedRows].sort((a, b) => a - b);
      engine.changedRows = null;
      if (!engine.needsRefold) {
        this.#clock?.observe(engine.maxTs);
        this.#emit({ rows, full: false, version: engine.version });
        return;
      }
    }
    this.#refold();
    this.#emitFull();
  };
}
