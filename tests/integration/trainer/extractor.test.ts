// The feature extractor against a real relay on port 0 and a demo project of real MNIST PNGs:
// images fetched over HTTP with a trainer token, features equal to the model run on the same
// files decoded locally, the .npy cache written and reused (no image requests the second time),
// no tensor leaks; `patchwork trainer --extractor` reaching the daemon with those features, and a
// train job on that trainer running on augmented images fetched from the relay.
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EventWriter, HybridClock } from '../../../shared/labels/index.ts';
import { classField, FIELD_VALIDATION } from '../../../shared/schema/fields.ts';
import { MODEL_JOBS_KEY, MODEL_RUNS_KEY } from '../../../shared/schema/model-doc.ts';
import type { JobRecord } from '../../../shared/schema/model-doc.ts';
import type { RunRecord } from '../../../shared/training/index.ts';
import { buildDemoProject } from '../../../server/demo/index.ts';
import { loadFeatures } from '../../../trainer/data/features.ts';
import { decodeImage, extractorCacheKey, featureCachePath, prepareExtractedFeatures } from '../../../trainer/extract/index.ts';
import { runTrainerCommand } from '../../../trainer/main.ts';
import { Teardown, addToken, connectPeer, startTestRelay } from '../../helpers/relay-harness.ts';
import { createSeededRandom } from '../../helpers/seeded-random.ts';
import { expectNoLeakedTensors, useTrainerBackend } from '../../helpers/trainer-tf.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const COUNT = 36;
const SHAPE = { height: 32, width: 32 };
const root = mkdtempSync(join(tmpdir(), 'pw-extract-int-'));
let teardown = new Teardown();
afterEach(async () => {
  await teardown.run();
  teardown = new Teardown();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(async () => useTrainerBackend('wasm'));

/** Conv2D(4, 3×3, stride 2, relu) over [32, 32, 3] with seeded weights, saved as model.json + weights.bin. */
async function saveExtractor(dir: string): Promise<{ model: tf.LayersModel; path: string }> {
  const input = tf.input({ shape: [SHAPE.height, SHAPE.width, 3] });
  const conv = tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' });
  const model = tf.model({ inputs: input, outputs: conv.apply(input) as tf.SymbolicTensor });
  const random = createSeededRandom(11);
  conv.setWeights([tf.tensor4d(Array.from({ length: 3 * 3 * 3 * 4 }, () => random.next() - 0.3), [3, 3, 3, 4]), tf.tensor1d([0.05, 0, -0.05, 0.1])]);
  await model.save({
    save: async (artifacts) => {
      writeFileSync(join(dir, 'weights.bin'), new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData as tf.io.WeightData)));
      writeFileSync(join(dir, 'model.json'), JSON.stringify({ modelTopology: artifacts.modelTopology, format: 'layers-model', weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }] }));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    },
  });
  return { model, path: join(dir, 'model.json') };
}

async function setup() {
  const dir = mkdtempSync(join(root, 'demo-'));
  const demo = await buildDemoProject(join(dir, 'project'), { count: COUNT });
  const relay = await startTestRelay(teardown, demo.dir);
  const token = addToken(demo.dir, 'extractor', 'trainer');
  const { model, path } = await saveExtractor(dir);
  teardown.add(() => model.dispose());
  const imageRequests: string[] = [];
  const countingFetch: typeof fetch = (input, init) => {
    const url = String(input);
    if (url.includes('/images/')) imageRequests.push(url);
    return fetch(input, init);
  };
  const cacheDir = join(dir, 'cache');
  return { demo, relay, token, model, path, imageRequests, countingFetch, cacheDir };
}

