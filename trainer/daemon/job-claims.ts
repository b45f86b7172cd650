// Job claiming on the model document (layout in shared/schema/model-doc.ts). Yjs has no
// compare-and-set, so a claim is a write followed by a settle check: concurrent claims converge
// to one winner on every peer, and each trainer proceeds only if it still holds the claim after
// the settle delay. A lease that is not renewed expires, and another trainer may retry the job.
import * as Y from 'yjs';
import { MODEL_JOBS_KEY } from '../../shared/schema/model-doc.ts';
import type { JobKind, JobRecord, JobStatus } from '../../shared/schema/model-doc.ts';

/** Origin tag of every transaction the trainer makes on the model document. */
export const TRAINER_ORIGIN = { source: 'trainer' } as const;

/** Lease length (ms); renewed every third of it while the job runs. */
export const DEFAULT_LEASE_MS = 30_000;

/** A job as the trainer sees it. */
export interface JobView {
  id: string;
  map: Y.Map<unknown>;
  record: Partial<JobRecord>;
}

/** The jobs root map. */
export function jobsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(MODEL_JOBS_KEY) as Y.Map<Y.Map<unknown>>;
}

/** Reads a job map into a plain record. */
export function readJob(map: Y.Map<unknown>): Partial<JobRecord> {
  return map.toJSON() as Partial<JobRecord>;
}

/**
 * Jobs of the given kinds this trainer may take now, oldest request first: status `requested`,
 * or `claimed`/`running` with an expired lease (a crashed trainer), and not cancelled.
 */
export function claimableJobs(doc: Y.Doc, kinds: readonly JobKind[], now: number): JobView[] {
  const out: JobView[] = [];
  jobsMap(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    const record = readJob(map);
    if (!record.kind || !kinds.includes(record.kind) || record.cancel === true) return;
    const expired = (record.status === 'claimed' || record.status === 'running') && (record.leaseUntil ?? 0) < now;
    if (record.status === 'requested' || expired) out.push({ id, map, record });
  });
  return out.sort((a, b) => (a.record.requestedAt ?? 0) - (b.record.requestedAt ?? 0) || (a.id < b.id ? -1 : 1));
}

/** Writes a claim (status `claimed`, claimant, lease). Check `holdsClaim` after the settle delay. */
export function writeClaim(doc: Y.Doc, job: JobView, name: string, now: number, leaseMs = DEFAULT_LEASE_MS): void {
  doc.transact(() => {
    job.map.set('status', 'claimed' satisfies JobStatus);
    job.map.set('claimant', name);
    job.map.set('leaseUntil', now + leaseMs);
    job.map.delete('error');
  }, TRAINER_ORIGIN);
}

/** Whether `name` still holds the job's claim (not cancelled, not taken by another trainer). */
export function holdsClaim(job: JobView, name: string): boolean {
  const r = readJob(job.map);
  return r.claimant === name && (r.status === 'claimed' || r.status === 'running') && r.cancel !== true;
}

/** Sets fields of a job in one trainer transaction. */
export function updateJob(doc: Y.Doc, job: JobView, fields: Partial<JobRecord>): void {
  doc.transact(() => {
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) job.map.delete(key);
      else job.map.set(key, value);
    }
  }, TRAINER_ORIGIN);
}
