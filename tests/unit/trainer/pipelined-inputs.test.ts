// The training loop with pipelined inputs: the next step's batch is requested before the current
// one is awaited (so workers can prepare it while this step trains), never across an epoch
// boundary; inputs that are not pipelined are asked for one batch at a time.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_SPEC, DEFAULT_TRAIN_OPTIONS } from '../../../shared/training/index.ts';
import type { TrainOptions } from '../../../shared/training/index.ts';
import { gatherRows } from '../../../trainer/data/features.ts';
import { buildModel } from '../../../trainer/models/index.ts';
import { poolFeatures } from '../../../trainer/data/pool.ts';
import { createFeatureInputs, trainModel } from '../../../trainer/train/index.ts';
import type { TrainInputs } from '../../../trainer/train/index.ts';
import { syntheticMaps } from '../../helpers/trainer-data.ts';
import { useTrainerBackend } from '../../helpers/trainer-tf.ts';

beforeAll(async () => useTrainerBackend('wasm'));

const OPTIONS: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, batchSize: 8, batchesPerEpoch: 3, epochs: 2, seed: 2 };

async function callOrder(pipelined: boolean): Promise<string[]> {
  const { features, table } = syntheticMaps(40, ['a', 'b']);
  const model = buildModel(DEFAULT_MODEL_SPEC, features.rowShape, 2, 1);
  const data = model.pooledUpFront ? poolFeatures(features, model.pooledUpFront) : features;
  const events: string[] = [];
  const base = createFeatureInputs(data, OPTIONS.batchSize, 0, false);
  const inputs: TrainInputs = {
    ...base,
    pipelined,
    // A fresh array per call, so a batch requested ahead cannot overwrite the one in use.
    // 'request' when asked, 'ready' when the batch resolves (a microtask later).
    supervised: (rows) => {
      events.push('request');
      return Promise.resolve().then(() => {
        events.push('ready');
        return gatherRows(data, rows);
      });
    },
  };
  let clock = 0;
  await trainModel(model, { data, table, inputs }, OPTIONS, {
    now: () => (clock += 5000),
    onProgress: (p) => {
      if (p.message.startsWith('training')) events.push('step');
    },
  });
  model.dispose();
  return events;
}

describe('pipelined training inputs', () => {
  it('ask for the next batch before this step trains, and not across epochs', async () => {
    // Step 1's batch is requested before step 0's is ready; none is requested after the last step.
    const epoch = ['request', 'request', 'ready', 'ready', 'step', 'request', 'ready', 'step', 'step'];
    expect(await callOrder(true)).toEqual([...epoch, ...epoch]);
  });

  it('inputs that are not pipelined are asked for one batch a step', async () => {
    const epoch = ['request', 'ready', 'step', 'request', 'ready', 'step', 'request', 'ready', 'step'];
    expect(await callOrder(false)).toEqual([...epoch, ...epoch]);
  });
});
