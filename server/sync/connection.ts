// One WebSocket peer speaking the standard y-websocket protocol (y-protocols sync + awareness):
// enforces the message size and rate limits, hands updates to the room for validation, and closes
// with a named close code on any refusal so the sender's document never diverges silently.
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { CLOSE_CODES, type CloseCodeName } from '../../shared/protocol/close-codes.ts';
import { MESSAGE_TYPES, SYNC_MESSAGE_TYPES } from '../../shared/protocol/messages.ts';
import type { Role } from '../../shared/protocol/roles.ts';
import type { Room, RoomPeer } from '../rooms/room.ts';
import type { Logger } from '../relay/logger.ts';
import type { RelayMetrics } from '../relay/metrics.ts';
import { createRateLimiter, type RateLimitOptions } from './rate-limit.ts';

/** The socket operations a connection needs (a `ws` WebSocket satisfies it). */
export interface SocketLike {
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
}

/** Limits applied to every connection. */
export interface ConnectionLimits {
  /** Largest accepted message in bytes. */
  maxMessageBytes: number;
  /** Largest accepted awareness update in bytes. */
  maxAwarenessBytes: number;
  rate: RateLimitOptions;
}

/** Default awareness bound: presence and cursors are small. */
export const DEFAULT_MAX_AWARENESS_BYTES = 64 * 1024;

/** A live connection. */
export interface Connection extends RoomPeer {
  /** Handles one binary message from the socket. */
  handleMessage(data: Uint8Array): void;
  /** Closes with a named code (logged with the reason), detaching from the room. */
  closeWith(code: CloseCodeName, reason: string): void;
  /** Detaches from the room after the socket closed. */
  handleClose(): void;
  readonly closed: boolean;
}

const OPEN = 1;

/** Attaches a socket to a room and sends the opening sync step 1 and awareness states. */
export function createConnection(
  socket: SocketLike,
  room: Room,
  identity: { name: string; role: Role },
  deps: { logger: Logger; metrics: RelayMetrics; limits: ConnectionLimits; connId: number },
): Connection {
  const { logger, metrics, limits } = deps;
  const limiter = createRateLimiter(limits.rate);
  let closed = false;
  const log = { room: room.name, name: identity.name, role: identity.role, conn: deps.connId };

  const send = (message: Uint8Array): void => {
    if (closed || socket.readyState !== OPEN) return;
    try {
      socket.send(message);
    } catch (error) {
      logger.warn('send-failed', { ...log, error: (error as Error).message });
      conn.closeWith('SHUTTING_DOWN', 'send failed');
    }
  };

  const conn: Connection = {
    name: identity.name,
    role: identity.role,
    get closed() {
      return closed;
    },
    send,
    closeWith(code, reason) {
      if (closed) return;
      if (code !== 'SHUTTING_DOWN') {
        metrics.updateRefused(code);
        logger.warn('connection-refused', { ...log, code: CLOSE_CODES[code], codeName: code, reason });
      }
      conn.handleClose();
      try {
        socket.close(CLOSE_CODES[code], reason.slice(0, 120));
      } catch (error) {
        logger.warn('close-failed', { ...log, error: (error as Error).message });
      }
    },
    handleClose() {
      if (closed) return;
      closed = true;
      room.removePeer(conn);
      metrics.connectionClosed();
      logger.info('connection-close', log);
    },
    handleMessage(data) {
      if (closed) return;
      if (data.byteLength > limits.maxMessageBytes) return conn.closeWith('MESSAGE_TOO_LARGE', `message of ${data.byteLength} bytes exceeds ${limits.maxMessageBytes}`);
      if (!limiter.take()) return conn.closeWith('RATE_LIMITED', 'too many messages per second');
      try {
        handleFrame(data);
      } catch (error) {
        conn.closeWith('MALFORMED_MESSAGE', `message does not decode: ${(error as Error).message}`);
      }
    },
  };

  const handleFrame = (data: Uint8Array): void => {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_TYPES.sync) {
      const sub = decoding.readVarUint(decoder);
      if (sub === SYNC_MESSAGE_TYPES.step1) {
        const stateVector = decoding.readVarUint8Array(decoder);
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_TYPES.sync);
        syncProtocol.writeSyncStep2(encoder, room.doc, stateVector);
        send(encoding.toUint8Array(encoder));
      } else if (sub === SYNC_MESSAGE_TYPES.step2 || sub === SYNC_MESSAGE_TYPES.update) {
        const update = decoding.readVarUint8Array(decoder);
        const refusal = room.receiveUpdate(update, conn);
        if (refusal) conn.closeWith(refusal.code, refusal.reason);
      } else {
        conn.closeWith('MALFORMED_MESSAGE', `unknown sync message type ${sub}`);
      }
    } else if (type === MESSAGE_TYPES.awareness) {
      const update = decoding.readVarUint8Array(decoder);
      if (update.byteLength > limits.maxAwarenessBytes) return conn.closeWith('AWARENESS_TOO_LARGE', `awareness update of ${update.byteLength} bytes`);
      room.receiveAwareness(update, conn);
    } else if (type === MESSAGE_TYPES.queryAwareness) {
      sendAwarenessStates();
    } else if (type !== MESSAGE_TYPES.auth) {
      conn.closeWith('MALFORMED_MESSAGE', `unknown message type ${type}`);
    }
  };

  const sendAwarenessStates = (): void => {
    const states = room.awareness.getStates();
    if (states.size === 0) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_TYPES.awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...states.keys()]));
    send(encoding.toUint8Array(encoder));
  };

  room.addPeer(conn);
  metrics.connectionOpened();
  logger.info('connection-open', log);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TYPES.sync);
  syncProtocol.writeSyncStep1(encoder, room.doc);
  send(encoding.toUint8Array(encoder));
  sendAwarenessStates();
  return conn;
}
