// Benchmark client process: simulated annotators (unmodified y-websocket providers, disableBc) that
// append label events at a fixed rate, one observer peer that timestamps every event's arrival, and
// optionally the trainer peer. Driven by the parent over stdin/stdout JSON lines.
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { EventWriter, HybridClock, getSegmentsMap } from '../../shared/labels/index.ts';
import { classField } from '../../shared/schema/fields.ts';

/** What the parent passes as the one JSON argument. */
export interface ClientConfig {
  url: string;
  room: string;
  annotators: { name: string; token: string }[];
  ratePerSecond: number;
  imageCount: number;
  classCount: number;
  observerToken: string;
  trainer: { token: string; name: string } | null;
  seed: number;
}

/** Event send times travel in the dwell field: µs since the epoch modulo 2^31 (wraps every ~36 min). */
const WRAP = 2 ** 31;
const nowUs = (): number => Math.floor((performance.timeOrigin + performance.now()) * 1000) % WRAP;

const config = JSON.parse(process.argv[2] ?? '{}') as ClientConfig;
process.setMaxListeners(0); // every provider adds an exit listener
const emit = (msg: Record<string, unknown>): void => void process.stdout.write(JSON.stringify(msg) + '\n');
let rng = config.seed >>> 0 || 1;
const random = (): number => {
  rng ^= rng << 13;
  rng ^= rng >>> 17;
  rng ^= rng << 5;
  return (rng >>> 0) / 4294967296;
};

const providers: WebsocketProvider[] = [];
function connect(room: string, token: string, doc: Y.Doc): WebsocketProvider {
  const provider = new WebsocketProvider(config.url.replace(/^http/, 'ws') + '/yjs', room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  });
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event && event.code >= 4000) emit({ type: 'closed', room, code: event.code, reason: event.reason });
  });
  providers.push(provider);
  return provider;
}

const writers = config.annotators.map((a) => {
  const doc = new Y.Doc();
  const provider = connect(config.room, a.token, doc);
  return { doc, provider, writer: new EventWriter(doc, a.name, new HybridClock(() => Date.now())) };
});

const observerDoc = new Y.Doc();
connect(config.room, config.observerToken, observerDoc);
const seen = new Map<string, number>();
const latencies: number[] = [];
let counting = false;
let received = 0;
observerDoc.on('update', () => {
  const t = nowUs();
  for (const [key, value] of getSegmentsMap(observerDoc)) {
    if (!(value instanceof Y.Array)) continue;
    const from = seen.get(key) ?? 1;
    if (value.length <= from) continue;
    seen.set(key, value.length);
    if (!counting) continue;
    for (const entry of value.slice(from, value.length)) {
      if (!Array.isArray(entry)) continue;
      received++;
      latencies.push((t - (entry[4] as number) + WRAP) % WRAP);
    }
  }
});

let trainerTimer: NodeJS.Timeout | null = null;
if (config.trainer) {
  const labelsDoc = new Y.Doc();
  connect(config.room, config.trainer.token, labelsDoc);
  const modelDoc = new Y.Doc();
  connect(`${config.room}/model`, config.trainer.token, modelDoc);
  let step = 0;
  trainerTimer = setInterval(() => {
    const jobs = modelDoc.getMap<Y.Map<unknown>>('jobs');
    let job = jobs.get('bench');
    if (!job) {
      job = new Y.Map<unknown>();
      jobs.set('bench', job);
      job.set('kind', 'train');
      job.set('status', 'running');
    }
    job.set('progress', { step: ++step, total: 1000, loss: 1 / step });
  }, 1000);
}

const all = (): WebsocketProvider[] => providers;
const waitUntil = async (check: () => boolean, timeoutMs: number): Promise<boolean> => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
};

await waitUntil(() => all().every((p) => p.synced), 60_000);
for (const [key, value] of getSegmentsMap(observerDoc)) if (value instanceof Y.Array) seen.set(key, value.length);
emit({ type: 'ready' });

let sent = 0;
async function run(durationMs: number): Promise<void> {
  counting = true;
  const start = performance.now();
  const interval = 1000 / config.ratePerSecond;
  const next = writers.map((_, i) => start + (i * interval) / writers.length);
  while (performance.now() - start < durationMs) {
    const now = performance.now();
    writers.forEach((w, i) => {
      while ((next[i] as number) <= now && performance.now() - start < durationMs) {
        const field = Math.floor(random() * (config.classCount + 2));
        const value = (field >= 2 ? Math.floor(random() * 3) - 1 : Math.floor(random() * 2)) as -1 | 0 | 1;
        w.writer.append([{ row: Math.floor(random() * config.imageCount), field: field >= 2 ? classField(field - 2) : field, value, dwell: nowUs() }]);
        sent++;
        next[i] = (next[i] as number) + interval;
      }
    });
    await new Promise((r) => setTimeout(r, 2));
  }
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const [cmd, arg] = line.trim().split(' ');
  if (cmd === 'go') {
    await run(Number(arg));
    emit({ type: 'sent', sent });
  } else if (cmd === 'expect') {
    const total = Number(arg);
    await waitUntil(() => received >= total, 20_000);
    emit({ type: 'result', sent, received, latenciesUs: latencies });
  } else if (cmd === 'quit') {
    if (trainerTimer) clearInterval(trainerTimer);
    for (const p of all()) p.destroy();
    process.exit(0);
  }
}
