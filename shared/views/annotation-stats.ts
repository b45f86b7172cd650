// Annotation statistics over the event log: per annotator edits, images touched, median dwell and
// labels per active hour, with a total line. Pure: the caller passes the events and any time window.
import type { LabelEvent } from '../table/label-table.ts';

/** Default inactivity threshold: a gap longer than this between two edits ends an active stretch. */
export const ACTIVITY_GAP_MS = 5 * 60_000;
/** Milliseconds in an hour. */
export const HOUR_MS = 3_600_000;

/** Statistics of one annotator (or of everyone, in `total`). */
export interface AnnotatorStats {
  /** Annotator name; `''` for the total line. */
  readonly annotator: string;
  /** Number of events (every edit counts: class values, clears and flags). */
  readonly events: number;
  /** Distinct image rows with at least one event. */
  readonly imagesTouched: number;
  /** Median dwell in ms over events with dwell > 0 (0 means "not measured"), or null when none. */
  readonly medianDwellMs: number | null;
  /** Active time in ms (see labelsPerHour). For the total, the sum over annotators. */
  readonly activeMs: number;
  /** Number of active stretches (runs of edits with no gap longer than the threshold). */
  readonly sessions: number;
  /** events / (activeMs in hours), or null when activeMs is 0. */
  readonly labelsPerHour: number | null;
  /** Timestamp of the first and last event, or null when there are none. */
  readonly firstTs: number | null;
  readonly lastTs: number | null;
}

/** Inputs of computeAnnotationStats; every field is optional. */
export interface AnnotationStatsOptions {
  /** Inactivity threshold in ms (default ACTIVITY_GAP_MS). */
  readonly gapMs?: number;
  /** Keep only events with ts ≥ since. */
  readonly since?: number;
  /** Keep only events with ts ≤ until. */
  readonly until?: number;
}

/** Per-annotator statistics (most events first, then by name) and the total over everyone. */
export interface AnnotationStats {
  readonly annotators: readonly AnnotatorStats[];
  readonly total: AnnotatorStats;
}

/** Median of a list of numbers (mean of the two middle ones for an even count), or null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Active time of one annotator's events. Events are taken in time order; a gap of at most `gapMs`
 * between consecutive events counts in full, a longer gap counts nothing and starts a new stretch.
 * Each stretch also counts its first event's dwell (capped at `gapMs`): the annotator was looking at
 * that image before the edit. So 60 edits one minute apart are one stretch of 59 min + first dwell.
 */
export function activeTime(events: readonly LabelEvent[], gapMs: number = ACTIVITY_GAP_MS): { activeMs: number; sessions: number } {
  if (events.length === 0) return { activeMs: 0, sessions: 0 };
  const ordered = [...events].sort((a, b) => a.ts - b.ts);
  const first = ordered[0] as LabelEvent;
  let activeMs = Math.min(Math.max(first.dwell, 0), gapMs);
  let sessions = 1;
  for (let i = 1; i < ordered.length; i++) {
    const event = ordered[i] as LabelEvent;
    const gap = event.ts - (ordered[i - 1] as LabelEvent).ts;
    if (gap <= gapMs) activeMs += gap;
    else {
      sessions++;
      activeMs += Math.min(Math.max(event.dwell, 0), gapMs);
    }
  }
  return { activeMs, sessions };
}

function statsOf(annotator: string, events: readonly LabelEvent[], gapMs: number): AnnotatorStats {
  const rows = new Set<number>();
  const dwells: number[] = [];
  let firstTs: number | null = null;
  let lastTs: number | null = null;
  for (const e of events) {
    rows.add(e.row);
    if (e.dwell > 0) dwells.push(e.dwell);
    if (firstTs === null || e.ts < firstTs) firstTs = e.ts;
    if (lastTs === null || e.ts > lastTs) lastTs = e.ts;
  }
  const { activeMs, sessions } = activeTime(events, gapMs);
  return {
    annotator,
    events: events.length,
    imagesTouched: rows.size,
    medianDwellMs: median(dwells),
    activeMs,
    sessions,
    labelsPerHour: activeMs > 0 ? events.length / (activeMs / HOUR_MS) : null,
    firstTs,
    lastTs,
  };
}

/** Groups events by annotator, keeping only those inside [since, until]. */
export function groupByAnnotator(events: readonly LabelEvent[], since?: number, until?: number): Map<string, LabelEvent[]> {
  const groups = new Map<string, LabelEvent[]>();
  for (const e of events) {
    if (since !== undefined && e.ts < since) continue;
    if (until !== undefined && e.ts > until) continue;
    let list = groups.get(e.by);
    if (!list) groups.set(e.by, (list = []));
    list.push(e);
  }
  return groups;
}

/**
 * Statistics per annotator and in total. The total's activeMs is the sum of the annotators' active
 * times (annotator-hours), so its labelsPerHour is the team's rate per person-hour; its sessions
 * is the sum too.
 */
export function computeAnnotationStats(events: readonly LabelEvent[], options: AnnotationStatsOptions = {}): AnnotationStats {
  const gapMs = options.gapMs ?? ACTIVITY_GAP_MS;
  const groups = groupByAnnotator(events, options.since, options.until);
  const annotators = [...groups].map(([name, list]) => statsOf(name, list, gapMs));
  annotators.sort((a, b) => b.events - a.events || (a.annotator < b.annotator ? -1 : a.annotator > b.annotator ? 1 : 0));
  const all = [...groups.values()].flat();
  const base = statsOf('', all, gapMs);
  const activeMs = annotators.reduce((sum, a) => sum + a.activeMs, 0);
  const total: AnnotatorStats = {
    ...base,
    activeMs,
    sessions: annotators.reduce((sum, a) => sum + a.sessions, 0),
    labelsPerHour: activeMs > 0 ? all.length / (activeMs / HOUR_MS) : null,
  };
  return { annotators, total };
}

/**
 * Rows each annotator has at least one event on, as sorted row lists: the row sets behind the
 * `labelled by: <name>` and `labelled by me` subset options.
 */
export function rowsTouchedByAnnotator(events: readonly LabelEvent[]): Map<string, Int32Array> {
  const sets = new Map<string, Set<number>>();
  for (const e of events) {
    let set = sets.get(e.by);
    if (!set) sets.set(e.by, (set = new Set()));
    set.add(e.row);
  }
  const out = new Map<string, Int32Array>();
  for (const [name, set] of sets) out.set(name, Int32Array.from(set).sort());
  return out;
}
