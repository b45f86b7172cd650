// Reading published blobs back from the relay (`GET /api/projects/<id>/blobs/<sha256>`), checked
// against their sha256, so a job can reuse another job's output (propagation reads the graph).
import type { BlobTarget } from './blobs.ts';
import { sha256Hex } from './blobs.ts';

/** Fetches a blob and verifies its content hash; throws with the HTTP status on failure. */
export async function fetchBlob(target: BlobTarget, sha256: string, signal?: AbortSignal): Promise<Uint8Array> {
  const url = `${target.url}/api/projects/${encodeURIComponent(target.projectId)}/blobs/${sha256}`;
  const response = await fetch(url, { headers: { Authorization: `Bearer ${target.token}` }, signal });
  if (!response.ok) {
    const text = await response.text();
    throw new Error(`fetching blob ${sha256.slice(0, 12)}… failed: HTTP ${response.status} ${text.slice(0, 200)}`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  const actual = sha256Hex(bytes);
  if (actual !== sha256) throw new Error(`blob ${sha256.slice(0, 12)}… arrived with sha256 ${actual.slice(0, 12)}…`);
  return bytes;
}
