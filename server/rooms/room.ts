// One Yjs room of the relay: the document (loaded from storage), its awareness, the connected peers,
// and the one path by which a peer's update enters: validate → commit to SQLite → apply → forward.
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE_TYPES } from '../../shared/protocol/messages.ts';
import type { Role } from '../../shared/protocol/roles.ts';
import type { Storage } from '../storage/index.ts';
import { inspectUpdate, MalformedUpdateError, checkLabelsUpdate, checkModelUpdate, refuse, type Refusal, type RoomKind } from '../validation/index.ts';
import type { Logger } from '../relay/logger.ts';
import type { RelayMetrics } from '../relay/metrics.ts';

/** A connected peer as the room sees it. */
export interface RoomPeer {
  readonly name: string;
  readonly role: Role;
  send(message: Uint8Array): void;
}

/** When the room compacts its update log. */
export interface CompactionPolicy {
  /** Compact once this many updates are in the tail. */
  maxTailUpdates: number;
  /** …or once the tail holds this many bytes and at least half the snapshot's size. */
  minTailBytes: number;
  /** Delay (ms) between the trigger and the compaction, so bursts are merged in one go. */
  delayMs: number;
}

/** Default compaction policy: amortised linear in the document size. */
export const DEFAULT_COMPACTION: CompactionPolicy = { maxTailUpdates: 2000, minTailBytes: 1 << 20, delayMs: 250 };

/** A loaded room. */
export interface Room {
  readonly name: string;
  readonly kind: RoomKind;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers: ReadonlyMap<RoomPeer, Set<number>>;
  addPeer(peer: RoomPeer): void;
  removePeer(peer: RoomPeer): void;
  /** Validates and, when accepted, commits, applies and forwards `update` from `peer`. */
  receiveUpdate(update: Uint8Array, peer: RoomPeer): Refusal | null;
  /**
   * Applies an awareness update from `peer` and forwards it, minus entries for clients that another
   * person's connection announced (a peer can only present itself). Throws on a malformed update.
   */
  receiveAwareness(update: Uint8Array, peer: RoomPeer): void;
  /** Applies an update written by the relay itself (initialisation); committed like any other. */
  applyLocal(update: Uint8Array): void;
  /** Compacts now (and cancels a pending compaction). */
  compactNow(): void;
  /** Called when the listener fires (e.g. for the CSV outfile). */
  onChange(listener: () => void): () => void;
  destroy(): void;
}

/** What a room needs. */
export interface RoomDeps {
  storage: Storage;
  logger: Logger;
  metrics: RelayMetrics;
  compaction?: CompactionPolicy;
}

/** Entries of an awareness update (y-protocols encoding: count, then client id, clock, JSON state). */
interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: string;
}

/** Decodes an awareness update's entries; throws on malformed bytes. */
export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push({ clientId: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), state: decoding.readVarString(decoder) });
  }
  return entries;
}

function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, e.state);
  }
  return encoding.toUint8Array(encoder);
}

