// Annotation statistics on small hand-made event lists: per-annotator counts, images touched,
// median dwell, labels per active hour, hour-of-day profile and the labels-per-hour series.
import { describe, expect, it } from 'vitest';
import type { LabelEvent } from '../../../../shared/table/label-table.ts';
import {
  HOUR_MS,
  activeTime,
  computeAnnotationStats,
  hourOfDay,
  hourOfDayCounts,
  labelsPerHourSeries,
  median,
  rowsTouchedByAnnotator,
} from '../../../../shared/views/index.ts';

const MIN = 60_000;
/** 2026-01-05 00:00 UTC. */
const T0 = Date.UTC(2026, 0, 5);

function ev(by: string, row: number, ts: number, dwell = 0, field = 2): LabelEvent {
  return { row, field, value: 1, ts, by, dwell };
}

describe('median', () => {
  it('odd, even and empty', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
  });
});

describe('computeAnnotationStats', () => {
  const events: LabelEvent[] = [
    ev('ana', 0, T0 + 0, 2000),
    ev('ana', 0, T0 + 1 * MIN, 500, 3), // second class on the same image
    ev('ana', 1, T0 + 2 * MIN, 3000),
    ev('ana', 2, T0 + 60 * MIN, 4000), // after a 58-minute gap: a new stretch
    ev('bo', 5, T0 + 10 * MIN, 0), // dwell 0 = not measured
    ev('bo', 6, T0 + 12 * MIN, 1000),
  ];

  it('counts events and images per annotator, most events first', () => {
    const { annotators, total } = computeAnnotationStats(events);
    expect(annotators.map((a) => [a.annotator, a.events, a.imagesTouched])).toEqual([
      ['ana', 4, 3],
      ['bo', 2, 2],
    ]);
    expect(total.events).toBe(6);
    expect(total.imagesTouched).toBe(5);
  });

  it('median dwell skips unmeasured (0) dwells', () => {
    const { annotators, total } = computeAnnotationStats(events);
    expect(annotators[0]?.medianDwellMs).toBe(2500); // 500, 2000, 3000, 4000
    expect(annotators[1]?.medianDwellMs).toBe(1000); // the 0 is left out
    expect(total.medianDwellMs).toBe(2000); // 500, 1000, 2000, 3000, 4000
  });

  it('labels per active hour: gaps over the threshold do not count, each stretch adds its first dwell', () => {
    const { annotators, total } = computeAnnotationStats(events, { gapMs: 5 * MIN });
    const ana = annotators[0];
    // ana: 2 s first dwell + 1 min + 1 min, then a new stretch adding its 4 s dwell.
    const anaActive = 2000 + 2 * MIN + 4000;
    expect(ana?.activeMs).toBe(anaActive);
    expect(ana?.sessions).toBe(2);
    expect(ana?.labelsPerHour).toBeCloseTo(4 / (anaActive / HOUR_MS), 9);
    // bo: first dwell 0 + a 2-minute gap.
    expect(annotators[1]?.activeMs).toBe(2 * MIN);
    expect(annotators[1]?.labelsPerHour).toBeCloseTo(60, 9);
    expect(total.activeMs).toBe(anaActive + 2 * MIN);
    expect(total.labelsPerHour).toBeCloseTo(6 / ((anaActive + 2 * MIN) / HOUR_MS), 9);
  });

  it('a longer gap threshold joins the stretches', () => {
    const { activeMs, sessions } = activeTime(events.filter((e) => e.by === 'ana'), 60 * MIN);
    expect(sessions).toBe(1);
    expect(activeMs).toBe(2000 + 60 * MIN);
  });

  it('a single unmeasured event has no rate', () => {
    const { total } = computeAnnotationStats([ev('x', 0, T0)]);
    expect(total.activeMs).toBe(0);
    expect(total.labelsPerHour).toBeNull();
  });

  it('since / until window the events', () => {
    const { annotators } = computeAnnotationStats(events, { since: T0 + 5 * MIN, until: T0 + 59 * MIN });
    expect(annotators.map((a) => [a.annotator, a.events])).toEqual([['bo', 2]]);
  });

  it('empty input', () => {
    const { annotators, total } = computeAnnotationStats([]);
    expect(annotators).toEqual([]);
    expect(total).toMatchObject({ events: 0, imagesTouched: 0, medianDwellMs: null, labelsPerHour: null, firstTs: null });
  });
});

