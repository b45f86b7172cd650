// Decoding of event-log segments into events and bulk blocks for the fold and for readers of the
// event history. Malformed content is reported to the sink with a reason and skipped, never thrown.
import * as Y from 'yjs';
import type { LabelEvent } from '../table/label-table.ts';
import { CLASS_FIELD_OFFSET } from '../schema/fields.ts';
import { SEGMENTS_KEY, type ProjectMeta, type SegmentHeader } from './layout.ts';
import {
  normaliseBlock, normaliseHeader, segmentContext, validateBlockEntry, validateEventEntry, validateSegmentHeader,
  type EntryContext,
} from './validate.ts';

/** Where an event sits in the log: its segment id, element index and cell index within a bulk block (0 for an event). */
export interface EventPosition {
  readonly segment: string;
  readonly index: number;
  readonly cell: number;
}

/** A decoded event with its position (field numbers follow the project's current class order). */
export interface StoredEvent extends LabelEvent, EventPosition {}

/** A segment element a reader skipped, and why. */
export interface RejectedEvent {
  readonly segment: string;
  readonly index: number;
  readonly reason: string;
}

/** A decoded bulk block: rows r0..r0+n-1 × fields (project field numbers), 2-bit cell codes. */
export interface DecodedBlock {
  readonly segment: string;
  readonly index: number;
  readonly ts: number;
  readonly by: string;
  readonly r0: number;
  readonly n: number;
  readonly fields: readonly number[];
  readonly d: Uint8Array;
}

/** Receives what decodeSegment finds. */
export interface SegmentSink {
  event(segment: string, index: number, row: number, field: number, value: number, ts: number, by: string, dwell: number): void;
  block(block: DecodedBlock): void;
  reject(rejected: RejectedEvent): void;
  /** Optional hint: about this many entries follow. */
  reserve?(entries: number): void;
}

/** The segments root map of a labels document. */
export function getSegmentsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(SEGMENTS_KEY);
}

/** Segment ids in the order every reader uses (code-unit order). */
export function sortedSegmentKeys(segments: Y.Map<unknown>): string[] {
  return [...segments.keys()].sort(compareStrings);
}

/** Code-unit string order, the order used for annotators and segment ids in the winner key. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Maps the segment's field numbers to the project's; -1 where the class is not (yet) in meta. */
function fieldMapFor(header: SegmentHeader, meta: ProjectMeta): Int32Array {
  const map = new Int32Array(CLASS_FIELD_OFFSET + header.classes.length);
  for (let f = 0; f < CLASS_FIELD_OFFSET; f++) map[f] = f;
  header.classes.forEach((name, c) => {
    const i = meta.classes.indexOf(name);
    map[CLASS_FIELD_OFFSET + c] = i < 0 ? -1 : CLASS_FIELD_OFFSET + i;
  });
  return map;
}

function unknownClassReason(header: SegmentHeader, field: number): string {
  return `class "${header.classes[field - CLASS_FIELD_OFFSET] ?? '?'}" (field ${field}) is not in the project's classes`;
}

