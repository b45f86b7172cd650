// The app frame: project title, tabs, connection indicator and presence in the header; the active
// tab below. Keyboard shortcuts are installed once here and act on the Label tab.
import { useEffect, useMemo } from 'preact/hooks';
import { signal, useComputed } from '@preact/signals';
import type { ConnectionBridge, LabelsBridge, ModelBridge, Peer, PresenceBridge } from '../bridge/index.ts';
import type { AppModel } from '../models/app-model.ts';
import { TABS, TAB_TITLES } from '../models/app-model.ts';
import { createHistoryModel } from '../models/history-model.ts';
import { installKeyboard } from '../models/keymap.ts';
import { BadgeControls } from './BadgeControls.tsx';
import { HistoryTab } from './HistoryTab.tsx';
import { PropagationPanel } from './PropagationPanel.tsx';
import { LabelTab } from './LabelTab.tsx';
import { ModelDocTab } from './ModelDocTab.tsx';
import { ModelDesignPanel } from './ModelDesignPanel.tsx';
import { TrainPanel } from './TrainPanel.tsx';
import { isRunRecord } from './RunView.tsx';
import { TOKEN_STORAGE_KEY } from '../api/join.ts';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { ConnectionIndicator, PresenceList } from './StatusBar.tsx';

/** Props of App. */
export interface AppProps {
  app: AppModel;
  labels: LabelsBridge;
  model: ModelBridge;
  presence?: PresenceBridge | null;
  connection?: ConnectionBridge | null;
  downloadUrl(file: 'labels.csv' | 'events.csv', asOf?: number): string;
  /** Download URL of a blob (default: `/api/projects/<id>/blobs/<sha256>?token=<the stored join token>`). */
  blobUrl?(sha256: string): string;
}

/** The blob URL the relay serves, with the join token stored in this browser. */
function defaultBlobUrl(projectId: string, sha256: string): string {
  let token: string | null = null;
  try {
    token = typeof localStorage === 'undefined' ? null : localStorage.getItem(TOKEN_STORAGE_KEY);
  } catch (error) {
    console.warn('patchwork: cannot read the stored token', error);
  }
  const query = token ? `?${new URLSearchParams({ token }).toString()}` : '';
  return `/api/projects/${encodeURIComponent(projectId)}/blobs/${sha256}${query}`;
}

const NO_PEERS = signal<readonly Peer[]>([]);

/** The whole app. */
export function App({ app, labels, model, presence, connection, downloadUrl, blobUrl }: AppProps) {
  const history = useMemo(() => createHistoryModel(labels), [labels]);
  const version = useComputed(() => labels.snapshot.value?.version ?? 0);
  useEffect(
    () =>
      installKeyboard(window, (action) => {
        if (app.tab.peek() !== 'label' && action.type !== 'help' && action.type !== 'close') return;
        app.session.handleKey(action);
      }),
    [app],
  );
  const tab = app.tab.value;
  const peers = presence?.peers ?? NO_PEERS;
  const common = { model, canRequest: app.canEdit, requestedBy: app.config.annotator, now: app.deps.now };
  const newestRun = tab === 'train' ? model.runs.value.find((r) => isRunRecord(r.record))?.id : undefined;
  return (
    <div class="app">
      <header class="top">
        <div class="brand">
          <strong>Patchwork</strong>
          <span class="project" title={app.config.projectId}>
            {app.config.title}
          </span>
          <span class="role" data-testid="role">
            {app.config.annotator} · {app.config.role}
          </span>
        </div>
        <nav class="tabs" role="tablist">
          {TABS.map((t) => (
            <button type="button" role="tab" key={t} aria-selected={tab === t} class={tab === t ? 'on' : ''} data-testid={`tab-button-${t}`} onClick={() => (app.tab.value = t)}>
              {TAB_TITLES[t]}
            </button>
          ))}
        </nav>
        <div class="status">
          {presence && <PresenceList self={presence.self} peers={peers} />}
          {connection && <ConnectionIndicator state={connection.state} unsynced={connection.unsynced} refusal={connection.refusal} />}
          <button type="button" class="ghost" title="Keyboard shortcuts (?)" onClick={() => (app.session.helpOpen.value = true)}>
            ?
          </button>
        </div>
      </header>
      <main>
        {tab === 'label' && <LabelTab app={app} labels={labels} peers={peers} />}
        {tab === 'model' && (
          <ModelDocTab
            {...common}
            title="Model"
            intro="Design the fine-tuning and output models. Build model asks a trainer to build them with fresh weights; Make it so on the Train tab trains this design."
            jobKinds={['build', 'extract']}
            outputKinds={['model', 'features']}
            actions={[]}
          >
            <ModelDesignPanel {...common} forms={app.forms} />
          </ModelDocTab>
        )}
        {tab === 'train' && (
          <ModelDocTab
            {...common}
            title="Train"
            intro="Training, prediction and BADGE jobs with their progress, loss curves and metrics. Predictions enable the model-based sort orders in the Label tab."
            jobKinds={['train', 'predict', 'badge']}
            outputKinds={['predictions', 'badge']}
            actions={[]}
            excludeRunIds={newestRun ? [newestRun] : []}
          >
            <TrainPanel
              {...common}
              forms={app.forms}
              blobUrl={(sha) => (blobUrl ? blobUrl(sha) : defaultBlobUrl(app.config.projectId, sha))}
              imageUrl={app.deps.imageUrl}
              imageCount={app.config.imageCount}
            />
            <BadgeControls {...common} classes={app.classes.value} />
          </ModelDocTab>
        )}
        {tab === 'propagation' && (
          <ModelDocTab
            {...common}
            title="Label Propagation"
            intro="The k-nearest-neighbour graph and the labels propagated over it."
            jobKinds={['graph', 'propagate']}
            outputKinds={['graph', 'propagated']}
            actions={[]}
          >
            <PropagationPanel {...common} app={app} />
          </ModelDocTab>
        )}
        {tab === 'history' && <HistoryTab history={history} version={version} downloadUrl={downloadUrl} />}
      </main>
      <ShortcutsDialog open={app.session.helpOpen} />
    </div>
  );
}
