// Typed transaction origins: every Y transaction this app makes is tagged, so observers can tell
// the annotator's own edits from undo, remote updates and local persistence.

/** Sources of a transaction started by the app. */
export const ORIGIN_SOURCES = ['ui', 'undo', 'job'] as const;
/** One source. */
export type OriginSource = (typeof ORIGIN_SOURCES)[number];

/** A transaction origin written by the app. */
export interface TransactionOrigin {
  readonly source: OriginSource;
}

/** The annotator's own label edits (clicks, keys). */
export const ORIGIN_UI: TransactionOrigin = Object.freeze({ source: 'ui' });
/** An undo (itself a new event). */
export const ORIGIN_UNDO: TransactionOrigin = Object.freeze({ source: 'undo' });
/** A job request in the model document. */
export const ORIGIN_JOB: TransactionOrigin = Object.freeze({ source: 'job' });

/** True when `origin` is one of this app's own origins (anything else is remote or persistence). */
export function isLocalOrigin(origin: unknown): origin is TransactionOrigin {
  return origin === ORIGIN_UI || origin === ORIGIN_UNDO || origin === ORIGIN_JOB;
}
