// Public surface of the derived views over the label table and the event log: row states,
// label counts, annotation statistics and time profiles.
export { ROW_STATE, countKnownLabels, computeRowStates, rowState, summarizeRowStates } from './row-states.ts';
export type { RowState, RowStateSummary } from './row-states.ts';
export { computeLabelCounts } from './label-counts.ts';
export type { ClassCounts, LabelCounts } from './label-counts.ts';
export {
  ACTIVITY_GAP_MS,
  HOUR_MS,
  activeTime,
  computeAnnotationStats,
  groupByAnnotator,
  median,
  rowsTouchedByAnnotator,
} from './annotation-stats.ts';
export type { AnnotationStats, AnnotationStatsOptions, AnnotatorStats } from './annotation-stats.ts';
export { MAX_SERIES_BUCKETS, hourOfDay, hourOfDayCounts, labelsPerHourSeries } from './time-profile.ts';
export type { RateBucket, RateSeries, RateSeriesOptions, TimeProfileOptions } from './time-profile.ts';
