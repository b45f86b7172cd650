// `patchwork trainer` as a command: one-line errors for user mistakes, and a full run with a
// real .npy feature file against a real relay until stopped.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeNpy } from '../../../shared/npy/index.ts';
import { EventWriter, HybridClock } from '../../../shared/labels/index.ts';
import { classField } from '../../../shared/schema/fields.ts';
import { MODEL_JOBS_KEY } from '../../../shared/schema/model-doc.ts';
import { EXIT_USAGE, runTrainerCommand } from '../../../trainer/main.ts';
import { Teardown, addToken, connectPeer, createTestProject, startTestRelay } from '../../helpers/relay-harness.ts';
import { waitFor } from '../../helpers/wait-for.ts';

let teardown = new Teardown();
afterEach(async () => {
  await teardown.run();
  teardown = new Teardown();
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) }, out, err };
}

describe('patchwork trainer', () => {
  it.each([
    [['--token', 't'], /--url must be the relay address/],
    [['--url', 'http://127.0.0.1:1'], /--token is required/],
    [['--url', 'http://127.0.0.1:1', '--token', 't', '--backend', 'tpu'], /--backend must be one of/],
    [['--url', 'http://127.0.0.1:1', '--token', 't', '--backend', 'gpu'], /the gpu backend is not available/],
    [['--url', 'http://127.0.0.1:1', '--token', 't', '--backend', 'cpu', '--features', '/nope.npy'], /feature file not found: \/nope.npy/],
    [['--url', 'http://127.0.0.1:1', '--token', 't', '--backend', 'cpu'], /cannot reach the relay/],
  ])('%j fails with one line and exit 2', async (argv, message) => {
    const c = capture();
    expect(await runTrainerCommand(argv, { io: c.io })).toBe(EXIT_USAGE);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toMatch(message);
    expect(c.err[0]?.trim().split('\n')).toHaveLength(1);
  });

  it('joins with a .npy feature file, trains a requested job and stops on its signal', async () => {
    const dir = createTestProject(teardown, { imageCount: 20, classes: 'a' });
    const relay = await startTestRelay(teardown, dir);
    const root = mkdtempSync(join(tmpdir(), 'pw-trainer-cmd-'));
    teardown.add(() => rmSync(root, { recursive: true, force: true }));
    const featurePath = join(root, 'f.npy');
    writeFileSync(featurePath, encodeNpy(Float32Array.from({ length: 20 * 8 }, (_, i) => ((i * 37) % 11) / 11), [20, 8], '<f2'));
    const owner = addToken(dir, 'alice', 'owner');
    const labels = connectPeer(teardown, relay, relay.projectId, owner);
    const model = connectPeer(teardown, relay, `${relay.projectId}/model`, owner);
    await labels.synced();
    await model.synced();
    new EventWriter(labels.doc, 'alice', new HybridClock(() => Date.now())).append(
      Array.from({ length: 10 }, (_, row) => ({ row, field: classField(0), value: (row % 2) as 0 | 1 })),
    );
    const stop = new AbortController();
    const c = capture();
    const exit = runTrainerCommand(['--url', relay.url, '--token', addToken(dir, 'cli', 'trainer'), '--features', featurePath, '--backend', 'wasm', '--name', 'cli'], { io: c.io, signal: stop.signal });
    const jobs = model.doc.getMap(MODEL_JOBS_KEY) as Y.Map<Y.Map<unknown>>;
    model.doc.transact(() => {
      const job = new Y.Map<unknown>();
      jobs.set('j', job);
      job.set('kind', 'train');
      job.set('settings', { training: { batchSize: 4, batchesPerEpoch: 3, epochs: 1 } });
      job.set('requestedBy', 'alice');
      job.set('requestedAt', Date.now());
      job.set('status', 'requested');
    });
    await waitFor(() => jobs.get('j')?.get('status') === 'done', { timeoutMs: 60_000, what: 'job done' });
    stop.abort();
    expect(await exit).toBe(0);
    const log = c.out.join('');
    expect(log).toMatch(/backend: wasm/);
    expect(log).toMatch(/features: 20 rows of shape \[8\] \(float16\)/);
    expect(log).toMatch(/job j done/);
    expect(c.err).toEqual([]);
  });
});
