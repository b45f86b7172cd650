// The `/yjs/<room>` WebSocket endpoint: authenticates the `?token=` parameter, finds the room and
// attaches a y-websocket connection; refusals close with a named code (docs/close-codes.md).
import { upgradeWebSocket } from '@hono/node-server';
import type { MiddlewareHandler } from 'hono';
import type { WebSocket } from 'ws';
import { CLOSE_CODES } from '../../shared/protocol/close-codes.ts';
import { YJS_PATH_PREFIX } from '../../shared/protocol/messages.ts';
import type { Storage } from '../storage/index.ts';
import type { Room } from '../rooms/room.ts';
import { createConnection, type Connection, type ConnectionLimits } from '../sync/connection.ts';
import type { Logger } from './logger.ts';
import type { RelayMetrics } from './metrics.ts';

/** Bytes queued for one peer after which it is dropped as too slow (it resyncs on reconnect). */
export const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/** A connection with the secret it authenticated with (kept in memory only, for revocation checks). */
export interface LiveConnection {
  connection: Connection;
  token: string;
}

/** What the endpoint needs. */
export interface WebsocketRouteDeps {
  rooms: ReadonlyMap<string, Room>;
  storage: Storage;
  logger: Logger;
  metrics: RelayMetrics;
  limits: ConnectionLimits;
  /** Live connections, maintained here (for revocation checks and shutdown). */
  live: Set<LiveConnection>;
  /** False once the relay is shutting down. */
  accepting: () => boolean;
}

/** Builds the Hono handler for `GET /yjs/*` upgrades. */
export function createWebsocketRoute(deps: WebsocketRouteDeps): MiddlewareHandler {
  let nextId = 1;
  return upgradeWebSocket((c) => {
    const connId = nextId++;
    let roomName = '';
    try {
      roomName = decodeURIComponent(c.req.path.slice(YJS_PATH_PREFIX.length));
    } catch (error) {
      deps.logger.warn('bad-room-path', { conn: connId, error: (error as Error).message });
    }
    const token = c.req.query('token') ?? '';
    let live: LiveConnection | null = null;
    return {
      onOpen(_event, ws) {
        const raw = ws.raw as WebSocket;
        raw.binaryType = 'arraybuffer';
        if (!deps.accepting()) return ws.close(CLOSE_CODES.SHUTTING_DOWN, 'relay is shutting down');
        const identity = deps.storage.verifyToken(token);
        if (!identity) {
          deps.metrics.updateRefused('UNAUTHORIZED');
          deps.logger.warn('connection-refused', { conn: connId, room: roomName, code: CLOSE_CODES.UNAUTHORIZED, codeName: 'UNAUTHORIZED', reason: token ? 'unknown or revoked token' : 'no token' });
          return ws.close(CLOSE_CODES.UNAUTHORIZED, 'a valid token is required');
        }
        const room = deps.rooms.get(roomName);
        if (!room) {
          deps.metrics.updateRefused('ROOM_NOT_FOUND');
          deps.logger.warn('connection-refused', { conn: connId, room: roomName.slice(0, 100), code: CLOSE_CODES.ROOM_NOT_FOUND, codeName: 'ROOM_NOT_FOUND', name: identity.name });
          return ws.close(CLOSE_CODES.ROOM_NOT_FOUND, 'no such room');
        }
        let connection: ReturnType<typeof createConnection> | null = null;
        const socket = {
          get readyState() {
            return raw.readyState;
          },
          send: (data: Uint8Array) => {
            if (raw.bufferedAmount > MAX_BUFFERED_BYTES) connection?.closeWith('SLOW_CONSUMER', `over ${MAX_BUFFERED_BYTES} bytes queued`);
            else raw.send(data);
          },
          close: (code?: number, reason?: string) => raw.close(code, reason),
        };
        connection = createConnection(socket, room, identity, { logger: deps.logger, metrics: deps.metrics, limits: deps.limits, connId });
        live = { connection, token };
        deps.live.add(live);
        let alive = true;
        raw.on('pong', () => (alive = true));
        const ping = setInterval(() => {
          if (!alive) {
            connection?.handleClose();
            raw.terminate();
            return;
          }
          alive = false;
          raw.ping();
        }, 30_000);
        ping.unref();
        raw.on('close', () => clearInterval(ping));
        return undefined;
      },
      onMessage(event) {
        if (!live) return;
        const data = event.data;
        if (data instanceof ArrayBuffer) live.connection.handleMessage(new Uint8Array(data));
        else live.connection.closeWith('MALFORMED_MESSAGE', 'text frames are not part of the protocol');
      },
      onClose() {
        if (!live) return;
        live.connection.handleClose();
        deps.live.delete(live);
      },
    };
  });
}