describe('time profiles', () => {
  const events = [ev('a', 0, T0 + 30 * MIN), ev('a', 1, T0 + 23 * HOUR_MS + 59 * MIN), ev('b', 2, T0 + 9 * HOUR_MS), ev('b', 3, T0 + 9 * HOUR_MS + 1)];

  it('hour of day in UTC and with an offset', () => {
    expect(hourOfDay(T0 + 23 * HOUR_MS + 59 * MIN)).toBe(23);
    expect(hourOfDay(T0 + 30 * MIN, 120)).toBe(2);
    expect(hourOfDay(T0 + 30 * MIN, -60)).toBe(23);
    const utc = hourOfDayCounts(events);
    expect(utc).toHaveLength(24);
    expect(utc[0]).toBe(1);
    expect(utc[9]).toBe(2);
    expect(utc[23]).toBe(1);
    const plusTwo = hourOfDayCounts(events, { tzOffsetMinutes: 120 });
    expect([plusTwo[2], plusTwo[11], plusTwo[1]]).toEqual([1, 2, 1]);
    expect(hourOfDayCounts(events, { annotator: 'b' }).reduce((s, n) => s + n, 0)).toBe(2);
  });

  it('labels per hour over hourly buckets, empty buckets included', () => {
    const series = labelsPerHourSeries(events);
    expect(series.bucketMs).toBe(HOUR_MS);
    expect(series.buckets).toHaveLength(24);
    expect(series.buckets[0]).toEqual({ start: T0, events: 1, labelsPerHour: 1 });
    expect(series.buckets[9]?.events).toBe(2);
    expect(series.buckets[5]?.events).toBe(0);
    expect(series.buckets.reduce((s, b) => s + b.events, 0)).toBe(4);
  });

  it('15-minute buckets report a rate per hour; too many buckets widen the bucket', () => {
    const quarter = labelsPerHourSeries(events, { bucketMs: 15 * MIN, annotator: 'b' });
    expect(quarter.buckets).toHaveLength(1);
    expect(quarter.buckets[0]).toEqual({ start: T0 + 9 * HOUR_MS, events: 2, labelsPerHour: 8 });
    const capped = labelsPerHourSeries(events, { bucketMs: MIN, maxBuckets: 100 });
    expect(capped.buckets.length).toBeLessThanOrEqual(100);
    expect(capped.bucketMs).toBe(16 * MIN);
    expect(capped.buckets.reduce((s, b) => s + b.events, 0)).toBe(4);
  });

  it('daily buckets start at local midnight', () => {
    const daily = labelsPerHourSeries(events, { bucketMs: 24 * HOUR_MS, tzOffsetMinutes: 120 });
    // Local (UTC+2) times: 02:30 and 11:00 on the 5th, 01:59 on the 6th.
    expect(daily.buckets.map((b) => [b.start, b.events])).toEqual([
      [T0 - 2 * HOUR_MS, 3],
      [T0 + 22 * HOUR_MS, 1],
    ]);
  });

  it('rows touched per annotator (the labelled-by row sets)', () => {
    const rows = rowsTouchedByAnnotator([ev('a', 5, T0), ev('a', 2, T0 + 1), ev('a', 5, T0 + 2), ev('b', 1, T0)]);
    expect([...(rows.get('a') ?? [])]).toEqual([2, 5]);
    expect([...(rows.get('b') ?? [])]).toEqual([1]);
  });
});
