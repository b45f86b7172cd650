// Display formats shared by the tabs: UTC timestamps and durations.

/** `YYYY-MM-DD HH:MM:SS` (UTC) of a timestamp in ms; `—` for anything that is not a number. */
export function formatTime(ts: unknown, withSeconds = true): string {
  if (typeof ts !== 'number' || !Number.isFinite(ts)) return '—';
  return new Date(ts).toISOString().replace('T', ' ').slice(0, withSeconds ? 19 : 16);
}

/** `850 ms`, `2.3 s`; `—` for null. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
