// Entry point: mounts the app, registers the service worker and runs the start-up sequence.
import { render } from 'preact';
import { App } from './components/App.tsx';
import { boot, bootState } from './boot.ts';
import { registerServiceWorker } from './sync/offline.ts';

function Root() {
  const state = bootState.value;
  if (state.phase === 'ready') {
    const { app, labels, model, presence, connection, api } = state.running;
    return (
      <App
        app={app}
        labels={labels}
        model={model}
        presence={presence}
        connection={connection}
        downloadUrl={(file, asOf) => api.exportUrl(app.config.projectId, file, asOf)}
        blobUrl={(sha) => api.blobUrl(app.config.projectId, sha)}
      />
    );
  }
  return (
    <div class="splash" data-testid="splash">
      <h1>Patchwork</h1>
      {state.phase === 'loading' && <p>{state.detail}</p>}
      {state.phase === 'no-token' && <p>Open the join link you were given (it ends in <code>#token=…</code>) to start labelling.</p>}
      {state.phase === 'error' && (
        <p class="error" data-testid="boot-error">
          {state.message}
        </p>
      )}
    </div>
  );
}

const root = document.getElementById('app');
if (root) render(<Root />, root);
registerServiceWorker();
void boot();
