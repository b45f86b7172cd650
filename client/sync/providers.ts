// Wiring of the two Yjs documents of a project to IndexedDB (y-indexeddb, so the app works offline
// and reloads instantly) and to the relay (y-websocket). Only the bridge reads from these objects.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { isPermanentRefusal, modelRoomName } from '../../shared/protocol/index.ts';

/** Prefix of the IndexedDB database names (one database per document). */
export const IDB_PREFIX = 'patchwork';

/** The documents and providers of one open project. */
export interface ProjectSync {
  labelsDoc: Y.Doc;
  modelDoc: Y.Doc;
  labelsProvider: WebsocketProvider;
  modelProvider: WebsocketProvider;
  labelsStore: IndexeddbPersistence;
  modelStore: IndexeddbPersistence;
  /** Resolves once both local IndexedDB copies are loaded into memory. */
  whenLocalLoaded: Promise<void>;
  destroy(): void;
}

/** Options of createProjectSync. */
export interface ProjectSyncOptions {
  projectId: string;
  token: string;
  /** `ws://host:port/yjs` */
  wsBase: string;
  /** Do not connect to the relay (tests, benchmarks). */
  offlineOnly?: boolean;
}

/**
 * Opens the labels document (room `<id>`) and the model document (room `<id>/model`): the local
 * IndexedDB copies load first, then the WebSocket providers connect and exchange what is missing.
 */
export function createProjectSync(options: ProjectSyncOptions): ProjectSync {
  const labelsDoc = new Y.Doc();
  const modelDoc = new Y.Doc();
  const labelsStore = new IndexeddbPersistence(`${IDB_PREFIX}:${options.projectId}`, labelsDoc);
  const modelStore = new IndexeddbPersistence(`${IDB_PREFIX}:${modelRoomName(options.projectId)}`, modelDoc);
  const providerOptions = {
    connect: !options.offlineOnly,
    params: { token: options.token },
    // BroadcastChannel stays on: tabs of one browser exchange edits directly, even offline.
    shouldReconnect: (event: CloseEvent) => !isPermanentRefusal(event.code),
  };
  const labelsProvider = new WebsocketProvider(options.wsBase, options.projectId, labelsDoc, providerOptions);
  const modelProvider = new WebsocketProvider(options.wsBase, modelRoomName(options.projectId), modelDoc, providerOptions);
  const whenLocalLoaded = Promise.all([labelsStore.whenSynced, modelStore.whenSynced]).then(() => undefined);
  const stopWatching = options.offlineOnly ? () => undefined : followNetworkState([labelsProvider, modelProvider]);
  return {
    labelsDoc,
    modelDoc,
    labelsProvider,
    modelProvider,
    labelsStore,
    modelStore,
    whenLocalLoaded,
    destroy() {
      stopWatching();
      labelsProvider.destroy();
      modelProvider.destroy();
      void labelsStore.destroy();
      void modelStore.destroy();
      labelsDoc.destroy();
      modelDoc.destroy();
    },
  };
}

/**
 * Disconnects the providers when the browser reports it is offline and reconnects them when it is
 * back, instead of waiting for a dead socket to time out (a socket can stay open while the
 * network is gone, and edits sent into it would be counted as delivered).
 */
export function followNetworkState(providers: readonly WebsocketProvider[]): () => void {
  const offline = (): void => {
    for (const p of providers) p.disconnect();
  };
  const online = (): void => {
    for (const p of providers) p.connect();
  };
  window.addEventListener('offline', offline);
  window.addEventListener('online', online);
  if (!navigator.onLine) offline();
  return () => {
    window.removeEventListener('offline', offline);
    window.removeEventListener('online', online);
  };
}
