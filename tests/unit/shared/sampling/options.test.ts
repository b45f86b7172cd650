// Subset-by and sort option lists (behaviour 5) and their prefix parsing, including class names
// that contain the words the original searched for anywhere in the string.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SUBSET_BY,
  SAMPLING_ERROR,
  distinctSubsetValues,
  listSortOptions,
  listSubsetOptions,
  parseSortOption,
  parseSubsetOption,
} from '../../../../shared/sampling/index.ts';

describe('option lists', () => {
  it('[B5] sort options for classes [a, b], diversity after BADGE only when on', () => {
    expect(listSortOptions(['a', 'b'])).toEqual([
      'random', 'max entropy', 'BADGE',
      'highest: a', 'highest: b', 'high: a', 'high: b', 'lowest: a', 'lowest: b', 'low: a', 'low: b', 'maxent: a', 'maxent: b',
    ]);
    expect(listSortOptions(['a', 'b'], { diversity: true }).slice(0, 5)).toEqual(['random', 'max entropy', 'BADGE', 'diversity', 'highest: a']);
  });

  it('[B5] subset options for classes [a, b] with subset values [x, y], then the additions', () => {
    expect(listSubsetOptions(['a', 'b'], { subsetValues: ['x', 'y'] })).toEqual([
      'all', 'unlabeled: a', 'unlabeled: b', 'contains: a', 'contains: b', "doesn't contain: a", "doesn't contain: b", 'subset: x', 'subset: y',
    ]);
    expect(listSubsetOptions(['a'], { conflicts: true, labelledByMe: true, annotators: ['ana', 'bo'] }).slice(4)).toEqual([
      'conflicts', 'labelled by me', 'labelled by: ana', 'labelled by: bo',
    ]);
  });

  it('the default subset option is "all", and it is the first option (the original defaulted to an invalid value)', () => {
    expect(DEFAULT_SUBSET_BY).toBe('all');
    expect(listSubsetOptions([])[0]).toBe(DEFAULT_SUBSET_BY);
  });

  it('distinct subset values keep first-occurrence order and show missing values as nan', () => {
    expect(distinctSubsetValues(['y', 'x', null, 'y', undefined])).toEqual(['y', 'x', 'nan']);
  });
});

describe('prefix parsing', () => {
  const tricky = ['contains: x', 'subset', 'unlabeled', "doesn't contain", 'all', 'labelled by: me'];

  it('every listed option parses back to the right filter, even for tricky class names', () => {
    for (const [i, name] of tricky.entries()) {
      expect(parseSubsetOption(`unlabeled: ${name}`, tricky)).toEqual({ ok: true, filter: { kind: 'unlabeled', classIndex: i } });
      expect(parseSubsetOption(`contains: ${name}`, tricky)).toEqual({ ok: true, filter: { kind: 'contains', classIndex: i } });
      expect(parseSubsetOption(`doesn't contain: ${name}`, tricky)).toEqual({ ok: true, filter: { kind: 'doesnt-contain', classIndex: i } });
    }
    for (const option of listSubsetOptions(tricky, { subsetValues: ['contains', 'unlabeled: q'] })) {
      expect(parseSubsetOption(option, tricky).ok).toBe(true);
    }
    expect(parseSubsetOption('subset: unlabeled: q', tricky)).toEqual({ ok: true, filter: { kind: 'subset', value: 'unlabeled: q' } });
    expect(parseSubsetOption('all', tricky)).toEqual({ ok: true, filter: { kind: 'all' } });
    expect(parseSubsetOption('labelled by: me', tricky)).toEqual({ ok: true, filter: { kind: 'labelled-by', annotator: 'me' } });
    expect(parseSubsetOption('labelled by me', tricky)).toEqual({ ok: true, filter: { kind: 'labelled-by-me' } });
  });

  it('unknown options and classes are failure values, not exceptions', () => {
    expect(parseSubsetOption('unlabeled', ['a'])).toMatchObject({ ok: false, code: SAMPLING_ERROR.UNKNOWN_OPTION });
    expect(parseSubsetOption('contains: zebra', ['a'])).toMatchObject({ ok: false, code: SAMPLING_ERROR.UNKNOWN_CLASS });
    expect(parseSubsetOption('the a ones', ['a'])).toMatchObject({ ok: false, reason: '"the a ones" is not a subset option' });
    expect(parseSortOption('sideways', ['a'])).toMatchObject({ ok: false, code: SAMPLING_ERROR.UNKNOWN_OPTION });
    expect(parseSortOption('high: zebra', ['a'])).toMatchObject({ ok: false, code: SAMPLING_ERROR.UNKNOWN_CLASS });
  });

  it('sort prefixes: "high:" never captures "highest: c", and classes named like prefixes work', () => {
    const classes = ['highest: x', 'low', 'maxent'];
    for (const option of listSortOptions(classes, { diversity: true })) expect(parseSortOption(option, classes).ok).toBe(true);
    expect(parseSortOption('highest: low', classes)).toEqual({ ok: true, order: { kind: 'highest', className: 'low' } });
    expect(parseSortOption('high: highest: x', classes)).toEqual({ ok: true, order: { kind: 'high', className: 'highest: x' } });
    expect(parseSortOption('low: maxent', classes)).toEqual({ ok: true, order: { kind: 'low', className: 'maxent' } });
    expect(parseSortOption('BADGE', classes)).toEqual({ ok: true, order: { kind: 'BADGE' } });
  });
});
