// The incrementally maintained row states and label counts must equal a full recomputation after
// every change: random local and remote edits (flags included), then a class added (full refold).
import { describe, expect, it } from 'vitest';
import { createLabelsBridge } from '../../../client/bridge/labels-bridge.ts';
import { createTableDerivations } from '../../../client/models/table-derivations.ts';
import { appendClasses, EventWriter, HybridClock } from '../../../shared/labels/index.ts';
import { computeLabelCounts, computeRowStates } from '../../../shared/views/index.ts';
import { createLabelsDoc, createManualClock } from '../../helpers/labels-doc.ts';
import { createSeededRandom } from '../../helpers/seeded-random.ts';

describe('table derivations', () => {
  it('stay equal to a full recomputation through random edits and a refold', () => {
    const rng = createSeededRandom(1234);
    const doc = createLabelsDoc({ classes: ['a', 'b', 'c'], imageCount: 60 });
    const clock = createManualClock();
    const labels = createLabelsBridge(doc, { annotator: 'alice', now: clock.read });
    const bob = new EventWriter(doc, 'bob', new HybridClock(clock.read));
    const derived = createTableDerivations(labels.snapshot);
    const check = (step: number): void => {
      const table = labels.snapshot.value?.table;
      if (!table) throw new Error('no table');
      expect(derived.counts.value, `seed ${rng.seed} step ${step}`).toEqual(computeLabelCounts(table));
      expect(derived.rowStates(), `seed ${rng.seed} step ${step}`).toEqual(computeRowStates(table));
    };
    for (let step = 0; step < 300; step++) {
      clock.now += rng.int(3);
      const edits = Array.from({ length: 1 + rng.int(4) }, () => ({ row: rng.int(60), field: rng.int(5), value: (rng.int(3) - 1) as -1 | 0 | 1 }))
        .map((e) => (e.field < 2 && e.value === -1 ? { ...e, value: 0 as const } : e));
      if (rng.chance(0.5)) labels.edit(edits);
      else bob.append(edits);
      check(step);
    }
    appendClasses(doc, ['d']);
    labels.edit([{ row: 3, field: 5, value: 1 }]);
    check(300);
    expect(derived.counts.value?.classes).toEqual(['a', 'b', 'c', 'd']);
    derived.dispose();
  });
});
