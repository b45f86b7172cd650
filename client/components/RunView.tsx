// One training run from the model document, drawn from its RunRecord: status and where it ran,
// loss curves, per-class AUC / accuracy, and the "outputs by class" histograms of the original's
// Train tab (training and validation panels, 14 bins over [0, 1], unlabelled as an outline).
import { useState } from 'preact/hooks';
import type { RunRecord } from '../../shared/training/index.ts';
import type { ClassHistogram } from '../../shared/metrics/histogram.ts';
import { LinePlot } from './Charts.tsx';
import { formatTime } from './format.ts';

/** How the run record's augmentation kind reads in the run summary. */
const AUGMENTATION_LABELS = { image: 'images (live extractor)', 'feature-space': 'feature maps (FixMatch)', none: 'none' } as const;

/** True when a model-document run looks like a RunRecord (enough to draw it). */
export function isRunRecord(value: unknown): value is RunRecord {
  const r = value as Partial<RunRecord> | null;
  return !!r && typeof r === 'object' && !!r.loss && Array.isArray(r.loss.supervised) && Array.isArray(r.metrics) && Array.isArray(r.histograms);
}

const fmt = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(3));

function HistogramPanel({ h, split, width = 300, height = 110 }: { h: ClassHistogram; split: 'train' | 'val'; width?: number; height?: number }) {
  const pos = h.series[split === 'train' ? 'trainPos' : 'valPos'] ?? [];
  const neg = h.series[split === 'train' ? 'trainNeg' : 'valNeg'] ?? [];
  const unl = h.series.unlabelled ?? [];
  const max = Math.max(1e-9, ...pos, ...neg, ...unl);
  const bins = Math.max(pos.length, 1);
  const bw = (width - 8) / bins;
  const y = (v: number): number => height - 14 - (v / max) * (height - 20);
  const outline = unl.map((v, i) => `${4 + i * bw},${y(v)} ${4 + (i + 1) * bw},${y(v)}`).join(' ');
  const m = h[split];
  return (
    <figure class="hist">
      <figcaption>
        {split === 'train' ? 'training' : 'validation'} · AUC {fmt(m.auc)} · accuracy {fmt(m.accuracy)}
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} class="chart" role="img" aria-label={`${h.className} ${split} outputs`}>
        {pos.map((v, i) => (
          <rect key={`p${i}`} x={4 + i * bw} y={y(v)} width={bw} height={height - 14 - y(v)} fill="#2b8a3e" fill-opacity={0.5} />
        ))}
        {neg.map((v, i) => (
          <rect key={`n${i}`} x={4 + i * bw} y={y(v)} width={bw} height={height - 14 - y(v)} fill="#c92a2a" fill-opacity={0.5} />
        ))}
        <polyline points={outline} fill="none" stroke="#495057" stroke-width={1.25} />
        <text x={4} y={height - 2} class="tick">0</text>
        <text x={width - 4} y={height - 2} class="tick" text-anchor="end">1</text>
      </svg>
    </figure>
  );
}

/** A RunRecord as a card. */
export function RunView({ id, run }: { id: string; run: RunRecord }) {
  const [cls, setCls] = useState(run.histograms[0]?.className ?? '');
  const h = run.histograms.find((x) => x.className === cls);
  const series = [{ name: 'training loss', color: '#1971c2', points: run.loss.supervised.map((y, x) => ({ x, y })) }];
  const val = run.loss.validation.flatMap((y, i) => (y === null ? [] : [{ x: run.loss.validationStep[i] ?? i, y }]));
  if (val.length > 0) series.push({ name: 'validation loss', color: '#d9480f', points: val });
  return (
    <article class="run" data-run={id} data-status={run.status}>
      <h3>
        run {id.slice(0, 8)} · <span class={`status status-${run.status === 'done' ? 'done' : run.status === 'failed' ? 'failed' : 'requested'}`}>{run.status}</span>
      </h3>
      <dl>
        <div>
          <dt>trainer</dt>
          <dd data-testid="run-trainer">
            {run.trainer.name} ({run.trainer.backend}) · {run.trainer.machine}
          </dd>
        </div>
        <div>
          <dt>finished</dt>
          <dd>{formatTime(run.finishedAt)}</dd>
        </div>
        <div>
          <dt>labels</dt>
          <dd>
            v{run.labelVersion} · {run.counts.training} train / {run.counts.validation} val
          </dd>
        </div>
        <div>
          <dt>steps · samples/s</dt>
          <dd>
            {run.steps} · {Math.round(run.samplesPerSecond)}
          </dd>
        </div>
        {run.augmentation && (
          <div>
            <dt>augmentation</dt>
            <dd data-testid="run-augmentation">
              {AUGMENTATION_LABELS[run.augmentation]}
              {run.fineTunedExtractor ? ' · extractor fine-tuned' : ''}
            </dd>
          </div>
        )}
        <div>
          <dt>parameters</dt>
          <dd>{run.params.total.toLocaleString()}</dd>
        </div>
        {run.error && (
          <div>
            <dt>error</dt>
            <dd class="error">{run.error}</dd>
          </div>
        )}
      </dl>
      {run.loss.supervised.length > 0 && <LinePlot series={series} yLabel="loss" formatX={(x) => String(Math.round(x))} height={150} />}
      {run.metrics.length > 0 && (
        <table class="data">
          <thead>
            <tr>
              <th>class</th>
              <th>train AUC</th>
              <th>train acc</th>
              <th>val AUC</th>
              <th>val acc</th>
            </tr>
          </thead>
          <tbody>
            {run.metrics.map((m) => (
              <tr key={m.className}>
                <td>{m.className}</td>
                <td>{fmt(m.train.auc)}</td>
                <td>{fmt(m.train.accuracy)}</td>
                <td>{fmt(m.val.auc)}</td>
                <td>{fmt(m.val.accuracy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {h && (
        <section class="outputs-by-class">
          <label class="field">
            <span>Outputs by class</span>
            <select value={cls} onChange={(e) => setCls((e.currentTarget as HTMLSelectElement).value)}>
              {run.histograms.map((x) => (
                <option key={x.className} value={x.className}>
                  {x.className}
                </option>
              ))}
            </select>
          </label>
          <HistogramPanel h={h} split="train" />
          <HistogramPanel h={h} split="val" />
          <p class="muted legend-line">
            <span class="swatch" style={{ background: '#2b8a3e88' }} />
            labelled positive <span class="swatch" style={{ background: '#c92a2a88' }} />
            labelled negative <span class="swatch" style={{ border: '1px solid #495057' }} />
            unlabelled
          </p>
        </section>
      )}
    </article>
  );
}
