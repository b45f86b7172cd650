// Layout of the model document (room `<id>/model`): jobs requested by the app and claimed by
// trainers, runs with their metrics, and pointers to the latest bulk outputs (content-addressed
// blobs on the relay). Small structured records only; bulk data lives in blobs.

/** Root Y.Map of jobs, keyed by job id. Each value is a Y.Map with the JobRecord fields. */
export const MODEL_JOBS_KEY = 'jobs';
/** Root Y.Map of finished runs, keyed by run id. Each value is a plain RunRecord object. */
export const MODEL_RUNS_KEY = 'runs';
/** Root Y.Map of the newest output of each kind (OutputKind → OutputPointer). */
export const MODEL_LATEST_KEY = 'latest';

/** What a job asks a trainer to do. */
export const JOB_KINDS = ['build', 'train', 'predict', 'badge', 'graph', 'propagate', 'extract'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** Life cycle of a job. `requested` is the only status a non-trainer may write. */
export const JOB_STATUSES = ['requested', 'claimed', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * Fields of a job's Y.Map. A requester (owner or annotator) creates the map with kind, settings,
 * requestedBy, requestedAt and status 'requested', and may later set `cancel` to true; every other
 * field is written by trainers only.
 */
export interface JobRecord {
  kind: JobKind;
  /** Requested settings as plain JSON (model spec, training options, BADGE class, …). */
  settings: Record<string, unknown>;
  requestedBy: string;
  requestedAt: number;
  status: JobStatus;
  /** Set by a requester to ask the claimant to stop. */
  cancel?: boolean;
  /** Trainer that holds the lease. */
  claimant?: string;
  /** Lease expiry (ms since epoch); an expired lease may be taken by another trainer. */
  leaseUntil?: number;
  /** Progress, updated at most once a second. */
  progress?: { step: number; total: number; loss?: number; etaMs?: number; message?: string };
  /** Run that this job produced. */
  runId?: string;
  error?: string;
}

/** Fields a requester (owner or annotator) may write in a job's Y.Map. */
export const JOB_REQUESTER_FIELDS: readonly string[] = ['kind', 'settings', 'requestedBy', 'requestedAt', 'status', 'cancel'];

/** Kinds of bulk output published as blobs. */
export const OUTPUT_KINDS = ['predictions', 'badge', 'propagated', 'model', 'graph', 'features'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

/** Pointer to an immutable blob on the relay (`GET /api/projects/<id>/blobs/<sha256>`). */
export interface BlobRef {
  sha256: string;
  /** Array shape, e.g. [N, C] for predictions. */
  shape: number[];
  dtype: 'float32' | 'float64' | 'int32' | 'uint8' | 'bytes';
  bytes: number;
}

/** What `latest.<kind>` holds. */
export interface OutputPointer extends BlobRef {
  runId: string;
  /** Label-table version (number of folded events) the output was computed from. */
  labelVersion: number;
  createdAt: number;
}
