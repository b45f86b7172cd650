// events.csv: one row per label event with ISO time, annotator, row, path, field, value and dwell.
import { describe, expect, it } from 'vitest';
import { formatIsoTime, parseCsv, writeHistoryCsv } from '../../../../shared/csv/index.ts';
import type { LabelEvent } from '../../../../shared/table/label-table.ts';

describe('events.csv', () => {
  it('formats times as ISO-8601 UTC with milliseconds, like Date#toISOString', () => {
    for (const ms of [0, 1, 951_782_400_000, 1_700_000_000_123, 4_102_444_799_999, -86_400_001]) {
      expect(formatIsoTime(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('writes one row per event with field names and values', () => {
    const events: LabelEvent[] = [
      { row: 1, field: 2, value: 1, ts: 1_700_000_000_000, by: 'ann', dwell: 1234 },
      { row: 0, field: 0, value: 1, ts: 1_700_000_000_500, by: 'bob, jr', dwell: 0 },
      { row: 1, field: 3, value: -1, ts: 1_700_000_001_000, by: 'ann', dwell: 10.6 },
    ];
    const text = writeHistoryCsv(events, ['a.png', 'b.png'], ['cat', 'dog']);
    expect(parseCsv(text).map((r) => r.fields)).toEqual([
      ['time', 'annotator', 'row', 'filepath', 'field', 'value', 'dwell_ms'],
      ['2023-11-14T22:13:20.000Z', 'ann', '1', 'b.png', 'cat', '1.0', '1234'],
      ['2023-11-14T22:13:20.500Z', 'bob, jr', '0', 'a.png', 'exclude', 'True', '0'],
      ['2023-11-14T22:13:21.000Z', 'ann', '1', 'b.png', 'dog', '', '11'],
    ]);
  });
});
