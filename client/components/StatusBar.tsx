// Header widgets: the connection indicator (online / offline / syncing, with the number of edits
// the relay has not confirmed) and the list of annotators online with the image each is viewing.
import type { ReadonlySignal } from '@preact/signals';
import type { ConnectionState } from '../bridge/connection-bridge.ts';
import type { Peer } from '../bridge/presence-bridge.ts';

const STATE_TEXT: Record<ConnectionState, string> = {
  online: 'Online',
  offline: 'Offline',
  syncing: 'Syncing',
  refused: 'Refused',
};

/** Props of ConnectionIndicator. */
export interface ConnectionIndicatorProps {
  state: ReadonlySignal<ConnectionState>;
  unsynced: ReadonlySignal<number>;
  refusal: ReadonlySignal<string | null>;
}

/** A dot, a word and the count of edits waiting to reach the relay. */
export function ConnectionIndicator({ state, unsynced, refusal }: ConnectionIndicatorProps) {
  const s = state.value;
  const n = unsynced.value;
  const title =
    s === 'offline'
      ? 'No connection to the relay. Labels are saved in this browser and sent when the connection returns.'
      : s === 'refused'
        ? (refusal.value ?? 'The relay refused this connection.')
        : s === 'syncing'
          ? 'Exchanging edits with the relay.'
          : 'Connected; edits reach the other annotators at once.';
  return (
    <span class={`conn conn-${s}`} title={title} data-testid="connection" data-state={s} data-unsynced={n}>
      <span class="dot" aria-hidden="true" />
      {STATE_TEXT[s]}
      {n > 0 && <span class="unsynced"> · {n} unsynced</span>}
    </span>
  );
}

/** Props of PresenceList. */
export interface PresenceListProps {
  self: { name: string; color: string };
  peers: ReadonlySignal<readonly Peer[]>;
}

/** Everyone online, as coloured initials; hovering names the image they are on. */
export function PresenceList({ self, peers }: PresenceListProps) {
  const all = [{ name: self.name, color: self.color, selection: null as number | null, me: true }, ...peers.value.map((p) => ({ ...p, me: false }))];
  return (
    <ul class="presence" data-testid="presence" aria-label="Annotators online">
      {all.map((p, i) => (
        <li
          key={`${p.name}-${i}`}
          title={p.me ? `${p.name} (you)` : `${p.name}${p.selection !== null ? ` — viewing image ${p.selection}` : ''}`}
          data-peer={p.me ? undefined : p.name}
        >
          <span class="avatar" style={{ background: p.color }}>
            {p.name.slice(0, 2)}
          </span>
          <span class="presence-name">
            {p.name}
            {p.me ? ' (you)' : p.selection !== null ? ` · #${p.selection}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
