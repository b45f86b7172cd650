// `patchwork token` and `patchwork serve` as command functions: tokens and revocation, the owner
// join link, the --outfile labels.csv kept up to date, and graceful shutdown on SIGTERM.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventWriter, HybridClock } from '../../../shared/labels/index.ts';
import { classField } from '../../../shared/schema/fields.ts';
import { runTokenCommand } from '../../../server/relay/index.ts';
import type { CliIo } from '../../../server/cli/command-spec.ts';
import { openStorage } from '../../../server/storage/index.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { connectPeer, createTestProject, Teardown } from '../../helpers/relay-harness.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('../../helpers/serve-entry.ts', import.meta.url));

let teardown: Teardown;
beforeEach(() => {
  teardown = new Teardown();
});
afterEach(() => teardown.run());

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd: process.cwd(), env: {} };
}

describe('patchwork token', () => {
  it('prints a token and a join link, and revokes by name', () => {
    const dir = createTestProject(teardown);
    const io = captureIo();
    expect(runTokenCommand([dir, '--role', 'annotator', '--name', 'alice', '--port', '9000'], io)).toBe(0);
    const text = io.out.join('');
    const token = /token: (\S+)/.exec(text)?.[1] as string;
    expect(text).toContain(`link: http://127.0.0.1:9000/#token=${token}`);
    const storage = openStorage(join(dir, 'patchwork.sqlite'));
    expect(storage.verifyToken(token)).toEqual({ name: 'alice', role: 'annotator' });
    storage.close();
    expect(runTokenCommand([dir, '--revoke', 'alice'], captureIo())).toBe(0);
    const again = openStorage(join(dir, 'patchwork.sqlite'));
    expect(again.verifyToken(token)).toBeNull();
    again.close();
    expect(() => runTokenCommand([dir, '--role', 'boss', '--name', 'x'], captureIo())).toThrow(/--role must be one of/);
    expect(() => runTokenCommand([dir, '--revoke', 'nobody'], captureIo())).toThrow(/no active token/);
  });
});

describe('patchwork serve', () => {
  it('prints an owner link, keeps --outfile current and saves on SIGTERM', async () => {
    const dir = createTestProject(teardown);
    const outfile = join(dirname(dir), 'live-labels.csv');
    const child = spawn('npx', ['tsx', ENTRY, dir, '--port', '0', '--no-trainer', '--outfile', outfile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    teardown.add(() => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-(child.pid as number), 'SIGKILL');
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (err += t));
    const link = (await waitFor(() => /Owner link: (\S+)/.exec(out)?.[1], { timeoutMs: 60_000, what: 'owner link' })) as string;
    const url = link.slice(0, link.indexOf('/#token='));
    const token = link.slice(link.indexOf('#token=') + 7);
    const health = (await (await fetch(`${url}/api/health`)).json()) as { project: string };
    const config = await fetch(`${url}/api/projects/${health.project}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(((await config.json()) as { you: { role: string } }).you.role).toBe('owner');
    expect(err).not.toContain(token);

    await waitFor(() => existsSync(outfile), { what: 'outfile written at start' });
    const peer = connectPeer(teardown, { url }, health.project, token);
    await peer.synced();
    new EventWriter(peer.doc, 'owner', new HybridClock(() => Date.now())).append([{ row: 2, field: classField(1), value: 1 }]);
    await waitFor(() => readFileSync(outfile, 'utf8').split(/\r?\n/)[3]?.endsWith(',1.0'), { timeoutMs: 15_000, what: 'outfile has the edit' });
    peer.provider.destroy();

    const exited = once(child, 'exit');
    process.kill(-(child.pid as number), 'SIGTERM');
    await exited;
    await waitFor(() => out.includes('Relay stopped'), { what: 'graceful stop message' });
    expect(err).toContain('"event":"relay-stop"');
    expect(err).not.toContain(token);
  });
});
