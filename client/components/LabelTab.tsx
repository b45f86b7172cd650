// The Label tab (the original's Annotate tab): sampling controls on top, the image grid on the
// left, the labelling tool and the live label counts on the right.
import type { ReadonlySignal, Signal } from '@preact/signals';
import type { LabelsBridge, Peer } from '../bridge/index.ts';
import type { AppModel } from '../models/app-model.ts';
import { CountsTable } from './CountsTable.tsx';
import { ImageGrid } from './ImageGrid.tsx';
import { LabelingTool } from './LabelingTool.tsx';
import { SamplingControls } from './SamplingControls.tsx';

/** Props of LabelTab. */
export interface LabelTabProps {
  app: AppModel;
  labels: LabelsBridge;
  peers: ReadonlySignal<readonly Peer[]>;
}

/** The Label tab. */
export function LabelTab({ app, labels, peers }: LabelTabProps) {
  const { session } = app;
  const message = session.message.value;
  return (
    <div class="label-tab" data-testid="label-tab">
      <SamplingControls
        session={session}
        subsetOptions={app.subsetOptions}
        sortChoices={app.sortChoices}
        predictionSource={app.predictionSource as Signal<string>}
        predictionSources={app.predictionSources}
      />
      {message && (
        <p class="status-line" role="status" data-testid="message">
          {message}
        </p>
      )}
      <div class="label-main">
        <ImageGrid session={session} snapshot={labels.snapshot} peers={peers} imageUrl={app.thumbnailUrl} />
        <aside class="side">
          <LabelingTool session={session} snapshot={labels.snapshot} classes={app.classes} canUndo={labels.canUndo} />
          <section class="panel" aria-label="Label counts">
            <h2>Label counts</h2>
            <CountsTable counts={app.counts} />
          </section>
        </aside>
      </div>
    </div>
  );
}
