// What every job handler gets from the daemon (JobContext), the handler type, and the helpers all
// handlers end with: plain-JSON records and the `latest.<kind>` pointer write. Kept apart from the
// handler registry so that the handlers and the registry can both import it without a cycle.
import type * as Y from 'yjs';
import { MODEL_LATEST_KEY } from '../../shared/schema/model-doc.ts';
import type { JobRecord, OutputKind, OutputPointer } from '../../shared/schema/model-doc.ts';
import type { LabelTable } from '../../shared/table/label-table.ts';
import type { TrainerSession } from '../train/session.ts';
import type { BlobTarget } from './blobs.ts';
import { TRAINER_ORIGIN } from './job-claims.ts';

/** Everything a job handler gets. */
export interface JobContext {
  jobId: string;
  settings: Record<string, unknown>;
  /** A snapshot of the label table taken when the job started. */
  table: LabelTable;
  labelVersion: number;
  signal: AbortSignal;
  /** Reports progress (the daemon writes it to the job, at most once a second). */
  progress(p: NonNullable<JobRecord['progress']>): void;
  modelDoc: Y.Doc;
  labelsDoc: Y.Doc;
  /** The session over the features, or null when this trainer has none. */
  session: TrainerSession | null;
  blobs: BlobTarget;
  trainerName: string;
  now: () => number;
}

/** A job handler; resolves with the run it produced, if any. */
export type JobHandler = (ctx: JobContext) => Promise<{ runId?: string; status?: 'done' | 'cancelled' }>;

/** Replaces non-finite numbers by null so a record is plain JSON. */
export function toPlainJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))) as T;
}

/** Writes `latest.<kind>` pointers (with any extra provenance fields) in one transaction. */
export function writeLatest(doc: Y.Doc, pointers: Partial<Record<OutputKind, OutputPointer>>): void {
  doc.transact(() => {
    const latest = doc.getMap(MODEL_LATEST_KEY);
    for (const [kind, pointer] of Object.entries(pointers)) latest.set(kind, toPlainJson(pointer));
  }, TRAINER_ORIGIN);
}

/** The session, or the error every feature-based job fails with when the trainer has none. */
export function requireFeatures(ctx: Pick<JobContext, 'session'>): TrainerSession {
  if (!ctx.session) throw new Error('this trainer has no features; start it with --features <f.npy> or --extractor <model.json>');
  return ctx.session;
}
