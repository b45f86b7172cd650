// Pure validators for event-log content. Readers skip what fails them (with the reason), and the
// relay calls the same functions on incoming content before applying an update.
import { CLASS_FIELD_OFFSET, classListProblem } from '../schema/fields.ts';
import {
  CELL_CODE, MAX_ANNOTATOR_LENGTH, MAX_BLOCK_BYTES, MAX_DWELL_MS, SCHEMA_VERSION, SEGMENT_MAX_SPAN_MS,
  blockByteLength, parseSegmentKey, readCellCode, type BlockEntry, type ProjectMeta, type SegmentHeader,
} from './layout.ts';

/** What an entry is checked against: the image count and the number of fields its segment names. */
export interface EntryContext {
  readonly imageCount: number;
  /** 2 + the number of classes in the segment header. */
  readonly fieldCount: number;
}

/** Integer value of a stored number (bigint from other Yjs implementations accepted), else null. */
export function toInteger(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : null;
  }
  return null;
}

/** A plain object (no array, bytes or borrowed prototype, as a decoded `__proto__` key would give). */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const HEADER_KEYS = 'by,classes,client,t0,v';
const BLOCK_KEYS = 'd,dt,f,n,r0';

/** Why a segment id is malformed, or null. */
export function validateSegmentKey(key: string): string | null {
  return parseSegmentKey(key) ? null : `segment id "${key.slice(0, 40)}" is not of the form <clientID>-<seq>`;
}

/**
 * Why a segment header is unacceptable, or null. With `expectedAnnotator` the header must name that
 * annotator (the relay passes the connection's name); with `key` its client must match the id.
 */
export function validateSegmentHeader(header: unknown, expectedAnnotator?: string, key?: string): string | null {
  if (!isPlainRecord(header)) return 'segment header is missing (first element is not an object)';
  const h = header;
  const keys = Object.keys(h).sort().join(',');
  if (keys !== HEADER_KEYS) return `segment header has keys ${keys.replaceAll(',', ', ')}, not ${HEADER_KEYS.replaceAll(',', ', ')}`;
  if (toInteger(h.v) !== SCHEMA_VERSION) return `segment header version ${String(h.v)} is not ${SCHEMA_VERSION}`;
  if (typeof h.by !== 'string' || h.by.length === 0 || h.by.length > MAX_ANNOTATOR_LENGTH) {
    return 'segment header annotator is not a non-empty string';
  }
  if (expectedAnnotator !== undefined && h.by !== expectedAnnotator) {
    return `segment header claims annotator "${h.by}", not "${expectedAnnotator}"`;
  }
  const client = toInteger(h.client);
  if (client === null || client < 0 || client > 0xffffffff) return 'segment header client is not a 32-bit client id';
  const t0 = toInteger(h.t0);
  if (t0 === null || t0 < 0) return 'segment header t0 is not a non-negative integer';
  if (!Array.isArray(h.classes) || !h.classes.every((c) => typeof c === 'string')) {
    return 'segment header classes is not a list of names';
  }
  const problem = classListProblem(h.classes as string[]);
  if (problem) return `segment header classes: ${problem}`;
  if (key !== undefined) {
    const parsed = parseSegmentKey(key);
    if (!parsed) return validateSegmentKey(key);
    if (parsed.client !== client) return `segment header client ${client} does not match segment id "${key}"`;
  }
  return null;
}

/** The header as a typed value (numbers normalised), assuming validateSegmentHeader passed. */
export function normaliseHeader(header: unknown): SegmentHeader {
  const h = header as Record<string, unknown>;
  return {
    v: toInteger(h.v) ?? 0,
    by: h.by as string,
    client: toInteger(h.client) ?? 0,
    t0: toInteger(h.t0) ?? 0,
    classes: [...(h.classes as string[])],
  };
}

/** The context entries of a segment with this header are checked against. */
export function segmentContext(header: SegmentHeader, meta: Pick<ProjectMeta, 'imageCount'>): EntryContext {
  return { imageCount: meta.imageCount, fieldCount: CLASS_FIELD_OFFSET + header.classes.length };
}

function valueProblem(field: number, value: number): string | null {
  if (field >= CLASS_FIELD_OFFSET) return value === -1 || value === 0 || value === 1 ? null : `class value ${value} is not -1, 0 or 1`;
  return value === 0 || value === 1 ? null : `flag value ${value} is not 0 or 1`;
}

