// Every write rule of the labels document as a refused-update test: the sender is closed with the
// named code and the relay's document is byte-for-byte unchanged; allowed writes go through.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EventWriter, HybridClock, appendClasses, getMetaMap, getSegmentsMap, readEvents, readMeta } from '../../../shared/labels/index.ts';
import { CLOSE_CODES } from '../../../shared/protocol/close-codes.ts';
import type { Role } from '../../../shared/protocol/roles.ts';
import { classField } from '../../../shared/schema/fields.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { createTestProject, expectRefusedUpdate, joinRoom, startTestRelay, Teardown, type TestPeer } from '../../helpers/relay-harness.ts';
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

const serverDoc = (): Y.Doc => relay.rooms.get(relay.projectId)?.doc as Y.Doc;
const writerFor = (peer: TestPeer, name: string): EventWriter => new EventWriter(peer.doc, name, new HybridClock(() => Date.now()));

const join = (name: string, role: Role): Promise<TestPeer> => joinRoom(teardown, relay, dir, relay.projectId, name, role);
const expectRefused = (peer: TestPeer, code: number, act: () => void): Promise<void> => expectRefusedUpdate(peer, code, serverDoc, act);

describe('labels document rules', () => {
  it('a viewer cannot write events', async () => {
    const viewer = await join('vera', 'viewer');
    await expectRefused(viewer, CLOSE_CODES.READ_ONLY, () => writerFor(viewer, 'vera').append([{ row: 0, field: classField(0), value: 1 }]));
  });

  it('a trainer cannot write events', async () => {
    const trainer = await join('tess', 'trainer');
    await expectRefused(trainer, CLOSE_CODES.READ_ONLY, () => writerFor(trainer, 'tess').append([{ row: 0, field: classField(0), value: 1 }]));
  });

  it('an annotator cannot write under another name', async () => {
    const alice = await join('alice', 'annotator');
    await expectRefused(alice, CLOSE_CODES.IMPERSONATION, () => writerFor(alice, 'bob').append([{ row: 0, field: classField(0), value: 1 }]));
  });

  it('an annotator cannot append to another annotator’s segment', async () => {
    const bob = await join('bob', 'annotator');
    writerFor(bob, 'bob').append([{ row: 1, field: classField(0), value: 1 }]);
    await waitFor(() => readEvents(serverDoc()).events.length === 1, { what: 'bob’s event stored' });
    const alice = await join('alice', 'annotator');
    const key = [...getSegmentsMap(alice.doc).keys()][0] as string;
    await expectRefused(alice, CLOSE_CODES.IMPERSONATION, () => (getSegmentsMap(alice.doc).get(key) as Y.Array<unknown>).push([[2, 2, 1, 5, 0]]));
  });

  it('an annotator cannot delete an event, not even their own', async () => {
    const alice = await join('alice', 'annotator');
    writerFor(alice, 'alice').append([{ row: 0, field: classField(0), value: 1 }]);
    await waitFor(() => readEvents(serverDoc()).events.length === 1, { what: 'event stored' });
    const segment = getSegmentsMap(alice.doc).get([...getSegmentsMap(alice.doc).keys()][0] as string) as Y.Array<unknown>;
    await expectRefused(alice, CLOSE_CODES.DELETE_REFUSED, () => segment.delete(1, 1));
    expect(readEvents(serverDoc()).events.length).toBe(1);
  });

  it('an owner cannot delete events either', async () => {
    const alice = await join('alice', 'annotator');
    writerFor(alice, 'alice').append([{ row: 0, field: classField(0), value: 1 }]);
    await waitFor(() => readEvents(serverDoc()).events.length === 1, { what: 'event stored' });
    const owner = await join('olga', 'owner');
    await expectRefused(owner, CLOSE_CODES.DELETE_REFUSED, () => getSegmentsMap(owner.doc).delete([...getSegmentsMap(owner.doc).keys()][0] as string));
  });

  it('malformed events are refused (row out of range, bad value, bad field, bad shape)', async () => {
    const bad: unknown[] = [[999, 2, 1, 0, 0], [0, 2, 7, 0, 0], [0, 9, 1, 0, 0], ['x', 2, 1, 0, 0], { r0: 0 }];
    for (const [i, entry] of bad.entries()) {
      const name = `ann${i}`;
      const peer = await join(name, 'annotator');
      const writer = writerFor(peer, name);
      writer.append([{ row: 0, field: classField(0), value: 1 }]);
      await waitFor(() => readEvents(serverDoc()).events.some((e) => e.by === name), { what: `${name}'s valid event stored` });
      const segment = getSegmentsMap(peer.doc).get(writer.segmentKey as string) as Y.Array<unknown>;
      await expectRefused(peer, CLOSE_CODES.INVALID_EVENT, () => segment.push([entry]));
    }
  });

  it('a segment with a bad header is refused', async () => {
    const alice = await join('alice', 'annotator');
    await expectRefused(alice, CLOSE_CODES.INVALID_EVENT, () => {
      const arr = new Y.Array<unknown>();
      arr.push([{ v: 1, by: 'alice', client: 5, t0: 0, classes: ['cat', 'dog'] }, [0, 2, 1, 0, 0]]);
      getSegmentsMap(alice.doc).set(`${alice.doc.clientID}-0`, arr);
    });
  });

  it('an annotator cannot change meta; an owner can append classes but not rewrite meta', async () => {
    const alice = await join('alice', 'annotator');
    await expectRefused(alice, CLOSE_CODES.META_REFUSED, () => appendClasses(alice.doc, ['bird']));
    const owner = await join('olga', 'owner');
    appendClasses(owner.doc, ['bird']);
    await waitFor(() => readMeta(serverDoc())?.classes.includes('bird'), { what: 'class appended' });
    await expectRefused(owner, CLOSE_CODES.DELETE_REFUSED, () => getMetaMap(owner.doc).set('imageCount', 5));
    const owner2 = await join('otto', 'owner');
    await expectRefused(owner2, CLOSE_CODES.META_REFUSED, () => getMetaMap(owner2.doc).set('extra', 5));
  });

  it('content outside the layout is refused', async () => {
    const alice = await join('alice', 'annotator');
    await expectRefused(alice, CLOSE_CODES.OUTSIDE_SCHEMA, () => alice.doc.getMap('evil').set('x', 1));
  });

  it('valid events from an annotator and an owner are accepted', async () => {
    const alice = await join('alice', 'annotator');
    const owner = await join('olga', 'owner');
    writerFor(alice, 'alice').append([{ row: 3, field: classField(1), value: 0, dwell: 40 }]);
    writerFor(owner, 'olga').append([{ row: 4, field: 0, value: 1 }]);
    await waitFor(() => readEvents(serverDoc()).events.length === 2, { what: 'both stored' });
    expect(alice.closeCodes).toEqual([]);
    expect(owner.closeCodes).toEqual([]);
  });
});
