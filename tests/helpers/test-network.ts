// A simulated network of Yjs peers with explicit message queues (after yjs's TestConnector): every
// local update is cloned into the inbox of each connected peer, delivered one at a time or in merged
// batches, dropped while a peer is offline, and re-synced by state vector on reconnect.
import * as Y from 'yjs';
import type { SeededRandom } from './seeded-random.ts';

/** Origin of transactions applied by the network, so peers do not re-broadcast them. */
export const NETWORK_ORIGIN = { source: 'remote' } as const;

/** One simulated replica. */
export interface TestPeer {
  readonly id: number;
  doc: Y.Doc;
  online: boolean;
  /** Messages waiting to be applied to this peer, oldest first. */
  readonly inbox: Uint8Array[];
}

/** Counters that show the network did real work. */
export interface NetworkStats {
  sent: number;
  delivered: number;
  dropped: number;
  mergedDeliveries: number;
  reconnects: number;
}

/** N peers with explicit queues, driven by a seeded random source. */
export class TestNetwork {
  readonly peers: TestPeer[] = [];
  /** Every update any peer produced locally, in production order (for rebuilding a doc). */
  readonly updateLog: Uint8Array[] = [];
  readonly stats: NetworkStats = { sent: 0, delivered: 0, dropped: 0, mergedDeliveries: 0, reconnects: 0 };
  readonly #random: SeededRandom;
  readonly #unsubscribe = new Map<number, () => void>();

  /** `createDoc(i)` builds peer i's document (all must start from the same state). */
  constructor(count: number, random: SeededRandom, createDoc: (i: number) => Y.Doc) {
    this.#random = random;
    for (let i = 0; i < count; i++) {
      const peer: TestPeer = { id: i, doc: createDoc(i), online: true, inbox: [] };
      this.peers.push(peer);
      this.#listen(peer);
    }
  }

  /** Replaces a peer's document (e.g. a reloaded browser with a new clientID), keeping its queue state. */
  replaceDoc(peer: TestPeer, doc: Y.Doc): void {
    this.#unsubscribe.get(peer.id)?.();
    peer.doc = doc;
    this.#listen(peer);
  }

  #listen(peer: TestPeer): void {
    const handler = (update: Uint8Array, origin: unknown): void => {
      if (origin === NETWORK_ORIGIN) return;
      this.updateLog.push(update.slice());
      if (!peer.online) return;
      for (const other of this.peers) {
        if (other === peer || !other.online) continue;
        other.inbox.push(update.slice());
        this.stats.sent++;
      }
    };
    peer.doc.on('update', handler);
    this.#unsubscribe.set(peer.id, () => peer.doc.off('update', handler));
  }

  /** True while any inbox holds a message. */
  get hasPending(): boolean {
    return this.peers.some((p) => p.inbox.length > 0);
  }

  /** Delivers one message to a random peer: its oldest, or with `outOfOrder` a random one. Returns false when idle. */
  flushOne(outOfOrder = false): boolean {
    const ready = this.peers.filter((p) => p.inbox.length > 0);
    if (ready.length === 0) return false;
    const peer = this.#random.pick(ready);
    const index = outOfOrder ? this.#random.int(peer.inbox.length) : 0;
    const [message] = peer.inbox.splice(index, 1);
    if (message) Y.applyUpdate(peer.doc, message, NETWORK_ORIGIN);
    this.stats.delivered++;
    return true;
  }

  /** Delivers a random peer's whole inbox as one Y.mergeUpdates message. Returns false when idle. */
  flushMerged(): boolean {
    const ready = this.peers.filter((p) => p.inbox.length > 0);
    if (ready.length === 0) return false;
    const peer = this.#random.pick(ready);
    const messages = peer.inbox.splice(0, peer.inbox.length);
    Y.applyUpdate(peer.doc, Y.mergeUpdates(this.#random.shuffle(messages)), NETWORK_ORIGIN);
    this.stats.delivered += messages.length;
    this.stats.mergedDeliveries++;
    return true;
  }

  /** Delivers until every inbox is empty (random order and groupings). */
  flushAll(): void {
    for (let guard = 0; this.hasPending; guard++) {
      if (guard > 1_000_000) throw new Error('network does not quiesce');
      const r = this.#random.next();
      if (r < 0.15) this.flushMerged();
      else this.flushOne(r < 0.3);
    }
  }

  /** Takes a peer offline: its pending messages are dropped and nothing reaches it or leaves it. */
  disconnect(peer: TestPeer): void {
    if (!peer.online) return;
    peer.online = false;
    this.stats.dropped += peer.inbox.length;
    peer.inbox.length = 0;
  }

  /** Brings a peer back: it and every online peer exchange what the other lacks (by state vector). */
  reconnect(peer: TestPeer): void {
    if (peer.online) return;
    peer.online = true;
    this.stats.reconnects++;
    for (const other of this.peers) {
      if (other === peer || !other.online) continue;
      peer.inbox.push(Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(peer.doc)));
      other.inbox.push(Y.encodeStateAsUpdate(peer.doc, Y.encodeStateVector(other.doc)));
      this.stats.sent += 2;
    }
  }

  /** Reconnects everyone and delivers everything. */
  quiesce(): void {
    for (const peer of this.peers) this.reconnect(peer);
    this.flushAll();
  }

  /** Stops listening to every document. */
  destroy(): void {
    for (const stop of this.#unsubscribe.values()) stop();
    this.#unsubscribe.clear();
  }
}
