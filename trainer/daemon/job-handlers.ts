// What the trainer does for each job kind it serves: `train` (train from the current weights or
// a fresh build, predict, measure, publish), `build` (fresh weights) and `predict` (publish
// predictions of the current model), plus `badge`, `graph` and `propagate` (badge-job.ts, graph-jobs.ts).
import { randomUUID } from 'node:crypto';
import { MODEL_LATEST_KEY, MODEL_RUNS_KEY } from '../../shared/schema/model-doc.ts';
import type { BlobRef, OutputKind, OutputPointer } from '../../shared/schema/model-doc.ts';
import { TRAINER_ORIGIN } from './job-claims.ts';
import { parseModelSpec } from '../../shared/training/model-spec.ts';
import { parseTrainOptions } from '../../shared/training/train-options.ts';
import type { RunRecord } from '../../shared/training/run-record.ts';
import { packModelBlob } from '../models/memory-io.ts';
import { putBytes, putPredictions } from './blobs.ts';
import { requireFeatures, toPlainJson, writeLatest } from './job-context.ts';
import type { JobHandler } from './job-context.ts';
import { badgeJob } from './badge-job.ts';
import { graphJob, propagateJob } from './graph-jobs.ts';

export type { JobContext, JobHandler } from './job-context.ts';
export { toPlainJson, writeLatest } from './job-context.ts';

function pointer(ref: BlobRef, runId: string, labelVersion: number, createdAt: number): OutputPointer {
  return { ...ref, runId, labelVersion, createdAt };
}

/** `train`: settings { model?, training?, rebuild? } (see docs/trainer.md). */
export const trainJob: JobHandler = async (ctx) => {
  const session = requireFeatures(ctx);
  const model = parseModelSpec(ctx.settings.model);
  const training = parseTrainOptions(ctx.settings.training);
  const runId = `run-${randomUUID()}`;
  const outcome = await session.run({
    runId,
    jobId: ctx.jobId,
    table: ctx.table,
    labelVersion: ctx.labelVersion,
    model,
    training,
    rebuild: ctx.settings.rebuild === true,
    signal: ctx.signal,
    wallClock: ctx.now,
    onProgress: (p) => ctx.progress({ step: p.step, total: p.total, ...(Number.isFinite(p.loss) ? { loss: p.loss } : {}), etaMs: Math.round(p.etaMs), message: p.message }),
  });
  const record: RunRecord = { ...outcome.record, trainer: { ...outcome.record.trainer, name: ctx.trainerName } };
  const pointers: Partial<Record<OutputKind, OutputPointer>> = {};
  const createdAt = ctx.now();
  if (outcome.predictions) {
    const ref = await putPredictions(ctx.blobs, outcome.predictions, ctx.table.rowCount, ctx.table.classes.length);
    record.outputs.predictions = ref;
    pointers.predictions = pointer(ref, runId, ctx.labelVersion, createdAt);
  }
  if (outcome.model) {
    const ref = await putBytes(ctx.blobs, packModelBlob(outcome.model));
    record.outputs.model = ref;
    pointers.model = pointer(ref, runId, ctx.labelVersion, createdAt);
  }
  ctx.modelDoc.transact(() => {
    ctx.modelDoc.getMap(MODEL_RUNS_KEY).set(runId, toPlainJson(record));
    const latest = ctx.modelDoc.getMap(MODEL_LATEST_KEY);
    for (const [kind, p] of Object.entries(pointers)) latest.set(kind, toPlainJson(p));
  }, TRAINER_ORIGIN);
  return { runId, status: record.status === 'cancelled' ? 'cancelled' : 'done' };
};

/** `build`: fresh weights for settings { model?, training?: { seed? } }. */
export const buildJob: JobHandler = async (ctx) => {
  const session = requireFeatures(ctx);
  const model = parseModelSpec(ctx.settings.model);
  const training = parseTrainOptions(ctx.settings.training);
  session.build(model, ctx.table.classes.length, training.seed);
  return {};
};

/** `predict`: publishes predictions of the current model (settings { batchSize? }). */
export const predictJob: JobHandler = async (ctx) => {
  const session = requireFeatures(ctx);
  const current = session.current();
  if (!current) throw new Error('there is no model yet; train one first');
  const batchSize = typeof ctx.settings.batchSize === 'number' ? ctx.settings.batchSize : 64;
  const predictions = await session.predict(batchSize, ctx.signal);
  if (!predictions) return { status: 'cancelled' };
  const ref = await putPredictions(ctx.blobs, predictions, ctx.table.rowCount, current.classCount);
  writeLatest(ctx.modelDoc, { predictions: pointer(ref, `predict-${ctx.jobId}`, ctx.labelVersion, ctx.now()) });
  return {};
};

/** The handlers this area provides. */
export const TRAINER_JOB_HANDLERS = { train: trainJob, build: buildJob, predict: predictJob, badge: badgeJob, graph: graphJob, propagate: propagateJob } as const;
