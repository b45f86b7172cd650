// Struct-level inspection of an incoming Yjs update against a room's current document, without
// applying it: for every new item, where it would land (root type, chain of nested types and keys)
// and what it holds; for every range it deletes, which live items that hits. Policies decide on this.
import * as Y from 'yjs';

/** A Yjs item id. */
export interface ItemId {
  client: number;
  clock: number;
}

/** Kind of a nested shared type. */
export type TypeKind = 'map' | 'array' | 'text' | 'xml' | 'unknown';

/** What an item holds. */
export type InspectedContent =
  | { kind: 'values'; values: unknown[] }
  | { kind: 'string'; text: string }
  | { kind: 'type'; typeKind: TypeKind }
  | { kind: 'deleted'; length: number }
  | { kind: 'other'; name: string };

/** One level on the way from a root type down to an item. */
export interface PathLevel {
  /** Map key under which this level sits in its parent, or null for an array/text element. */
  key: string | null;
  /** Id of the item at this level (for the item itself and each nested type's holder). */
  id: ItemId;
  /** True when this item is part of the update being inspected (not yet in the document). */
  isNew: boolean;
}

/** Where an item lands: the root type name and the levels below it; the last level is the item. */
export interface ItemLocation {
  root: string;
  levels: PathLevel[];
}

/** A new item the update would insert. */
export interface InsertedItem {
  id: ItemId;
  length: number;
  location: ItemLocation;
  content: InspectedContent;
  origin: ItemId | null;
  rightOrigin: ItemId | null;
}

/** A live item the update would delete. */
export interface DeletedItem {
  id: ItemId;
  location: ItemLocation;
  content: InspectedContent;
}

/** Everything a policy needs to judge an update. */
export interface InspectedUpdate {
  inserts: InsertedItem[];
  deletes: DeletedItem[];
  /** GC structs (content already collected by the sender) that are new to the document. */
  newGcCount: number;
  /** Ids whose parent could not be found in the document or the update. */
  unresolved: ItemId[];
  /** Delete ranges that hit items neither the document nor the update has. */
  unknownDeletes: number;
}

type AnyStruct = Y.Item | Y.AbstractStruct;
type ParentRef = { kind: 'root'; name: string } | { kind: 'type'; id: ItemId } | { kind: 'gc' };

/** Thrown when the update's bytes cannot be decoded as a Yjs v1 update. */
export class MalformedUpdateError extends Error {}

function typeKindOf(type: unknown): TypeKind {
  if (type instanceof Y.Map) return 'map';
  if (type instanceof Y.Array) return 'array';
  if (type instanceof Y.Text) return 'text';
  if (type instanceof Y.XmlFragment || type instanceof Y.XmlText || type instanceof Y.XmlElement) return 'xml';
  return 'unknown';
}

/** Describes an item's content without exposing Yjs internals to the policies. */
export function describeContent(item: Y.Item): InspectedContent {
  const c = item.content;
  if (c instanceof Y.ContentAny || c instanceof Y.ContentJSON) return { kind: 'values', values: c.getContent() };
  if (c instanceof Y.ContentString) return { kind: 'string', text: c.str };
  if (c instanceof Y.ContentType) return { kind: 'type', typeKind: typeKindOf(c.type) };
  if (c instanceof Y.ContentDeleted) return { kind: 'deleted', length: c.getLength() };
  return { kind: 'other', name: c.constructor.name };
}

function findIn(structs: AnyStruct[] | undefined, clock: number): AnyStruct | null {
  if (!structs || structs.length === 0) return null;
  let lo = 0;
  let hi = structs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = structs[mid] as AnyStruct;
    if (clock < s.id.clock) hi = mid - 1;
    else if (clock >= s.id.clock + s.length) lo = mid + 1;
    else return s;
  }
  return null;
}

