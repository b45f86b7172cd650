// Relay benchmark: edit-to-other-peer latency, lost edits, relay CPU and memory under two loads
// (stress K=10 × 50 edits/s, big team K=50 × 2 edits/s, each plus one trainer peer), for the
// Patchwork relay (SQLite commit before forward, validation, auth) and, in the same run, the stock
// in-memory @y/websocket-server 0.1.1 as the baseline. Servers and clients run in separate processes.
// Usage: npx tsx bench/relay/run.ts [--seconds 10] [--clients 2] [--only stress|team]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createProject, openProject } from '../../server/project/index.ts';
import { openStorage } from '../../server/storage/index.ts';
import { initLabelsDoc } from '../../shared/labels/index.ts';
import type { ClientConfig } from './client.ts';
import { cpuSeconds, memoryMiB, percentile } from './stats.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const SECONDS = Number(opt('seconds', '10'));
const CLIENT_PROCESSES = Math.max(2, Number(opt('clients', '2')));
const ONLY = opt('only', '');
const LOADS = [
  { name: 'stress', annotators: 10, rate: 50 },
  { name: 'team', annotators: 50, rate: 2 },
].filter((l) => !ONLY || l.name === ONLY);

interface Proc {
  child: ChildProcess;
  lines: AsyncIterator<string>;
}
const procs: ChildProcess[] = [];
function start(script: string, argv: string[]): Proc {
  const child = spawn('npx', ['tsx', join(HERE, script), ...argv], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'], detached: true });
  procs.push(child);
  return { child, lines: createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]() };
}
async function nextJson(p: Proc, type?: string): Promise<Record<string, unknown>> {
  for (;;) {
    const { value, done } = await p.lines.next();
    if (done) throw new Error('process ended early');
    if (!value.startsWith('{')) continue;
    const msg = JSON.parse(value) as Record<string, unknown>;
    if (msg['type'] === 'closed') {
      process.stderr.write(`refused: ${value}\n`);
      continue;
    }
    if (!type || msg['type'] === type) return msg;
  }
}
function killAll(): void {
  for (const child of procs) {
    if (child.exitCode !== null || !child.pid) continue;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error; // already gone
    }
  }
}
process.on('exit', killAll);

const EMOJI = join(dirname(createRequire(import.meta.url).resolve('emoji-datasource-google/package.json')), 'img', 'google', '64');
const work = mkdtempSync(join(tmpdir(), 'pw-bench-relay-'));
const IMAGE_COUNT = 200;
const CLASSES = ['cat', 'dog', 'bird'];

type TokenRole = 'annotator' | 'viewer' | 'trainer';

/** A fresh project with tokens for `wanted` (name → role); returns the tokens by name. */
function makeProject(wanted: [string, TokenRole][]): { dir: string; projectId: string; tokens: Map<string, string> } {
  const dir = mkdtempSync(join(work, 'p-'));
  const list = join(dir, 'list.txt');
  writeFileSync(list, readdirSync(EMOJI).filter((f) => f.endsWith('.png')).sort().slice(0, IMAGE_COUNT).join('\n') + '\n');
  createProject({ dir: join(dir, 'project'), images: list, classes: CLASSES.join(','), imageRoot: EMOJI });
  const project = openProject(join(dir, 'project'));
  const storage = openStorage(project.paths.storage);
  const tokens = new Map(wanted.map(([name, role]) => [name, storage.createToken(name, role)]));
  storage.close();
  return { dir: project.dir, projectId: project.config.projectId, tokens };
}

async function seedBaseline(url: string, room: string): Promise<void> {
  const doc = new Y.Doc();
  initLabelsDoc(doc, { projectId: room, classes: CLASSES, imageCount: IMAGE_COUNT, manifest: '0'.repeat(64) });
  const provider = new WebsocketProvider(url.replace(/^http/, 'ws') + '/yjs', room, doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
  while (!provider.synced) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 200)); // let the seed's state reach the server before we leave
  provider.destroy();
}

interface Row {
  server: string;
  load: string;
  sent: number;
  lost: number;
  p50: number;
  p99: number;
  cpu: number;
  rss: number;
  peak: number;
  /** Relay-internal receipt → forwarded time (Patchwork only, from /api/metrics). */
  procP50: number;
  procP99: number;
}

