// Public surface of the labels document: layout constants, metadata, the hybrid clock, the event
// writer, validators for untrusted content, the fold (whole and live) and history views.
export {
  SCHEMA_VERSION, META_KEY, SEGMENTS_KEY, META_FIELDS, SEGMENT_MAX_ENTRIES, SEGMENT_MAX_SPAN_MS, MAX_DWELL_MS,
  MAX_BLOCK_BYTES, MAX_ANNOTATOR_LENGTH, MAX_IMAGE_COUNT, CELL_CODE, formatSegmentKey, parseSegmentKey,
  blockByteLength, readCellCode,
} from './layout.ts';
export type { CellCode, SegmentHeader, EventTuple, BlockEntry, ProjectMeta } from './layout.ts';
export { HybridClock } from './clock.ts';
export { initLabelsDoc, readMeta, appendClasses, getMetaMap } from './meta.ts';
export type { LabelsDocInit } from './meta.ts';
export {
  toInteger, validateSegmentKey, validateSegmentHeader, validateEventEntry, validateBlockEntry,
  validateSegmentEntry, segmentContext, normaliseHeader, normaliseBlock,
} from './validate.ts';
export type { EntryContext } from './validate.ts';
export { decodeSegment, decodeDoc, getSegmentsMap, sortedSegmentKeys, compareStrings } from './scan.ts';
export type { EventPosition, StoredEvent, RejectedEvent, DecodedBlock, SegmentSink } from './scan.ts';
export { EventWriter } from './writer.ts';
export type { LabelEdit, ImportOptions } from './writer.ts';
export { FoldEngine } from './fold-engine.ts';
export { compareEvents, defaultCellValue, expandBlock } from './event-order.ts';
export { foldDoc, readEvents, readCellHistory, foldEngineFor } from './fold.ts';
export type { FoldOptions, FoldResult } from './fold.ts';
export { undoEdit, valueBefore, findConflicts } from './history.ts';
export type { UndoTarget, UndoOptions, LabelConflict } from './history.ts';
export { LiveLabelTable } from './live.ts';
export type { LiveChange, LiveOptions } from './live.ts';
