// Unit tests of joining (token from the link into storage, removed from the URL), reading the
// relay's project configuration and URLs, and the dwell tracker's visible-time accounting.
import { describe, expect, it } from 'vitest';
import { TOKEN_STORAGE_KEY, takeJoinToken } from '../../../client/api/join.ts';
import { cacheConfig, cachedConfig, createRelayApi, parseProjectConfig } from '../../../client/api/relay-api.ts';
import { createDwellTracker } from '../../../client/models/dwell-tracker.ts';
import { createFakePage } from '../../helpers/client-fixtures.ts';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

describe('joining from a link', () => {
  it('moves #token=… into storage and strips it from the URL, keeping other hash parts', () => {
    const storage = memoryStorage();
    const replaced: string[] = [];
    const token = takeJoinToken({ storage, location: { hash: '#token=abc123&tab=history', pathname: '/', search: '' }, replaceUrl: (u) => replaced.push(u) });
    expect(token).toBe('abc123');
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBe('abc123');
    expect(replaced).toEqual(['/#tab=history']);
    const again = takeJoinToken({ storage, location: { hash: '', pathname: '/', search: '' }, replaceUrl: (u) => replaced.push(u) });
    expect(again).toBe('abc123');
    expect(replaced).toHaveLength(1);
  });

  it('returns null when the browser never joined', () => {
    expect(takeJoinToken({ storage: memoryStorage(), location: { hash: '', pathname: '/', search: '' }, replaceUrl: () => undefined })).toBeNull();
  });
});

describe('project configuration', () => {
  it('reads the relay answer, identity under `you`', () => {
    const config = parseProjectConfig('p', { projectId: 'p1', classes: ['a', 'b'], imageCount: 12, you: { name: 'ann', role: 'annotator' } });
    expect(config).toEqual({ projectId: 'p1', title: 'p1', annotator: 'ann', role: 'annotator', classes: ['a', 'b'], imageCount: 12 });
    expect(parseProjectConfig('p', { you: { name: 'x', role: 'superuser' } }).role).toBe('viewer');
  });

  it('builds relay URLs that carry the token for <img> tags and survives offline starts from cache', () => {
    const api = createRelayApi('http://127.0.0.1:9/', 'tok', async () => new Response('{}'));
    expect(api.wsBase).toBe('ws://127.0.0.1:9/yjs');
    expect(api.imageUrl('p', 3, 256)).toBe('http://127.0.0.1:9/api/projects/p/images/3?size=256&token=tok');
    expect(api.exportUrl('p', 'labels.csv', Date.UTC(2026, 0, 2))).toBe('http://127.0.0.1:9/api/projects/p/labels.csv?asOf=2026-01-02T00%3A00%3A00.000Z&token=tok');
    const storage = memoryStorage();
    expect(cachedConfig(storage)).toBeNull();
    const config = parseProjectConfig('p', { classes: ['a'], you: { name: 'n', role: 'owner' } });
    cacheConfig(storage, config);
    expect(cachedConfig(storage)).toEqual(config);
  });

  it('sends the bearer token and reports a refused token clearly', async () => {
    const seen: (string | undefined)[] = [];
    const api = createRelayApi('http://h', 'secret', async (_url, init) => {
      seen.push((init?.headers as Record<string, string>)['Authorization']);
      return new Response('{"error":"no"}', { status: 401 });
    });
    await expect(api.projectConfig('p')).rejects.toThrow(/refused this link/);
    expect(seen).toEqual(['Bearer secret']);
  });
});

describe('dwell tracker', () => {
  it('counts visible time since the image was selected', () => {
    const page = createFakePage();
    const dwell = createDwellTracker(page);
    page.time = 100;
    dwell.select(5);
    page.time = 1100;
    expect(dwell.elapsed()).toBe(1000);
    page.setVisible(false);
    page.time = 9100;
    expect(dwell.elapsed()).toBe(1000);
    page.setVisible(true);
    page.time = 9600;
    expect(dwell.elapsed()).toBe(1500);
    dwell.select(6);
    expect(dwell.elapsed()).toBe(0);
    dwell.dispose();
  });
});