/**
 * Inspects `update` (y-protocols v1 encoding) against `doc`. Throws MalformedUpdateError when the
 * bytes do not decode. Items the document already has are ignored.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array): InspectedUpdate {
  let decoded: { structs: AnyStruct[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };
  try {
    decoded = Y.decodeUpdate(update) as unknown as typeof decoded;
  } catch (error) {
    throw new MalformedUpdateError(error instanceof Error ? error.message : String(error));
  }
  const store = doc.store;
  const newByClient = new Map<number, AnyStruct[]>();
  const result: InspectedUpdate = { inserts: [], deletes: [], newGcCount: 0, unresolved: [], unknownDeletes: 0 };
  for (const s of decoded.structs) {
    if (s.constructor.name === 'Skip') continue;
    if (s.id.clock + s.length <= Y.getState(store, s.id.client)) continue;
    let list = newByClient.get(s.id.client);
    if (!list) newByClient.set(s.id.client, (list = []));
    list.push(s);
  }

  const lookup = (id: ItemId): { struct: AnyStruct; isNew: boolean } | null => {
    const fresh = findIn(newByClient.get(id.client), id.clock);
    if (fresh) return { struct: fresh, isNew: true };
    if (id.clock >= Y.getState(store, id.client)) return null;
    const old = findIn(store.clients.get(id.client) as AnyStruct[] | undefined, id.clock);
    return old ? { struct: old, isNew: false } : null;
  };

  const parentCache = new Map<Y.Item, { parent: ParentRef; key: string | null } | null>();
  const parentOf = (item: Y.Item, isNew: boolean, depth = 0): { parent: ParentRef; key: string | null } | null => {
    const cached = parentCache.get(item);
    if (cached !== undefined) return cached;
    let found: { parent: ParentRef; key: string | null } | null = null;
    if (!isNew) {
      const type = item.parent as Y.AbstractType<unknown> | null;
      if (type && type._item) found = { parent: { kind: 'type', id: type._item.id }, key: item.parentSub };
      else if (type) found = { parent: { kind: 'root', name: Y.findRootTypeKey(type) }, key: item.parentSub };
    } else if (item.parent !== null) {
      const p = item.parent as unknown;
      found = typeof p === 'string' ? { parent: { kind: 'root', name: p }, key: item.parentSub } : { parent: { kind: 'type', id: p as ItemId }, key: item.parentSub };
    } else if (depth < 10_000) {
      const neighbour = item.origin ?? item.rightOrigin;
      const hit = neighbour ? lookup(neighbour) : null;
      if (hit && hit.struct instanceof Y.Item) found = parentOf(hit.struct, hit.isNew, depth + 1);
      else if (hit) found = { parent: { kind: 'gc' }, key: null };
    }
    parentCache.set(item, found);
    return found;
  };

  const locate = (item: Y.Item, isNew: boolean): ItemLocation | 'gc' | null => {
    const levels: PathLevel[] = [];
    let current: Y.Item = item;
    let currentIsNew = isNew;
    for (let guard = 0; guard < 64; guard++) {
      const p = parentOf(current, currentIsNew);
      if (!p) return null;
      levels.push({ key: p.key, id: current.id, isNew: currentIsNew });
      if (p.parent.kind === 'gc') return 'gc';
      if (p.parent.kind === 'root') return { root: p.parent.name, levels: levels.reverse() };
      const holder = lookup(p.parent.id);
      if (!holder) return null;
      if (!(holder.struct instanceof Y.Item)) return 'gc';
      current = holder.struct;
      currentIsNew = holder.isNew;
    }
    return null;
  };

  for (const list of newByClient.values()) {
    for (const s of list) {
      if (!(s instanceof Y.Item)) {
        result.newGcCount++;
        continue;
      }
      const location = locate(s, true);
      if (location === 'gc') continue; // Yjs drops content whose parent was collected
      if (!location) {
        result.unresolved.push(s.id);
        continue;
      }
      result.inserts.push({ id: s.id, length: s.length, location, content: describeContent(s), origin: s.origin, rightOrigin: s.rightOrigin });
    }
  }

  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      for (let clock = range.clock; clock < range.clock + range.len; ) {
        const hit = lookup({ client, clock });
        if (!hit) {
          result.unknownDeletes++;
          break;
        }
        const s = hit.struct;
        clock = s.id.clock + s.length;
        if (!(s instanceof Y.Item) || (!hit.isNew && s.deleted)) continue;
        const location = locate(s, hit.isNew);
        if (location === 'gc') continue;
        if (!location) {
          result.unresolved.push(s.id);
          continue;
        }
        result.deletes.push({ id: s.id, location, content: describeContent(s) });
      }
    }
  }
  return result;
}

/** Live content of an existing nested Y.Map/Y.Array held by item `id` in `doc`, or undefined. */
export function existingType(doc: Y.Doc, id: ItemId): Y.AbstractType<unknown> | undefined {
  if (id.clock >= Y.getState(doc.store, id.client)) return undefined;
  const s = findIn(doc.store.clients.get(id.client) as AnyStruct[] | undefined, id.clock);
  if (!(s instanceof Y.Item) || s.deleted || !(s.content instanceof Y.ContentType)) return undefined;
  return s.content.type as Y.AbstractType<unknown>;
}
