// Message types of the standard y-websocket framing (first varuint of each binary message), as sent
// by y-websocket's WebsocketProvider and the relay. No custom framing is added.

/** y-websocket message types. */
export const MESSAGE_TYPES = {
  /** y-protocols sync: step 1 (state vector), step 2 (missing updates) or update. */
  sync: 0,
  /** y-protocols awareness update (cursors, presence). */
  awareness: 1,
  /** y-protocols auth (permission denied); the relay uses close codes instead. */
  auth: 2,
  /** Ask the other side to send its awareness states. */
  queryAwareness: 3,
} as const;

/** y-protocols sync sub-message types. */
export const SYNC_MESSAGE_TYPES = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;

/** Path prefix of the relay's Yjs rooms: `ws://host:port/yjs/<room>`. */
export const YJS_PATH_PREFIX = '/yjs/';

/** Room name of the model document of project `projectId`. */
export function modelRoomName(projectId: string): string {
  return `${projectId}/model`;
}
