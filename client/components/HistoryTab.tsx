// The History tab: who labelled how much and how fast, labels per hour over time, the dwell-time
// distribution, the label table as of any past moment, and downloads of labels.csv / events.csv.
import { useEffect } from 'preact/hooks';
import type { ReadonlySignal } from '@preact/signals';
import type { HistoryModel } from '../models/history-model.ts';
import { colorFor } from '../bridge/presence-bridge.ts';
import { BarChart, LinePlot } from './Charts.tsx';
import { CountsTable } from './CountsTable.tsx';
import { formatDuration, formatTime } from './format.ts';
import { useComputed } from '@preact/signals';

/** Props of HistoryTab. */
export interface HistoryTabProps {
  history: HistoryModel;
  /** Changes whenever the label table changes (so the tab re-reads the log). */
  version: ReadonlySignal<number>;
  downloadUrl(file: 'labels.csv' | 'events.csv', asOf?: number): string;
}

const fmtTime = (ts: number): string => formatTime(ts, false);

/** The History tab. */
export function HistoryTab({ history, version, downloadUrl }: HistoryTabProps) {
  const v = version.value;
  useEffect(() => history.refresh(), [v, history]);
  const asOfCounts = useComputed(() => history.asOfView.value?.counts ?? null);
  const stats = history.stats.value;
  const range = history.range.value;
  const asOf = history.asOf.value;
  const view = history.asOfView.value;
  const series = [...history.series.value].map(([name, s]) => ({
    name,
    color: colorFor(name),
    points: s.buckets.map((b) => ({ x: b.start, y: b.labelsPerHour })),
  }));
  return (
    <div class="history" data-testid="history-tab">
      <section class="panel">
        <h2>Annotators</h2>
        <table class="data" data-testid="annotator-stats">
          <thead>
            <tr>
              <th>annotator</th>
              <th>edits</th>
              <th>images</th>
              <th>median dwell</th>
              <th>active time</th>
              <th>labels / hour</th>
              <th>last edit</th>
            </tr>
          </thead>
          <tbody>
            {[...stats.annotators, stats.total].map((a) => (
              <tr key={a.annotator || '(total)'} class={a.annotator ? '' : 'total'} data-annotator={a.annotator || 'total'}>
                <th scope="row">
                  {a.annotator ? <span class="swatch" style={{ background: colorFor(a.annotator) }} /> : null}
                  {a.annotator || 'everyone'}
                </th>
                <td>{a.events}</td>
                <td>{a.imagesTouched}</td>
                <td>{formatDuration(a.medianDwellMs)}</td>
                <td>{(a.activeMs / 60_000).toFixed(1)} min</td>
                <td>{a.labelsPerHour === null ? '—' : Math.round(a.labelsPerHour)}</td>
                <td>{a.lastTs === null ? '—' : fmtTime(a.lastTs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div class="two-col">
        <section class="panel">
          <h2>Labels per hour</h2>
          <LinePlot series={series} yLabel="labels / hour" formatX={(x) => new Date(x).toISOString().slice(range && range.last - range.first < 3_600_000 ? 11 : 5, 19).replace('T', ' ')} />
          <ul class="legend">
            {series.map((s) => (
              <li key={s.name}>
                <span class="swatch" style={{ background: s.color }} />
                {s.name}
              </li>
            ))}
          </ul>
        </section>
        <section class="panel">
          <h2>Dwell time before each edit</h2>
          <BarChart bars={history.dwell.value} />
        </section>
      </div>
      <section class="panel" data-testid="as-of">
        <h2>Label table as of</h2>
        {range ? (
          <div class="as-of-controls">
            <input
              type="range"
              min={range.first}
              max={range.last}
              step={1}
              value={asOf ?? range.last}
              aria-label="as of"
              data-testid="as-of-slider"
              onInput={(e) => (history.asOf.value = Number((e.currentTarget as HTMLInputElement).value))}
            />
            <span data-testid="as-of-time">{asOf === null ? 'now' : fmtTime(asOf)}</span>
            <button type="button" onClick={() => (history.asOf.value = null)} disabled={asOf === null}>
              now
            </button>
          </div>
        ) : (
          <p class="muted">No events yet.</p>
        )}
        {view && (
          <div>
            <p class="muted" data-testid="as-of-summary">
              {view.events} events · {view.states.labelled} labelled, {view.states.partial} partial, {view.states.unlabelled} unlabelled images
            </p>
            <CountsTable counts={asOfCounts} />
          </div>
        )}
        <div class="downloads">
          <a class="button" href={downloadUrl('labels.csv', asOf ?? undefined)} download="labels.csv" data-testid="download-labels">
            Download labels.csv{asOf === null ? '' : ' (as of)'}
          </a>
          <a class="button" href={downloadUrl('events.csv')} download="events.csv" data-testid="download-events">
            Download events.csv
          </a>
        </div>
      </section>
    </div>
  );
}
