// Write rights on the labels document (room `<id>`, layout in shared/labels): annotators and owners
// append valid events to segments whose header names them; owners may also append class names to
// meta.classes (or write the whole meta of an uninitialised document); nobody deletes anything.
import * as Y from 'yjs';
import { classListProblem } from '../../shared/schema/fields.ts';
import {
  META_FIELDS, META_KEY, SEGMENTS_KEY, normaliseHeader, readMeta, segmentContext, validateSegmentEntry, validateSegmentHeader, validateSegmentKey,
} from '../../shared/labels/index.ts';
import type { Role } from '../../shared/protocol/roles.ts';
import { existingType, type InspectedUpdate, type InsertedItem, type ItemId } from './inspect-update.ts';
import { FORBIDDEN_KEYS, refuse, type Refusal } from './refusal.ts';

const idKey = (id: ItemId): string => `${id.client}:${id.clock}`;

/** Headers of stored segments: a header is the first element and nothing is ever deleted, so it never changes. */
const headerCache = new WeakMap<Y.Array<unknown>, unknown>();

function storedHeader(segment: Y.Array<unknown>): unknown {
  if (headerCache.has(segment)) return headerCache.get(segment);
  const header = segment.length > 0 ? segment.get(0) : undefined;
  if (header !== undefined) headerCache.set(segment, header);
  return header;
}

/** Checks an inspected update to the labels document for `role` / `name`. */
export function checkLabelsUpdate(doc: Y.Doc, inspected: InspectedUpdate, role: Role, name: string): Refusal | null {
  const { inserts, deletes } = inspected;
  if (inserts.length + deletes.length + inspected.newGcCount + inspected.unknownDeletes + inspected.unresolved.length === 0) return null;
  if (role === 'viewer' || role === 'trainer') return refuse('READ_ONLY', `${role}s cannot write the labels document`);
  if (deletes.length > 0 || inspected.newGcCount > 0 || inspected.unknownDeletes > 0) {
    return refuse('DELETE_REFUSED', 'label events and metadata are never deleted or overwritten');
  }
  if (inspected.unresolved.length > 0) return refuse('MISSING_DEPENDENCY', `${inspected.unresolved.length} items reference unknown content`);
  const metaItems: InsertedItem[] = [];
  const segmentItems: InsertedItem[] = [];
  for (const item of inserts) {
    if (item.location.levels.some((l) => l.key !== null && FORBIDDEN_KEYS.includes(l.key))) return refuse('OUTSIDE_SCHEMA', 'forbidden key');
    if (item.content.kind === 'deleted') return refuse('DELETE_REFUSED', 'update carries deleted content');
    if (item.location.root === META_KEY) metaItems.push(item);
    else if (item.location.root === SEGMENTS_KEY) segmentItems.push(item);
    else return refuse('OUTSIDE_SCHEMA', `unknown labels-document root "${item.location.root}"`);
  }
  if (metaItems.length > 0) {
    const problem = checkMeta(doc, metaItems, role);
    if (problem) return problem;
  }
  return segmentItems.length > 0 ? checkSegments(doc, segmentItems, role, name) : null;
}

function checkMeta(doc: Y.Doc, items: InsertedItem[], role: Role): Refusal | null {
  if (role !== 'owner') return refuse('META_REFUSED', 'only owners change project metadata');
  const meta = readMeta(doc);
  if (!meta) return null; // an owner may (re)initialise an empty document, e.g. refilling a relay from a browser copy
  const names: string[] = [];
  for (const item of items) {
    const { levels } = item.location;
    if (levels.length !== 2 || levels[0]?.key !== META_FIELDS.classes || levels[0].isNew || levels[1]?.key !== null) {
      return refuse('META_REFUSED', 'metadata is append-only: only class names can be added');
    }
    if (item.rightOrigin !== null || item.content.kind !== 'values') return refuse('META_REFUSED', 'class names are appended at the end');
    for (const v of item.content.values) {
      if (typeof v !== 'string') return refuse('META_REFUSED', 'a class name is not a string');
      names.push(v);
    }
  }
  const problem = classListProblem([...meta.classes, ...names]);
  return problem ? refuse('META_REFUSED', problem) : null;
}

interface SegmentWork {
  key: string;
  isNew: boolean;
  created: InsertedItem | null;
  entries: InsertedItem[];
}

function checkSegments(doc: Y.Doc, items: InsertedItem[], role: Role, name: string): Refusal | null {
  const segments = new Map<string, SegmentWork>();
  for (const item of items) {
    const { levels } = item.location;
    const seg = levels[0];
    if (!seg || seg.key === null) return refuse('OUTSIDE_SCHEMA', 'segments are keyed by segment id');
    const k = idKey(seg.id);
    let work = segments.get(k);
    if (!work) segments.set(k, (work = { key: seg.key, isNew: seg.isNew, created: null, entries: [] }));
    if (levels.length === 1) {
      if (item.content.kind !== 'type' || item.content.typeKind !== 'array') return refuse('INVALID_EVENT', 'a segment must be a Y.Array');
      const keyProblem = validateSegmentKey(seg.key);
      if (keyProblem) return refuse('INVALID_EVENT', keyProblem);
      work.created = item;
    } else if (levels.length === 2 && levels[1]?.key === null) {
      if (item.content.kind !== 'values') return refuse('INVALID_EVENT', 'segment entries must be plain values');
      if (item.rightOrigin !== null) return refuse('INVALID_EVENT', 'segment entries are appended at the end');
      work.entries.push(item);
    } else {
      return refuse('OUTSIDE_SCHEMA', 'unexpected nesting inside a segment');
    }
  }
  const meta = readMeta(doc);
  if (!meta) return refuse('INVALID_EVENT', 'the labels document has no metadata yet');
  for (const work of segments.values()) {
    let header: unknown;
    let entryValues: unknown[] = [];
    if (work.isNew) {
      const first = work.entries.filter((e) => e.origin === null);
      if (first.length !== 1) return refuse('INVALID_EVENT', 'a new segment must start with exactly one header');
      for (const e of work.entries) {
        const values = e.content.kind === 'values' ? e.content.values : [];
        if (e === first[0]) {
          header = values[0];
          entryValues = entryValues.concat(values.slice(1));
        } else entryValues = entryValues.concat(values);
      }
    } else {
      const type = existingType(doc, work.entries[0]?.location.levels[0]?.id ?? { client: -1, clock: -1 });
      if (!(type instanceof Y.Array)) return refuse('OUTSIDE_SCHEMA', 'segment is not an array');
      if (work.entries.some((e) => e.origin === null)) return refuse('INVALID_EVENT', 'entries cannot be inserted before a segment header');
      header = storedHeader(type);
      for (const e of work.entries) if (e.content.kind === 'values') entryValues = entryValues.concat(e.content.values);
    }
    const h = header as { by?: unknown } | undefined;
    if (role !== 'owner' && h && typeof h === 'object' && h.by !== name) {
      return refuse('IMPERSONATION', `segment written as "${String(h.by).slice(0, 64)}" by "${name}"`);
    }
    const headerProblem = validateSegmentHeader(header, role === 'owner' ? undefined : name, work.key);
    if (headerProblem) return refuse(headerProblem.includes('claims annotator') ? 'IMPERSONATION' : 'INVALID_EVENT', headerProblem);
    const ctx = segmentContext(normaliseHeader(header), meta);
    for (const entry of entryValues) {
      const problem = validateSegmentEntry(entry, ctx);
      if (problem) return refuse('INVALID_EVENT', problem);
    }
  }
  return null;
}
