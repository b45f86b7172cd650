// What the Model and Train tabs say about the model document: the current model (from the newest
// run record or finished build), the active training job and its progress, and the published
// model blob with the run that made it. Pure functions over the model bridge's values.
import type { JobView, RunView } from '../bridge/model-bridge.ts';
import type { OutputPointer } from '../../shared/schema/model-doc.ts';
import type { ModelSpec, RunRecord } from '../../shared/training/index.ts';
import { FINE_TUNING_TITLES, OUTPUT_TITLES } from './model-form.ts';

/** The model the trainers hold now, as far as the model document tells. */
export interface CurrentModel {
  spec: ModelSpec;
  /** Parameter counts; only run records carry them. */
  params: RunRecord['params'] | null;
  /** Where it comes from: a run id or a build job id. */
  source: { kind: 'run' | 'build'; id: string };
  at: number;
}

function isRun(record: Readonly<Record<string, unknown>>): record is Readonly<Record<string, unknown>> & RunRecord {
  const config = record['config'] as { model?: unknown } | undefined;
  return typeof record['finishedAt'] === 'number' && !!config && typeof config.model === 'object' && config.model !== null;
}

function isSpec(value: unknown): value is ModelSpec {
  const v = value as Partial<ModelSpec> | null;
  return !!v && typeof v === 'object' && !!v.fineTuning && !!v.output && !!v.semiSupervised;
}

/** The newest of: the newest run record with a configuration, the newest finished build job. */
export function currentModel(jobs: readonly JobView[], runs: readonly RunView[]): CurrentModel | null {
  let best: CurrentModel | null = null;
  for (const run of runs) {
    const r = run.record;
    if (!isRun(r) || r.status === 'failed') continue;
    if (!best || r.finishedAt > best.at) best = { spec: r.config.model, params: r.params ?? null, source: { kind: 'run', id: run.id }, at: r.finishedAt };
  }
  for (const job of jobs) {
    if (job.kind !== 'build' || job.status !== 'done') continue;
    const spec = job.settings['model'];
    if (!isSpec(spec)) continue;
    if (!best || job.requestedAt > best.at) best = { spec, params: null, source: { kind: 'build', id: job.id }, at: job.requestedAt };
  }
  return best;
}

/** "Global Pooling (max pool)", "Convnet 128,p,d,128 (kernel 1, …)". */
export function describeFineTuning(spec: ModelSpec): string {
  const ft = spec.fineTuning;
  if (ft.kind === 'global-pooling') return `${FINE_TUNING_TITLES[ft.kind]} (${ft.poolingType})`;
  const extras = [`kernel ${ft.kernelSize}`, ft.batchnorm ? 'batch norm' : '', ft.separable ? 'separable' : '', `dropout ${ft.dropoutRate}`, ft.poolingType].filter(Boolean);
  return `${FINE_TUNING_TITLES[ft.kind]} ${ft.layers} (${extras.join(', ')})`;
}

/** "Sigmoid Cross-entropy (label smoothing 0)", "Sigmoid Focal Loss (gamma 2, normalized)". */
export function describeOutput(spec: ModelSpec): string {
  const o = spec.output;
  const extras = [o.kind === 'sigmoid-focal' ? `gamma ${o.gamma}` : `label smoothing ${o.labelSmoothing}`, o.normalize ? 'normalized' : ''].filter(Boolean);
  return `${OUTPUT_TITLES[o.kind]} (${extras.join(', ')})`;
}

/** Statuses of a job that is still to finish. */
const ACTIVE = new Set(['requested', 'claimed', 'running']);

/** The newest train job that has not finished, or null. */
export function activeTrainJob(jobs: readonly JobView[]): JobView | null {
  let best: JobView | null = null;
  for (const j of jobs) if (j.kind === 'train' && ACTIVE.has(j.status) && (!best || j.requestedAt > best.requestedAt)) best = j;
  return best;
}

/** "1 min 05 s", "12 s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** The published model and the run record that produced it (when present). */
export interface PublishedModel {
  pointer: OutputPointer;
  run: RunRecord | null;
}

/** `latest.model` with its run. */
export function publishedModel(latest: Readonly<Partial<Record<string, OutputPointer>>>, runs: readonly RunView[]): PublishedModel | null {
  const pointer = latest['model'];
  if (!pointer) return null;
  const run = runs.find((r) => r.id === pointer.runId)?.record;
  return { pointer, run: run && isRun(run) ? (run as RunRecord) : null };
}
