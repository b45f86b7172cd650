// Public surface of the metrics area: AUC/accuracy and class histograms of model outputs.
export { ACCURACY_THRESHOLD, aucAccuracy, rocAuc, thresholdAccuracy } from './auc.ts';
export type { AucAccuracy, ScoreSplit } from './auc.ts';
export { HISTOGRAM_EDGE_COUNT, HISTOGRAM_SERIES, classHistogram, classHistograms, histogram, histogramEdges } from './histogram.ts';
export type { ClassHistogram, HistogramSeries } from './histogram.ts';
