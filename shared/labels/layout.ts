// Layout of the labels document (room `<id>`): root type names, key formats, entry encodings and
// the tunables of the segmented event log. docs/document-schema.md describes the same layout for
// programs written in other languages; keep the two in step and bump SCHEMA_VERSION on any change.

/** Version of the labels-document layout, stored in meta.schema and in every segment header. */
export const SCHEMA_VERSION = 1;

/** Root Y.Map holding the project metadata. */
export const META_KEY = 'meta';
/** Root Y.Map of event-log segments, keyed by segment id (see formatSegmentKey). */
export const SEGMENTS_KEY = 'segments';

/** Keys of the meta map. `classes` is a nested Y.Array of names (append-only). */
export const META_FIELDS = {
  classes: 'classes',
  schema: 'schema',
  imageCount: 'imageCount',
  manifest: 'manifest',
  projectId: 'projectId',
} as const;

/** Entries (header excluded) after which a writer starts a new segment; bounds Yjs's array concat cost. */
export const SEGMENT_MAX_ENTRIES = 1000;
/** Largest timestamp delta (ms) from a segment's t0; keeps deltas in a 5-byte varint. A writer starts a new segment beyond it. */
export const SEGMENT_MAX_SPAN_MS = 2 ** 31 - 1;
/** Largest dwell time (ms) stored; longer dwells are clamped. */
export const MAX_DWELL_MS = 2 ** 31 - 1;
/** Largest packed cell payload of one bulk block (bytes, 4 cells per byte); keeps relay messages small. */
export const MAX_BLOCK_BYTES = 1 << 20;
/** Longest annotator name accepted in a segment header. */
export const MAX_ANNOTATOR_LENGTH = 256;
/** Largest image count a project may declare (row numbers must stay small integers). */
export const MAX_IMAGE_COUNT = 50_000_000;

/** Two-bit cell codes of a bulk block. NONE (explicitly unlabelled) is valid for class cells only. */
export const CELL_CODE = { unset: 0, zero: 1, one: 2, none: 3 } as const;
export type CellCode = (typeof CELL_CODE)[keyof typeof CELL_CODE];

/**
 * First element of every segment: who writes it and the base of its timestamps. `classes` is the
 * class list the writer knew when it opened the segment; the segment's field numbers index into
 * [exclude, validation, ...classes], so concurrent class additions elsewhere cannot change them.
 */
export interface SegmentHeader {
  readonly v: number;
  /** Annotator name; every entry of the segment is by this annotator. */
  readonly by: string;
  /** Yjs clientID of the one Y.Doc that writes this segment. */
  readonly client: number;
  /** Base timestamp (ms since epoch, hybrid logical clock); entries store ts - t0. */
  readonly t0: number;
  /** The writer's class list when the segment was opened. */
  readonly classes: readonly string[];
}

/** An event entry as stored: [row, field, value, ts - t0, dwell], all integers. */
export type EventTuple = [row: number, field: number, value: number, dt: number, dwell: number];

/**
 * A bulk-import block as stored: rows r0 .. r0+n-1 × fields f (segment field numbers), one 2-bit
 * CELL_CODE per cell, row-major (cell i = (row - r0) * f.length + j), little end of each byte first.
 */
export interface BlockEntry {
  readonly r0: number;
  readonly n: number;
  readonly f: readonly number[];
  readonly dt: number;
  readonly d: Uint8Array;
}

/** Project metadata as read from the meta map. */
export interface ProjectMeta {
  readonly projectId: string;
  readonly schema: number;
  /** Class names, append-only; duplicates from concurrent additions collapse to the first. */
  readonly classes: readonly string[];
  readonly imageCount: number;
  /** sha256 (hex) of the image list. */
  readonly manifest: string;
}

const SEGMENT_KEY_PATTERN = /^(0|[1-9]\d{0,9})-(0|[1-9]\d{0,8})$/;

/** Segment id: `<clientID>-<seq>` in decimal, seq counting that client's segments from 0. */
export function formatSegmentKey(client: number, seq: number): string {
  return `${client}-${seq}`;
}

/** Parses a segment id, or null when it is not of the `<clientID>-<seq>` form. */
export function parseSegmentKey(key: string): { client: number; seq: number } | null {
  const match = SEGMENT_KEY_PATTERN.exec(key);
  if (!match) return null;
  const client = Number(match[1]);
  if (client > 0xffffffff) return null;
  return { client, seq: Number(match[2]) };
}

/** Number of 2-bit cells a block's payload holds for n rows × k fields, in bytes. */
export function blockByteLength(n: number, k: number): number {
  return Math.ceil((n * k) / 4);
}

/** Cell code at cell index i of a packed payload. */
export function readCellCode(d: Uint8Array, i: number): CellCode {
  return (((d[i >> 2] ?? 0) >> ((i & 3) * 2)) & 3) as CellCode;
}
