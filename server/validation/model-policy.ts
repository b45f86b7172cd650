// Write rights on the model document (room `<id>/model`, layout in shared/schema/model-doc.ts):
// trainers write jobs, runs and latest; owners and annotators only create job requests (requester
// fields, status `requested`, under their own name) and set `cancel`; owners may also delete; viewers write nothing.
import { JOB_KINDS, JOB_REQUESTER_FIELDS, MODEL_JOBS_KEY, MODEL_LATEST_KEY, MODEL_RUNS_KEY } from '../../shared/schema/model-doc.ts';
import type { Role } from '../../shared/protocol/roles.ts';
import type { InspectedUpdate, InsertedItem } from './inspect-update.ts';
import { FORBIDDEN_KEYS, isPlainJson, refuse, type Refusal } from './refusal.ts';

/** Root types of the model document. */
export const MODEL_ROOTS: readonly string[] = [MODEL_JOBS_KEY, MODEL_RUNS_KEY, MODEL_LATEST_KEY];

/** Fields a new job request must carry. */
const REQUIRED_JOB_FIELDS = ['kind', 'requestedBy', 'requestedAt', 'status'];

function singleValue(item: InsertedItem): { ok: true; value: unknown } | { ok: false } {
  const c = item.content;
  if (c.kind === 'values' && c.values.length === 1) return { ok: true, value: c.values[0] };
  return { ok: false };
}

function requesterFieldProblem(field: string, value: unknown, name: string): string | null {
  switch (field) {
    case 'kind':
      return (JOB_KINDS as readonly unknown[]).includes(value) ? null : 'unknown job kind';
    case 'settings':
      return value !== null && typeof value === 'object' && !Array.isArray(value) && isPlainJson(value) ? null : 'settings must be a plain JSON object';
    case 'requestedBy':
      return value === name ? null : 'requestedBy is not the token name';
    case 'requestedAt':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'requestedAt must be a number';
    case 'status':
      return value === 'requested' ? null : "a requester may only write status 'requested'";
    case 'cancel':
      return value === true ? null : 'cancel may only be set to true';
    default:
      return `"${field}" is not a requester field`;
  }
}

/** Checks an inspected update to the model document for `role` / `name`. */
export function checkModelUpdate(inspected: InspectedUpdate, role: Role, name: string): Refusal | null {
  const writes = inspected.inserts.length + inspected.deletes.length + inspected.newGcCount + inspected.unknownDeletes;
  if (writes === 0 && inspected.unresolved.length === 0) return null;
  if (role === 'viewer') return refuse('READ_ONLY', 'viewers cannot write the model document');
  if (inspected.unresolved.length > 0) return refuse('MISSING_DEPENDENCY', `${inspected.unresolved.length} items reference unknown content`);
  for (const item of [...inspected.inserts, ...inspected.deletes]) {
    if (!MODEL_ROOTS.includes(item.location.root)) return refuse('OUTSIDE_SCHEMA', `unknown model root "${item.location.root}"`);
    if (item.location.levels.some((l) => l.key !== null && FORBIDDEN_KEYS.includes(l.key))) return refuse('OUTSIDE_SCHEMA', 'forbidden key');
  }
  if (role === 'trainer') return inspected.unknownDeletes > 0 ? refuse('MISSING_DEPENDENCY', 'delete of unknown content') : null;
  const mayDelete = role === 'owner';
  if (!mayDelete && (inspected.deletes.length > 0 || inspected.newGcCount > 0 || inspected.unknownDeletes > 0)) {
    return refuse('DELETE_REFUSED', `${role}s cannot delete or overwrite model content`);
  }
  if (inspected.unknownDeletes > 0) return refuse('MISSING_DEPENDENCY', 'delete of unknown content');
  return checkJobRequests(inspected.inserts, role, name);
}

function checkJobRequests(inserts: InsertedItem[], role: Role, name: string): Refusal | null {
  const newJobs = new Map<string, Set<string>>();
  for (const item of inserts) {
    const { root, levels } = item.location;
    if (root !== MODEL_JOBS_KEY) return refuse('MODEL_REFUSED', `${role}s cannot write "${root}"`);
    const job = levels[0];
    if (!job || job.key === null) return refuse('OUTSIDE_SCHEMA', 'jobs entries must be keyed by job id');
    if (levels.length === 1) {
      if (item.content.kind !== 'type' || item.content.typeKind !== 'map') return refuse('MODEL_REFUSED', 'a job must be a Y.Map');
      if (!newJobs.has(job.key)) newJobs.set(job.key, new Set());
      continue;
    }
    if (levels.length !== 2) return refuse('MODEL_REFUSED', 'job fields are plain values');
    const field = levels[1]?.key;
    if (field === null || field === undefined || !JOB_REQUESTER_FIELDS.includes(field)) {
      return refuse('MODEL_REFUSED', `only trainers write job field "${String(field)}"`);
    }
    if (!job.isNew && field !== 'cancel') return refuse('MODEL_REFUSED', 'an existing job can only be cancelled');
    const v = singleValue(item);
    if (!v.ok) return refuse('MODEL_REFUSED', `job field "${field}" must be one plain value`);
    const problem = requesterFieldProblem(field, v.value, name);
    if (problem) return refuse(field === 'requestedBy' ? 'IMPERSONATION' : 'MODEL_REFUSED', problem);
    if (job.isNew) {
      const fields = newJobs.get(job.key) ?? new Set<string>();
      fields.add(field);
      newJobs.set(job.key, fields);
    }
  }
  for (const [jobId, fields] of newJobs) {
    const missing = REQUIRED_JOB_FIELDS.filter((f) => !fields.has(f));
    if (missing.length > 0) return refuse('MODEL_REFUSED', `job "${jobId}" lacks ${missing.join(', ')}`);
  }
  return null;
}