async function runOne(server: 'patchwork' | 'baseline', load: (typeof LOADS)[number]): Promise<Row> {
  const names = Array.from({ length: load.annotators }, (_, i) => `annotator-${i}`);
  const observers = Array.from({ length: CLIENT_PROCESSES }, (_, i) => `observer-${i}`);
  const project = makeProject([...names.map((n): [string, TokenRole] => [n, 'annotator']), ...observers.map((n): [string, TokenRole] => [n, 'viewer']), ['trainer', 'trainer']]);
  const token = (name: string): string => project.tokens.get(name) as string;
  const room = server === 'patchwork' ? project.projectId : 'bench-room';
  const annotatorTokens = names.map((name) => ({ name, token: token(name) }));
  const srv = start(server === 'patchwork' ? 'relay-server.ts' : 'baseline-server.ts', server === 'patchwork' ? [project.dir] : []);
  const { url, pid } = (await nextJson(srv)) as { url: string; pid: number };
  if (server === 'baseline') await seedBaseline(url, room);
  const clients = Array.from({ length: CLIENT_PROCESSES }, (_, c) => {
    const config: ClientConfig = {
      url,
      room,
      annotators: annotatorTokens.filter((_, i) => i % CLIENT_PROCESSES === c),
      ratePerSecond: load.rate,
      imageCount: IMAGE_COUNT,
      classCount: CLASSES.length,
      observerToken: token(observers[c] as string),
      trainer: c === 0 ? { token: token('trainer'), name: 'trainer' } : null,
      seed: 1000 + c,
    };
    return start('client.ts', [JSON.stringify(config)]);
  });
  await Promise.all(clients.map((c) => nextJson(c, 'ready')));
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  for (const c of clients) c.child.stdin?.write(`go ${SECONDS * 1000}\n`);
  const sentCounts = await Promise.all(clients.map((c) => nextJson(c, 'sent')));
  const total = sentCounts.reduce((s, m) => s + (m['sent'] as number), 0);
  for (const c of clients) c.child.stdin?.write(`expect ${total}\n`);
  const results = await Promise.all(clients.map((c) => nextJson(c, 'result')));
  const cpu = (cpuSeconds(pid) - cpu0) / ((performance.now() - t0) / 1000);
  const mem = memoryMiB(pid);
  const latencies = results.flatMap((r) => r['latenciesUs'] as number[]).map((us) => us / 1000);
  const lost = results.reduce((s, r) => s + Math.max(0, total - (r['received'] as number)), 0);
  let procP50 = NaN;
  let procP99 = NaN;
  if (server === 'patchwork') {
    const metrics = await (await fetch(`${url}/api/metrics`)).text();
    const q = (x: string): number => 1000 * Number(new RegExp(`patchwork_update_processing_seconds\\{quantile="${x}"\\} (\\S+)`).exec(metrics)?.[1]);
    procP50 = q('0.5');
    procP99 = q('0.99');
    const loop = (x: string): string => (1000 * Number(new RegExp(`patchwork_event_loop_delay_seconds${x} (\\S+)`).exec(metrics)?.[1])).toFixed(1);
    process.stderr.write(`patchwork ${load.name}: relay event-loop delay p50 ${loop('\\{quantile="0.5"\\}')} ms, p99 ${loop('\\{quantile="0.99"\\}')} ms, max ${loop('_max')} ms\n`);
  }
  for (const c of clients) c.child.stdin?.write('quit\n');
  process.kill(-(srv.child.pid as number), 'SIGTERM');
  await Promise.all([...clients.map((c) => new Promise((r) => c.child.once('exit', r))), new Promise((r) => srv.child.once('exit', r))]);
  return { server, load: `${load.name} K=${load.annotators}×${load.rate}/s`, sent: total, lost, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), cpu: cpu * 100, rss: mem.rss, peak: mem.peak, procP50, procP99 };
}

const rows: Row[] = [];
try {
  for (const load of LOADS) {
    for (const server of ['baseline', 'patchwork'] as const) {
      process.stderr.write(`running ${server} ${load.name} for ${SECONDS} s …\n`);
      rows.push(await runOne(server, load));
    }
  }
} catch (error) {
  process.stderr.write(`benchmark failed: ${(error as Error).stack}\n`);
  process.exitCode = 1;
} finally {
  killAll();
  rmSync(work, { recursive: true, force: true });
}

const f = (n: number, d = 1): string => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
console.log(`\nRelay benchmark: ${SECONDS} s per load, ${CLIENT_PROCESSES} client processes, latency = edit → observer peer in each client process (µs clocks)\n`);
console.log('| server | load | edits sent | edits lost | p50 ms | p99 ms | relay CPU % | RSS MiB | peak RSS MiB | relay-internal p50 / p99 ms |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.server} | ${r.load} | ${r.sent} | ${r.lost} | ${f(r.p50, 2)} | ${f(r.p99, 2)} | ${f(r.cpu)} | ${f(r.rss)} | ${f(r.peak)} | ${f(r.procP50, 3)} / ${f(r.procP99, 3)} |`);
console.log(`\nmachine load average during the run: ${loadavg().map((x) => x.toFixed(1)).join(', ')} on ${cpus().length} cores`);
console.log('\nRatios (patchwork / baseline, same run):');
for (const load of LOADS) {
  const b = rows.find((r) => r.server === 'baseline' && r.load.startsWith(load.name));
  const p = rows.find((r) => r.server === 'patchwork' && r.load.startsWith(load.name));
  if (b && p) console.log(`  ${load.name}: p99 ×${f(p.p99 / b.p99, 2)}, CPU ×${f(p.cpu / b.cpu, 2)}, peak RSS ×${f(p.peak / b.peak, 2)}; lost ${p.lost} (target 0), p99 ${f(p.p99, 2)} ms (target ≤ 50)`);
}
