// The History tab's view model: the event log read on demand, per-annotator statistics, labels per
// hour over time, the dwell-time distribution, and the label table as of a chosen moment.
import { computed, signal } from '@preact/signals';
import type { ReadonlySignal, Signal } from '@preact/signals';
import type { LabelsBridge } from '../bridge/labels-bridge.ts';
import type { LabelEvent, LabelTable } from '../../shared/table/label-table.ts';
import { HOUR_MS, computeAnnotationStats, computeLabelCounts, computeRowStates, labelsPerHourSeries, summarizeRowStates } from '../../shared/views/index.ts';
import type { AnnotationStats, LabelCounts, RateSeries, RowStateSummary } from '../../shared/views/index.ts';

/** Upper edges (ms) of the dwell-time histogram bins; the last bin is open-ended. */
export const DWELL_BIN_EDGES_MS: readonly number[] = [500, 1000, 2000, 3000, 5000, 10_000, 20_000, 60_000];

/** Bucket widths the labels-per-hour plot chooses from (10 s … 1 day). */
export const RATE_BUCKETS_MS: readonly number[] = [10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000, HOUR_MS, 6 * HOUR_MS, 24 * HOUR_MS];
/** The plot aims at about this many buckets over the whole history. */
export const TARGET_BUCKETS = 40;

/** The smallest listed bucket width giving at most TARGET_BUCKETS buckets over `spanMs`. */
export function bucketFor(spanMs: number): number {
  for (const width of RATE_BUCKETS_MS) if (spanMs / width <= TARGET_BUCKETS) return width;
  return RATE_BUCKETS_MS[RATE_BUCKETS_MS.length - 1] as number;
}

/** One dwell bin. */
export interface DwellBin {
  readonly label: string;
  readonly count: number;
}

/** Counts events by dwell time (events with dwell 0, "not measured", are left out). */
export function dwellHistogram(events: readonly LabelEvent[], edges: readonly number[] = DWELL_BIN_EDGES_MS): DwellBin[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const e of events) {
    if (!(e.dwell > 0)) continue;
    let i = 0;
    while (i < edges.length && e.dwell >= (edges[i] as number)) i++;
    counts[i] = (counts[i] as number) + 1;
  }
  const fmt = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${ms / 1000} s`);
  return counts.map((count, i) => ({
    label: i === 0 ? `< ${fmt(edges[0] as number)}` : i === edges.length ? `≥ ${fmt(edges[i - 1] as number)}` : `${fmt(edges[i - 1] as number)}–${fmt(edges[i] as number)}`,
    count,
  }));
}

/** The label table at a past moment, summarised. */
export interface AsOfView {
  readonly asOf: number;
  readonly table: LabelTable;
  readonly counts: LabelCounts;
  readonly states: RowStateSummary;
  readonly events: number;
}

/** The History tab's state. */
export interface HistoryModel {
  readonly events: ReadonlySignal<readonly LabelEvent[]>;
  readonly stats: ReadonlySignal<AnnotationStats>;
  readonly series: ReadonlySignal<ReadonlyMap<string, RateSeries>>;
  readonly dwell: ReadonlySignal<readonly DwellBin[]>;
  /** Chosen moment (ms), or null for "now". */
  readonly asOf: Signal<number | null>;
  readonly asOfView: ReadonlySignal<AsOfView | null>;
  readonly range: ReadonlySignal<{ first: number; last: number } | null>;
  /** Re-reads the event log (called when the tab is shown and after changes). */
  refresh(): void;
}

/** Creates the History tab's model over the labels bridge. */
export function createHistoryModel(labels: LabelsBridge): HistoryModel {
  const events = signal<readonly LabelEvent[]>([]);
  const asOf = signal<number | null>(null);
  const stats = computed(() => computeAnnotationStats(events.value));
  const range = computed(() => {
    const list = events.value;
    if (list.length === 0) return null;
    let first = Infinity;
    let last = -Infinity;
    for (const e of list) {
      if (e.ts < first) first = e.ts;
      if (e.ts > last) last = e.ts;
    }
    return { first, last };
  });
  const series = computed(() => {
    const r = range.value;
    const out = new Map<string, RateSeries>();
    if (!r) return out;
    const bucketMs = bucketFor(r.last - r.first);
    for (const a of stats.value.annotators) {
      out.set(a.annotator, labelsPerHourSeries(events.value, { annotator: a.annotator, bucketMs, from: r.first, to: r.last, maxBuckets: 400 }));
    }
    return out;
  });
  const dwell = computed(() => dwellHistogram(events.value));
  const asOfView = computed<AsOfView | null>(() => {
    const t = asOf.value;
    if (t === null) return null;
    const table = labels.tableAsOf(t);
    let n = 0;
    for (const e of events.value) if (e.ts <= t) n++;
    return { asOf: t, table, counts: computeLabelCounts(table), states: summarizeRowStates(computeRowStates(table)), events: n };
  });
  return {
    events,
    stats,
    series,
    dwell,
    asOf,
    asOfView,
    range,
    refresh() {
      events.value = labels.events();
    },
  };
}