function sameClasses(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface HeaderCheck {
  readonly key: string;
  readonly problem: string | null;
  readonly header: SegmentHeader | null;
  readonly classes: readonly string[];
  readonly fieldMap: Int32Array;
}

/** Header checks by header object (stable while the document lives), so refolds skip re-validation. */
const headerChecks = new WeakMap<object, HeaderCheck>();

function checkHeader(key: string, raw: unknown, meta: ProjectMeta): HeaderCheck {
  const cacheable = typeof raw === 'object' && raw !== null;
  const cached = cacheable ? headerChecks.get(raw) : undefined;
  if (cached && cached.key === key && sameClasses(cached.classes, meta.classes)) return cached;
  const problem = validateSegmentHeader(raw, undefined, key);
  const header = problem ? null : normaliseHeader(raw);
  const check: HeaderCheck = { key, problem, header, classes: meta.classes, fieldMap: header ? fieldMapFor(header, meta) : new Int32Array(0) };
  if (cacheable) headerChecks.set(raw, check);
  return check;
}

/**
 * Decodes elements `from`.. of one segment into the sink and returns the segment's length (the next
 * `from`). A bad header skips every element of the segment, each reported with the header's problem.
 */
export function decodeSegment(key: string, value: unknown, meta: ProjectMeta, from: number, sink: SegmentSink): number {
  if (!(value instanceof Y.Array)) {
    if (from === 0) sink.reject({ segment: key, index: 0, reason: 'segment is not a Y.Array' });
    return 1;
  }
  const length = value.length;
  if (length === 0) {
    sink.reject({ segment: key, index: 0, reason: 'segment header is missing (segment is empty)' });
    return 0;
  }
  if (from >= length) return length;
  const first = Math.max(from, 1);
  const check = checkHeader(key, value.get(0), meta);
  const header = check.header;
  if (!header) {
    for (let i = from; i < length; i++) sink.reject({ segment: key, index: i, reason: check.problem ?? 'segment header is invalid' });
    return length;
  }
  const ctx: EntryContext = segmentContext(header, meta);
  const fieldMap = check.fieldMap;
  const { t0, by } = header;
  const { imageCount, fieldCount } = ctx;
  const handle = (entry: unknown, i: number): void => {
    if (Array.isArray(entry) && entry.length === 5) {
      const row = entry[0], field = entry[1], v = entry[2], dt = entry[3], dwell = entry[4];
      // Fast path for well-formed events written by this library; anything else goes to the validator.
      if (
        typeof row === 'number' && typeof field === 'number' && typeof v === 'number' && typeof dt === 'number' &&
        typeof dwell === 'number' && (row | 0) === row && (field | 0) === field && (dt | 0) === dt && (dwell | 0) === dwell &&
        row >= 0 && row < imageCount && field >= 0 && field < fieldCount && dt >= 0 && dwell >= 0 &&
        (v === 0 || v === 1 || (v === -1 && field >= CLASS_FIELD_OFFSET))
      ) {
        const mapped = fieldMap[field] as number;
        if (mapped < 0) sink.reject({ segment: key, index: i, reason: unknownClassReason(header, field) });
        else sink.event(key, i, row, mapped, v, t0 + dt, by, dwell);
        return;
      }
    }
    if (Array.isArray(entry)) {
      const problem = validateEventEntry(entry, ctx);
      if (problem) {
        sink.reject({ segment: key, index: i, reason: problem });
        return;
      }
      // Valid but not plain small numbers (e.g. bigint or float64 from another Yjs implementation).
      const [row, field, v, dt, dwell] = (entry as unknown[]).map((x) => Number(x)) as [number, number, number, number, number];
      const mapped = fieldMap[field] as number;
      if (mapped < 0) sink.reject({ segment: key, index: i, reason: unknownClassReason(header, field) });
      else sink.event(key, i, row, mapped, v, t0 + dt, by, dwell);
      return;
    }
    const problem = validateBlockEntry(entry, ctx);
    if (problem) {
      sink.reject({ segment: key, index: i, reason: problem });
      return;
    }
    const block = normaliseBlock(entry);
    const missing = block.f.find((f) => (fieldMap[f] as number) < 0);
    if (missing !== undefined) {
      sink.reject({ segment: key, index: i, reason: unknownClassReason(header, missing) });
      return;
    }
    sink.block({
      segment: key, index: i, ts: t0 + block.dt, by, r0: block.r0, n: block.n,
      fields: block.f.map((f) => fieldMap[f] as number), d: block.d,
    });
  };
  // Walk the items directly: a merged run of pushes is one item whose content array is read in place.
  let pos = 0;
  for (let item = value._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    const len = item.length;
    if (pos + len > first) {
      const content = item.content.getContent();
      for (let k = Math.max(0, first - pos); k < len; k++) handle(content[k], pos + k);
    }
    pos += len;
  }
  return length;
}

/** Decodes every segment of the document (in sorted id order) into the sink. */
export function decodeDoc(doc: Y.Doc, meta: ProjectMeta, sink: SegmentSink): void {
  const segments = getSegmentsMap(doc);
  if (sink.reserve) {
    let total = 0;
    segments.forEach((value) => {
      if (value instanceof Y.Array) total += value.length;
    });
    sink.reserve(total);
  }
  for (const key of sortedSegmentKeys(segments)) decodeSegment(key, segments.get(key), meta, 0, sink);
}
