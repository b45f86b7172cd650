// Test harness for the relay: a real project directory (emoji PNGs from emoji-datasource-google),
// a real relay on port 0, tokens per role, and unmodified y-websocket providers in Node. Everything
// created is registered for teardown, which always runs.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createProject } from '../../server/project/index.ts';
import { openStorage } from '../../server/storage/index.ts';
import { startRelay, type RelayOptions, type RunningRelay } from '../../server/relay/index.ts';
import { createSilentLogger } from '../../server/relay/logger.ts';
import { isPermanentRefusal } from '../../shared/protocol/close-codes.ts';
import type { Role } from '../../shared/protocol/roles.ts';
import { waitFor } from './wait-for.ts';

const require = createRequire(import.meta.url);

/** Directory of the 64 px emoji PNGs. */
export const EMOJI_DIR = join(dirname(require.resolve('emoji-datasource-google/package.json')), 'img', 'google', '64');

/** Things to undo after a test, newest first. */
export class Teardown {
  #steps: (() => unknown)[] = [];
  add(step: () => unknown): void {
    this.#steps.push(step);
  }
  async run(): Promise<void> {
    const errors: unknown[] = [];
    while (this.#steps.length > 0) {
      const step = this.#steps.pop() as () => unknown;
      try {
        await step();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
  }
}

/** Creates a project of `imageCount` emoji images with classes `classes` in a temp directory. */
export function createTestProject(teardown: Teardown, { imageCount = 12, classes = 'cat,dog' } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'pw-relay-'));
  teardown.add(() => rmSync(root, { recursive: true, force: true }));
  const images = readdirSync(EMOJI_DIR).filter((f) => f.endsWith('.png')).sort().slice(0, imageCount);
  const list = join(root, 'list.txt');
  writeFileSync(list, images.join('\n') + '\n');
  const dir = join(root, 'project');
  createProject({ dir, images: list, classes, imageRoot: EMOJI_DIR });
  return dir;
}

/** Adds a token to a project's database (the relay may be running). */
export function addToken(projectDir: string, name: string, role: Role): string {
  const storage = openStorage(join(projectDir, 'patchwork.sqlite'));
  try {
    return storage.createToken(name, role);
  } finally {
    storage.close();
  }
}

/** Starts a relay on port 0 for `projectDir` (silent logs unless given). */
export async function startTestRelay(teardown: Teardown, projectDir: string, options: Partial<RelayOptions> = {}): Promise<RunningRelay> {
  const relay = await startRelay({ projectDir, port: 0, logger: createSilentLogger(), ...options });
  teardown.add(() => relay.close());
  return relay;
}

/** A provider plus what the tests observe about it. */
export interface TestPeer {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes received, in order. */
  closeCodes: number[];
  synced(): Promise<void>;
}

/** Connects an unmodified WebsocketProvider to `room` with `token`; it stops on permanent refusals. */
export function connectPeer(teardown: Teardown, relay: { url: string }, room: string, token: string | null, doc = new Y.Doc()): TestPeer {
  const closeCodes: number[] = [];
  const provider = new WebsocketProvider(relay.url.replace(/^http/, 'ws') + '/yjs', room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: token === null ? {} : { token },
    maxBackoffTime: 200,
    shouldReconnect: (event: CloseEvent) => !isPermanentRefusal(event.code),
  });
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) closeCodes.push(event.code);
  });
  teardown.add(() => {
    provider.destroy();
    doc.destroy();
  });
  return {
    doc,
    provider,
    closeCodes,
    synced: () => waitFor(() => provider.synced, { what: `${room} synced` }).then(() => undefined),
  };
}

/** A raw `ws` client of a room, for protocol-level tests (malformed, oversized, rate). */
export interface RawClient {
  ws: WebSocket;
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  messages: Uint8Array[];
}

/** Opens a raw WebSocket to `room` (token appended when given). */
export function connectRaw(teardown: Teardown, relay: { url: string }, room: string, token: string | null): RawClient {
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  const ws = new WebSocket(`${relay.url.replace(/^http/, 'ws')}/yjs/${room}${query}`);
  const messages: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() }));
  });
  teardown.add(() => ws.terminate());
  return { ws, opened, closed, messages };
}

/** Connects a provider with a new token for (name, role) to `room` and waits for its first sync. */
export async function joinRoom(teardown: Teardown, relay: { url: string }, projectDir: string, room: string, name: string, role: Role): Promise<TestPeer> {
  const peer = connectPeer(teardown, relay, room, addToken(projectDir, name, role));
  await peer.synced();
  return peer;
}

/** Runs `act`, then checks that the relay closed `peer` with `code` and left `serverDoc()` byte-for-byte unchanged. */
export async function expectRefusedUpdate(peer: TestPeer, code: number, serverDoc: () => Y.Doc, act: () => void): Promise<void> {
  const state = (): Buffer => Buffer.from(Y.encodeStateAsUpdate(serverDoc()));
  const before = state();
  act();
  await waitFor(() => peer.closeCodes.length > 0, { what: 'the relay closes the sender' });
  expect(peer.closeCodes[0]).toBe(code);
  expect(state().equals(before)).toBe(true);
}
