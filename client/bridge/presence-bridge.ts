// Awareness (y-protocols) as signals: who is online, which image each annotator has selected and
// which rows are in their current batch. The local state is written through `setSelection` and
// `setBatch`; remote states arrive as plain `Peer` objects.
import { signal } from '@preact/signals';
import type { ReadonlySignal } from '@preact/signals';
import type { Awareness } from 'y-protocols/awareness';

/** Another browser in the same project. */
export interface Peer {
  readonly clientId: number;
  readonly name: string;
  readonly color: string;
  readonly role: string;
  /** Selected image row, or null. */
  readonly selection: number | null;
  /** Rows of the peer's current batch. */
  readonly batch: readonly number[];
}

/** Annotator colours, picked by a hash of the name so a person keeps a colour across reloads. */
export const PEER_COLORS: readonly string[] = ['#d9480f', '#1971c2', '#2f9e44', '#9c36b5', '#e8590c', '#0c8599', '#c2255c', '#5c940d', '#862e9c', '#364fc7'];

/** The colour of an annotator name. */
export function colorFor(name: string): string {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) >>> 0;
  return PEER_COLORS[h % PEER_COLORS.length] as string;
}

/** The presence bridge. */
export interface PresenceBridge {
  /** Other browsers (not this one), ordered by name. */
  readonly peers: ReadonlySignal<readonly Peer[]>;
  readonly self: { name: string; color: string };
  setSelection(row: number | null): void;
  setBatch(rows: readonly number[]): void;
  dispose(): void;
}

function toPeer(clientId: number, state: Record<string, unknown>): Peer | null {
  const user = state['user'] as { name?: unknown; color?: unknown; role?: unknown } | undefined;
  if (!user || typeof user.name !== 'string') return null;
  const selection = typeof state['selection'] === 'number' ? (state['selection'] as number) : null;
  const batch = Array.isArray(state['batch']) ? (state['batch'] as unknown[]).filter((r): r is number => Number.isInteger(r)) : [];
  return {
    clientId,
    name: user.name,
    color: typeof user.color === 'string' ? user.color : colorFor(user.name),
    role: typeof user.role === 'string' ? user.role : 'annotator',
    selection,
    batch,
  };
}

/** Publishes this browser's identity on `awareness` and mirrors everyone else's into a signal. */
export function createPresenceBridge(awareness: Awareness, identity: { name: string; role: string }): PresenceBridge {
  const self = { name: identity.name, color: colorFor(identity.name) };
  awareness.setLocalStateField('user', { ...self, role: identity.role });
  const peers = signal<readonly Peer[]>([]);
  const refresh = (): void => {
    const out: Peer[] = [];
    awareness.getStates().forEach((state, clientId) => {
      if (clientId === awareness.clientID) return;
      const peer = toPeer(clientId, state as Record<string, unknown>);
      if (peer) out.push(peer);
    });
    out.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
    peers.value = out;
  };
  awareness.on('change', refresh);
  refresh();
  return {
    peers,
    self,
    setSelection: (row) => awareness.setLocalStateField('selection', row),
    setBatch: (rows) => awareness.setLocalStateField('batch', [...rows]),
    dispose() {
      awareness.off('change', refresh);
      awareness.setLocalState(null);
    },
  };
}
