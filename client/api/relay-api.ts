// HTTP access to the relay: health, project configuration, image and export URLs. The last good
// configuration is kept in localStorage so the app starts offline with the same identity.

import { isRole } from '../../shared/protocol/index.ts';
import type { Role } from '../../shared/protocol/index.ts';

export type { Role };

/** What the app needs to know about the project and about the person holding the token. */
export interface ProjectConfig {
  projectId: string;
  /** Display name of the project (falls back to the id). */
  title: string;
  /** Name written into every event this browser appends. */
  annotator: string;
  role: Role;
  classes: string[];
  imageCount: number;
}

/** localStorage key prefix of the cached configuration. */
export const CONFIG_CACHE_KEY = 'patchwork.config';

/** Fetch function type (so tests can inject one). */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Thrown when the relay refuses the token (401/403). */
export class AuthError extends Error {
  override name = 'AuthError';
}

function pickString(...values: unknown[]): string | undefined {
  for (const v of values) if (typeof v === 'string' && v.length > 0) return v;
  return undefined;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/**
 * Reads a project configuration body. Accepts the caller's identity at the top level
 * (`role`, `annotator`) or nested under `me`/`user`/`token`.
 */
export function parseProjectConfig(projectId: string, body: unknown): ProjectConfig {
  const root = asRecord(body);
  const me = { ...asRecord(root['token']), ...asRecord(root['user']), ...asRecord(root['me']), ...asRecord(root['you']) };
  const roleText = pickString(me['role'], root['role']) ?? 'viewer';
  const role: Role = isRole(roleText) ? roleText : 'viewer';
  const classes = Array.isArray(root['classes']) ? root['classes'].filter((c): c is string => typeof c === 'string') : [];
  const count = Number(root['imageCount'] ?? root['images'] ?? 0);
  const id = pickString(root['projectId'], root['id']) ?? projectId;
  return {
    projectId: id,
    title: pickString(root['title'], root['projectName'], root['label']) ?? id,
    annotator: pickString(me['name'], me['annotator'], root['annotator'], root['name']) ?? 'anonymous',
    role,
    classes,
    imageCount: Number.isFinite(count) ? count : 0,
  };
}

/** A small client for the relay's HTTP API, bound to one token. */
export interface RelayApi {
  readonly token: string;
  health(): Promise<{ ok: boolean; project: string }>;
  projectConfig(projectId: string): Promise<ProjectConfig>;
  /** URL of an image (a thumbnail when `size` is given); carries the token for <img> tags. */
  imageUrl(projectId: string, row: number, size?: number): string;
  /** URL of an export (`labels.csv`, `events.csv`) with an optional as-of time. */
  exportUrl(projectId: string, file: 'labels.csv' | 'events.csv', asOf?: number): string;
  /** URL of a content-addressed blob. */
  blobUrl(projectId: string, sha256: string): string;
  /** WebSocket base URL (`ws://host:port/yjs`). */
  readonly wsBase: string;
  fetch: Fetch;
}

/** Creates the relay client for `origin` (e.g. `http://127.0.0.1:8765`). */
export function createRelayApi(origin: string, token: string, fetchImpl: Fetch = (i, init) => fetch(i, init)): RelayApi {
  const base = origin.replace(/\/$/, '');
  const authed: Fetch = (input, init = {}) =>
    fetchImpl(input, { ...init, headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` } });
  const q = (extra: Record<string, string> = {}): string => new URLSearchParams({ ...extra, token }).toString();
  const project = (id: string): string => `${base}/api/projects/${encodeURIComponent(id)}`;
  return {
    token,
    wsBase: `${base.replace(/^http/, 'ws')}/yjs`,
    fetch: authed,
    async health() {
      const res = await authed(`${base}/api/health`);
      if (!res.ok) throw new Error(`relay health check failed: HTTP ${res.status}`);
      return (await res.json()) as { ok: boolean; project: string };
    },
    async projectConfig(projectId) {
      const res = await authed(project(projectId));
      if (res.status === 401 || res.status === 403) throw new AuthError('the relay refused this link (token unknown or revoked)');
      if (!res.ok) throw new Error(`project configuration failed: HTTP ${res.status}`);
      return parseProjectConfig(projectId, await res.json());
    },
    imageUrl: (id, row, size) => `${project(id)}/images/${row}?${q(size ? { size: String(size) } : {})}`,
    exportUrl: (id, file, asOf) => `${project(id)}/${file}?${q(asOf !== undefined ? { asOf: new Date(asOf).toISOString() } : {})}`,
    blobUrl: (id, sha) => `${project(id)}/blobs/${sha}?${q()}`,
  };
}

/** Stores the configuration for offline starts. */
export function cacheConfig(storage: Pick<Storage, 'setItem'>, config: ProjectConfig): void {
  storage.setItem(CONFIG_CACHE_KEY, JSON.stringify(config));
}

/** The configuration stored by the last online start, or null. */
export function cachedConfig(storage: Pick<Storage, 'getItem'>): ProjectConfig | null {
  const text = storage.getItem(CONFIG_CACHE_KEY);
  if (!text) return null;
  try {
    return JSON.parse(text) as ProjectConfig;
  } catch (error) {
    console.warn('patchwork: ignoring an unreadable cached configuration', error);
    return null;
  }
}
