// Named WebSocket close codes the relay sends (4000–4999, the application range). Clients use them
// to tell a refused update or a bad token (do not retry as is) from a network drop (reconnect).
// Documented for users in docs/close-codes.md; keep both in step.

/** Every close code the relay may send, by name. */
export const CLOSE_CODES = {
  /** Missing, unknown or malformed token on the WebSocket URL (`?token=`). Do not retry. */
  UNAUTHORIZED: 4001,
  /** The connection's token was revoked while it was connected. Do not retry. */
  TOKEN_REVOKED: 4002,
  /** The room is neither `<projectId>` nor `<projectId>/model`. */
  ROOM_NOT_FOUND: 4004,
  /** A message could not be decoded (bad framing, unknown message type, corrupt Yjs update). */
  MALFORMED_MESSAGE: 4100,
  /** A message was larger than the relay's per-message limit (`--max-message-mb`). */
  MESSAGE_TOO_LARGE: 4101,
  /** The connection sent more messages or bytes per second than the per-connection rate limit. */
  RATE_LIMITED: 4102,
  /** An awareness message was larger than the awareness limit. */
  AWARENESS_TOO_LARGE: 4103,
  /** The peer read too slowly: more than the relay's send-buffer limit was queued for it. Reconnecting resyncs. */
  SLOW_CONSUMER: 4104,
  /** The role may not write this document at all (viewers; annotators and owners in trainer-only parts). */
  READ_ONLY: 4200,
  /** A label event or segment claims an annotator name other than the token's name. */
  IMPERSONATION: 4201,
  /** The update deletes content; events are never deleted and only owners may delete anything. */
  DELETE_REFUSED: 4202,
  /** A label event or segment header is malformed (fails the labels-document validators). */
  INVALID_EVENT: 4203,
  /** A change to `meta` other than an owner appending valid class names. */
  META_REFUSED: 4204,
  /** A write to the model document outside the role's rights (jobs, runs, latest). */
  MODEL_REFUSED: 4205,
  /** Content outside the document layout (unknown root type, unexpected nesting or key). */
  OUTSIDE_SCHEMA: 4206,
  /** The update depends on content the relay does not have; reconnecting resends it in full. */
  MISSING_DEPENDENCY: 4207,
  /** The relay is shutting down; reconnect later. */
  SHUTTING_DOWN: 4500,
  /** The relay could not commit the update to its storage; nothing was applied. Reconnect later. */
  STORAGE_FAILURE: 4501,
} as const;

/** A close-code name. */
export type CloseCodeName = keyof typeof CLOSE_CODES;
/** A close-code number. */
export type CloseCode = (typeof CLOSE_CODES)[CloseCodeName];

/** The name of a relay close code, or undefined for codes the relay does not send. */
export function closeCodeName(code: number): CloseCodeName | undefined {
  for (const [name, value] of Object.entries(CLOSE_CODES)) if (value === code) return name as CloseCodeName;
  return undefined;
}

/** True when a client should not reconnect automatically after this close code (the same state would be refused again). */
export function isPermanentRefusal(code: number): boolean {
  return (code >= 4000 && code < 4100) || (code >= 4200 && code < 4300);
}
