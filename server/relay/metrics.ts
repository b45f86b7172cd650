// Relay counters and gauges, rendered as Prometheus text at GET /api/metrics: rooms, connections,
// accepted and refused updates (with a per-second rate over a sliding window), bytes stored.

import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Seconds in the update-rate window. */
export const RATE_WINDOW_S = 10;

/** The relay's live numbers. */
export interface RelayMetrics {
  connectionOpened(): void;
  connectionClosed(): void;
  /** An accepted update: its size and the relay's time from receipt to forwarded (validate, commit, apply, send). */
  updateAccepted(bytes: number, ms?: number): void;
  updateRefused(code: string): void;
  compaction(ms: number): void;
  httpRequest(): void;
  /** Prometheus exposition text; gauges that live elsewhere are passed in. */
  render(gauges: { rooms: number; bytesStored: number }): string;
  snapshot(): { connections: number; updatesAccepted: number; updatesRefused: number };
}

/** Accepted-update processing times kept for the quantiles (the most recent ones). */
export const PROCESSING_SAMPLES = 10_000;

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** Creates the metrics registry. `now` (ms) is injectable for tests. */
export function createRelayMetrics(now: () => number = Date.now): RelayMetrics {
  let connections = 0;
  let connectionsTotal = 0;
  let accepted = 0;
  let acceptedBytes = 0;
  let compactions = 0;
  let compactionMs = 0;
  let httpRequests = 0;
  const refused = new Map<string, number>();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const samples = new Float64Array(PROCESSING_SAMPLES);
  let sampleCount = 0;
  const buckets = new Map<number, number>();
  const bump = (): void => {
    const second = Math.floor(now() / 1000);
    buckets.set(second, (buckets.get(second) ?? 0) + 1);
    for (const s of buckets.keys()) if (s < second - RATE_WINDOW_S) buckets.delete(s);
  };
  const rate = (): number => {
    const second = Math.floor(now() / 1000);
    let n = 0;
    for (const [s, c] of buckets) if (s >= second - RATE_WINDOW_S && s < second) n += c;
    return n / RATE_WINDOW_S;
  };
  return {
    connectionOpened() {
      connections++;
      connectionsTotal++;
    },
    connectionClosed() {
      connections--;
    },
    updateAccepted(bytes, ms) {
      accepted++;
      acceptedBytes += bytes;
      if (ms !== undefined) samples[sampleCount++ % PROCESSING_SAMPLES] = ms / 1000;
      bump();
    },
    updateRefused(code) {
      refused.set(code, (refused.get(code) ?? 0) + 1);
    },
    compaction(ms) {
      compactions++;
      compactionMs += ms;
    },
    httpRequest() {
      httpRequests++;
    },
    render(gauges) {
      const sorted = samples.slice(0, Math.min(sampleCount, PROCESSING_SAMPLES)).sort();
      const lines = [
        `# HELP patchwork_update_processing_seconds Receipt to forwarded (validate, commit, apply, send) over the last ${PROCESSING_SAMPLES} accepted updates.`,
        '# TYPE patchwork_update_processing_seconds summary',
        ...[0.5, 0.9, 0.99].map((q) => `patchwork_update_processing_seconds{quantile="${q}"} ${quantile(sorted, q)}`),
        `patchwork_update_processing_seconds_count ${accepted}`,
        '# HELP patchwork_rooms Rooms loaded by the relay.',
        '# TYPE patchwork_rooms gauge',
        `patchwork_rooms ${gauges.rooms}`,
        '# HELP patchwork_connections Open WebSocket connections.',
        '# TYPE patchwork_connections gauge',
        `patchwork_connections ${connections}`,
        '# HELP patchwork_connections_total WebSocket connections accepted since start.',
        '# TYPE patchwork_connections_total counter',
        `patchwork_connections_total ${connectionsTotal}`,
        '# HELP patchwork_updates_total Yjs updates accepted and stored.',
        '# TYPE patchwork_updates_total counter',
        `patchwork_updates_total ${accepted}`,
        '# HELP patchwork_update_bytes_total Bytes of accepted Yjs updates.',
        '# TYPE patchwork_update_bytes_total counter',
        `patchwork_update_bytes_total ${acceptedBytes}`,
        `# HELP patchwork_updates_per_second Accepted updates per second over the last ${RATE_WINDOW_S} s.`,
        '# TYPE patchwork_updates_per_second gauge',
        `patchwork_updates_per_second ${rate()}`,
        '# HELP patchwork_updates_refused_total Refused updates and messages, by close code name.',
        '# TYPE patchwork_updates_refused_total counter',
        ...[...refused].map(([code, n]) => `patchwork_updates_refused_total{code="${code}"} ${n}`),
        '# HELP patchwork_compactions_total Update-log compactions.',
        '# TYPE patchwork_compactions_total counter',
        `patchwork_compactions_total ${compactions}`,
        '# HELP patchwork_compaction_seconds_total Time spent compacting.',
        '# TYPE patchwork_compaction_seconds_total counter',
        `patchwork_compaction_seconds_total ${compactionMs / 1000}`,
        '# HELP patchwork_bytes_stored Bytes in the project database.',
        '# TYPE patchwork_bytes_stored gauge',
        `patchwork_bytes_stored ${gauges.bytesStored}`,
        '# HELP patchwork_event_loop_delay_seconds Event-loop delay of the relay process since start.',
        '# TYPE patchwork_event_loop_delay_seconds summary',
        ...[50, 99].map((p) => `patchwork_event_loop_delay_seconds{quantile="${p / 100}"} ${loopDelay.percentile(p) / 1e9}`),
        `patchwork_event_loop_delay_seconds_max ${loopDelay.max / 1e9}`,
        '# HELP patchwork_http_requests_total HTTP requests served.',
        '# TYPE patchwork_http_requests_total counter',
        `patchwork_http_requests_total ${httpRequests}`,
      ];
      return lines.join('\n') + '\n';
    },
    snapshot() {
      return { connections, updatesAccepted: accepted, updatesRefused: [...refused.values()].reduce((a, b) => a + b, 0) };
    },
  };
}
