// Chooses and starts the TensorFlow.js backend: tfjs-node-gpu, then tfjs-node, then wasm, then
// cpu. The node bindings are optional (their install downloads libtensorflow), so they are found
// by dynamic import at start-up and the reason for skipping each one is logged.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { registerWasmGradients } from './wasm-gradients.ts';

/** Backend names accepted by `--backend`. */
export const BACKEND_CHOICES = ['auto', 'gpu', 'node', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** What `initBackend` settled on. */
export interface BackendInfo {
  /** The choice as requested. */
  requested: BackendChoice;
  /** `tf.getBackend()` after start-up: 'tensorflow' (node/gpu), 'wasm' or 'cpu'. */
  backend: string;
  /** Which candidate won: gpu, node, wasm or cpu. */
  kind: Exclude<BackendChoice, 'auto'>;
  /** Why each earlier candidate was skipped. */
  skipped: { kind: string; reason: string }[];
}

/** Thrown when a forced backend cannot be loaded. */
export class BackendUnavailableError extends Error {
  constructor(kind: string, reason: string) {
    super(`the ${kind} backend is not available: ${reason}`);
    this.name = 'BackendUnavailableError';
  }
}

const require = createRequire(import.meta.url);

/** File-system folder holding the wasm backend's .wasm binaries (with a trailing slash). */
export function wasmBinaryFolder(): string {
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
}

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/** Loads a node binding by package name; resolves to the error text when it is missing. */
async function tryImport(pkg: string): Promise<string | null> {
  try {
    await import(/* @vite-ignore */ pkg);
    return null;
  } catch (error) {
    return message(error);
  }
}

async function tryKind(kind: Exclude<BackendChoice, 'auto'>): Promise<string | null> {
  if (kind === 'gpu' || kind === 'node') {
    const failure = await tryImport(kind === 'gpu' ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node');
    if (failure) return failure;
    return (await tf.setBackend('tensorflow')) ? null : 'the tensorflow backend did not start';
  }
  if (kind === 'wasm') {
    try {
      setWasmPaths(wasmBinaryFolder());
      registerWasmGradients();
      return (await tf.setBackend('wasm')) ? null : 'the wasm backend did not start';
    } catch (error) {
      return message(error);
    }
  }
  return (await tf.setBackend('cpu')) ? null : 'the cpu backend did not start';
}

let started: BackendInfo | null = null;

/**
 * Starts a backend. `auto` tries gpu → node → wasm → cpu and records why each one was skipped; a
 * forced choice throws BackendUnavailableError if it cannot load. Asserts `tf.getBackend()`.
 */
export async function initBackend(
  requested: BackendChoice = 'auto',
  log: (line: string) => void = () => {},
): Promise<BackendInfo> {
  if (started && (requested === 'auto' || requested === started.kind)) return started;
  const order: Exclude<BackendChoice, 'auto'>[] = requested === 'auto' ? ['gpu', 'node', 'wasm', 'cpu'] : [requested];
  const skipped: { kind: string; reason: string }[] = [];
  for (const kind of order) {
    const failure = await tryKind(kind);
    if (failure === null) {
      await tf.ready();
      const backend = tf.getBackend();
      const expected = kind === 'gpu' || kind === 'node' ? 'tensorflow' : kind;
      if (backend !== expected) throw new Error(`asked for the ${expected} backend but tfjs runs ${backend}`);
      for (const s of skipped) log(`backend ${s.kind} skipped: ${s.reason}`);
      log(`backend: ${kind} (tf.getBackend() = ${backend})`);
      started = { requested, backend, kind, skipped };
      return started;
    }
    if (requested !== 'auto') throw new BackendUnavailableError(kind, failure);
    skipped.push({ kind, reason: failure });
  }
  throw new Error(`no TensorFlow.js backend could start: ${skipped.map((s) => `${s.kind}: ${s.reason}`).join('; ')}`);
}

/** Whether the given backend kind can be loaded here (switches to it; restore with initBackend). */
export async function backendAvailable(kind: Exclude<BackendChoice, 'auto'>): Promise<boolean> {
  const ok = (await tryKind(kind)) === null;
  if (ok) started = { requested: kind, backend: tf.getBackend(), kind, skipped: [] };
  return ok;
}
