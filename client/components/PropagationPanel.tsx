// The Label Propagation tab's controls: Build (a `graph` job with k and temperature), Propagate (a
// `propagate` job with the iteration count), how many rows the last propagation reached, and a
// histogram by class of the chosen prediction source (NaN = unknown is counted apart, never as 0).
import { useState } from 'preact/hooks';
import type { ModelBridge } from '../bridge/model-bridge.ts';
import type { AppModel } from '../models/app-model.ts';
import { HISTOGRAM_BINS, columnHistogram } from '../models/value-histogram.ts';
import { BarChart } from './Charts.tsx';

/** Props of PropagationPanel. */
export interface PropagationPanelProps {
  app: AppModel;
  model: ModelBridge;
  canRequest: boolean;
  requestedBy: string;
  now(): number;
}

function NumberField({ label, value, step, testId, onChange }: { label: string; value: number; step: string; testId: string; onChange(v: number): void }) {
  return (
    <label class="field">
      <span>{label}</span>
      <input type="number" data-testid={testId} value={value} step={step} min="0" onChange={(e) => onChange(Number((e.currentTarget as HTMLInputElement).value))} />
    </label>
  );
}

/** Build / Propagate controls, rows reached and the histogram by class. */
export function PropagationPanel({ app, model, canRequest, requestedBy, now }: PropagationPanelProps) {
  const [k, setK] = useState(10);
  const [temperature, setTemperature] = useState(0.01);
  const [iterations, setIterations] = useState(10);
  const [column, setColumn] = useState(0);
  const latest = model.latest.value;
  const graph = latest.graph as (Record<string, unknown> & { labelVersion: number }) | undefined;
  const propagated = latest.propagated as (Record<string, unknown> & { shape: number[]; labelVersion: number }) | undefined;
  const active = app.activePredictions.value;
  const sources = app.predictionSources.value;
  const histogram = active ? columnHistogram(active.values, active.classes.length, column) : null;
  const why = canRequest ? 'Writes a job request; a connected trainer claims it.' : 'View-only links cannot request jobs.';
  return (
    <section class="panel" aria-label="Label propagation" data-testid="propagation-panel">
      <h2>Neighbour graph and propagation</h2>
      <div class="actions">
        <NumberField label="k (neighbours)" value={k} step="1" testId="graph-k" onChange={setK} />
        <NumberField label="temperature" value={temperature} step="0.001" testId="graph-temperature" onChange={setTemperature} />
        <button type="button" data-testid="graph-build" disabled={!canRequest} title={why} onClick={() => model.requestJob('graph', { k, temperature }, requestedBy, now())}>
          Build
        </button>
      </div>
      <div class="actions">
        <NumberField label="iterations" value={iterations} step="1" testId="propagate-iterations" onChange={setIterations} />
        <button
          type="button"
          data-testid="propagate"
          disabled={!canRequest || !graph}
          title={graph ? why : 'Build the neighbour graph first.'}
          onClick={() => model.requestJob('propagate', { iterations }, requestedBy, now())}
        >
          Propagate
        </button>
      </div>
      <p class="muted" data-testid="propagation-status">
        {!graph
          ? 'No neighbour graph yet: build one.'
          : !propagated
            ? `Graph built (k ${String((graph['params'] as { k?: number } | undefined)?.k ?? '?')}, labels v${graph.labelVersion}); nothing propagated yet.`
            : `${String(propagated['reachedRows'] ?? '?')} of ${propagated.shape[0] ?? '?'} rows reached by propagation (labels v${propagated.labelVersion}).`}
      </p>
      <div class="actions">
        {sources.length > 1 && (
          <label class="field">
            <span>Histogram of</span>
            <select data-testid="histogram-source" value={app.predictionSource.value} onChange={(e) => (app.predictionSource.value = (e.currentTarget as HTMLSelectElement).value as typeof app.predictionSource.value)}>
              {sources.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
        {active && (
          <label class="field">
            <span>Class</span>
            <select data-testid="histogram-class" value={String(column)} onChange={(e) => setColumn(Number((e.currentTarget as HTMLSelectElement).value))}>
              {active.classes.map((name, c) => (
                <option key={name} value={String(c)}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {histogram ? (
        <>
          <BarChart bars={histogram.bins.map((count, b) => ({ label: (b / HISTOGRAM_BINS).toFixed(1), count }))} height={160} />
          <p class="muted" data-testid="histogram-unknown">
            {histogram.unknown} images unknown (not reached) for this class.
          </p>
        </>
      ) : (
        <p class="muted">No {app.predictionSource.value} yet.</p>
      )}
    </section>
  );
}
