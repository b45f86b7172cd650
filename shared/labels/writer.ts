// The only writer of label events: appends edits to this writer's own segment of the log (one
// transaction per call), opens a new segment when the current one is full, and writes bulk imports
// as compact 2-bit blocks.
import * as Y from 'yjs';
import { CLASS_FIELD_OFFSET, fieldNumber } from '../schema/fields.ts';
import type { ClassValue } from '../schema/fields.ts';
import type { LabelTable } from '../table/label-table.ts';
import type { HybridClock } from './clock.ts';
import {
  CELL_CODE, MAX_BLOCK_BYTES, MAX_DWELL_MS, META_FIELDS, SCHEMA_VERSION, SEGMENT_MAX_ENTRIES, SEGMENT_MAX_SPAN_MS,
  blockByteLength, formatSegmentKey, parseSegmentKey, type ProjectMeta, type SegmentHeader,
} from './layout.ts';
import { getMetaMap, readMeta } from './meta.ts';
import { getSegmentsMap, type StoredEvent } from './scan.ts';

/** One cell edit: field 0 exclude, 1 validation, 2 + c class c (project numbering). */
export interface LabelEdit {
  readonly row: number;
  readonly field: number;
  readonly value: ClassValue;
  /** How long the image was shown before this edit (ms). */
  readonly dwell?: number;
}

/** Options of importTable. */
export interface ImportOptions {
  /** Also write default values (unlabelled classes, false flags); by default they are left unset. */
  readonly includeDefaults?: boolean;
}

interface OpenSegment {
  readonly key: string;
  readonly array: Y.Array<unknown>;
  readonly client: number;
  readonly t0: number;
  readonly classes: readonly string[];
  entries: number;
}

/**
 * Appends label events for one annotator to a labels document.
 * @example
 * const writer = new EventWriter(doc, 'alice', new HybridClock(() => Date.now()));
 * writer.append([{ row: 3, field: classField(0), value: 1, dwell: 1200 }], { source: 'ui' });
 */
export class EventWriter {
  readonly doc: Y.Doc;
  readonly annotator: string;
  readonly clock: HybridClock;
  #open: OpenSegment | null = null;
  #metaCache: { classes: unknown; length: number; imageCount: unknown; meta: ProjectMeta } | null = null;

  constructor(doc: Y.Doc, annotator: string, clock: HybridClock) {
    if (annotator.length === 0) throw new Error('annotator name is empty');
    this.doc = doc;
    this.annotator = annotator;
    this.clock = clock;
  }

  /** Id of the segment this writer appends to, or null before its first write. */
  get segmentKey(): string | null {
    return this.#open?.key ?? null;
  }

  /** Appends the edits as events with one timestamp, in one transaction. Throws on an invalid edit. */
  append(edits: readonly LabelEdit[], origin?: unknown): StoredEvent[] {
    if (edits.length === 0) return [];
    const meta = this.#meta();
    for (const edit of edits) checkEdit(edit, meta);
    const ts = this.clock.tick();
    const out: StoredEvent[] = [];
    this.doc.transact(() => {
      let i = 0;
      while (i < edits.length) {
        const seg = this.#segmentFor(meta, ts);
        const room = SEGMENT_MAX_ENTRIES - seg.entries;
        const chunk = edits.slice(i, i + room);
        const base = seg.array.length;
        seg.array.push(chunk.map((e) => [e.row, e.field, e.value, ts - seg.t0, clampDwell(e.dwell)]));
        chunk.forEach((e, j) => {
          out.push({ row: e.row, field: e.field, value: e.value, ts, by: this.annotator, dwell: clampDwell(e.dwell), segment: seg.key, index: base + j, cell: 0 });
        });
        seg.entries += chunk.length;
        i += chunk.length;
      }
    }, origin);
    return out;
  }

