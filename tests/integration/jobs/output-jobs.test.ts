// The badge, graph and propagate jobs end to end: a real relay on port 0, a trainer daemon over
// 300 MNIST digits (flat 784-pixel features), labels written through EventWriter by a Yjs client,
// jobs requested in the model document, and the published blobs fetched back and checked.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EventWriter, HybridClock, foldDoc } from '../../../shared/labels/index.ts';
import type { LabelEdit } from '../../../shared/labels/index.ts';
import { FIELD_EXCLUDE, FIELD_VALIDATION, classField } from '../../../shared/schema/fields.ts';
import { MODEL_JOBS_KEY, MODEL_LATEST_KEY } from '../../../shared/schema/model-doc.ts';
import type { JobRecord } from '../../../shared/schema/model-doc.ts';
import { decodeRankingBlob } from '../../../shared/badge/index.ts';
import { decodeGraph } from '../../../shared/propagation/index.ts';
import { pickIndices, rowEntropy } from '../../../shared/sampling/index.ts';
import { createFeatureSet } from '../../../trainer/data/features.ts';
import { badgeJob, graphJob, propagateJob, startTrainerDaemon } from '../../../trainer/daemon/index.ts';
import type { BadgePointer, GraphPointer, PropagatedPointer } from '../../../trainer/daemon/index.ts';
import { Teardown, addToken, connectPeer, createTestProject, startTestRelay } from '../../helpers/relay-harness.ts';
import { loadMnist } from '../../helpers/trainer-data.ts';
import { useTrainerBackend } from '../../helpers/trainer-tf.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const PER_DIGIT = 30;
const ROWS = PER_DIGIT * 10;
const CLASSES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
/** Rows 0–39 are labelled in every class (36–39 as validation); rows 40–49 are excluded. */
const LABELLED = 40;
const VALIDATION_FROM = 36;
const EXCLUDED = [40, 49] as const;
const TRAIN_SETTINGS = { model: {}, training: { batchSize: 16, batchesPerEpoch: 5, epochs: 2, seed: 3, learningRate: 0.05 } };

const teardown = new Teardown();
afterAll(async () => teardown.run());
beforeAll(async () => useTrainerBackend('wasm'));

async function setup() {
  const dir = createTestProject(teardown, { imageCount: ROWS, classes: CLASSES.join(',') });
  const relay = await startTestRelay(teardown, dir);
  const ownerToken = addToken(dir, 'alice', 'owner');
  const { features: maps, digits } = loadMnist(PER_DIGIT);
  const features = createFeatureSet(maps.data as Float32Array, ROWS, [784]);
  const labels = connectPeer(teardown, relay, relay.projectId, ownerToken);
  const model = connectPeer(teardown, relay, `${relay.projectId}/model`, ownerToken);
  await labels.synced();
  await model.synced();
  const writer = new EventWriter(labels.doc, 'alice', new HybridClock(() => Date.now()));
  const edits: LabelEdit[] = [];
  for (let row = 0; row < LABELLED; row++) {
    for (let c = 0; c < CLASSES.length; c++) edits.push({ row, field: classField(c), value: digits[row] === c ? 1 : 0 });
    if (row >= VALIDATION_FROM) edits.push({ row, field: FIELD_VALIDATION, value: 1 });
  }
  for (let row = EXCLUDED[0]; row <= EXCLUDED[1]; row++) edits.push({ row, field: FIELD_EXCLUDE, value: 1 });
  writer.append(edits);
  const daemon = startTrainerDaemon({ url: relay.url, token: addToken(dir, 'trainer', 'trainer'), projectId: relay.projectId, features, name: 'trainer', settleMs: 200, leaseMs: 5000 });
  teardown.add(() => daemon.stop());
  await daemon.ready();
  const jobs = model.doc.getMap(MODEL_JOBS_KEY) as Y.Map<Y.Map<unknown>>;
  const job = (id: string) => (jobs.get(id)?.toJSON() ?? {}) as Partial<JobRecord>;
  const run = async (id: string, kind: string, settings: Record<string, unknown>, status = 'done') => {
    model.doc.transact(() => {
      const map = new Y.Map<unknown>();
      jobs.set(id, map);
      map.set('kind', kind);
      map.set('settings', settings);
      map.set('requestedBy', 'alice');
      map.set('requestedAt', Date.now());
      map.set('status', 'requested');
    });
    await waitFor(() => ['done', 'failed', 'cancelled'].includes(job(id).status ?? ''), { timeoutMs: 60_000, what: `${kind} job ${id} finished` });
    expect(job(id), `${kind} job ${id}: ${job(id).error ?? ''}`).toMatchObject({ status });
    return job(id);
  };
  const latest = <T,>(kind: string) => model.doc.getMap(MODEL_LATEST_KEY).get(kind) as T | undefined;
  const blob = async (sha256: string) => {
    const response = await fetch(`${relay.url}/api/projects/${relay.projectId}/blobs/${sha256}`, { headers: { Authorization: `Bearer ${ownerToken}` } });
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
    return bytes;
  };
  // The label table as the trainer folded it (same document, replicated).
  await waitFor(() => foldDoc(labels.doc).version > 0, { what: 'labels folded' });
  const table = () => foldDoc(labels.doc).table;
  const blobTarget = { url: relay.url, projectId: relay.projectId, token: ownerToken };
  return { run, job, latest, blob, table, digits, daemon, blobTarget };
}

