// The relay's HTTP API as a Hono app, built without listening so tests call `app.request`. Routes
// and their answers are documented in docs/http-api.md.
import { Hono, type MiddlewareHandler } from 'hono';
import type * as Y from 'yjs';
import { readMeta } from '../../shared/labels/index.ts';
import { exportHistoryCsv, exportLabelsCsv, resolveImagePath, type Project } from '../project/index.ts';
import { isSha256, type Storage } from '../storage/index.ts';
import type { Logger } from '../relay/logger.ts';
import type { RelayMetrics } from '../relay/metrics.ts';
import { requireToken, roleIn, type AuthVariables } from './auth.ts';
import { createRenderCache, fileVersion, imageEtag, parseRow, parseSize, renderImage } from './images.ts';
import { DEFAULT_CLIENT_DIR, serveClient } from './static-client.ts';

/** Largest blob accepted by PUT (bytes). */
export const DEFAULT_MAX_BLOB_BYTES = 1024 * 1024 * 1024;

/** Cache header of immutable, authenticated content (blobs, images by row). */
const IMMUTABLE_PRIVATE = 'private, max-age=31536000, immutable';

/** What the HTTP API needs. */
export interface AppDeps {
  project: Project;
  storage: Storage;
  /** The live labels document (for config and exports). */
  labelsDoc: () => Y.Doc;
  logger: Logger;
  metrics: RelayMetrics;
  /** Number of loaded rooms, for metrics. */
  roomCount: () => number;
  /** Built client directory (default `<repo>/client/dist`). */
  clientDir?: string;
  maxBlobBytes?: number;
  /** Handler of `/yjs/*` WebSocket upgrades (added by startRelay). */
  yjsHandler?: MiddlewareHandler;
}

/**
 * Builds the Hono app.
 * @example
 * const app = createApp(deps);
 * const res = await app.request('/api/health');
 */