/** Why an event entry `[row, field, value, dt, dwell]` is malformed, or null. */
export function validateEventEntry(entry: unknown, ctx: EntryContext): string | null {
  if (!Array.isArray(entry)) return 'event is not an array';
  if (entry.length !== 5) return `event has ${entry.length} elements, not 5`;
  const row = toInteger(entry[0]);
  const field = toInteger(entry[1]);
  const value = toInteger(entry[2]);
  const dt = toInteger(entry[3]);
  const dwell = toInteger(entry[4]);
  if (row === null || field === null || value === null || dt === null || dwell === null) return 'event element is not an integer';
  if (row < 0 || row >= ctx.imageCount) return `row ${row} is outside 0..${ctx.imageCount - 1}`;
  if (field < 0 || field >= ctx.fieldCount) return `field ${field} is not one of the segment's ${ctx.fieldCount} fields`;
  const problem = valueProblem(field, value);
  if (problem) return problem;
  if (dt < 0 || dt > SEGMENT_MAX_SPAN_MS) return `timestamp delta ${dt} is outside 0..${SEGMENT_MAX_SPAN_MS}`;
  if (dwell < 0 || dwell > MAX_DWELL_MS) return `dwell ${dwell} is outside 0..${MAX_DWELL_MS}`;
  return null;
}

/** Why a bulk block `{r0, n, f, dt, d}` is malformed, or null. Checks every cell code of flag fields. */
export function validateBlockEntry(entry: unknown, ctx: EntryContext): string | null {
  if (!isPlainRecord(entry)) return 'block is not an object';
  const b = entry;
  const keys = Object.keys(b).sort().join(',');
  if (keys !== BLOCK_KEYS) return `block has keys ${keys.replaceAll(',', ', ')}, not ${BLOCK_KEYS.replaceAll(',', ', ')}`;
  const r0 = toInteger(b.r0);
  const n = toInteger(b.n);
  const dt = toInteger(b.dt);
  if (r0 === null || n === null || dt === null) return 'block r0, n or dt is not an integer';
  if (r0 < 0 || n < 1 || r0 + n > ctx.imageCount) return `block rows ${r0}..${r0 + n - 1} are outside 0..${ctx.imageCount - 1}`;
  if (dt < 0 || dt > SEGMENT_MAX_SPAN_MS) return `block timestamp delta ${dt} is outside 0..${SEGMENT_MAX_SPAN_MS}`;
  if (!Array.isArray(b.f) || b.f.length === 0) return 'block field list is empty or not a list';
  const fields = b.f.map(toInteger);
  if (fields.some((f) => f === null || f < 0 || f >= ctx.fieldCount)) return `block names a field outside the segment's ${ctx.fieldCount} fields`;
  if (new Set(fields).size !== fields.length) return 'block lists a field twice';
  if (!(b.d instanceof Uint8Array)) return 'block payload is not bytes';
  if (b.d.length > MAX_BLOCK_BYTES) return `block payload of ${b.d.length} bytes exceeds ${MAX_BLOCK_BYTES}`;
  if (b.d.length !== blockByteLength(n, fields.length)) return `block payload has ${b.d.length} bytes, not ${blockByteLength(n, fields.length)}`;
  const k = fields.length;
  for (let j = 0; j < k; j++) {
    if ((fields[j] as number) >= CLASS_FIELD_OFFSET) continue;
    for (let r = 0; r < n; r++) {
      if (readCellCode(b.d, r * k + j) === CELL_CODE.none) return `block sets flag field ${fields[j]} of row ${r0 + r} to none`;
    }
  }
  return null;
}

/** Why a segment entry (event array or block object) is malformed, or null. */
export function validateSegmentEntry(entry: unknown, ctx: EntryContext): string | null {
  return Array.isArray(entry) ? validateEventEntry(entry, ctx) : validateBlockEntry(entry, ctx);
}

/** The block as a typed value (numbers normalised), assuming validateBlockEntry passed. */
export function normaliseBlock(entry: unknown): BlockEntry {
  const b = entry as Record<string, unknown>;
  return {
    r0: toInteger(b.r0) ?? 0,
    n: toInteger(b.n) ?? 0,
    f: (b.f as unknown[]).map((f) => toInteger(f) ?? 0),
    dt: toInteger(b.dt) ?? 0,
    d: b.d as Uint8Array,
  };
}
