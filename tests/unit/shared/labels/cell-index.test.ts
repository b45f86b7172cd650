// The fold's typed-array hash map (and its wide fallback) against a plain Map, through growth and collisions.
import { describe, expect, it } from 'vitest';
import { CellIndex, WideCellIndex, createCellIndex } from '../../../../shared/labels/cell-index.ts';
import { createSeededRandom } from '../../../helpers/seeded-random.ts';

describe('cell index', () => {
  it.each([
    ['CellIndex', () => new CellIndex(4), 2 ** 31 - 2],
    ['WideCellIndex', () => new WideCellIndex(), 2 ** 40],
  ] as const)('%s matches a Map through growth and collisions', (_name, create, maxKey) => {
    const random = createSeededRandom(3);
    const index = create();
    const reference = new Map<number, number>();
    for (let i = 0; i < 20_000; i++) {
      const key = random.chance(0.5) ? random.int(5000) * 1024 : Math.floor(random.next() * maxKey);
      index.set(key, i);
      reference.set(key, i);
    }
    expect(index.size).toBe(reference.size);
    for (const [key, value] of reference) expect(index.get(key)).toBe(value);
    expect(index.get(7)).toBe(reference.get(7) ?? -1);
  });

  it('picks the wide index when cell ids exceed int32', () => {
    expect(createCellIndex(10, 1000)).toBeInstanceOf(CellIndex);
    expect(createCellIndex(10, 2 ** 32)).toBeInstanceOf(WideCellIndex);
  });
});