let t: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  t = await setup();
}, 120_000);

describe('badge job', () => {
  it('fails with a clear message before a model exists', async () => {
    const job = await t.run('badge-early', 'badge', {}, 'failed');
    expect(job.error).toBe('build and train a model first');
  });

  it('[B19] after training: ranks only unlabelled, non-excluded rows and publishes a blob matching latest.badge', async () => {
    const train = await t.run('train-1', 'train', TRAIN_SETTINGS);
    await t.run('badge-all', 'badge', { classIndex: null, k: 50 });
    const pointer = t.latest<BadgePointer>('badge');
    expect(pointer).toBeDefined();
    if (!pointer) return;
    expect(pointer.runId).toBe(train.runId);
    expect(pointer.classIndex).toBeNull();
    expect(pointer.dtype).toBe('int32');
    expect(pointer.labelVersion).toBeGreaterThan(0);
    const ranking = decodeRankingBlob(await t.blob(pointer.sha256));
    expect(pointer.shape).toEqual([ranking.length]);
    expect(ranking.length).toBe(50);
    expect(new Set(ranking).size).toBe(ranking.length);
    for (const row of ranking) {
      expect(row).toBeGreaterThanOrEqual(0);
      expect(row).toBeLessThan(ROWS);
      expect(row < LABELLED, `row ${row} is labelled`).toBe(false);
      expect(row >= EXCLUDED[0] && row <= EXCLUDED[1], `row ${row} is excluded`).toBe(false);
    }
  });

  it('with respect to one class: records the class in latest.badge', async () => {
    await t.run('badge-one', 'badge', { classIndex: 3, k: 20 });
    const pointer = t.latest<BadgePointer>('badge');
    expect(pointer?.classIndex).toBe(3);
    const ranking = decodeRankingBlob(await t.blob(pointer?.sha256 ?? ''));
    expect(ranking.length).toBe(20);
    for (const row of ranking) expect(row >= LABELLED && !(row >= EXCLUDED[0] && row <= EXCLUDED[1])).toBe(true);
  });

  it('rejects a class index out of range', async () => {
    const job = await t.run('badge-bad', 'badge', { classIndex: 10 }, 'failed');
    expect(job.error).toMatch(/classIndex/);
  });
});

