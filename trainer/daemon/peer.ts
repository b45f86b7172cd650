// Joins the relay as a Yjs peer: the labels room `<id>` and the model room `<id>/model`, each
// through an unmodified y-websocket WebsocketProvider (ws as the WebSocket in Node) with the
// trainer token as `?token=`. The providers reconnect on their own after a relay restart.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';

/** The WebSocket constructor type y-websocket accepts. */
type WebSocketPolyfill = NonNullable<NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill']>;

/** Connection settings of a trainer peer. */
export interface PeerOptions {
  /** Relay base URL, `http://host:port`. */
  url: string;
  token: string;
  projectId: string;
  /** Longest wait between reconnection attempts (ms). */
  maxBackoffMs?: number;
}

/** The two documents and their providers. */
export interface TrainerPeer {
  labelsDoc: Y.Doc;
  modelDoc: Y.Doc;
  labels: WebsocketProvider;
  model: WebsocketProvider;
  /** Resolves once both rooms have synced with the relay. */
  whenSynced(): Promise<void>;
  destroy(): void;
}

/** `ws://host:port/yjs` for `http://host:port` (wss for https). */
export function yjsServerUrl(url: string): string {
  return `${url.replace(/^http/, 'ws').replace(/\/+$/, '')}/yjs`;
}

function synced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const onSync = (isSynced: boolean): void => {
      if (!isSynced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
}

/** Connects both rooms. */
export function connectPeer(options: PeerOptions): TrainerPeer {
  const labelsDoc = new Y.Doc();
  const modelDoc = new Y.Doc();
  const common = {
    params: { token: options.token },
    WebSocketPolyfill: WebSocket as unknown as WebSocketPolyfill,
    maxBackoffTime: options.maxBackoffMs ?? 2500,
    disableBc: true,
  };
  const server = yjsServerUrl(options.url);
  const labels = new WebsocketProvider(server, options.projectId, labelsDoc, common);
  const model = new WebsocketProvider(server, `${options.projectId}/model`, modelDoc, common);
  return {
    labelsDoc,
    modelDoc,
    labels,
    model,
    whenSynced: async () => {
      await Promise.all([synced(labels), synced(model)]);
    },
    destroy: () => {
      labels.destroy();
      model.destroy();
      labelsDoc.destroy();
      modelDoc.destroy();
    },
  };
}