export function createApp(deps: AppDeps) {
  const { project, storage, logger, metrics } = deps;
  const projectId = project.config.projectId;
  const maxBlobBytes = deps.maxBlobBytes ?? DEFAULT_MAX_BLOB_BYTES;
  const app = new Hono<{ Variables: AuthVariables }>();
  const renders = createRenderCache();

  app.use('*', async (c, next) => {
    metrics.httpRequest();
    await next();
  });
  app.onError((error, c) => {
    logger.error('http-error', { path: c.req.path, method: c.req.method, error: error.message });
    return c.json({ error: 'internal error' }, 500);
  });

  if (deps.yjsHandler) app.get('/yjs/*', deps.yjsHandler);
  app.get('/yjs/*', (c) => c.json({ error: 'the Yjs rooms speak WebSocket: send an upgrade request' }, 426));
  app.get('/api/health', (c) => c.json({ ok: true, project: projectId }));
  app.get('/api/metrics', (c) =>
    c.text(metrics.render({ rooms: deps.roomCount(), bytesStored: storage.bytesStored() }), 200, { 'Content-Type': 'text/plain; version=0.0.4' }),
  );

  const api = new Hono<{ Variables: AuthVariables }>();
  api.use('*', requireToken(storage));
  api.use('*', async (c, next) => {
    if (c.req.param('id') !== projectId) return c.json({ error: 'no such project' }, 404);
    await next();
    return undefined;
  });

  api.get('/', (c) => {
    const meta = readMeta(deps.labelsDoc());
    const { name, role } = c.get('identity');
    return c.json({
      projectId,
      classes: meta?.classes ?? project.config.classes,
      imageCount: project.imagePaths.length,
      schema: meta?.schema ?? null,
      rooms: { labels: projectId, model: `${projectId}/model` },
      you: { name, role },
      roles: { owner: role === 'owner', annotate: role === 'owner' || role === 'annotator', train: role === 'trainer' },
    });
  });

  api.get('/images/:row', async (c) => {
    const row = parseRow(c.req.param('row'), project.imagePaths.length);
    if (row === null) return c.json({ error: 'no such image' }, 404);
    const size = parseSize(c.req.query('size'));
    if (size === null) return c.json({ error: 'size must be an integer from 8 to 4096' }, 400);
    const path = resolveImagePath(project.config.imageRoot, project.imagePaths[row] as string);
    let version: string;
    try {
      version = await fileVersion(path);
    } catch (error) {
      logger.warn('image-missing', { row, error: (error as NodeJS.ErrnoException).code ?? 'unknown' });
      return c.json({ error: 'image file is missing' }, 404);
    }
    const etag = imageEtag(row, size, version);
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, { ETag: etag, 'Cache-Control': IMMUTABLE_PRIVATE });
    let image = size === undefined ? undefined : renders.get(etag);
    if (!image) {
      image = await renderImage(path, size);
      if (size !== undefined) renders.set(etag, image);
    }
    return c.body(image.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': image.contentType, ETag: etag, 'Cache-Control': IMMUTABLE_PRIVATE });
  });

  api.get('/labels.csv', (c) => {
    const asOfText = c.req.query('asOf');
    let asOf: number | undefined;
    if (asOfText !== undefined) {
      asOf = Date.parse(asOfText);
      if (!/^\d{4}-\d{2}-\d{2}/.test(asOfText) || Number.isNaN(asOf)) return c.json({ error: 'asOf must be an ISO-8601 time' }, 400);
    }
    const csv = exportLabelsCsv(project, deps.labelsDoc(), asOf === undefined ? {} : { asOf });
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="labels.csv"', 'Cache-Control': 'no-store' });
  });

  api.get('/events.csv', (c) => {
    const csv = exportHistoryCsv(project, deps.labelsDoc());
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="events.csv"', 'Cache-Control': 'no-store' });
  });

  api.get('/blobs/:sha', (c) => {
    const sha = c.req.param('sha');
    if (!isSha256(sha)) return c.json({ error: 'a blob is named by its lowercase hex sha256' }, 404);
    const etag = `"${sha}"`;
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, { ETag: etag, 'Cache-Control': IMMUTABLE_PRIVATE });
    const blob = storage.getBlob(sha);
    if (!blob) return c.json({ error: 'no such blob' }, 404);
    return c.body(blob.data as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': blob.contentType, ETag: etag, 'Cache-Control': IMMUTABLE_PRIVATE });
  });

  api.put('/blobs/:sha', async (c) => {
    const { name, role } = c.get('identity');
    if (!roleIn(role, ['trainer', 'owner'])) return c.json({ error: 'only trainers and owners store blobs' }, 403);
    const sha = c.req.param('sha');
    if (!isSha256(sha)) return c.json({ error: 'a blob is named by its lowercase hex sha256' }, 400);
    const declared = Number(c.req.header('content-length') ?? '0');
    if (declared > maxBlobBytes) return c.json({ error: `blob larger than ${maxBlobBytes} bytes` }, 413);
    const data = new Uint8Array(await c.req.arrayBuffer());
    if (data.byteLength > maxBlobBytes) return c.json({ error: `blob larger than ${maxBlobBytes} bytes` }, 413);
    const existed = storage.getBlobMeta(sha) !== null;
    const contentType = c.req.header('content-type') ?? 'application/octet-stream';
    if (!storage.putBlob(sha, data, { contentType, createdBy: name })) return c.json({ error: 'the body does not hash to the sha256 in the path' }, 400);
    logger.info('blob-stored', { sha256: sha, bytes: data.byteLength, by: name, existed });
    return c.json({ sha256: sha, bytes: data.byteLength }, existed ? 200 : 201);
  });

  app.route('/api/projects/:id', api);
  app.all('/api/*', (c) => c.json({ error: 'not found' }, 404));
  app.get('*', (c) => serveClient(c, deps.clientDir ?? DEFAULT_CLIENT_DIR));
  return app;
}

/** The app's type, for typed clients (`hc<AppType>`). */
export type AppType = ReturnType<typeof createApp>;
