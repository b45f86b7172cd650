// The HTTP API in-process through `app.request`: health, auth (401), project config, images and
// thumbnails (with path tricks that must all be 404), CSV exports, blobs, metrics and the app page.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import * as Y from 'yjs';
import { EventWriter, HybridClock } from '../../../shared/labels/index.ts';
import { classField } from '../../../shared/schema/fields.ts';
import { createApp, type AppType } from '../../../server/http/app.ts';
import { createProject, openProject, resolveImagePath, type Project } from '../../../server/project/index.ts';
import { openStorage, type Storage } from '../../../server/storage/index.ts';
import { createRelayMetrics, createSilentLogger } from '../../../server/relay/index.ts';
import { createTestProject, Teardown } from '../../helpers/relay-harness.ts';
import { encodeMultibandTiff } from '../../helpers/tiff-writer.ts';

let teardown: Teardown;
let project: Project;
let storage: Storage;
let doc: Y.Doc;
let app: AppType;
let owner: string;
let id: string;

function build(dir: string): void {
  project = openProject(dir);
  storage = openStorage(project.paths.storage);
  doc = storage.loadDoc(project.config.projectId);
  id = project.config.projectId;
  teardown.add(() => storage.close());
  app = createApp({ project, storage, labelsDoc: () => doc, logger: createSilentLogger(), metrics: createRelayMetrics(), roomCount: () => 2, clientDir: join(dir, 'no-client') });
  owner = storage.createToken('olga', 'owner');
}

const auth = (token: string): { headers: Record<string, string> } => ({ headers: { Authorization: `Bearer ${token}` } });

beforeEach(() => {
  teardown = new Teardown();
  build(createTestProject(teardown));
});
afterEach(() => teardown.run());

describe('health, auth and config', () => {
  it('health needs no token', async () => {
    const res = await app.request('/api/health');
    expect(await res.json()).toEqual({ ok: true, project: id });
  });

  it('missing, wrong and revoked tokens are 401', async () => {
    const paths = [`/api/projects/${id}`, `/api/projects/${id}/images/0`, `/api/projects/${id}/labels.csv`, `/api/projects/${id}/events.csv`, `/api/projects/${id}/blobs/${'a'.repeat(64)}`];
    const ann = storage.createToken('alice', 'annotator');
    storage.revokeTokens('alice');
    for (const path of paths) {
      expect((await app.request(path)).status).toBe(401);
      expect((await app.request(path, auth('wrong'))).status).toBe(401);
      expect((await app.request(path, auth(ann))).status).toBe(401);
      expect((await app.request(path, { headers: { Authorization: 'Basic abc' } })).status).toBe(401);
    }
    expect((await app.request(`/api/projects/${id}`, auth(owner))).status).toBe(200);
  });

  it('config lists classes, image count and the caller’s role', async () => {
    const viewer = storage.createToken('vera', 'viewer');
    const body = (await (await app.request(`/api/projects/${id}`, auth(viewer))).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ projectId: id, classes: ['cat', 'dog'], imageCount: 12, you: { name: 'vera', role: 'viewer' } });
    expect((await app.request('/api/projects/other', auth(viewer))).status).toBe(404);
  });
});