  /**
   * Writes a whole table as bulk blocks (one timestamp; one transaction per block of at most
   * MAX_BLOCK_BYTES). Table classes are matched to project classes by name. Returns cells written.
   */
  importTable(table: LabelTable, origin?: unknown, options: ImportOptions = {}): number {
    const meta = this.#meta();
    if (table.rowCount !== meta.imageCount) throw new Error(`table has ${table.rowCount} rows, the project ${meta.imageCount}`);
    const columns: { field: number; values: ArrayLike<number>; flag: boolean }[] = [
      { field: 0, values: table.exclude, flag: true },
      { field: 1, values: table.validation, flag: true },
    ];
    table.classes.forEach((name, c) => {
      const field = fieldNumber(name, meta.classes);
      if (field < CLASS_FIELD_OFFSET) throw new Error(`class "${name}" is not one of the project's classes`);
      columns.push({ field, values: table.labels[c] as Int8Array, flag: false });
    });
    const isSet = (col: (typeof columns)[number], v: number): boolean => options.includeDefaults === true || (col.flag ? v === 1 : v !== -1);
    const used = columns.filter((col) => {
      for (let r = 0; r < table.rowCount; r++) if (isSet(col, col.values[r] as number)) return true;
      return false;
    });
    if (used.length === 0) return 0;
    const k = used.length;
    const rowsPerBlock = Math.max(1, Math.floor((MAX_BLOCK_BYTES * 4) / k));
    const ts = this.clock.tick();
    let written = 0;
    for (let r0 = 0; r0 < table.rowCount; r0 += rowsPerBlock) {
      const n = Math.min(rowsPerBlock, table.rowCount - r0);
      const d = new Uint8Array(blockByteLength(n, k));
      let cells = 0;
      for (let r = 0; r < n; r++) {
        for (let j = 0; j < k; j++) {
          const col = used[j] as (typeof used)[number];
          const v = col.values[r0 + r] as number;
          if (!isSet(col, v)) continue;
          const code = v === 1 ? CELL_CODE.one : v === 0 ? CELL_CODE.zero : CELL_CODE.none;
          const c = r * k + j;
          d[c >> 2] = (d[c >> 2] as number) | (code << ((c & 3) * 2));
          cells++;
        }
      }
      if (cells === 0) continue;
      this.doc.transact(() => {
        const seg = this.#segmentFor(meta, ts);
        seg.array.push([{ r0, n, f: used.map((col) => col.field), dt: ts - seg.t0, d }]);
        seg.entries++;
      }, origin);
      written += cells;
    }
    return written;
  }

  /** The project metadata, re-read only when the class array, its length or the image count changed. */
  #meta(): ProjectMeta {
    const map = getMetaMap(this.doc);
    const classes = map.get(META_FIELDS.classes);
    const length = classes instanceof Y.Array ? classes.length : -1;
    const imageCount = map.get(META_FIELDS.imageCount);
    const cached = this.#metaCache;
    if (cached && cached.classes === classes && cached.length === length && cached.imageCount === imageCount) return cached.meta;
    const meta = readMeta(this.doc);
    if (!meta) throw new Error('the labels document is not initialised');
    this.#metaCache = { classes, length, imageCount, meta };
    return meta;
  }

  /**
   * The open segment, replaced by a new one when full, too old, of another client id, or when the
   * class list changed (its header's list must equal the project's, so field numbers agree).
   */
  #segmentFor(meta: ProjectMeta, ts: number): OpenSegment {
    const segments = getSegmentsMap(this.doc);
    const open = this.#open;
    if (
      open && open.entries < SEGMENT_MAX_ENTRIES && open.client === this.doc.clientID && ts - open.t0 <= SEGMENT_MAX_SPAN_MS &&
      ts >= open.t0 && sameList(open.classes, meta.classes) && segments.get(open.key) === open.array
    ) {
      return open;
    }
    const client = this.doc.clientID;
    let seq = 0;
    for (const key of segments.keys()) {
      const parsed = parseSegmentKey(key);
      if (parsed && parsed.client === client && parsed.seq >= seq) seq = parsed.seq + 1;
    }
    const key = formatSegmentKey(client, seq);
    const array = new Y.Array<unknown>();
    const header: SegmentHeader = { v: SCHEMA_VERSION, by: this.annotator, client, t0: ts, classes: [...meta.classes] };
    array.push([header]);
    segments.set(key, array);
    this.#open = { key, array, client, t0: ts, classes: header.classes, entries: 0 };
    return this.#open;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function clampDwell(dwell: number | undefined): number {
  if (dwell === undefined || !Number.isFinite(dwell) || dwell < 0) return 0;
  return Math.min(MAX_DWELL_MS, Math.round(dwell));
}

function checkEdit(edit: LabelEdit, meta: ProjectMeta): void {
  const fields = CLASS_FIELD_OFFSET + meta.classes.length;
  if (!Number.isInteger(edit.row) || edit.row < 0 || edit.row >= meta.imageCount) throw new RangeError(`row ${edit.row} is outside 0..${meta.imageCount - 1}`);
  if (!Number.isInteger(edit.field) || edit.field < 0 || edit.field >= fields) throw new RangeError(`field ${edit.field} is not one of the project's ${fields} fields`);
  const ok = edit.field >= CLASS_FIELD_OFFSET ? edit.value === -1 || edit.value === 0 || edit.value === 1 : edit.value === 0 || edit.value === 1;
  if (!ok) throw new RangeError(`value ${String(edit.value)} is not valid for field ${edit.field}`);
}
