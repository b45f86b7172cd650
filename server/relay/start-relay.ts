// Starts the relay for a project directory: one Node HTTP server (Hono) serving the API, the web app
// and the y-websocket rooms `<id>` and `<id>/model`, persisted in the project's SQLite database.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { initLabelsDoc, readMeta } from '../../shared/labels/index.ts';
import { exportLabelsCsv, labelsRoom, modelRoom, openProject } from '../project/index.ts';
import { openStorage, type Storage } from '../storage/index.ts';
import { createApp } from '../http/app.ts';
import { createRoom, type CompactionPolicy, type Room } from '../rooms/room.ts';
import { DEFAULT_MAX_AWARENESS_BYTES, type ConnectionLimits } from '../sync/connection.ts';
import { DEFAULT_RATE_LIMIT, type RateLimitOptions } from '../sync/rate-limit.ts';
import { createLogger, type Logger } from './logger.ts';
import { createRelayMetrics } from './metrics.ts';
import { createOutfileWriter, type OutfileWriter } from './outfile.ts';
import { createWebsocketRoute, type LiveConnection } from './websocket-route.ts';

/** Default port of `patchwork serve`. */
export const DEFAULT_PORT = 8765;
/** Default listen address: loopback only. */
export const DEFAULT_HOST = '127.0.0.1';
/** Default per-message limit (16 MiB). */
export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
/** How often open connections' tokens are re-checked for revocation (ms). */
export const DEFAULT_TOKEN_RECHECK_MS = 5000;

/** Options of startRelay. */
export interface RelayOptions {
  projectDir: string;
  /** Port (0 picks a free one); default 8765. */
  port?: number;
  host?: string;
  /** Keep this labels.csv up to date while running. */
  outfile?: string;
  outfileDebounceMs?: number;
  maxMessageBytes?: number;
  maxAwarenessBytes?: number;
  rateLimit?: RateLimitOptions;
  compaction?: CompactionPolicy;
  tokenRecheckMs?: number;
  maxBlobBytes?: number;
  clientDir?: string;
  logger?: Logger;
}

/** A running relay. */
export interface RunningRelay {
  /** `http://host:port`. */
  url: string;
  port: number;
  host: string;
  projectId: string;
  storage: Storage;
  rooms: ReadonlyMap<string, Room>;
  /** Closes connections (4500), flushes the outfile, compacts, closes storage and the server. */
  close(): Promise<void>;
}

function linkHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the relay.
 * @example
 * const relay = await startRelay({ projectDir: 'birds', port: 0 });
 * console.log(relay.url); // http://127.0.0.1:54321
 * await relay.close();
 */
export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  const logger = options.logger ?? createLogger();
  const project = openProject(options.projectDir);
  const projectId = project.config.projectId;
  const storage = openStorage(project.paths.storage);
  const metrics = createRelayMetrics();
  const deps = { storage, logger, metrics, ...(options.compaction ? { compaction: options.compaction } : {}) };
  const labels = createRoom(labelsRoom(projectId), 'labels', deps);
  const model = createRoom(modelRoom(projectId), 'model', deps);
  const rooms = new Map<string, Room>([[labels.name, labels], [model.name, model]]);
  if (!readMeta(labels.doc)) {
    const init = new Y.Doc();
    initLabelsDoc(init, { projectId, classes: project.config.classes, imageCount: project.config.imageCount, manifest: project.config.manifest });
    labels.applyLocal(Y.encodeStateAsUpdate(init));
    init.destroy();
    logger.warn('labels-document-initialised', { room: labels.name, reason: 'the database had no labels document' });
  }

  let outfile: OutfileWriter | null = null;
  if (options.outfile) {
    outfile = createOutfileWriter(options.outfile, () => exportLabelsCsv(project, labels.doc), logger, options.outfileDebounceMs);
    labels.onChange(() => outfile?.schedule());
    outfile.flush(true);
  }

  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const limits: ConnectionLimits = {
    maxMessageBytes,
    maxAwarenessBytes: options.maxAwarenessBytes ?? DEFAULT_MAX_AWARENESS_BYTES,
    rate: options.rateLimit ?? DEFAULT_RATE_LIMIT,
  };
  const live = new Set<LiveConnection>();
  let accepting = true;
  const yjsHandler = createWebsocketRoute({ rooms, storage, logger, metrics, limits, live, accepting: () => accepting });
  const app = createApp({
    project,
    storage,
    labelsDoc: () => labels.doc,
    logger,
    metrics,
    roomCount: () => rooms.size,
    yjsHandler,
    ...(options.clientDir ? { clientDir: options.clientDir } : {}),
    ...(options.maxBlobBytes ? { maxBlobBytes: options.maxBlobBytes } : {}),
  });
  // Messages past twice the limit are cut by ws itself (close 1009); up to that we answer 4101.
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes * 2 + 1024 });
  const host = options.host ?? DEFAULT_HOST;
  const server = serve({ fetch: app.fetch, port: options.port ?? DEFAULT_PORT, hostname: host, websocket: { server: wss } });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (error) {
    for (const room of rooms.values()) room.destroy();
    storage.close();
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') throw Object.assign(new Error(`port ${options.port ?? DEFAULT_PORT} on ${host} is already in use; choose another with --port`), { code: e.code });
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${linkHost(host)}:${port}`;

  const recheck = setInterval(() => {
    for (const entry of live) {
      if (!entry.connection.closed && !storage.verifyToken(entry.token)) entry.connection.closeWith('TOKEN_REVOKED', 'token revoked');
      if (entry.connection.closed) live.delete(entry);
    }
  }, options.tokenRecheckMs ?? DEFAULT_TOKEN_RECHECK_MS);
  recheck.unref();
  logger.info('relay-start', { url, projectId, rooms: [...rooms.keys()], storage: storage.path });

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      accepting = false;
      clearInterval(recheck);
      for (const entry of live) entry.connection.closeWith('SHUTTING_DOWN', 'relay is shutting down');
      live.clear();
      outfile?.flush();
      outfile?.stop();
      for (const room of rooms.values()) room.compactNow();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      for (const client of wss.clients) client.terminate();
      for (const room of rooms.values()) room.destroy();
      storage.close();
      logger.info('relay-stop', { projectId });
    })();
    return closing;
  };
  return { url, port, host, projectId, storage, rooms, close };
}