describe('images', () => {
  it('serves the bytes with content type, ETag and long caching; 304 on match', async () => {
    const res = await app.request(`/api/projects/${id}/images/3`, auth(owner));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toContain('max-age=31536000');
    const file = readFileSync(resolveImagePath(project.config.imageRoot, project.imagePaths[3] as string));
    expect(Buffer.from(await res.arrayBuffer()).equals(file)).toBe(true);
    const etag = res.headers.get('etag') as string;
    const again = await app.request(`/api/projects/${id}/images/3`, { headers: { Authorization: `Bearer ${owner}`, 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    const byQuery = await app.request(`/api/projects/${id}/images/3?token=${owner}`);
    expect(byQuery.status).toBe(200);
  });

  it('serves thumbnails through sharp', async () => {
    const res = await app.request(`/api/projects/${id}/images/0?size=16`, auth(owner));
    expect(res.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(16);
    expect((await app.request(`/api/projects/${id}/images/0?size=0`, auth(owner))).status).toBe(400);
    expect((await app.request(`/api/projects/${id}/images/0?size=abc`, auth(owner))).status).toBe(400);
  });

  it('path tricks and bad rows are 404 and never read other files', async () => {
    const secret = readFileSync(project.paths.config, 'utf8');
    const tricks = ['-1', '12', '1e3', '01', '0x1', '1.0', '+1', '%20 1', '99999999999999999999', '4294967296', '..', '%2e%2e', '..%2fpatchwork.json', '%2e%2e%2fpatchwork.json', '..%2F..%2F..%2Fetc%2Fpasswd', '%2fetc%2fpasswd', '%252e%252e', 'abc', '0%00', '0;1'];
    for (const trick of tricks) {
      const res = await app.request(`/api/projects/${id}/images/${trick}`, auth(owner));
      expect(res.status, trick).toBe(404);
      expect(await res.text()).not.toContain(secret.slice(0, 20));
    }
    for (const path of [`/api/projects/${id}/images/../patchwork.json`, `/api/projects/${id}/images//etc/passwd`, `/api/projects/${id}/images/0/../../patchwork.json`]) {
      const res = await app.request(path, auth(owner));
      expect(res.status === 404 || res.status === 401, path).toBe(true);
      expect(await res.text()).not.toContain(secret.slice(0, 20));
    }
  });

  it('renders a multi-band 16-bit TIFF as RGB from its first three bands', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pw-tiff-'));
    teardown.add(() => rmSync(root, { recursive: true, force: true }));
    const width = 8;
    const height = 4;
    const band = (f: (p: number) => number): Uint16Array => Uint16Array.from({ length: width * height }, (_, p) => f(p));
    const tiff = encodeMultibandTiff(width, height, [band((p) => p * 1000), band(() => 30000), band((p) => 60000 - p * 500), band(() => 7), band(() => 9)]);
    writeFileSync(join(root, 'multi.tif'), tiff);
    expect((await sharp(tiff).metadata()).channels).toBe(5);
    writeFileSync(join(root, 'list.txt'), 'multi.tif\n');
    createProject({ dir: join(root, 'p'), images: join(root, 'list.txt'), classes: 'a', imageRoot: root });
    build(join(root, 'p'));
    for (const query of ['', '?size=8']) {
      const res = await app.request(`/api/projects/${id}/images/0${query}`, auth(owner));
      expect(res.status).toBe(200);
      const { data, info } = await sharp(Buffer.from(await res.arrayBuffer())).raw().toBuffer({ resolveWithObject: true });
      expect(info.channels).toBe(3);
      expect(info.width).toBe(width);
      const last = (info.width * info.height - 1) * 3;
      expect(data[0] as number).toBeLessThan(data[last] as number); // red = band 1, rising with the pixel index
      expect(data[2] as number).toBeGreaterThan(data[last + 2] as number); // blue = band 3, falling
    }
  });
});

describe('exports', () => {
  it('labels.csv (now and as of a time) and events.csv', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const writer = new EventWriter(doc, 'alice', new HybridClock(() => now));
    writer.append([{ row: 0, field: classField(0), value: 1, dwell: 300 }]);
    now += 60_000;
    writer.append([{ row: 1, field: classField(1), value: 0 }]);
    const csv = await (await app.request(`/api/projects/${id}/labels.csv`, auth(owner))).text();
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe('filepath,exclude,validation,cat,dog');
    expect(lines).toHaveLength(13);
    expect(lines[1]).toMatch(/,False,False,1\.0,$/);
    expect(lines[2]).toMatch(/,False,False,,0\.0$/);
    const early = await (await app.request(`/api/projects/${id}/labels.csv?asOf=2026-01-01T00:00:30Z`, auth(owner))).text();
    expect(early.trim().split(/\r?\n/)[2]).toMatch(/,False,False,,$/);
    expect((await app.request(`/api/projects/${id}/labels.csv?asOf=yesterday`, auth(owner))).status).toBe(400);
    const events = await (await app.request(`/api/projects/${id}/events.csv`, auth(owner))).text();
    expect(events.trim().split(/\r?\n/)).toHaveLength(3);
  });
});

describe('blobs', () => {
  it('PUT checks role and hash; GET is immutable', async () => {
    const data = new Uint8Array(new TextEncoder().encode('predictions'));
    const sha = createHash('sha256').update(data).digest('hex');
    const trainer = storage.createToken('tess', 'trainer');
    const annotator = storage.createToken('alice', 'annotator');
    const put = (token: string, name: string, body: Uint8Array<ArrayBuffer>) => app.request(`/api/projects/${id}/blobs/${name}`, { method: 'PUT', body, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' } });
    expect((await put(annotator, sha, data)).status).toBe(403);
    expect((await put(trainer, 'b'.repeat(64), data)).status).toBe(400);
    expect((await put(trainer, sha, data)).status).toBe(201);
    expect((await put(owner, sha, data)).status).toBe(200);
    const res = await app.request(`/api/projects/${id}/blobs/${sha}`, auth(annotator));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(new TextDecoder().decode(await res.arrayBuffer())).toBe('predictions');
    expect((await app.request(`/api/projects/${id}/blobs/${'c'.repeat(64)}`, auth(annotator))).status).toBe(404);
    expect((await app.request(`/api/projects/${id}/blobs/..%2f..`, auth(annotator))).status).toBe(404);
  });
});

describe('metrics and app page', () => {
  it('metrics are Prometheus text; / explains how to build the app when it is not built', async () => {
    const metrics = await (await app.request('/api/metrics')).text();
    expect(metrics).toContain('patchwork_connections 0');
    expect(metrics).toMatch(/patchwork_bytes_stored \d+/);
    const page = await app.request('/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('npm run build:client');
  });
});
