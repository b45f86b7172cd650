// Start-up: take the join token, find the project (relay first, the cached configuration when
// offline), open the documents and build the bridges and the app model.
import { signal } from '@preact/signals';
import { browserJoinEnvironment, takeJoinToken } from './api/join.ts';
import { AuthError, cacheConfig, cachedConfig, createRelayApi } from './api/relay-api.ts';
import type { ProjectConfig, RelayApi } from './api/relay-api.ts';
import { createConnectionBridge, createLabelsBridge, createModelBridge, createPresenceBridge } from './bridge/index.ts';
import type { ConnectionBridge, LabelsBridge, ModelBridge, PresenceBridge } from './bridge/index.ts';
import { createAppModel } from './models/app-model.ts';
import { createSessionStore } from './models/session-store.ts';
import type { AppModel } from './models/app-model.ts';
import { browserDwellEnvironment } from './models/dwell-tracker.ts';
import { createProjectSync } from './sync/providers.ts';
import { createPrefetcher } from './sync/offline.ts';

/** Everything the running app holds. */
export interface Running {
  api: RelayApi;
  app: AppModel;
  labels: LabelsBridge;
  model: ModelBridge;
  presence: PresenceBridge;
  connection: ConnectionBridge;
}

/** What the start screen shows. */
export type BootState =
  | { phase: 'loading'; detail: string }
  | { phase: 'no-token' }
  | { phase: 'error'; message: string }
  | { phase: 'ready'; running: Running };

/** Boot progress as a signal. */
export const bootState = signal<BootState>({ phase: 'loading', detail: 'Starting…' });

async function findConfig(api: RelayApi): Promise<ProjectConfig> {
  try {
    const health = await api.health();
    const config = await api.projectConfig(health.project);
    cacheConfig(window.localStorage, config);
    return config;
  } catch (error) {
    if (error instanceof AuthError) throw error;
    const cached = cachedConfig(window.localStorage);
    if (cached) return cached;
    throw new Error(`the relay cannot be reached and this browser has not opened the project before (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Runs the start-up sequence and publishes its progress in `bootState`. */
export async function boot(): Promise<void> {
  const token = takeJoinToken(browserJoinEnvironment());
  if (!token) {
    bootState.value = { phase: 'no-token' };
    return;
  }
  try {
    const api = createRelayApi(window.location.origin, token);
    bootState.value = { phase: 'loading', detail: 'Finding the project…' };
    const config = await findConfig(api);
    const sync = createProjectSync({ projectId: config.projectId, token, wsBase: api.wsBase });
    bootState.value = { phase: 'loading', detail: 'Loading labels saved in this browser…' };
    await sync.whenLocalLoaded;
    const labels = createLabelsBridge(sync.labelsDoc, { annotator: config.annotator });
    const model = createModelBridge(sync.modelDoc);
    const presence = createPresenceBridge(sync.labelsProvider.awareness, { name: config.annotator, role: config.role });
    const connection = createConnectionBridge(sync.labelsProvider, { storage: window.localStorage, key: `patchwork.unsynced.${config.projectId}` });
    labels.onLocalEdit((n) => connection.noteLocalEdits(n));
    const app = createAppModel({
      config,
      labels,
      model,
      presence,
      connection,
      imageUrl: (row, size) => api.imageUrl(config.projectId, row, size),
      loadBlob: async (sha) => {
        const res = await fetch(api.blobUrl(config.projectId, sha));
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return res.arrayBuffer();
      },
      dwellEnv: browserDwellEnvironment(),
      rng: Math.random,
      now: () => Date.now(),
      prefetch: createPrefetcher(),
      sessionStore: createSessionStore(window.localStorage, `patchwork.session.${config.projectId}.${config.annotator}`),
    });
    window.addEventListener('pagehide', () => presence.dispose());
    bootState.value = { phase: 'ready', running: { api, app, labels, model, presence, connection } };
  } catch (error) {
    bootState.value = { phase: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}
