// Update validation for the relay: inspect an incoming Yjs update against the room's document and
// judge it by the sender's role before anything is applied or stored.
import type * as Y from 'yjs';
import type { Role } from '../../shared/protocol/roles.ts';
import { inspectUpdate, MalformedUpdateError } from './inspect-update.ts';
import { checkLabelsUpdate } from './labels-policy.ts';
import { checkModelUpdate } from './model-policy.ts';
import { refuse, type Refusal } from './refusal.ts';

export { inspectUpdate, MalformedUpdateError, type InspectedUpdate } from './inspect-update.ts';
export { checkLabelsUpdate } from './labels-policy.ts';
export { checkModelUpdate, MODEL_ROOTS } from './model-policy.ts';
export { refuse, isPlainJson, type Refusal } from './refusal.ts';

/** Which document a room holds. */
export type RoomKind = 'labels' | 'model';

/**
 * Judges `update` from a peer with `role` and `name` against `doc` (not modified). Returns null to
 * accept, or the refusal with its close-code name.
 * @example
 * const refusal = validateUpdate('labels', room.doc, update, 'annotator', 'alice');
 * if (refusal) socket.close(CLOSE_CODES[refusal.code], refusal.reason);
 */
export function validateUpdate(kind: RoomKind, doc: Y.Doc, update: Uint8Array, role: Role, name: string): Refusal | null {
  try {
    const inspected = inspectUpdate(doc, update);
    return kind === 'labels' ? checkLabelsUpdate(doc, inspected, role, name) : checkModelUpdate(inspected, role, name);
  } catch (error) {
    if (error instanceof MalformedUpdateError) return refuse('MALFORMED_MESSAGE', `update does not decode: ${error.message}`);
    throw error;
  }
}
