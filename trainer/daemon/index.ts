// Public surface of the trainer daemon: start it, its job handlers (and the handler type other
// areas implement for BADGE or graph jobs), claims, blobs and the peer connection.
export { DEFAULT_SETTLE_MS, PROGRESS_WRITE_MS, startTrainerDaemon } from './daemon.ts';
export type { DaemonOptions, TrainerDaemon } from './daemon.ts';
export { TRAINER_JOB_HANDLERS, buildJob, predictJob, trainJob } from './job-handlers.ts';
export { requireFeatures, toPlainJson, writeLatest } from './job-context.ts';
export type { JobContext, JobHandler } from './job-context.ts';
export { DEFAULT_LEASE_MS, TRAINER_ORIGIN, claimableJobs, holdsClaim, jobsMap, readJob, updateJob, writeClaim } from './job-claims.ts';
export type { JobView } from './job-claims.ts';
export { float32Bytes, putBlob, putBytes, putPredictions, sha256Hex } from './blobs.ts';
export type { BlobTarget } from './blobs.ts';
export { connectPeer, yjsServerUrl } from './peer.ts';
export type { PeerOptions, TrainerPeer } from './peer.ts';
export { BADGE_JOB_DEFAULT_K, badgeJob } from './badge-job.ts';
export type { BadgePointer } from './badge-job.ts';
export { graphFeatures, graphJob, propagateJob } from './graph-jobs.ts';
export type { GraphPointer, PropagatedPointer } from './graph-jobs.ts';
export { fetchBlob } from './blob-fetch.ts';
