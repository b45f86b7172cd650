// Connection-level refusals: missing, wrong and revoked tokens, unknown rooms, malformed and
// oversized messages, the rate limit and the awareness bound; awareness works for every role.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../../shared/protocol/close-codes.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { addToken, connectPeer, connectRaw, createTestProject, startTestRelay, Teardown } from '../../helpers/relay-harness.ts';
import { openStorage } from '../../../server/storage/index.ts';
import type { RunningRelay } from '../../../server/relay/index.ts';
import { join } from 'node:path';

let teardown: Teardown;
let dir: string;
let relay: RunningRelay;

beforeEach(async () => {
  teardown = new Teardown();
  dir = createTestProject(teardown);
  relay = await startTestRelay(teardown, dir, { maxMessageBytes: 64 * 1024, maxAwarenessBytes: 8 * 1024, tokenRecheckMs: 50, rateLimit: { messagesPerSecond: 20, burst: 40 } });
});
afterEach(() => teardown.run());

function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

describe('tokens on the WebSocket', () => {
  it('missing and wrong tokens are closed with UNAUTHORIZED', async () => {
    const none = connectRaw(teardown, relay, relay.projectId, null);
    expect((await none.closed).code).toBe(CLOSE_CODES.UNAUTHORIZED);
    const wrong = connectRaw(teardown, relay, relay.projectId, 'not-a-token');
    expect((await wrong.closed).code).toBe(CLOSE_CODES.UNAUTHORIZED);
    expect(wrong.messages).toEqual([]);
  });

  it('a revoked token is refused and an open connection with it is closed', async () => {
    const token = addToken(dir, 'alice', 'annotator');
    const peer = connectPeer(teardown, relay, relay.projectId, token);
    await peer.synced();
    const storage = openStorage(join(dir, 'patchwork.sqlite'));
    expect(storage.revokeTokens('alice')).toBe(1);
    storage.close();
    await waitFor(() => peer.closeCodes.length > 0, { what: 'revoked connection closed' });
    expect(peer.closeCodes[0]).toBe(CLOSE_CODES.TOKEN_REVOKED);
    const again = connectRaw(teardown, relay, relay.projectId, token);
    expect((await again.closed).code).toBe(CLOSE_CODES.UNAUTHORIZED);
  });

  it('an unknown room is closed with ROOM_NOT_FOUND', async () => {
    const raw = connectRaw(teardown, relay, 'other-project', addToken(dir, 'alice', 'annotator'));
    expect((await raw.closed).code).toBe(CLOSE_CODES.ROOM_NOT_FOUND);
  });
});

describe('messages', () => {
  it('garbage bytes, a corrupt update and a text frame are MALFORMED_MESSAGE', async () => {
    const token = addToken(dir, 'owner', 'owner');
    const before = Buffer.from(Y.encodeStateAsUpdate(relay.rooms.get(relay.projectId)!.doc));
    const cases: (Uint8Array | string)[] = [new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), syncUpdateMessage(new Uint8Array([7, 200, 1, 3, 99, 4])), 'hello', new Uint8Array([9, 1, 2])];
    for (const data of cases) {
      const raw = connectRaw(teardown, relay, relay.projectId, token);
      await raw.opened;
      raw.ws.send(data);
      expect((await raw.closed).code).toBe(CLOSE_CODES.MALFORMED_MESSAGE);
    }
    expect(Buffer.from(Y.encodeStateAsUpdate(relay.rooms.get(relay.projectId)!.doc)).equals(before)).toBe(true);
  });

  it('a message over the size limit is MESSAGE_TOO_LARGE', async () => {
    const raw = connectRaw(teardown, relay, relay.projectId, addToken(dir, 'alice', 'annotator'));
    await raw.opened;
    raw.ws.send(new Uint8Array(64 * 1024 + 10));
    expect((await raw.closed).code).toBe(CLOSE_CODES.MESSAGE_TOO_LARGE);
  });

  it('a flood of messages is RATE_LIMITED', async () => {
    const raw = connectRaw(teardown, relay, relay.projectId, addToken(dir, 'alice', 'annotator'));
    await raw.opened;
    for (let i = 0; i < 200; i++) raw.ws.send(new Uint8Array([3])); // query awareness
    expect((await raw.closed).code).toBe(CLOSE_CODES.RATE_LIMITED);
  });
});

describe('awareness', () => {
  it('is relayed for every role, and bounded in size', async () => {
    const viewer = connectPeer(teardown, relay, relay.projectId, addToken(dir, 'vera', 'viewer'));
    const alice = connectPeer(teardown, relay, relay.projectId, addToken(dir, 'alice', 'annotator'));
    await Promise.all([viewer.synced(), alice.synced()]);
    viewer.provider.awareness.setLocalStateField('user', { name: 'vera', row: 3 });
    await waitFor(() => (alice.provider.awareness.getStates().get(viewer.doc.clientID) as { user?: { row: number } } | undefined)?.user?.row === 3, { what: 'alice sees vera' });
    viewer.provider.awareness.setLocalStateField('blob', 'x'.repeat(10 * 1024));
    await waitFor(() => viewer.closeCodes.length > 0, { what: 'big awareness closed' });
    expect(viewer.closeCodes[0]).toBe(CLOSE_CODES.AWARENESS_TOO_LARGE);
  });

  it('a peer cannot overwrite another person’s awareness state (echoes are harmless)', async () => {
    const viewer = connectPeer(teardown, relay, relay.projectId, addToken(dir, 'vera', 'viewer'));
    const alice = connectPeer(teardown, relay, relay.projectId, addToken(dir, 'alice', 'annotator'));
    await Promise.all([viewer.synced(), alice.synced()]);
    viewer.provider.awareness.setLocalStateField('user', { name: 'vera' });
    const id = viewer.doc.clientID;
    await waitFor(() => alice.provider.awareness.getStates().has(id), { what: 'alice sees vera' });
    const forged = new Y.Doc();
    forged.clientID = id;
    const forgedAwareness = new awarenessProtocol.Awareness(forged);
    for (let i = 0; i < 5; i++) forgedAwareness.setLocalState({ user: { name: 'not vera' } }); // a newer clock than vera's
    const raw = connectRaw(teardown, relay, relay.projectId, addToken(dir, 'mallory', 'annotator'));
    await raw.opened;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(forgedAwareness, [id]));
    raw.ws.send(encoding.toUint8Array(e));
    // the forged entry is dropped; a later message from the same socket still arrives in order
    const own = new Y.Doc();
    const ownAwareness = new awarenessProtocol.Awareness(own);
    ownAwareness.setLocalState({ user: { name: 'mallory' } });
    const e2 = encoding.createEncoder();
    encoding.writeVarUint(e2, 1);
    encoding.writeVarUint8Array(e2, awarenessProtocol.encodeAwarenessUpdate(ownAwareness, [own.clientID]));
    raw.ws.send(encoding.toUint8Array(e2));
    await waitFor(() => alice.provider.awareness.getStates().has(own.clientID), { what: 'mallory’s own state arrives' });
    expect((alice.provider.awareness.getStates().get(id) as { user: { name: string } }).user.name).toBe('vera');
    expect([...alice.closeCodes, ...viewer.closeCodes]).toEqual([]);
    ownAwareness.destroy();
    own.destroy();
    forgedAwareness.destroy();
    forged.destroy();
  });
});
