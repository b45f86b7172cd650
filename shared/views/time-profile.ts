// When annotation happens: edits per hour of the day (0–23) and labels per hour over time buckets
// for a throughput plot. Times are UTC unless a time-zone offset in minutes is given.
import type { LabelEvent } from '../table/label-table.ts';
import { HOUR_MS } from './annotation-stats.ts';

const DAY_MS = 24 * HOUR_MS;
/** Most buckets labelsPerHourSeries returns; wider buckets are used when a span needs more. */
export const MAX_SERIES_BUCKETS = 10_000;

/** Options shared by the time profiles. */
export interface TimeProfileOptions {
  /** Minutes to add to UTC to get local time (e.g. 120 for UTC+2, −300 for UTC−5). Default 0. */
  readonly tzOffsetMinutes?: number;
  /** Keep only this annotator's events. */
  readonly annotator?: string;
}

/** Hour of the day (0–23) of a timestamp, at the given offset from UTC. */
export function hourOfDay(ts: number, tzOffsetMinutes = 0): number {
  const local = (((ts + tzOffsetMinutes * 60_000) % DAY_MS) + DAY_MS) % DAY_MS;
  return Math.floor(local / HOUR_MS);
}

/** Event counts per hour of the day: 24 numbers, index 0 = 00:00–00:59. */
export function hourOfDayCounts(events: readonly LabelEvent[], options: TimeProfileOptions = {}): number[] {
  const counts = new Array<number>(24).fill(0);
  for (const e of events) {
    if (options.annotator !== undefined && e.by !== options.annotator) continue;
    const h = hourOfDay(e.ts, options.tzOffsetMinutes);
    counts[h] = (counts[h] as number) + 1;
  }
  return counts;
}

/** One time bucket of labelsPerHourSeries. */
export interface RateBucket {
  /** Bucket start (UTC ms; aligned to the bucket width in local time). */
  readonly start: number;
  /** Events in [start, start + bucketMs). */
  readonly events: number;
  /** events per hour of wall-clock time in this bucket: events × HOUR_MS / bucketMs. */
  readonly labelsPerHour: number;
}

/** Options of labelsPerHourSeries. */
export interface RateSeriesOptions extends TimeProfileOptions {
  /** Bucket width in ms (default one hour). */
  readonly bucketMs?: number;
  /** First and last instant to cover; default the first and last event. */
  readonly from?: number;
  readonly to?: number;
  /** At most this many buckets (default MAX_SERIES_BUCKETS); the width doubles until they fit. */
  readonly maxBuckets?: number;
}

/** A labels-per-hour series; `bucketMs` is the width actually used. */
export interface RateSeries {
  readonly bucketMs: number;
  readonly buckets: readonly RateBucket[];
}

/**
 * Labels per hour over consecutive time buckets, empty buckets included, for plotting throughput
 * over a day or a project. Buckets are aligned to multiples of the width in local time, so daily
 * buckets start at local midnight.
 */
export function labelsPerHourSeries(events: readonly LabelEvent[], options: RateSeriesOptions = {}): RateSeries {
  const offset = (options.tzOffsetMinutes ?? 0) * 60_000;
  const maxBuckets = Math.max(1, options.maxBuckets ?? MAX_SERIES_BUCKETS);
  const selected = options.annotator === undefined ? events : events.filter((e) => e.by === options.annotator);
  let lo = options.from ?? Number.POSITIVE_INFINITY;
  let hi = options.to ?? Number.NEGATIVE_INFINITY;
  if (options.from === undefined || options.to === undefined) {
    for (const e of selected) {
      if (options.from === undefined) lo = Math.min(lo, e.ts);
      if (options.to === undefined) hi = Math.max(hi, e.ts);
    }
  }
  let bucketMs = Math.max(1, options.bucketMs ?? HOUR_MS);
  if (!(hi >= lo)) return { bucketMs, buckets: [] };
  const startOf = (ts: number, width: number): number => Math.floor((ts + offset) / width) * width - offset;
  while ((startOf(hi, bucketMs) - startOf(lo, bucketMs)) / bucketMs + 1 > maxBuckets) bucketMs *= 2;
  const first = startOf(lo, bucketMs);
  const count = (startOf(hi, bucketMs) - first) / bucketMs + 1;
  const tally = new Array<number>(count).fill(0);
  for (const e of selected) {
    if (e.ts < lo || e.ts > hi) continue;
    const i = Math.floor((e.ts - first) / bucketMs);
    tally[i] = (tally[i] as number) + 1;
  }
  const buckets = tally.map((n, i) => ({ start: first + i * bucketMs, events: n, labelsPerHour: (n * HOUR_MS) / bucketMs }));
  return { bucketMs, buckets };
}