function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TYPES.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Loads room `name` from storage. */
export function createRoom(name: string, kind: RoomKind, deps: RoomDeps): Room {
  const { storage, logger, metrics } = deps;
  const policy = deps.compaction ?? DEFAULT_COMPACTION;
  const doc = storage.loadDoc(name);
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(null);
  const peers = new Map<RoomPeer, Set<number>>();
  const listeners = new Set<() => void>();
  const initial = storage.roomStats(name);
  let tailCount = initial.tailCount;
  let tailBytes = initial.tailBytes;
  let snapshotBytes = initial.snapshotBytes;
  let compactTimer: NodeJS.Timeout | null = null;

  const compactNow = (): void => {
    if (compactTimer) clearTimeout(compactTimer);
    compactTimer = null;
    if (tailCount === 0) return;
    try {
      // The live document holds exactly what is stored (every update is stored, then applied, in one
      // synchronous step), so its encoded state is the new snapshot: no merge of the log needed.
      const started = performance.now();
      const result = storage.compactWithState(name, Y.encodeStateAsUpdate(doc));
      result.ms = performance.now() - started;
      tailCount = 0;
      tailBytes = 0;
      snapshotBytes = result.bytesAfter;
      metrics.compaction(result.ms);
      logger.info('compaction', { room: name, merged: result.mergedUpdates, bytesBefore: result.bytesBefore, bytesAfter: result.bytesAfter, ms: Math.round(result.ms) });
    } catch (error) {
      logger.error('compaction-failed', { room: name, error: (error as Error).message });
    }
  };
  const maybeScheduleCompaction = (): void => {
    if (compactTimer) return;
    if (tailCount >= policy.maxTailUpdates || (tailBytes >= policy.minTailBytes && tailBytes * 2 >= snapshotBytes)) {
      compactTimer = setTimeout(compactNow, policy.delayMs);
      compactTimer.unref();
    }
  };

  doc.on('update', (update: Uint8Array, origin: unknown) => {
    const message = syncUpdateMessage(update);
    for (const peer of peers.keys()) if (peer !== origin) peer.send(message);
    for (const listener of listeners) listener();
  });
  awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    const owned = peers.get(origin as RoomPeer);
    if (owned) {
      for (const id of added) owned.add(id);
      for (const id of removed) owned.delete(id);
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_TYPES.awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, added.concat(updated, removed)));
    const message = encoding.toUint8Array(encoder);
    for (const peer of peers.keys()) peer.send(message);
  });

  const commitAndApply = (update: Uint8Array, origin: unknown, started: number): void => {
    storage.storeUpdate(name, update);
    tailCount++;
    tailBytes += update.byteLength;
    Y.applyUpdate(doc, update, origin);
    metrics.updateAccepted(update.byteLength, performance.now() - started);
    maybeScheduleCompaction();
  };

  if (tailCount > 0) maybeScheduleCompaction();

  return {
    name,
    kind,
    doc,
    awareness,
    peers,
    addPeer(peer) {
      peers.set(peer, new Set());
    },
    removePeer(peer) {
      const owned = peers.get(peer);
      peers.delete(peer);
      if (owned && owned.size > 0) awarenessProtocol.removeAwarenessStates(awareness, [...owned], null);
    },
    receiveUpdate(update, peer) {
      const started = performance.now();
      let inspected;
      try {
        inspected = inspectUpdate(doc, update);
      } catch (error) {
        if (error instanceof MalformedUpdateError) return refuse('MALFORMED_MESSAGE', `update does not decode: ${error.message}`);
        throw error;
      }
      const refusal = kind === 'labels' ? checkLabelsUpdate(doc, inspected, peer.role, peer.name) : checkModelUpdate(inspected, peer.role, peer.name);
      if (refusal) return refusal;
      if (inspected.inserts.length + inspected.deletes.length + inspected.newGcCount === 0) return null; // nothing new
      try {
        commitAndApply(update, peer, started);
      } catch (error) {
        logger.error('storage-failure', { room: name, error: (error as Error).message });
        return refuse('STORAGE_FAILURE', 'the update could not be committed');
      }
      return null;
    },
    receiveAwareness(update, peer) {
      // y-websocket clients echo every state they hear, so entries for clients announced by another
      // person's connection are dropped (echoes carry nothing new; forgeries must not land).
      const entries = decodeAwarenessEntries(update);
      const kept = entries.filter((entry) => {
        for (const [other, owned] of peers) {
          if (other === peer || !owned.has(entry.clientId)) continue;
          if (other.name !== peer.name) return false;
          owned.delete(entry.clientId); // the same person reconnecting before the old socket timed out
          peers.get(peer)?.add(entry.clientId);
        }
        return true;
      });
      if (kept.length === 0) return;
      awarenessProtocol.applyAwarenessUpdate(awareness, kept.length === entries.length ? update : encodeAwarenessEntries(kept), peer);
    },
    applyLocal(update) {
      commitAndApply(update, 'relay', performance.now());
    },
    compactNow,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      if (compactTimer) clearTimeout(compactTimer);
      compactTimer = null;
      awareness.destroy();
      doc.destroy();
    },
  };
}