describe('feature extractor over the relay', () => {
  it('extracts (N, h, w, c) features equal to the model on locally decoded images, caches and reuses them', async () => {
    const t = await setup();
    const logs: string[] = [];
    const options = { url: t.relay.url, projectId: t.relay.projectId, token: t.token, fetch: t.countingFetch, extractorPath: t.path, shape: SHAPE, cacheDir: t.cacheDir, batchSize: 8, log: (l: string) => logs.push(l) };
    const first = await expectNoLeakedTensors(() => prepareExtractedFeatures(options));
    expect(first.fromCache).toBe(false);
    expect([first.features.count, ...first.features.rowShape]).toEqual([COUNT, 16, 16, 4]);
    expect(new Set(t.imageRequests).size).toBe(COUNT);
    expect(t.imageRequests.every((u) => u.startsWith(`${t.relay.url}/api/projects/${t.relay.projectId}/images/`))).toBe(true);

    // The same PNG files decoded locally and run through the original (unsaved) model.
    const rows = [0, 7, 8, 35];
    const pixels = new Float32Array(rows.length * SHAPE.height * SHAPE.width * 3);
    for (const [k, row] of rows.entries()) {
      const bytes = readFileSync(join(t.demo.dataDir, 'images', `digit-${String(row).padStart(5, '0')}.png`));
      pixels.set(await decodeImage(bytes, SHAPE), k * SHAPE.height * SHAPE.width * 3);
    }
    const want = tf.tidy(() => t.model.predict(tf.tensor4d(pixels, [rows.length, SHAPE.height, SHAPE.width, 3])) as tf.Tensor);
    const wantData = await want.data();
    want.dispose();
    const rowSize = first.features.rowSize;
    let nonZero = 0;
    for (const [k, row] of rows.entries()) {
      for (let i = 0; i < rowSize; i++) {
        const got = first.features.data[row * rowSize + i] as number;
        expect(Math.abs(got - (wantData[k * rowSize + i] as number))).toBeLessThan(1e-5);
        if (got !== 0) nonZero++;
      }
    }
    expect(nonZero).toBeGreaterThan(rowSize / 4);

    const cachePath = featureCachePath(t.cacheDir, t.relay.projectId, extractorCacheKey(readFileSync(t.path), SHAPE));
    expect(first.cachePath).toBe(cachePath);
    expect(existsSync(cachePath)).toBe(true);
    const onDisk = await loadFeatures(cachePath);
    expect(Array.from(onDisk.data)).toEqual(Array.from(first.features.data));
    expect(logs.some((l) => /^extracting: 36\/36 images/.test(l))).toBe(true);

    t.imageRequests.length = 0;
    const second = await expectNoLeakedTensors(() => prepareExtractedFeatures(options));
    expect(second.fromCache).toBe(true);
    expect(t.imageRequests).toEqual([]);
    expect(Array.from(second.features.data)).toEqual(Array.from(first.features.data));

    // Without a size, the model's declared 32×32 input is used: the same cache entry.
    const { shape: _given, ...withoutShape } = options;
    const declared = await prepareExtractedFeatures(withoutShape);
    expect(declared.shape).toEqual(SHAPE);
    expect(declared.fromCache).toBe(true);
    expect(declared.cachePath).toBe(cachePath);

    // Another input size is another cache entry.
    t.imageRequests.length = 0;
    const other = await prepareExtractedFeatures({ ...options, shape: { height: 28, width: 28 } }).catch((e: Error) => e);
    expect((other as Error).message).toMatch(/takes input \[\?, 32, 32, 3\], not \[\?, 28, 28, 3\]/);
  }, 30_000);

  it('decoding: a grayscale MNIST PNG at its own size is its pixels repeated over R, G, B', async () => {
    const dir = mkdtempSync(join(root, 'decode-'));
    const demo = await buildDemoProject(join(dir, 'project'), { count: 3 });
    const truth = await loadFeatures(join(demo.dataDir, 'features.npy'));
    for (let row = 0; row < 3; row++) {
      const rgb = await decodeImage(readFileSync(join(demo.dataDir, 'images', `digit-0000${row}.png`)), { height: 28, width: 28 });
      expect(rgb.length).toBe(28 * 28 * 3);
      for (let p = 0; p < 28 * 28; p++) {
        const want = Math.round((truth.data[row * 784 + p] as number) * 255) / 255;
        for (let c = 0; c < 3; c++) expect(rgb[p * 3 + c]).toBeCloseTo(want, 6);
      }
    }
  });

  it('`patchwork trainer --extractor` extracts before serving jobs; --features with --extractor is a usage error', async () => {
    const t = await setup();
    const out: string[] = [];
    const io = { stdout: (s: string) => void out.push(s), stderr: (s: string) => void out.push(s) };
    const both = await runTrainerCommand(['--url', t.relay.url, '--token', t.token, '--features', 'f.npy', '--extractor', t.path, '--backend', 'wasm'], { io });
    expect(both).toBe(2);
    expect(out.join('')).toMatch(/--features and --extractor cannot both be given/);
    out.length = 0;
    const stop = new AbortController();
    const status = runTrainerCommand(['--url', t.relay.url, '--token', t.token, '--extractor', t.path, '--imshape', '32,32', '--cache-dir', t.cacheDir, '--backend', 'wasm', '--name', 'ex1'], { io, signal: stop.signal });
    await waitFor(() => out.some((l) => l.includes(`features: ${COUNT} rows of shape [16, 16, 4] (float32)`)), { timeoutMs: 20_000, what: 'features logged' });
    expect(out.join('')).toMatch(/features cached in /);
    stop.abort();
    expect(await status).toBe(0);
  }, 30_000);

  it('a train job on a trainer started with --extractor trains on augmented images from the relay', async () => {
    const t = await setup();
    const ownerToken = addToken(t.demo.dir, 'alice', 'owner');
    const labels = connectPeer(teardown, t.relay, t.relay.projectId, ownerToken);
    const model = connectPeer(teardown, t.relay, `${t.relay.projectId}/model`, ownerToken);
    await labels.synced();
    await model.synced();
    const writer = new EventWriter(labels.doc, 'alice', new HybridClock(() => Date.now()));
    const edits = [];
    for (let row = 0; row < 30; row++) {
      for (let c = 0; c < 10; c++) edits.push({ row, field: classField(c), value: (t.demo.truth[row] === c ? 1 : 0) as 0 | 1 });
      if (row % 6 === 0) edits.push({ row, field: FIELD_VALIDATION, value: 1 as const });
    }
    writer.append(edits);
    const out: string[] = [];
    const io = { stdout: (s: string) => void out.push(s), stderr: (s: string) => void out.push(s) };
    const stop = new AbortController();
    const status = runTrainerCommand(['--url', t.relay.url, '--token', t.token, '--extractor', t.path, '--imshape', '32,32', '--cache-dir', t.cacheDir, '--image-cache', '64', '--augment-workers', '2', '--backend', 'wasm', '--name', 'aug1'], { io, signal: stop.signal });
    teardown.add(async () => {
      stop.abort();
      await status;
    });
    await waitFor(() => out.some((l) => l.includes('training batches: augmented images through the extractor (image cache 64 MiB, 2 augmentation workers)')), { timeoutMs: 20_000, what: 'live extractor announced' });
    const jobs = model.doc.getMap(MODEL_JOBS_KEY) as Y.Map<Y.Map<unknown>>;
    const messages = new Set<string>();
    jobs.observeDeep(() => {
      const m = (jobs.get('aug')?.toJSON() as Partial<JobRecord> | undefined)?.progress?.message;
      if (m) messages.add(m);
    });
    model.doc.transact(() => {
      const job = new Y.Map<unknown>();
      jobs.set('aug', job);
      job.set('kind', 'train');
      job.set('settings', { model: { semiSupervised: { lambda: 1, tau: 0.6, mu: 1 } }, training: { batchSize: 8, batchesPerEpoch: 3, epochs: 2, seed: 9, augment: { flip_left_right: true, zoom_scale: 0.5, gaussian_noise: 1 } } });
      job.set('requestedBy', 'alice');
      job.set('requestedAt', Date.now());
      job.set('status', 'requested');
    });
    const job = () => (jobs.get('aug')?.toJSON() ?? {}) as Partial<JobRecord>;
    await waitFor(() => job().status === 'done' || job().status === 'failed', { timeoutMs: 40_000, what: 'augmented train job finished' });
    expect(job().error).toBeUndefined();
    const run = model.doc.getMap(MODEL_RUNS_KEY).get(job().runId as string) as RunRecord;
    expect(run.augmentation).toBe('image');
    expect(run.config.training.augment).toEqual({ flip_left_right: true, zoom_scale: 0.5, gaussian_noise: 1 });
    expect(run.steps).toBe(6);
    expect(run.loss.semisupervised.every((v) => Number.isFinite(v))).toBe(true);
    expect(run.outputs.predictions?.shape).toEqual([COUNT, 10]);
    expect([...messages].some((m) => /^loading training images \(\d+ \/ 25\)$/.test(m))).toBe(true);
  }, 60_000);
});
