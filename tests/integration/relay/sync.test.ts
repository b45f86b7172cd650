// Real relay on port 0 with unmodified y-websocket providers: annotators converge, a late joiner
// receives everything, and a peer's offline edits are merged when it reconnects.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EventWriter, HybridClock, foldDoc, readEvents } from '../../../shared/labels/index.ts';
import { classField } from '../../../shared/schema/fields.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { addToken, connectPeer, createTestProject, startTestRelay, Teardown } from '../../helpers/relay-harness.ts';
import type { RunningRelay } from '../../../server/relay/index.ts';

let teardown: Teardown;
let dir: string;
let relay: RunningRelay;

beforeEach(async () => {
  teardown = new Teardown();
  dir = createTestProject(teardown);
  relay = await startTestRelay(teardown, dir);
});
afterEach(() => teardown.run());

const labelsOf = (doc: Y.Doc): number[][] => foldDoc(doc).table.labels.map((col) => [...col]);
const sameState = (a: Y.Doc, b: Y.Doc): boolean => Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));

describe('relay sync', () => {
  it('two annotators converge, a third joins late and gets everything', async () => {
    const alice = connectPeer(teardown, relay, relay.projectId, addToken(dir, 'alice', 'annotator'));
    const bob = connectPeer(teardown, relay, relay.projectId, addToken(dir, 'bob', 'annotator'));
    await Promise.all([alice.synced(), bob.synced()]);
    const wa = new EventWriter(alice.doc, 'alice', new HybridClock(() => Date.now()));
    const wb = new EventWriter(bob.doc, 'bob', new HybridClock(() => Date.now()));
    for (let i = 0; i < 20; i++) {
      wa.append([{ row: i % 12, field: classField(0), value: 1, dwell: 100 }]);
      wb.append([{ row: (i + 5) % 12, field: classField(1), value: 0, dwell: 50 }]);
    }
    await waitFor(() => readEvents(alice.doc).events.length === 40 && readEvents(bob.doc).events.length === 40, { what: 'both see 40 events' });
    expect(labelsOf(alice.doc)).toEqual(labelsOf(bob.doc));
    expect(alice.closeCodes).toEqual([]);
    expect(bob.closeCodes).toEqual([]);

    const carol = connectPeer(teardown, relay, relay.projectId, addToken(dir, 'carol', 'viewer'));
    await carol.synced();
    await waitFor(() => readEvents(carol.doc).events.length === 40, { what: 'late joiner has 40 events' });
    expect(labelsOf(carol.doc)).toEqual(labelsOf(alice.doc));
    const server = relay.rooms.get(relay.projectId)?.doc as Y.Doc;
    expect(sameState(server, carol.doc)).toBe(true);
  });

  it('offline edits from a reconnecting peer are merged', async () => {
    const alice = connectPeer(teardown, relay, relay.projectId, addToken(dir, 'alice', 'annotator'));
    const bob = connectPeer(teardown, relay, relay.projectId, addToken(dir, 'bob', 'annotator'));
    await Promise.all([alice.synced(), bob.synced()]);
    const wa = new EventWriter(alice.doc, 'alice', new HybridClock(() => Date.now()));
    const wb = new EventWriter(bob.doc, 'bob', new HybridClock(() => Date.now()));
    wa.append([{ row: 0, field: classField(0), value: 1 }]);
    await waitFor(() => readEvents(bob.doc).events.length === 1, { what: 'bob sees the first edit' });

    bob.provider.disconnect();
    await waitFor(() => !bob.provider.wsconnected, { what: 'bob offline' });
    for (let i = 1; i < 10; i++) wb.append([{ row: i, field: classField(1), value: 1, dwell: 10 }]);
    wa.append([{ row: 11, field: classField(0), value: 0 }]);
    await waitFor(() => (relay.rooms.get(relay.projectId) ? readEvents(relay.rooms.get(relay.projectId)!.doc).events.length === 2 : false), { what: 'relay has alice’s 2 edits' });
    expect(readEvents(bob.doc).events.length).toBe(10);

    bob.provider.connect();
    await waitFor(() => readEvents(alice.doc).events.length === 11 && readEvents(bob.doc).events.length === 11, { what: 'both have 11 events' });
    expect(labelsOf(alice.doc)).toEqual(labelsOf(bob.doc));
    expect(bob.closeCodes.filter((code) => code >= 4000)).toEqual([]);
  });
});
