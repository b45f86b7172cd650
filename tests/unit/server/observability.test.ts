// Structured logs (JSON lines, secrets redacted, levels) and the Prometheus rendering of relay metrics.
import { describe, expect, it } from 'vitest';
import { createLogger, createRelayMetrics } from '../../../server/relay/index.ts';

describe('logger', () => {
  it('writes one JSON object per line, redacts token fields and filters by level', () => {
    const lines: string[] = [];
    const log = createLogger({ sink: (l) => lines.push(l), level: 'info', now: () => Date.parse('2026-01-01T00:00:00Z') });
    log.debug('hidden');
    log.info('connection-open', { room: 'p', name: 'alice', token: 'secret-token' });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(entry).toEqual({ time: '2026-01-01T00:00:00.000Z', level: 'info', event: 'connection-open', room: 'p', name: 'alice', token: '[redacted]' });
    expect(lines[0]).not.toContain('secret-token');
  });
});

describe('metrics', () => {
  it('renders counters, the update rate and processing quantiles', () => {
    let now = 10_000;
    const m = createRelayMetrics(() => now);
    m.connectionOpened();
    m.connectionOpened();
    m.connectionClosed();
    for (let i = 0; i < 50; i++) m.updateAccepted(100, i < 49 ? 1 : 100);
    m.updateRefused('IMPERSONATION');
    now += 1000;
    const text = m.render({ rooms: 2, bytesStored: 4096 });
    expect(text).toContain('patchwork_connections 1\n');
    expect(text).toContain('patchwork_updates_total 50\n');
    expect(text).toContain('patchwork_update_bytes_total 5000\n');
    expect(text).toContain('patchwork_updates_per_second 5\n');
    expect(text).toContain('patchwork_update_processing_seconds{quantile="0.5"} 0.001\n');
    expect(text).toContain('patchwork_update_processing_seconds{quantile="0.99"} 0.1\n');
    expect(text).toContain('patchwork_updates_refused_total{code="IMPERSONATION"} 1\n');
    expect(text).toContain('patchwork_bytes_stored 4096\n');
  });
});