describe('graph and propagate jobs', () => {
  it('propagate without a graph fails with a clear message', async () => {
    const job = await t.run('prop-early', 'propagate', {}, 'failed');
    expect(job.error).toMatch(/no neighbour graph/);
  });

  it('[B21] builds the graph, propagates one step: exactly the seeds and their graph neighbours are reached, the rest is NaN', async () => {
    const graphJob = await t.run('graph-1', 'graph', { k: 10, temperature: 0.01 });
    expect(graphJob.progress?.step).toBe(graphJob.progress?.total);
    const graphPointer = t.latest<GraphPointer>('graph');
    expect(graphPointer?.n).toBe(ROWS);
    expect(graphPointer?.params.k).toBe(10);
    const graph = decodeGraph(await t.blob(graphPointer?.sha256 ?? ''));
    expect(graph.n).toBe(ROWS);
    // MNIST neighbours mostly share the digit: the graph is built from the real features.
    let same = 0;
    for (let i = 0; i < ROWS; i++) for (let x = graph.indptr[i] as number; x < (graph.indptr[i + 1] as number); x++) same += t.digits[graph.indices[x] as number] === t.digits[i] ? 1 : 0;
    expect(same / graph.indices.length).toBeGreaterThan(0.6);

    await t.run('prop-1', 'propagate', { iterations: 1 });
    const pointer = t.latest<PropagatedPointer>('propagated');
    expect(pointer).toBeDefined();
    if (!pointer) return;
    expect(pointer.shape).toEqual([ROWS, CLASSES.length]);
    expect(pointer.dtype).toBe('float32');
    expect(pointer.graphSha256).toBe(graphPointer?.sha256);
    expect(pointer.provenance.iterations).toBe(1);
    expect(pointer.provenance.graph.k).toBe(10);
    const bytes = await t.blob(pointer.sha256);
    expect(bytes.byteLength).toBe(ROWS * CLASSES.length * 4);
    const values = new Float32Array(bytes.buffer, bytes.byteOffset, ROWS * CLASSES.length);
    // Seeds: labelled training rows (not validation, not excluded). One step reaches a row when it is
    // a seed or one of its neighbours is.
    const seed = (row: number) => row < VALIDATION_FROM;
    let reached = 0;
    for (let i = 0; i < ROWS; i++) {
      let expected = seed(i);
      for (let x = graph.indptr[i] as number; x < (graph.indptr[i + 1] as number); x++) expected ||= seed(graph.indices[x] as number);
      const row = values.subarray(i * CLASSES.length, (i + 1) * CLASSES.length);
      for (const v of row) expect(Number.isNaN(v), `row ${i}`).toBe(!expected);
      if (expected) reached++;
      // A seed's own class stays positive (its opposite cell is free, so it need not be exactly 1).
      if (seed(i)) expect(row[t.digits[i] as number]).toBeGreaterThan(0.5);
    }
    expect(reached).toBeGreaterThan(VALIDATION_FROM);
    expect(reached).toBeLessThan(ROWS);
    expect(pointer.reachedRows).toBe(reached);
  });

  it('the propagated source drives pickIndices: max entropy over it returns only unlabelled rows', async () => {
    await t.run('prop-10', 'propagate', { iterations: 10 });
    const pointer = t.latest<PropagatedPointer>('propagated');
    expect(pointer?.provenance.iterations).toBe(10);
    const bytes = await t.blob(pointer?.sha256 ?? '');
    const predictions = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const table = t.table();
    const result = pickIndices({ table, predictions, predictionClasses: pointer?.classes, sort: 'max entropy', count: 16, rng: Math.random });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows).toHaveLength(16);
    let best = -Infinity;
    for (let row = 0; row < ROWS; row++) {
      if (row < LABELLED || (row >= EXCLUDED[0] && row <= EXCLUDED[1])) continue;
      const h = rowEntropy(predictions.subarray(row * CLASSES.length, (row + 1) * CLASSES.length), 'max');
      if (!Number.isNaN(h)) best = Math.max(best, h);
    }
    for (const row of result.rows) {
      expect(row >= LABELLED && !(row >= EXCLUDED[0] && row <= EXCLUDED[1]), `row ${row} is labelled or excluded`).toBe(true);
    }
    const first = result.rows[0] as number;
    expect(rowEntropy(predictions.subarray(first * CLASSES.length, (first + 1) * CLASSES.length), 'max')).toBeCloseTo(best, 6);
  });
});

describe('cancel', () => {
  it('badge, graph and propagate return cancelled on an aborted signal and publish nothing', async () => {
    const latestMap = t.daemon.peer.modelDoc.getMap(MODEL_LATEST_KEY);
    const before = JSON.stringify(latestMap.toJSON());
    const abort = new AbortController();
    abort.abort();
    const progress: number[] = [];
    const ctx = {
      jobId: 'cancelled',
      settings: {},
      table: t.table(),
      labelVersion: 1,
      signal: abort.signal,
      progress: (p: { step: number }) => progress.push(p.step),
      modelDoc: t.daemon.peer.modelDoc,
      labelsDoc: t.daemon.peer.labelsDoc,
      session: t.daemon.session,
      blobs: t.blobTarget,
      trainerName: 'trainer',
      now: Date.now,
    };
    expect(t.daemon.session?.current()).not.toBeNull();
    for (const handler of [badgeJob, graphJob, propagateJob]) expect(await handler(ctx)).toEqual({ status: 'cancelled' });
    expect(JSON.stringify(latestMap.toJSON())).toBe(before);
  });
});
