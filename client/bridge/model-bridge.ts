// The model document (room `<id>/model`) as signals: jobs with their status and progress, finished
// runs, and the pointers to the newest outputs (predictions, BADGE ranking, …). The only write is a
// job request, which the relay allows owners and annotators to make.
import { signal } from '@preact/signals';
import type { ReadonlySignal } from '@preact/signals';
import * as Y from 'yjs';
import { MODEL_JOBS_KEY, MODEL_LATEST_KEY, MODEL_RUNS_KEY } from '../../shared/schema/model-doc.ts';
import type { JobKind, JobRecord, OutputKind, OutputPointer } from '../../shared/schema/model-doc.ts';
import { ORIGIN_JOB } from './origins.ts';

/** A job with its id. */
export interface JobView extends JobRecord {
  readonly id: string;
}

/** A finished run: its id and whatever the trainer recorded (config, losses, metrics). */
export interface RunView {
  readonly id: string;
  readonly record: Readonly<Record<string, unknown>>;
}

/** The model-document bridge. */
export interface ModelBridge {
  readonly jobs: ReadonlySignal<readonly JobView[]>;
  readonly runs: ReadonlySignal<readonly RunView[]>;
  readonly latest: ReadonlySignal<Readonly<Partial<Record<OutputKind, OutputPointer>>>>;
  /** Writes a job request; returns its id. */
  requestJob(kind: JobKind, settings: Record<string, unknown>, requestedBy: string, now: number): string;
  /** Asks the claimant of a job to stop. */
  cancelJob(id: string): void;
  dispose(): void;
}

function readJob(id: string, value: unknown): JobView | null {
  if (!(value instanceof Y.Map)) return null;
  const record = value.toJSON() as JobRecord;
  if (typeof record.kind !== 'string') return null;
  return { ...record, id };
}

/** Mirrors the model document into signals, re-reading a root map whenever it (deeply) changes. */
export function createModelBridge(doc: Y.Doc, randomId: () => string = () => crypto.randomUUID()): ModelBridge {
  const jobsMap = doc.getMap<unknown>(MODEL_JOBS_KEY);
  const runsMap = doc.getMap<unknown>(MODEL_RUNS_KEY);
  const latestMap = doc.getMap<unknown>(MODEL_LATEST_KEY);
  const jobs = signal<readonly JobView[]>([]);
  const runs = signal<readonly RunView[]>([]);
  const latest = signal<Readonly<Partial<Record<OutputKind, OutputPointer>>>>({});
  const readJobs = (): void => {
    const out: JobView[] = [];
    jobsMap.forEach((value, id) => {
      const job = readJob(id, value);
      if (job) out.push(job);
    });
    out.sort((a, b) => b.requestedAt - a.requestedAt);
    jobs.value = out;
  };
  const readRuns = (): void => {
    const out: RunView[] = [];
    runsMap.forEach((value, id) => {
      const record = value instanceof Y.Map ? (value.toJSON() as Record<string, unknown>) : (value as Record<string, unknown>);
      if (record && typeof record === 'object') out.push({ id, record });
    });
    out.sort((a, b) => Number(b.record['finishedAt'] ?? b.record['createdAt'] ?? 0) - Number(a.record['finishedAt'] ?? a.record['createdAt'] ?? 0));
    runs.value = out;
  };
  const readLatest = (): void => {
    latest.value = latestMap.toJSON() as Partial<Record<OutputKind, OutputPointer>>;
  };
  jobsMap.observeDeep(readJobs);
  runsMap.observeDeep(readRuns);
  latestMap.observeDeep(readLatest);
  readJobs();
  readRuns();
  readLatest();
  return {
    jobs,
    runs,
    latest,
    requestJob(kind, settings, requestedBy, now) {
      const id = randomId();
      doc.transact(() => {
        const job = new Y.Map<unknown>();
        job.set('kind', kind);
        job.set('settings', settings);
        job.set('requestedBy', requestedBy);
        job.set('requestedAt', now);
        job.set('status', 'requested');
        jobsMap.set(id, job);
      }, ORIGIN_JOB);
      return id;
    },
    cancelJob(id) {
      const job = jobsMap.get(id);
      if (job instanceof Y.Map) doc.transact(() => job.set('cancel', true), ORIGIN_JOB);
    },
    dispose() {
      jobsMap.unobserveDeep(readJobs);
      runsMap.unobserveDeep(readRuns);
      latestMap.unobserveDeep(readLatest);
    },
  };
}
