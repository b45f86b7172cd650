// The trainer daemon: joins the relay as a peer, folds the labels live, claims jobs with a lease
// (settle check against concurrent claims; expired leases are retried), runs them one at a time,
// reports progress at most once a second, honours `cancel`, and can request a retrain itself
// after N new labels.
import { hostname } from 'node:os';
import * as Y from 'yjs';
import { LiveLabelTable } from '../../shared/labels/index.ts';
import type { LabelTable } from '../../shared/table/label-table.ts';
import type { JobKind, JobRecord } from '../../shared/schema/model-doc.ts';
import type { FeatureSet } from '../data/features.ts';
import { createTrainerSession } from '../train/session.ts';
import type { TrainerSession } from '../train/session.ts';
import type { LiveExtractor } from '../train/image-inputs.ts';
import { TRAINER_JOB_HANDLERS } from './job-handlers.ts';
import type { JobHandler } from './job-handlers.ts';
import { DEFAULT_LEASE_MS, TRAINER_ORIGIN, claimableJobs, holdsClaim, jobsMap, readJob, updateJob, writeClaim } from './job-claims.ts';
import type { JobView } from './job-claims.ts';
import { connectPeer } from './peer.ts';
import type { TrainerPeer } from './peer.ts';

/** How long a claim must survive before the job starts (ms); over twice the relay round trip. */
export const DEFAULT_SETTLE_MS = 500;
/** Minimum time between two progress writes (ms). */
export const PROGRESS_WRITE_MS = 1000;

/** Options of a trainer daemon. */
export interface DaemonOptions {
  url: string;
  token: string;
  projectId: string;
  /** Features in image order, or null (train/predict/build jobs then fail with a clear error). */
  features: FeatureSet | null;
  /** The extractor the features came from and the images, for training on augmented images. */
  live?: LiveExtractor | null;
  /** Name written as claimant and in run records (default host:pid). */
  name?: string;
  leaseMs?: number;
  settleMs?: number;
  /** Request a `train` job after this many new label events (0: off). */
  autoRetrain?: number;
  /** Extra handlers by job kind (BADGE, graph, …); they override the built-in ones. */
  handlers?: Partial<Record<JobKind, JobHandler>>;
  log?: (line: string) => void;
  now?: () => number;
}

/** A running daemon. */
export interface TrainerDaemon {
  readonly name: string;
  readonly peer: TrainerPeer;
  readonly session: TrainerSession | null;
  /** Resolves when both rooms have synced. */
  ready(): Promise<void>;
  /** Id of the job running now, or null. */
  activeJob(): string | null;
  /** Stops claiming, cancels the running job, disconnects. */
  stop(): Promise<void>;
}

function copyTable(t: LabelTable): LabelTable {
  return {
    rowCount: t.rowCount,
    classes: [...t.classes],
    labels: t.labels.map((l) => l.slice()),
    exclude: t.exclude.slice(),
    validation: t.validation.slice(),
  };
}

