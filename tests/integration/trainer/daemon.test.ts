// The trainer daemon against a real relay on port 0: a Yjs client labels images and requests a
// job; two trainers race for it and exactly one claims, reports progress and publishes; the
// predictions blob on the relay matches the document's sha256. Also: cancel, an expired lease
// retried, auto-retrain, and reconnection after a relay restart.
import { createHash } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EventWriter, HybridClock } from '../../../shared/labels/index.ts';
import { classField, FIELD_VALIDATION } from '../../../shared/schema/fields.ts';
import { MODEL_JOBS_KEY, MODEL_LATEST_KEY, MODEL_RUNS_KEY } from '../../../shared/schema/model-doc.ts';
import type { JobRecord, OutputPointer } from '../../../shared/schema/model-doc.ts';
import type { RunRecord } from '../../../shared/training/index.ts';
import { startTrainerDaemon } from '../../../trainer/daemon/index.ts';
import type { TrainerDaemon } from '../../../trainer/daemon/index.ts';
import { Teardown, addToken, connectPeer, createTestProject, startTestRelay } from '../../helpers/relay-harness.ts';
import { syntheticMaps } from '../../helpers/trainer-data.ts';
import { useTrainerBackend } from '../../helpers/trainer-tf.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const ROWS = 40;
const TRAIN_SETTINGS = { model: {}, training: { batchSize: 8, batchesPerEpoch: 5, epochs: 2, seed: 3, learningRate: 0.05 } };

let teardown = new Teardown();
afterEach(async () => {
  await teardown.run();
  teardown = new Teardown();
});
beforeAll(async () => useTrainerBackend('wasm'));

async function setup(trainerNames: string[], options: { autoRetrain?: number; leaseMs?: number } = {}) {
  const dir = createTestProject(teardown, { imageCount: ROWS, classes: 'a,b' });
  const relay = await startTestRelay(teardown, dir);
  const ownerToken = addToken(dir, 'alice', 'owner');
  const { features, table } = syntheticMaps(ROWS, ['a', 'b'], 2);
  const labels = connectPeer(teardown, relay, relay.projectId, ownerToken);
  const model = connectPeer(teardown, relay, `${relay.projectId}/model`, ownerToken);
  await labels.synced();
  await model.synced();
  const writer = new EventWriter(labels.doc, 'alice', new HybridClock(() => Date.now()));
  const edits = [];
  for (let row = 0; row < 30; row++) {
    for (let c = 0; c < 2; c++) edits.push({ row, field: classField(c), value: (table.labels[c] as Int8Array)[row] as 0 | 1 });
    if (row % 5 === 0) edits.push({ row, field: FIELD_VALIDATION, value: 1 as const });
  }
  writer.append(edits);
  const daemons: TrainerDaemon[] = trainerNames.map((name) => {
    const daemon = startTrainerDaemon({
      url: relay.url,
      token: addToken(dir, name, 'trainer'),
      projectId: relay.projectId,
      features,
      name,
      settleMs: 300,
      leaseMs: options.leaseMs ?? 3000,
      autoRetrain: options.autoRetrain ?? 0,
    });
    teardown.add(() => daemon.stop());
    return daemon;
  });
  await Promise.all(daemons.map((d) => d.ready()));
  const jobs = model.doc.getMap(MODEL_JOBS_KEY) as Y.Map<Y.Map<unknown>>;
  const requestJob = (id: string, settings: Record<string, unknown> = TRAIN_SETTINGS, extra: Record<string, unknown> = {}) => {
    model.doc.transact(() => {
      const job = new Y.Map<unknown>();
      jobs.set(id, job);
      job.set('kind', 'train');
      job.set('settings', settings);
      job.set('requestedBy', 'alice');
      job.set('requestedAt', Date.now());
      job.set('status', 'requested');
      for (const [k, v] of Object.entries(extra)) job.set(k, v);
    });
  };
  const job = (id: string) => (jobs.get(id)?.toJSON() ?? {}) as Partial<JobRecord>;
  return { dir, relay, ownerToken, labels, model, writer, daemons, jobs, requestJob, job };
}

