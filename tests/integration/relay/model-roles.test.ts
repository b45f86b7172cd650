// Write rules of the model document: requesters create job requests under their own name and may
// cancel; only trainers write runs, latest and job progress; viewers write nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../../shared/protocol/close-codes.ts';
import type { Role } from '../../../shared/protocol/roles.ts';
import { MODEL_JOBS_KEY, MODEL_LATEST_KEY, MODEL_RUNS_KEY } from '../../../shared/schema/model-doc.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { createTestProject, expectRefusedUpdate, joinRoom, startTestRelay, Teardown, type TestPeer } from '../../helpers/relay-harness.ts';
import type { RunningRelay } from '../../../server/relay/index.ts';

let teardown: Teardown;
let dir: string;
let relay: RunningRelay;
let room: string;

beforeEach(async () => {
  teardown = new Teardown();
  dir = createTestProject(teardown);
  relay = await startTestRelay(teardown, dir);
  room = `${relay.projectId}/model`;
});
afterEach(() => teardown.run());

const serverDoc = (): Y.Doc => relay.rooms.get(room)?.doc as Y.Doc;

const join = (name: string, role: Role): Promise<TestPeer> => joinRoom(teardown, relay, dir, room, name, role);
const expectRefused = (peer: TestPeer, code: number, act: () => void): Promise<void> => expectRefusedUpdate(peer, code, serverDoc, act);

function requestJob(doc: Y.Doc, id: string, fields: Record<string, unknown>): void {
  doc.transact(() => {
    const job = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(fields)) job.set(k, v);
    doc.getMap(MODEL_JOBS_KEY).set(id, job);
  });
}

const validJob = (by: string): Record<string, unknown> => ({ kind: 'train', settings: { epochs: 3 }, requestedBy: by, requestedAt: 1, status: 'requested' });
const serverJob = (id: string): Y.Map<unknown> | undefined => serverDoc().getMap(MODEL_JOBS_KEY).get(id) as Y.Map<unknown> | undefined;

describe('model document rules', () => {
  it('an annotator requests and cancels a job; a trainer claims it and publishes a run', async () => {
    const alice = await join('alice', 'annotator');
    requestJob(alice.doc, 'j1', validJob('alice'));
    await waitFor(() => serverJob('j1')?.get('status') === 'requested', { what: 'job stored' });
    const trainer = await join('tess', 'trainer');
    const job = trainer.doc.getMap(MODEL_JOBS_KEY).get('j1') as Y.Map<unknown>;
    trainer.doc.transact(() => {
      job.set('status', 'running');
      job.set('claimant', 'tess');
      job.set('progress', { step: 1, total: 10 });
    });
    trainer.doc.transact(() => job.set('progress', { step: 2, total: 10 }));
    trainer.doc.getMap(MODEL_RUNS_KEY).set('r1', { config: {}, loss: [0.5] });
    trainer.doc.getMap(MODEL_LATEST_KEY).set('predictions', { sha256: 'a'.repeat(64), shape: [12, 2], dtype: 'float32', bytes: 96, runId: 'r1', labelVersion: 1, createdAt: 1 });
    await waitFor(() => serverDoc().getMap(MODEL_LATEST_KEY).has('predictions') && (serverJob('j1')?.get('progress') as { step: number }).step === 2, { what: 'trainer writes stored' });
    (alice.doc.getMap(MODEL_JOBS_KEY).get('j1') as Y.Map<unknown>).set('cancel', true);
    await waitFor(() => serverJob('j1')?.get('cancel') === true, { what: 'cancel stored' });
    expect(alice.closeCodes).toEqual([]);
    expect(trainer.closeCodes).toEqual([]);
  });

  it('a job requested under another name is impersonation', async () => {
    const alice = await join('alice', 'annotator');
    await expectRefused(alice, CLOSE_CODES.IMPERSONATION, () => requestJob(alice.doc, 'j1', validJob('bob')));
  });

  it('a requester cannot write trainer fields, runs or latest', async () => {
    const a = await join('a', 'annotator');
    await expectRefused(a, CLOSE_CODES.MODEL_REFUSED, () => requestJob(a.doc, 'j1', { ...validJob('a'), claimant: 'a' }));
    const b = await join('b', 'annotator');
    await expectRefused(b, CLOSE_CODES.MODEL_REFUSED, () => requestJob(b.doc, 'j2', { ...validJob('b'), status: 'done' }));
    const c = await join('c', 'owner');
    await expectRefused(c, CLOSE_CODES.MODEL_REFUSED, () => c.doc.getMap(MODEL_RUNS_KEY).set('r1', { loss: [] }));
    const d = await join('d', 'annotator');
    await expectRefused(d, CLOSE_CODES.MODEL_REFUSED, () => d.doc.getMap(MODEL_LATEST_KEY).set('badge', { sha256: 'x' }));
    const e = await join('e', 'annotator');
    await expectRefused(e, CLOSE_CODES.MODEL_REFUSED, () => requestJob(e.doc, 'j3', { kind: 'train', requestedBy: 'e' }));
  });

  it('a requester cannot change an existing job other than cancelling, nor delete it', async () => {
    const alice = await join('alice', 'annotator');
    requestJob(alice.doc, 'j1', validJob('alice'));
    await waitFor(() => serverJob('j1') !== undefined, { what: 'job stored' });
    const bob = await join('bob', 'annotator');
    await expectRefused(bob, CLOSE_CODES.MODEL_REFUSED, () => (bob.doc.getMap(MODEL_JOBS_KEY).get('j1') as Y.Map<unknown>).set('progress', { step: 9, total: 9 }));
    const carl = await join('carl', 'annotator');
    await expectRefused(carl, CLOSE_CODES.DELETE_REFUSED, () => carl.doc.getMap(MODEL_JOBS_KEY).delete('j1'));
  });

  it('a viewer writes nothing', async () => {
    const viewer = await join('vera', 'viewer');
    await expectRefused(viewer, CLOSE_CODES.READ_ONLY, () => requestJob(viewer.doc, 'j1', validJob('vera')));
  });

  it('unknown roots are refused even for trainers', async () => {
    const trainer = await join('tess', 'trainer');
    await expectRefused(trainer, CLOSE_CODES.OUTSIDE_SCHEMA, () => trainer.doc.getMap('other').set('x', 1));
  });
});
