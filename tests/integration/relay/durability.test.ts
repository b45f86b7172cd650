// Durability: an edit another peer has seen survives `kill -9` of the relay process; compaction
// running under concurrent writes loses nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import * as Y from 'yjs';
import { EventWriter, HybridClock, readEvents } from '../../../shared/labels/index.ts';
import { classField } from '../../../shared/schema/fields.ts';
import { openStorage } from '../../../server/storage/index.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { addToken, connectPeer, createTestProject, startTestRelay, Teardown } from '../../helpers/relay-harness.ts';

const ENTRY = fileURLToPath(new URL('../../helpers/relay-child-entry.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let teardown: Teardown;
beforeEach(() => {
  teardown = new Teardown();
});
afterEach(() => teardown.run());

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Starts `npx tsx relay-child-entry.ts` in its own process group (so SIGKILL reaches the relay itself). */
async function spawnRelay(dir: string): Promise<{ child: ChildProcess; url: string; pid: number }> {
  const child = spawn('npx', ['tsx', ENTRY, dir, '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  teardown.add(() => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-(child.pid as number), 'SIGKILL');
  });
  let out = '';
  child.stdout?.setEncoding('utf8');
  const info = await new Promise<{ url: string; pid: number }>((resolve, reject) => {
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as { url: string; pid: number });
    });
    child.once('exit', (code) => reject(new Error(`relay exited early (${code})`)));
  });
  return { child, ...info };
}

describe('durability', () => {
  it('an edit seen by a second peer survives SIGKILL and restart', async () => {
    const dir = createTestProject(teardown);
    const aliceToken = addToken(dir, 'alice', 'annotator');
    const bobToken = addToken(dir, 'bob', 'viewer');
    const first = await spawnRelay(dir);
    const room = (await (await fetch(`${first.url}/api/health`)).json()) as { project: string };
    const alice = connectPeer(teardown, { url: first.url }, room.project, aliceToken);
    const bob = connectPeer(teardown, { url: first.url }, room.project, bobToken);
    await Promise.all([alice.synced(), bob.synced()]);
    new EventWriter(alice.doc, 'alice', new HybridClock(() => Date.now())).append([{ row: 7, field: classField(1), value: 1, dwell: 1234 }]);
    await waitFor(() => readEvents(bob.doc).events.length === 1, { what: 'bob sees the edit' });

    alice.provider.destroy();
    bob.provider.destroy();
    process.kill(-(first.child.pid as number), 'SIGKILL');
    await waitFor(() => !isAlive(first.pid), { what: 'relay process killed' });

    const second = await spawnRelay(dir);
    const carol = connectPeer(teardown, { url: second.url }, room.project, bobToken);
    await carol.synced();
    await waitFor(() => readEvents(carol.doc).events.length === 1, { what: 'the edit is back' });
    expect(readEvents(carol.doc).events[0]).toMatchObject({ row: 7, field: classField(1), value: 1, by: 'alice', dwell: 1234 });
    const exited = once(second.child, 'exit');
    process.kill(second.pid, 'SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  });

  it('compaction under concurrent writes loses nothing', async () => {
    const dir = createTestProject(teardown, { imageCount: 50 });
    const relay = await startTestRelay(teardown, dir, { compaction: { maxTailUpdates: 7, minTailBytes: 1 << 30, delayMs: 0 } });
    const names = ['a1', 'a2', 'a3'];
    const peers = names.map((name) => connectPeer(teardown, relay, relay.projectId, addToken(dir, name, 'annotator')));
    await Promise.all(peers.map((p) => p.synced()));
    const writers = peers.map((p, i) => new EventWriter(p.doc, names[i] as string, new HybridClock(() => Date.now())));
    const PER = 120;
    for (let k = 0; k < PER; k++) {
      writers.forEach((w, i) => w.append([{ row: (k + i) % 50, field: classField(k % 2), value: (k % 2) as 0 | 1, dwell: k }]));
      if (k % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const serverDoc = relay.rooms.get(relay.projectId)?.doc as Y.Doc;
    await waitFor(() => readEvents(serverDoc).events.length === PER * names.length, { what: 'relay has every event' });
    const metrics = await (await fetch(`${relay.url}/api/metrics`)).text();
    const compactions = Number(/patchwork_compactions_total (\d+)/.exec(metrics)?.[1]);
    expect(compactions).toBeGreaterThan(5);
    const expected = Buffer.from(Y.encodeStateVector(serverDoc));
    await relay.close();
    const storage = openStorage(join(dir, 'patchwork.sqlite'));
    const restored = storage.loadDoc(relay.projectId);
    storage.close();
    expect(readEvents(restored).events.length).toBe(PER * names.length);
    expect(Buffer.from(Y.encodeStateVector(restored)).equals(expected)).toBe(true);
  });
});
