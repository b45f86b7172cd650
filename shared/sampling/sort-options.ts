// The "Sort by" options: their list in the original's order and a prefix-based parser, plus what
// each sort needs (predictions or a ranking) so the UI can disable it and say why.
import { SAMPLING_ERROR, samplingFailure, type SamplingResult } from './result.ts';

/** Default sort. */
export const DEFAULT_SORT = 'random';
/** Sort option names that take no class. */
export const SORT_NAME = {
  RANDOM: 'random',
  MAX_ENTROPY: 'max entropy',
  BADGE: 'BADGE',
  DIVERSITY: 'diversity',
} as const;
/** Per-class sort prefixes, in the order the option list groups them. */
export const SORT_PREFIXES = ['highest', 'high', 'lowest', 'low', 'maxent'] as const;
/** One per-class sort kind. */
export type ClassSortKind = (typeof SORT_PREFIXES)[number];

/** A parsed sort option. */
export type SortOrder =
  | { readonly kind: 'random' }
  | { readonly kind: 'max entropy' }
  | { readonly kind: 'BADGE' }
  | { readonly kind: 'diversity' }
  | { readonly kind: ClassSortKind; readonly className: string };

/** What a sort needs besides the table. */
export type SortNeed = 'nothing' | 'predictions' | 'ranking';

/** Options of listSortOptions. */
export interface SortOptionExtras {
  /** List `diversity` after `BADGE` (when a diversity ranking can exist). */
  readonly diversity?: boolean;
}

/**
 * Sort options: `random`, `max entropy`, `BADGE`, [`diversity`], then `highest: c`, `high: c`,
 * `lowest: c`, `low: c`, `maxent: c`, each prefix for every class before the next prefix.
 */
export function listSortOptions(classes: readonly string[], extras: SortOptionExtras = {}): string[] {
  const options: string[] = [SORT_NAME.RANDOM, SORT_NAME.MAX_ENTROPY, SORT_NAME.BADGE];
  if (extras.diversity) options.push(SORT_NAME.DIVERSITY);
  for (const prefix of SORT_PREFIXES) for (const c of classes) options.push(`${prefix}: ${c}`);
  return options;
}

/** Parses a sort option by its prefix (`high:` never matches `highest: c`); the class must exist. */
export function parseSortOption(option: string, classes: readonly string[]): SamplingResult<{ order: SortOrder }> {
  switch (option) {
    case SORT_NAME.RANDOM:
    case SORT_NAME.MAX_ENTROPY:
    case SORT_NAME.BADGE:
    case SORT_NAME.DIVERSITY:
      return { ok: true, order: { kind: option } };
  }
  for (const kind of SORT_PREFIXES) {
    const prefix = `${kind}:`;
    if (!option.startsWith(prefix)) continue;
    const className = option.slice(prefix.length).trim();
    if (!classes.includes(className)) return samplingFailure(SAMPLING_ERROR.UNKNOWN_CLASS, `there is no class "${className}"`);
    return { ok: true, order: { kind, className } };
  }
  return samplingFailure(SAMPLING_ERROR.UNKNOWN_OPTION, `"${option}" is not a sort option`);
}

/** What a sort needs: `random` nothing, BADGE and diversity a ranking, every other sort predictions. */
export function sortNeed(order: SortOrder): SortNeed {
  if (order.kind === 'random') return 'nothing';
  if (order.kind === 'BADGE' || order.kind === 'diversity') return 'ranking';
  return 'predictions';
}
