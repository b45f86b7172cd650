// The `badge` job: embeds every row with the trainer's current model (the input of its last Dense
// layer and its probabilities), ranks the unlabelled, non-excluded rows by BADGE (with respect to
// all classes or one), publishes the ranking as an int32 blob and points `latest.badge` at it.
import { MODEL_RUNS_KEY } from '../../shared/schema/model-doc.ts';
import type { OutputPointer } from '../../shared/schema/model-doc.ts';
import { badgeUnavailableMask, encodeRankingBlob } from '../../shared/badge/index.ts';
import { BADGE_BATCH_SIZE, computeBadgeRanking, createLayersEmbedder } from '../badge/index.ts';
import type { EmbedFn } from '../badge/index.ts';
import { sliceRows } from '../data/features.ts';
import { batchTensor } from '../train/batches.ts';
import { putBlob } from './blobs.ts';
import { requireFeatures, writeLatest } from './job-context.ts';
import type { JobContext, JobHandler } from './job-context.ts';
import { numberSetting, yieldTurn } from './job-settings.ts';

/** Default ranking length of a `badge` job. */
export const BADGE_JOB_DEFAULT_K = 1000;

/** What `latest.badge` holds: the blob pointer plus the class the ranking is with respect to. */
export interface BadgePointer extends OutputPointer {
  /** Class index the gradients were restricted to, or null for all classes. */
  classIndex: number | null;
  /** Requested ranking length (the blob may hold fewer rows). */
  k: number;
}

/** The newest finished run this trainer recorded (the run that produced its current model). */
function currentRunId(ctx: JobContext): string | null {
  let best: { id: string; at: number } | null = null;
  ctx.modelDoc.getMap(MODEL_RUNS_KEY).forEach((value, id) => {
    const record = value as { status?: string; finishedAt?: number; trainer?: { name?: string } } | null;
    if (!record || record.status !== 'done' || record.trainer?.name !== ctx.trainerName) return;
    const at = record.finishedAt ?? 0;
    if (!best || at > best.at) best = { id, at };
  });
  return (best as { id: string } | null)?.id ?? null;
}

/** Thrown from the embed callback to stop the ranking when the job is cancelled. */
class Cancelled extends Error {}

/** `badge`: settings { classIndex?: number | null, k?: number } (see docs/jobs.md). */
export const badgeJob: JobHandler = async (ctx) => {
  const session = requireFeatures(ctx);
  const current = session.current();
  if (!current) throw new Error('build and train a model first');
  const classCount = current.classCount;
  const rawClass = ctx.settings.classIndex;
  const classIndex = rawClass === undefined || rawClass === null ? null : numberSetting(ctx.settings, 'classIndex', 0, { min: 0, max: classCount - 1, integer: true });
  const k = numberSetting(ctx.settings, 'k', BADGE_JOB_DEFAULT_K, { min: 1, integer: true });
  const features = session.features;
  if (ctx.table.rowCount !== features.count) throw new Error(`the label table has ${ctx.table.rowCount} rows but the features have ${features.count}`);
  const runId = currentRunId(ctx) ?? `badge-${ctx.jobId}`;
  const modelEmbed = createLayersEmbedder(current.full, (batch) => batchTensor(sliceRows(features, batch.start, batch.start + batch.count), batch.count, features.rowShape));
  const embed: EmbedFn = async (batch) => {
    await yieldTurn();
    if (ctx.signal.aborted) throw new Cancelled('cancelled');
    return modelEmbed(batch);
  };
  let result;
  try {
    result = await computeBadgeRanking({
      rowCount: features.count,
      numClasses: classCount,
      embed,
      labelledMask: badgeUnavailableMask(ctx.table),
      k,
      rng: Math.random,
      ...(classIndex !== null ? { classIndex } : {}),
      batchSize: BADGE_BATCH_SIZE,
      runId,
      labelVersion: ctx.labelVersion,
      onProgress: (done, total) => ctx.progress({ step: done, total: total + 1, message: `embedding ${done} / ${total} rows` }),
    });
  } catch (error) {
    if (error instanceof Cancelled || ctx.signal.aborted) return { status: 'cancelled' };
    throw error;
  }
  if (ctx.signal.aborted) return { status: 'cancelled' };
  const bytes = encodeRankingBlob(result.ranking);
  const sha256 = await putBlob(ctx.blobs, bytes);
  const badge: BadgePointer = {
    sha256,
    shape: [result.ranking.length],
    dtype: 'int32',
    bytes: bytes.byteLength,
    runId: result.runId,
    labelVersion: result.labelVersion,
    createdAt: ctx.now(),
    classIndex: result.classIndex,
    k,
  };
  ctx.progress({ step: features.count + 1, total: features.count + 1, message: `ranked ${result.ranking.length} rows` });
  writeLatest(ctx.modelDoc, { badge: badge });
  return {};
};