/** Starts a daemon; it begins claiming as soon as both rooms have synced. */
export function startTrainerDaemon(options: DaemonOptions): TrainerDaemon {
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const log = options.log ?? (() => {});
  const now = options.now ?? Date.now;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  const handlers: Partial<Record<JobKind, JobHandler>> = { ...TRAINER_JOB_HANDLERS, ...options.handlers };
  const kinds = Object.keys(handlers) as JobKind[];
  const peer = connectPeer({ url: options.url, token: options.token, projectId: options.projectId });
  const session = options.features ? createTrainerSession(options.features, name, options.live ?? null) : null;
  let live: LiveLabelTable | null = null;
  let stopped = false;
  let active: { id: string; abort: AbortController } | null = null;
  let scheduled = false;
  let pumping: Promise<void> = Promise.resolve();
  let lastTrainVersion = 0;
  let lastTrainSettings: Record<string, unknown> = {};
  const synced = peer.whenSynced();

  const schedule = (): void => {
    if (scheduled || stopped) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      pumping = pump();
    });
  };

  const runJob = async (job: JobView): Promise<void> => {
    const abort = new AbortController();
    active = { id: job.id, abort };
    const record = readJob(job.map);
    const onJobChange = (): void => {
      if (!holdsClaim(job, name)) abort.abort();
    };
    job.map.observe(onJobChange);
    const renew = setInterval(() => {
      if (holdsClaim(job, name)) updateJob(peer.modelDoc, job, { leaseUntil: now() + leaseMs });
    }, Math.max(50, Math.floor(leaseMs / 3)));
    let lastProgress = -Infinity;
    try {
      updateJob(peer.modelDoc, job, { status: 'running', leaseUntil: now() + leaseMs });
      const table = live ? copyTable(live.table) : null;
      if (!table || table.rowCount === 0) throw new Error('the labels document is empty or not initialised');
      const labelVersion = live?.version ?? 0;
      const handler = handlers[record.kind as JobKind];
      if (!handler) throw new Error(`no handler for job kind ${String(record.kind)}`);
      log(`job ${job.id} (${record.kind}) started`);
      const result = await handler({
        jobId: job.id,
        settings: (record.settings ?? {}) as Record<string, unknown>,
        table,
        labelVersion,
        signal: abort.signal,
        progress: (p) => {
          const t = now();
          if (t - lastProgress < PROGRESS_WRITE_MS && p.step < p.total) return;
          lastProgress = t;
          if (holdsClaim(job, name)) updateJob(peer.modelDoc, job, { progress: p });
        },
        modelDoc: peer.modelDoc,
        labelsDoc: peer.labelsDoc,
        session,
        blobs: { url: options.url, projectId: options.projectId, token: options.token },
        trainerName: name,
        now,
      });
      if (record.kind === 'train') {
        lastTrainVersion = labelVersion;
        lastTrainSettings = (record.settings ?? {}) as Record<string, unknown>;
      }
      const cancelled = abort.signal.aborted || result.status === 'cancelled';
      const fields: Partial<JobRecord> = { status: cancelled ? 'cancelled' : 'done' };
      if (result.runId) fields.runId = result.runId;
      if (readJob(job.map).claimant === name) updateJob(peer.modelDoc, job, fields);
      log(`job ${job.id} ${fields.status}${result.runId ? ` (${result.runId})` : ''}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`job ${job.id} failed: ${message}`);
      if (readJob(job.map).claimant === name) updateJob(peer.modelDoc, job, { status: 'failed', error: message });
    } finally {
      clearInterval(renew);
      job.map.unobserve(onJobChange);
      active = null;
    }
  };

  const pump = async (): Promise<void> => {
    if (active || stopped) return;
    const [job] = claimableJobs(peer.modelDoc, kinds, now());
    if (!job) return;
    active = { id: job.id, abort: new AbortController() };
    writeClaim(peer.modelDoc, job, name, now(), leaseMs);
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    if (stopped || !holdsClaim(job, name)) {
      const r = readJob(job.map);
      if (r.claimant === name && r.cancel === true) updateJob(peer.modelDoc, job, { status: 'cancelled' });
      else log(`job ${job.id} was claimed by ${String(r.claimant)}`);
      active = null;
      schedule();
      return;
    }
    await runJob(job);
    schedule();
  };

  const maybeAutoRetrain = (): void => {
    const n = options.autoRetrain ?? 0;
    if (n <= 0 || !live || live.version - lastTrainVersion < n) return;
    let pending = false;
    jobsMap(peer.modelDoc).forEach((map) => {
      const r = readJob(map);
      if (r.kind === 'train' && (r.status === 'requested' || r.status === 'claimed' || r.status === 'running')) pending = true;
    });
    if (pending) return;
    lastTrainVersion = live.version;
    const id = `auto-${now()}-${Math.floor(Math.random() * 1e9).toString(36)}`;
    peer.modelDoc.transact(() => {
      const map = new Y.Map<unknown>();
      jobsMap(peer.modelDoc).set(id, map);
      map.set('kind', 'train');
      map.set('settings', lastTrainSettings);
      map.set('requestedBy', name);
      map.set('requestedAt', now());
      map.set('status', 'requested');
    }, TRAINER_ORIGIN);
    log(`requested retraining after ${n} new labels (job ${id})`);
  };

  const onJobs = (): void => schedule();
  // Expired leases change nothing in the document, so look again on a timer.
  const tick = setInterval(schedule, Math.max(100, Math.floor(leaseMs / 2)));
  void synced.then(() => {
    if (stopped) return;
    live = new LiveLabelTable(peer.labelsDoc);
    lastTrainVersion = live.version;
    live.subscribe(() => maybeAutoRetrain());
    jobsMap(peer.modelDoc).observeDeep(onJobs);
    log(`joined ${options.url} as ${name}; serving ${kinds.join(', ')}`);
    schedule();
  });

  return {
    name,
    peer,
    session,
    ready: () => synced,
    activeJob: () => active?.id ?? null,
    async stop() {
      stopped = true;
      clearInterval(tick);
      active?.abort.abort();
      await pumping;
      jobsMap(peer.modelDoc).unobserveDeep(onJobs);
      live?.dispose();
      peer.destroy();
      session?.dispose();
    },
  };
}