describe('trainer daemon', () => {
  it('two trainers, one job, one run: progress, publish, and a predictions blob matching its sha256', async () => {
    const t = await setup(['t1', 't2']);
    const statuses: string[] = [];
    t.jobs.observeDeep(() => {
      const s = t.job('j1').status;
      if (s && statuses[statuses.length - 1] !== s) statuses.push(s);
    });
    t.requestJob('j1');
    await waitFor(() => t.job('j1').status === 'done', { timeoutMs: 60_000, what: 'job done' });
    const job = t.job('j1');
    expect(['t1', 't2']).toContain(job.claimant);
    expect(statuses).toEqual(['requested', 'claimed', 'running', 'done'].filter((s) => statuses.includes(s)));
    expect(statuses).toContain('running');
    expect(job.progress?.step).toBe(10);
    expect(job.progress?.total).toBe(10);
    const runs = t.model.doc.getMap(MODEL_RUNS_KEY);
    expect(runs.size).toBe(1);
    const run = runs.get(job.runId as string) as RunRecord;
    expect(run.status).toBe('done');
    expect(run.jobId).toBe('j1');
    expect(run.trainer.name).toBe(job.claimant);
    expect(run.labelVersion).toBeGreaterThan(60);
    expect(run.metrics).toHaveLength(2);
    const latest = t.model.doc.getMap(MODEL_LATEST_KEY).get('predictions') as OutputPointer;
    expect(latest.runId).toBe(job.runId);
    expect(latest.sha256).toBe(run.outputs.predictions?.sha256);
    expect(latest.shape).toEqual([ROWS, 2]);
    const response = await fetch(`${t.relay.url}/api/projects/${t.relay.projectId}/blobs/${latest.sha256}`, {
      headers: { Authorization: `Bearer ${t.ownerToken}` },
    });
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(latest.sha256);
    expect(bytes.byteLength).toBe(ROWS * 2 * 4);
    const predictions = new Float32Array(bytes.buffer, bytes.byteOffset, ROWS * 2);
    for (const p of predictions) expect(p >= 0 && p <= 1).toBe(true);
    const modelPointer = t.model.doc.getMap(MODEL_LATEST_KEY).get('model') as OutputPointer;
    expect(modelPointer.dtype).toBe('bytes');
    // Nobody else ran it.
    await waitFor(() => t.daemons.every((d) => d.activeJob() === null), { what: 'trainers idle' });
    expect(runs.size).toBe(1);
  });

  it('cancel stops a running job, and the trainer then serves the next one', async () => {
    const t = await setup(['t1'], { leaseMs: 1000 });
    t.requestJob('long', { model: {}, training: { batchSize: 8, batchesPerEpoch: 1000, epochs: 100 } });
    await waitFor(() => (t.job('long').progress?.step ?? 0) > 0, { timeoutMs: 30_000, what: 'progress' });
    t.jobs.get('long')?.set('cancel', true);
    await waitFor(() => t.job('long').status === 'cancelled', { timeoutMs: 30_000, what: 'cancelled' });
    t.model.doc.transact(() => {
      const job = new Y.Map<unknown>();
      t.jobs.set('next', job);
      job.set('kind', 'train');
      job.set('settings', TRAIN_SETTINGS);
      job.set('requestedBy', 'alice');
      job.set('requestedAt', Date.now());
      job.set('status', 'requested');
    });
    await waitFor(() => t.job('next').status === 'done', { timeoutMs: 60_000, what: 'next done' });
    expect(t.job('next').claimant).toBe('t1');
  });

  it('retries a job whose claimant crashed once its lease expires', async () => {
    const t = await setup([], { leaseMs: 800 });
    // A first trainer claims and is killed mid-run (its process gone: no renewals, no status).
    const crashed = startTrainerDaemon({
      url: t.relay.url,
      token: addToken(t.dir, 'crashy', 'trainer'),
      projectId: t.relay.projectId,
      features: syntheticMaps(ROWS, ['a', 'b'], 2).features,
      name: 'crashy',
      settleMs: 100,
      leaseMs: 800,
    });
    await crashed.ready();
    t.requestJob('j2', { model: {}, training: { batchSize: 8, batchesPerEpoch: 1000, epochs: 10 } });
    await waitFor(() => t.job('j2').status === 'running', { timeoutMs: 30_000, what: 'running' });
    crashed.peer.destroy();
    await crashed.stop();
    const survivor = startTrainerDaemon({
      url: t.relay.url,
      token: addToken(t.dir, 'survivor', 'trainer'),
      projectId: t.relay.projectId,
      features: syntheticMaps(ROWS, ['a', 'b'], 2).features,
      name: 'survivor',
      settleMs: 100,
      leaseMs: 800,
    });
    teardown.add(() => survivor.stop());
    await waitFor(() => t.job('j2').claimant === 'survivor', { timeoutMs: 30_000, what: 'retried' });
    t.jobs.get('j2')?.set('cancel', true);
    await waitFor(() => t.job('j2').status === 'cancelled', { timeoutMs: 30_000, what: 'cancelled' });
  });

  it('requests a retrain by itself after N new labels', async () => {
    const t = await setup(['t1'], { autoRetrain: 5 });
    t.requestJob('first');
    await waitFor(() => t.job('first').status === 'done', { timeoutMs: 60_000, what: 'first done' });
    t.writer.append([30, 31, 32, 33, 34, 35].map((row) => ({ row, field: classField(0), value: 1 as const })));
    await waitFor(() => t.model.doc.getMap(MODEL_RUNS_KEY).size === 2, { timeoutMs: 60_000, what: 'second run' });
    const auto = [...t.jobs.entries()].find(([id]) => id.startsWith('auto-'));
    expect(auto?.[1].get('requestedBy')).toBe('t1');
  });

  it('reconnects after a relay restart and serves new jobs', async () => {
    const t = await setup(['t1']);
    const port = t.relay.port;
    await t.relay.close();
    const again = await startTestRelay(teardown, t.dir, { port });
    expect(again.port).toBe(port);
    await waitFor(() => t.daemons[0]?.peer.model.wsconnected === true && t.model.provider.wsconnected, { timeoutMs: 20_000, what: 'reconnected' });
    t.requestJob('after-restart');
    await waitFor(() => t.job('after-restart').status === 'done', { timeoutMs: 60_000, what: 'done after restart' });
  });
});
