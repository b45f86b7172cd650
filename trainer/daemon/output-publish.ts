// What the BADGE, graph and propagate jobs need from the daemon, declared structurally (the job
// handler registry imports these jobs, so they cannot import it back), and the `latest.<kind>`
// write they end with.
import type * as Y from 'yjs';
import { MODEL_LATEST_KEY } from '../../shared/schema/model-doc.ts';
import type { JobRecord, OutputKind, OutputPointer } from '../../shared/schema/model-doc.ts';
import type { LabelTable } from '../../shared/table/label-table.ts';
import type { TrainerSession } from '../train/session.ts';
import type { BlobTarget } from './blobs.ts';
import { TRAINER_ORIGIN } from './job-claims.ts';

/** The part of the daemon's job context these jobs use (a JobContext satisfies it). */
export interface OutputJobContext {
  jobId: string;
  settings: Record<string, unknown>;
  table: LabelTable;
  labelVersion: number;
  signal: AbortSignal;
  progress(p: NonNullable<JobRecord['progress']>): void;
  modelDoc: Y.Doc;
  session: TrainerSession | null;
  blobs: BlobTarget;
  trainerName: string;
  now: () => number;
}

/** A handler over OutputJobContext (assignable to the daemon's JobHandler). */
export type OutputJobHandler = (ctx: OutputJobContext) => Promise<{ runId?: string; status?: 'done' | 'cancelled' }>;

/** Writes one `latest.<kind>` pointer (with any extra provenance fields) as plain JSON. */
export function publishLatest(doc: Y.Doc, kind: OutputKind, pointer: OutputPointer): void {
  const plain = JSON.parse(JSON.stringify(pointer, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))) as OutputPointer;
  doc.transact(() => doc.getMap(MODEL_LATEST_KEY).set(kind, plain), TRAINER_ORIGIN);
}

/** The session, or the error every feature-based job fails with when the trainer has none. */
export function requireFeatures(ctx: OutputJobContext): TrainerSession {
  if (!ctx.session) throw new Error('this trainer has no features; start it with --features <f.npy>');
  return ctx.session;
}
