// The per-room Yjs update log: every accepted update is one committed row before the relay forwards
// it; compaction folds a prefix of the log into the room's snapshot (one merged update) in a single
// transaction, so a crash at any moment leaves either the old or the new form, never a loss.
import * as Y from 'yjs';
import type Database from 'better-sqlite3';

/** Size of a room's stored state, for compaction decisions and metrics. */
export interface RoomStats {
  room: string;
  snapshotBytes: number;
  tailCount: number;
  tailBytes: number;
}

/** Result of one compaction. */
export interface CompactionResult {
  room: string;
  mergedUpdates: number;
  bytesBefore: number;
  bytesAfter: number;
  ms: number;
}

/** Update-log operations over the `updates` and `snapshots` tables. */
export interface UpdateLog {
  storeUpdate(room: string, update: Uint8Array): void;
  /** The room's whole state as one update (snapshot + tail merged), or null when the room has nothing stored. */
  loadState(room: string): Uint8Array | null;
  loadDoc(room: string): Y.Doc;
  compact(room: string): CompactionResult;
  /**
   * Compacts with a state the caller already holds: `state` (e.g. `Y.encodeStateAsUpdate` of the
   * live document) must include every update stored for the room so far. Replaces the snapshot and
   * drops the whole tail in one transaction; far cheaper than merging thousands of small updates.
   */
  compactWithState(room: string, state: Uint8Array): CompactionResult;
  roomStats(room: string): RoomStats;
  listRooms(): string[];
}

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

function toUint8(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** Builds the update log on an open database. */
export function createUpdateLog(db: Database.Database, now: () => number = Date.now): UpdateLog {
  const insert = db.prepare('INSERT INTO updates (room, data, created_at) VALUES (?, ?, ?)');
  const snapshot = db.prepare('SELECT data, upto_seq AS uptoSeq FROM snapshots WHERE room = ?');
  const tail = db.prepare('SELECT seq, data FROM updates WHERE room = ? ORDER BY seq');
  const tailUpTo = db.prepare('SELECT seq, data FROM updates WHERE room = ? AND seq <= ? ORDER BY seq');
  const maxSeq = db.prepare('SELECT MAX(seq) AS m FROM updates WHERE room = ?');
  const upsertSnapshot = db.prepare(
    'INSERT INTO snapshots (room, data, upto_seq, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(room) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq, updated_at = excluded.updated_at',
  );
  const deleteUpTo = db.prepare('DELETE FROM updates WHERE room = ? AND seq <= ?');
  const stats = db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(data)), 0) AS bytes FROM updates WHERE room = ?');
  const snapStats = db.prepare('SELECT LENGTH(data) AS bytes FROM snapshots WHERE room = ?');
  const rooms = db.prepare('SELECT room FROM snapshots UNION SELECT DISTINCT room FROM updates');

  const readAll = (room: string, upTo?: number): { parts: Uint8Array[]; lastSeq: number } => {
    const parts: Uint8Array[] = [];
    const snap = snapshot.get(room) as { data: Buffer; uptoSeq: number } | undefined;
    let lastSeq = snap?.uptoSeq ?? 0;
    if (snap) parts.push(toUint8(snap.data));
    const rows = (upTo === undefined ? tail.all(room) : tailUpTo.all(room, upTo)) as { seq: number; data: Buffer }[];
    for (const row of rows) {
      parts.push(toUint8(row.data));
      lastSeq = row.seq;
    }
    return { parts, lastSeq };
  };

  const compactTx = db.transaction((room: string): CompactionResult => {
    const started = performance.now();
    const top = (maxSeq.get(room) as { m: number | null }).m;
    if (top === null) {
      const bytes = (snapStats.get(room) as { bytes: number } | undefined)?.bytes ?? 0;
      return { room, mergedUpdates: 0, bytesBefore: bytes, bytesAfter: bytes, ms: performance.now() - started };
    }
    const { parts } = readAll(room, top);
    const bytesBefore = parts.reduce((s, p) => s + p.byteLength, 0);
    const merged = Y.mergeUpdates(parts);
    upsertSnapshot.run(room, toBuffer(merged), top, now());
    const removed = deleteUpTo.run(room, top).changes;
    return { room, mergedUpdates: removed, bytesBefore, bytesAfter: merged.byteLength, ms: performance.now() - started };
  });

  const compactWithStateTx = db.transaction((room: string, state: Uint8Array): CompactionResult => {
    const started = performance.now();
    const top = (maxSeq.get(room) as { m: number | null }).m;
    const t = stats.get(room) as { n: number; bytes: number };
    const bytesBefore = t.bytes + ((snapStats.get(room) as { bytes: number } | undefined)?.bytes ?? 0);
    const uptoSeq = top ?? (snapshot.get(room) as { uptoSeq: number } | undefined)?.uptoSeq ?? 0;
    upsertSnapshot.run(room, toBuffer(state), uptoSeq, now());
    const removed = top === null ? 0 : deleteUpTo.run(room, top).changes;
    return { room, mergedUpdates: removed, bytesBefore, bytesAfter: state.byteLength, ms: performance.now() - started };
  });

  return {
    storeUpdate(room, update) {
      insert.run(room, toBuffer(update), now());
    },
    loadState(room) {
      const { parts } = readAll(room);
      if (parts.length === 0) return null;
      return parts.length === 1 ? (parts[0] as Uint8Array) : Y.mergeUpdates(parts);
    },
    loadDoc(room) {
      const doc = new Y.Doc();
      const { parts } = readAll(room);
      if (parts.length > 0) Y.applyUpdate(doc, parts.length === 1 ? (parts[0] as Uint8Array) : Y.mergeUpdates(parts), 'persistence');
      return doc;
    },
    compact(room) {
      return compactTx.immediate(room);
    },
    compactWithState(room, state) {
      return compactWithStateTx.immediate(room, state);
    },
    roomStats(room) {
      const t = stats.get(room) as { n: number; bytes: number };
      const s = snapStats.get(room) as { bytes: number } | undefined;
      return { room, snapshotBytes: s?.bytes ?? 0, tailCount: t.n, tailBytes: t.bytes };
    },
    listRooms() {
      return (rooms.all() as { room: string }[]).map((r) => r.room);
    },
  };
}
