// Connection state as signals: online / offline / syncing, and how many of this browser's edits the
// relay has not yet confirmed. Fed by provider events and by the labels bridge on each local edit.
import { computed, effect, signal } from '@preact/signals';
import type { ReadonlySignal } from '@preact/signals';
import type { WebsocketProvider } from 'y-websocket';
import { closeCodeName, isPermanentRefusal } from '../../shared/protocol/index.ts';

/** What the connection indicator shows. */
export const CONNECTION_STATES = ['online', 'offline', 'syncing', 'refused'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

/** Where the unsynced count survives a reload made while offline. */
export interface UnsyncedStore {
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  key: string;
}

/** Connection signals and the hook the labels bridge calls on local edits. */
export interface ConnectionBridge {
  readonly state: ReadonlySignal<ConnectionState>;
  /** Local edits not yet known to be on the relay. */
  readonly unsynced: ReadonlySignal<number>;
  /** Why the relay closed the connection for good, if it did. */
  readonly refusal: ReadonlySignal<string | null>;
  /** Called for every event this browser appends. */
  noteLocalEdits(count: number): void;
  dispose(): void;
}

/**
 * Tracks one provider. An edit counts as synced once it was made while the provider was connected
 * and synced (y-websocket sends it at once), or when a later sync completes after a reconnect (the
 * relay's sync step 1 makes this browser send everything the relay lacks).
 */
export function createConnectionBridge(provider: WebsocketProvider, persist?: UnsyncedStore): ConnectionBridge {
  const connected = signal(provider.wsconnected);
  const synced = signal(provider.synced);
  const unsynced = signal(Number(persist?.storage.getItem(persist.key) ?? 0) || 0);
  const stopPersist = effect(() => {
    persist?.storage.setItem(persist.key, String(unsynced.value));
  });
  const refusal = signal<string | null>(null);
  const onStatus = ({ status }: { status: string }): void => {
    connected.value = status === 'connected';
    if (status !== 'connected') synced.value = false;
  };
  const onSync = (isSynced: boolean): void => {
    synced.value = isSynced;
    if (isSynced && provider.wsconnected) unsynced.value = 0;
  };
  const onClose = (event: CloseEvent | null): void => {
    if (event && isPermanentRefusal(event.code)) refusal.value = `${closeCodeName(event.code) ?? event.code}: ${event.reason || 'refused by the relay'}`;
  };
  provider.on('status', onStatus);
  provider.on('sync', onSync);
  provider.on('connection-close', onClose);
  const state = computed<ConnectionState>(() => {
    if (refusal.value) return 'refused';
    if (!connected.value) return 'offline';
    return synced.value ? 'online' : 'syncing';
  });
  return {
    state,
    unsynced,
    refusal,
    noteLocalEdits(count) {
      if (!(provider.wsconnected && provider.synced)) unsynced.value += count;
    },
    dispose() {
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('connection-close', onClose);
      stopPersist();
    },
  };
}
