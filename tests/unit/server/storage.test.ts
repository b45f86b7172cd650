// Relay storage on a real SQLite file: update log round trip, compaction equivalence, reopen after
// close, tokens (hashed, revocable) and blobs (hash-checked, idempotent).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { openStorage, sha256Hex, type Storage } from '../../../server/storage/index.ts';

let dir: string;
let storage: Storage;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pw-storage-'));
  storage = openStorage(join(dir, 'patchwork.sqlite'));
});
afterEach(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

function edits(doc: Y.Doc, n: number, room: string, store: Storage): void {
  doc.on('update', (u: Uint8Array) => store.storeUpdate(room, u));
  const arr = doc.getArray<number>('log');
  for (let i = 0; i < n; i++) arr.push([i]);
}

describe('update log', () => {
  it('loads what was stored, per room', () => {
    const a = new Y.Doc();
    edits(a, 50, 'p1', storage);
    const b = new Y.Doc();
    edits(b, 3, 'p1/model', storage);
    expect(storage.loadDoc('p1').getArray('log').toArray()).toEqual(a.getArray('log').toArray());
    expect(storage.loadDoc('p1/model').getArray('log').length).toBe(3);
    expect(storage.loadDoc('other').getArray('log').length).toBe(0);
    expect(storage.loadState('other')).toBeNull();
    expect(storage.listRooms().sort()).toEqual(['p1', 'p1/model']);
  });

  it('compaction keeps the same state and shrinks the tail to zero', () => {
    const a = new Y.Doc();
    edits(a, 200, 'r', storage);
    expect(storage.roomStats('r').tailCount).toBe(200);
    const result = storage.compact('r');
    expect(result.mergedUpdates).toBe(200);
    expect(storage.roomStats('r').tailCount).toBe(0);
    a.getArray<number>('log').push([999]);
    const loaded = storage.loadDoc('r');
    expect(loaded.getArray('log').toArray()).toEqual(a.getArray('log').toArray());
    expect(Y.encodeStateVector(loaded)).toEqual(Y.encodeStateVector(a));
    expect(storage.compact('r').mergedUpdates).toBe(1);
    expect(storage.compact('r').mergedUpdates).toBe(0);
  });

  it('compacts with a live state: same document, empty tail', () => {
    const a = new Y.Doc();
    edits(a, 300, 'r', storage);
    const result = storage.compactWithState('r', Y.encodeStateAsUpdate(a));
    expect(result.mergedUpdates).toBe(300);
    expect(storage.roomStats('r').tailCount).toBe(0);
    a.getArray<number>('log').push([300]);
    const loaded = storage.loadDoc('r');
    expect(loaded.getArray('log').toArray()).toEqual(a.getArray('log').toArray());
    expect(storage.compactWithState('r', Y.encodeStateAsUpdate(a)).mergedUpdates).toBe(1);
  });

  it('survives close and reopen', () => {
    const a = new Y.Doc();
    edits(a, 10, 'r', storage);
    storage.compact('r');
    a.getArray<number>('log').push([10]);
    storage.close();
    storage = openStorage(join(dir, 'patchwork.sqlite'));
    expect(storage.loadDoc('r').getArray('log').length).toBe(11);
  });
});

describe('tokens', () => {
  it('never start with "-" (a command line would read one as an option): prefixed and URL-safe', () => {
    for (let i = 0; i < 50; i++) expect(storage.createToken(`t${i}`, 'viewer')).toMatch(/^pw_[A-Za-z0-9_-]{43}$/);
  });

  it('verifies, never stores the secret, and revokes by name', () => {
    const t = storage.createToken('alice', 'annotator');
    expect(storage.verifyToken(t)).toEqual({ name: 'alice', role: 'annotator' });
    expect(storage.verifyToken(t + 'x')).toBeNull();
    expect(storage.verifyToken('')).toBeNull();
    storage.checkpoint();
    expect(readFileSync(join(dir, 'patchwork.sqlite')).includes(Buffer.from(t))).toBe(false);
    expect(() => storage.createToken('alice', 'owner')).toThrow(/already has an active annotator token/);
    expect(storage.revokeTokens('alice')).toBe(1);
    expect(storage.verifyToken(t)).toBeNull();
    expect(() => storage.createToken('', 'owner')).toThrow();
    expect(storage.listTokens()[0]).toMatchObject({ name: 'alice', role: 'annotator' });
  });
});

describe('blobs', () => {
  it('checks the hash and stores once', () => {
    const data = new TextEncoder().encode('hello blob');
    const sha = sha256Hex(data);
    expect(storage.putBlob('0'.repeat(64), data, { contentType: 'application/octet-stream', createdBy: 't' })).toBe(false);
    expect(storage.putBlob(sha, data, { contentType: 'application/octet-stream', createdBy: 't' })).toBe(true);
    expect(storage.putBlob(sha, data, { contentType: 'application/octet-stream', createdBy: 't' })).toBe(true);
    const got = storage.getBlob(sha);
    expect(got && Buffer.from(got.data).toString()).toBe('hello blob');
    expect(storage.getBlobMeta(sha)?.size).toBe(data.byteLength);
    expect(storage.getBlob('../etc/passwd')).toBeNull();
  });
});
