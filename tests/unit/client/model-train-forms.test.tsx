// @vitest-environment jsdom
// Component tests of the Model and Train tabs' forms (§7.3, §7.4 of the behaviour reference):
// defaults, per-type settings kept across switches, live Convnet spec validation, the `build` and
// `train` jobs they write, the training progress bar, the newest run's plots, and persistence.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import type * as Y from 'yjs';
import { createAppModel } from '../../../client/models/app-model.ts';
import { TRAINING_FORMS_KEY_PREFIX } from '../../../client/models/training-forms.ts';
import { DEFAULT_MODEL_SPEC, DEFAULT_TRAIN_OPTIONS, parseModelSpec, parseTrainOptions } from '../../../shared/training/index.ts';
import { MODEL_JOBS_KEY, MODEL_LATEST_KEY, MODEL_RUNS_KEY } from '../../../shared/schema/model-doc.ts';
import type { ClientFixture } from '../../helpers/client-fixtures.ts';
import { mountApp } from '../../helpers/mounted-app.tsx';
import type { MountedApp } from '../../helpers/mounted-app.tsx';

let app: MountedApp;
let scratch: HTMLElement;
let fx: ClientFixture;

const q = <T extends Element = HTMLElement>(testId: string): T => app.q<T>(testId);
const value = (testId: string): string => q<HTMLInputElement>(testId).value;
const checked = (testId: string): boolean => q<HTMLInputElement>(testId).checked;
const choose = (testId: string, v: string): void => {
  act(() => {
    const el = q<HTMLSelectElement>(testId);
    el.value = v;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
};
const type = (testId: string, v: string): void => app.type(testId, v);
const toggle = (testId: string): void => {
  act(() => {
    q<HTMLInputElement>(testId).click();
  });
};
const openTab = (tab: 'model' | 'train'): void => {
  act(() => {
    q<HTMLButtonElement>(`tab-button-${tab}`).click();
  });
};
const jobs = (): { id: string; record: Record<string, unknown> }[] => {
  const out: { id: string; record: Record<string, unknown> }[] = [];
  (fx.modelDoc.getMap(MODEL_JOBS_KEY) as Y.Map<Y.Map<unknown>>).forEach((m, id) => out.push({ id, record: m.toJSON() }));
  return out;
};

function runRecord(runId: string, finishedAt: number) {
  const hist = (className: string, auc: number) => ({
    className,
    edges: Array.from({ length: 15 }, (_, i) => i / 14),
    series: { trainPos: new Array(14).fill(0.5), trainNeg: new Array(14).fill(1), valPos: new Array(14).fill(0.2), valNeg: new Array(14).fill(0.1), unlabelled: new Array(14).fill(0.7) },
    counts: { trainPos: 5, trainNeg: 9, valPos: 1, valNeg: 2, unlabelled: 30 },
    train: { auc, accuracy: 0.8 },
    val: { auc: 0.75, accuracy: 0.5 },
  });
  const model = parseModelSpec({ fineTuning: { kind: 'convnet', layers: '32,p,16' }, output: { kind: 'sigmoid-focal', gamma: 1.5 } });
  return {
    runId,
    status: 'done',
    startedAt: finishedAt - 500,
    finishedAt,
    labelVersion: 12,
    classes: ['a', 'b'],
    featureShape: [4, 4, 8],
    rowCount: 50,
    config: { model, training: DEFAULT_TRAIN_OPTIONS },
    trainer: { name: 'gpu-box', machine: 'lab-host-3', backend: 'wasm', tfjsVersion: '4.22.0' },
    params: { fineTuning: 4656, output: 34, total: 4690 },
    counts: { training: 14, validation: 3 },
    steps: 4,
    samplesPerSecond: 900,
    augmentation: 'image',
    fineTunedExtractor: true,
    loss: { supervised: [0.9, 0.7, 0.5, 0.4], semisupervised: [0, 0, 0, 0], validation: [0.8, 0.6], validationStep: [2, 4] },
    metrics: [
      { className: 'a', train: { auc: 0.91, accuracy: 0.8 }, val: { auc: 0.75, accuracy: 0.5 } },
      { className: 'b', train: { auc: 0.62, accuracy: 0.8 }, val: { auc: 0.75, accuracy: 0.5 } },
    ],
    histograms: [hist('a', 0.91), hist('b', 0.62)],
    outputs: { model: { sha256: 'c'.repeat(64), shape: [], dtype: 'bytes', bytes: 2_500_000 } },
  };
}

beforeEach(() => {
  app = mountApp();
  ({ scratch, fx } = app);
});
afterEach(() => app.unmount());

describe('Model tab form', () => {
  it('[§7.3] shows the original defaults and "No current model"; the draft equals DEFAULT_MODEL_SPEC', () => {
    openTab('model');
    expect(value('fine-tuning-kind')).toBe('global-pooling');
    expect(value('global-pooling-type')).toBe('max pool');
    expect(value('weight-decay')).toBe('0');
    expect(value('output-kind')).toBe('sigmoid-crossentropy');
    expect(checked('output-normalize')).toBe(false);
    expect(value('label-smoothing')).toBe('0');
    expect(q('label-smoothing').getAttribute('max')).toBe('0.25');
    expect(q('label-smoothing').getAttribute('step')).toBe('0.05');
    expect(value('semi-kind')).toBe('fixmatch');
    expect(value('semi-lambda')).toBe('0');
    expect(value('semi-tau')).toBe('0.95');
    expect(value('semi-mu')).toBe('1');
    expect(q('model-status').textContent).toBe('No current model');
    expect(fx.app.forms.model.spec.value).toEqual(DEFAULT_MODEL_SPEC);

    choose('fine-tuning-kind', 'convnet');
    expect(value('convnet-layers')).toBe('128,p,d,128');
    expect(value('convnet-kernel')).toBe('1');
    expect([...q<HTMLSelectElement>('convnet-kernel').options].map((o) => o.value)).toEqual(['1', '3', '5', '7']);
    expect(checked('convnet-batchnorm')).toBe(false);
    expect(checked('convnet-separable')).toBe(false);
    expect(value('convnet-dropout')).toBe('0.5');
    expect([q('convnet-dropout').getAttribute('min'), q('convnet-dropout').getAttribute('max'), q('convnet-dropout').getAttribute('step')]).toEqual(['0.05', '0.95', '0.05']);
    expect(value('convnet-pooling')).toBe('max pool');
    choose('output-kind', 'sigmoid-focal');
    expect(value('focal-gamma')).toBe('2');
    expect(checked('output-normalize')).toBe(false);
  });

  it('[§7.3] each model type keeps its own settings when switching away and back', () => {
    openTab('model');
    choose('global-pooling-type', 'average pool');
    choose('fine-tuning-kind', 'convnet');
    type('convnet-layers', '64,p,r,32');
    choose('convnet-kernel', '3');
    toggle('convnet-batchnorm');
    type('convnet-dropout', '0.25');
    choose('convnet-pooling', 'flatten');
    choose('fine-tuning-kind', 'global-pooling');
    expect(value('global-pooling-type')).toBe('average pool');
    expect(fx.app.forms.model.spec.value?.fineTuning).toEqual({ kind: 'global-pooling', poolingType: 'average pool' });
    choose('fine-tuning-kind', 'convnet');
    expect([value('convnet-layers'), value('convnet-kernel'), checked('convnet-batchnorm'), value('convnet-dropout'), value('convnet-pooling')]).toEqual(['64,p,r,32', '3', true, '0.25', 'flatten']);

    type('label-smoothing', '0.15');
    toggle('output-normalize');
    choose('output-kind', 'sigmoid-focal');
    expect(checked('output-normalize')).toBe(false);
    type('focal-gamma', '3.5');
    choose('output-kind', 'sigmoid-crossentropy');
    expect([value('label-smoothing'), checked('output-normalize')]).toEqual(['0.15', true]);
    choose('output-kind', 'sigmoid-focal');
    expect(value('focal-gamma')).toBe('3.5');
  });

  it('[§3.2] an invalid Convnet spec shows the parser error inline and disables Build; a valid one builds', () => {
    openTab('model');
    choose('fine-tuning-kind', 'convnet');
    expect(scratch.querySelector('[data-testid="convnet-layers-error"]')).toBeNull();
    type('convnet-layers', '128,,x');
    expect(q('convnet-layers-error').textContent).toContain('layer 2 is empty');
    expect(q<HTMLButtonElement>('build-model').disabled).toBe(true);
    type('convnet-layers', '128,p,q');
    expect(q('convnet-layers-error').textContent).toContain('"q" is not an integer, p, d or r');
    expect(q<HTMLButtonElement>('build-model').disabled).toBe(true);
    act(() => q<HTMLButtonElement>('build-model').click());
    expect(jobs()).toHaveLength(0);

    type('convnet-layers', '32, p, 16');
    expect(scratch.querySelector('[data-testid="convnet-layers-error"]')).toBeNull();
    type('weight-decay', '0.001');
    act(() => q<HTMLButtonElement>('build-model').click());
    const [job] = jobs();
    expect(job?.record['kind']).toBe('build');
    const settings = job?.record['settings'] as Record<string, unknown>;
    expect(parseModelSpec(settings['model'])).toEqual({
      ...DEFAULT_MODEL_SPEC,
      fineTuning: { kind: 'convnet', layers: '32, p, 16', kernelSize: 1, batchnorm: false, separable: false, dropoutRate: 0.5, poolingType: 'max pool' },
      weightDecay: 0.001,
    });
    expect(settings['training']).toEqual({ seed: 1 });

    expect(q('model-status').textContent).toBe('No current model');
    act(() => {
      (fx.modelDoc.getMap(MODEL_JOBS_KEY).get(job?.id ?? '') as Y.Map<unknown>).set('status', 'done');
    });
    expect(q('model-status').textContent).toContain('Current fine-tuning model: Convnet 32, p, 16 (kernel 1, dropout 0.5, max pool)');
    expect(q('model-status').textContent).toContain('Current output model: Sigmoid Cross-entropy (label smoothing 0)');
  });

  it('an out-of-range number disables Build with the field named', () => {
    openTab('model');
    type('semi-tau', '0.2');
    expect(q('model-form-error').textContent).toContain('tau must be between 0.5 and 1');
    expect(q<HTMLButtonElement>('build-model').disabled).toBe(true);
    type('semi-tau', '');
    expect(q('model-form-error').textContent).toContain('tau must be a number');
    type('semi-tau', '0.9');
    expect(q<HTMLButtonElement>('build-model').disabled).toBe(false);
  });

  it('the status line shows the newest run record with its parameter counts', () => {
    act(() => {
      fx.modelDoc.getMap(MODEL_RUNS_KEY).set('run-1', runRecord('run-1', 5_000));
    });
    openTab('model');
    const text = q('model-status').textContent ?? '';
    expect(text).toContain('Current fine-tuning model: Convnet 32,p,16 (kernel 1, dropout 0.5, max pool) (4,656 parameters)');
    expect(text).toContain('Current output model: Sigmoid Focal Loss (gamma 1.5) (34 parameters)');
  });
});

describe('Train tab form', () => {
  it('[§7.4] shows the original defaults (and the abort field the original hid)', () => {
    openTab('train');
    expect(value('train-sampling')).toBe('class');
    expect([...q<HTMLSelectElement>('train-sampling').options].map((o) => o.value)).toEqual(['class', 'instance', 'squareroot']);
    expect(value('train-optimizer')).toBe('adam');
    expect(value('train-learning-rate')).toBe('0.001');
    expect(value('train-lr-decay')).toBe('none');
    expect(value('train-batch-size')).toBe('16');
    expect(value('train-batches-per-epoch')).toBe('100');
    expect(value('train-epochs')).toBe('10');
    expect(value('train-prediction-batch-size')).toBe('64');
    expect(value('train-abort-after')).toBe('0');
    expect(value('train-seed')).toBe('1');
    expect(checked('train-update-predictions')).toBe(true);
    expect(q('badge-controls')).toBeTruthy();
    expect(q('train-progress-idle').textContent).toContain('No training job running');
  });

  it('[§4] "Make it so" writes a train job whose settings parse to what both tabs show', () => {
    openTab('model');
    choose('fine-tuning-kind', 'convnet');
    type('convnet-layers', '16,p,d,8');
    choose('convnet-kernel', '5');
    type('semi-lambda', '1');
    type('semi-mu', '2');
    openTab('train');
    choose('train-sampling', 'squareroot');
    choose('train-optimizer', 'momentum');
    type('train-learning-rate', '0.01');
    choose('train-lr-decay', 'cosine');
    type('train-batch-size', '32');
    type('train-batches-per-epoch', '20');
    type('train-epochs', '3');
    type('train-prediction-batch-size', '128');
    type('train-abort-after', '2');
    type('train-seed', '42');
    type('train-fine-tune-after', '1');
    toggle('train-update-predictions');
    act(() => q<HTMLButtonElement>('make-it-so').click());
    const [job] = jobs();
    expect(job?.record['kind']).toBe('train');
    expect(job?.record['requestedBy']).toBe('alice');
    const settings = job?.record['settings'] as Record<string, unknown>;
    expect(parseTrainOptions(settings['training'])).toEqual({
      sampling: 'squareroot',
      optimizer: 'momentum',
      learningRate: 0.01,
      lrDecay: 'cosine',
      batchSize: 32,
      batchesPerEpoch: 20,
      epochs: 3,
      abortAfter: 2,
      predictionBatchSize: 128,
      updatePredictions: false,
      seed: 42,
      fineTuneAfter: 1,
      augment: DEFAULT_TRAIN_OPTIONS.augment,
      strongAugment: DEFAULT_TRAIN_OPTIONS.strongAugment,
    });
    expect(parseModelSpec(settings['model'])).toEqual({
      fineTuning: { kind: 'convnet', layers: '16,p,d,8', kernelSize: 5, batchnorm: false, separable: false, dropoutRate: 0.5, poolingType: 'max pool' },
      output: DEFAULT_MODEL_SPEC.output,
      weightDecay: 0,
      semiSupervised: { lambda: 1, tau: 0.95, mu: 2 },
    });
    // The job appears in the tab's job list, waiting for a trainer.
    expect(scratch.querySelector(`[data-job="${job?.id}"]`)?.textContent).toContain('waiting for a trainer');
  });

  it('"Make it so" is disabled while the Model tab is invalid or a training field is not a number', () => {
    openTab('model');
    choose('fine-tuning-kind', 'convnet');
    type('convnet-layers', '8,zz');
    openTab('train');
    expect(q<HTMLButtonElement>('make-it-so').disabled).toBe(true);
    expect(q('train-form-error').textContent).toContain('Model tab:');
    openTab('model');
    type('convnet-layers', '8');
    openTab('train');
    expect(q<HTMLButtonElement>('make-it-so').disabled).toBe(false);
    type('train-epochs', '2.5');
    expect(q('train-form-error').textContent).toContain('epochs must be an integer');
    expect(q<HTMLButtonElement>('make-it-so').disabled).toBe(true);
  });

  it('shows a progress bar for a running train job with step, loss and ETA', () => {
    openTab('train');
    act(() => q<HTMLButtonElement>('make-it-so').click());
    const [job] = jobs();
    expect(q('train-progress-text').textContent).toContain('waiting for a trainer');
    const map = fx.modelDoc.getMap(MODEL_JOBS_KEY).get(job?.id ?? '') as Y.Map<unknown>;
    act(() => {
      map.set('status', 'running');
      map.set('claimant', 'trainer-7');
      map.set('progress', { step: 30, total: 120, loss: 0.4321, etaMs: 65_000, message: 'training (1 / 3)' });
    });
    const bar = scratch.querySelector<HTMLElement>('[data-testid="train-progress"] .bar span');
    expect(bar?.style.width).toBe('25%');
    const text = q('train-progress-text').textContent ?? '';
    expect(text).toContain('step 30 / 120');
    expect(text).toContain('loss 0.4321');
    expect(text).toContain('about 1 min 05 s left');
    expect(text).toContain('trainer-7');
    act(() => {
      map.set('status', 'done');
    });
    expect(scratch.querySelector('[data-testid="train-progress"]')).toBeNull();
  });

  it('draws the newest run (loss plot, histograms by class) and links the published model with its trainer', () => {
    act(() => {
      fx.modelDoc.getMap(MODEL_RUNS_KEY).set('run-old', runRecord('run-old', 1_000));
      fx.modelDoc.getMap(MODEL_RUNS_KEY).set('run-new', runRecord('run-new', 9_000));
      fx.modelDoc.getMap(MODEL_LATEST_KEY).set('model', { sha256: 'c'.repeat(64), shape: [], dtype: 'bytes', bytes: 2_500_000, runId: 'run-new', labelVersion: 12, createdAt: 9_000 });
    });
    openTab('train');
    const panel = q('train-panel');
    const run = panel.querySelector('[data-run="run-new"]');
    expect(run).toBeTruthy();
    expect([...(run?.querySelectorAll('[data-testid="line-plot"] [data-series]') ?? [])].map((g) => g.getAttribute('data-series'))).toEqual(['training loss', 'validation loss']);
    expect(run?.querySelectorAll('figure.hist')).toHaveLength(2);
    expect(run?.querySelector('figcaption')?.textContent).toContain('AUC 0.910');
    const select = run?.querySelector('select') as HTMLSelectElement;
    act(() => {
      select.value = 'b';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(run?.querySelector('figcaption')?.textContent).toContain('AUC 0.620');
    expect(run?.querySelector('[data-testid="run-augmentation"]')?.textContent).toBe('images (live extractor) · extractor fine-tuned');
    expect(panel.querySelector('[data-run="run-old"]')).toBeNull();
    expect(scratch.querySelector('[data-run="run-old"]')).toBeTruthy();
    expect(q('model-download').getAttribute('href')).toBe(`/api/projects/test/blobs/${'c'.repeat(64)}?token=tok-123`);
    expect(q('model-trainer').textContent).toContain('trained by gpu-box on lab-host-3 (wasm, tfjs 4.22.0)');
  });
});

describe('view-only links', () => {
  it('see both forms but cannot build or train', () => {
    app.unmount();
    app = mountApp({ role: 'viewer' });
    ({ scratch, fx } = app);
    openTab('model');
    expect(q<HTMLButtonElement>('build-model').disabled).toBe(true);
    openTab('train');
    expect(q<HTMLButtonElement>('make-it-so').disabled).toBe(true);
    act(() => q<HTMLButtonElement>('make-it-so').click());
    expect(jobs()).toHaveLength(0);
  });
});

describe('persistence', () => {
  it('keeps the last-used settings of both tabs across a reload', () => {
    openTab('model');
    choose('fine-tuning-kind', 'convnet');
    type('convnet-layers', '12,p');
    choose('output-kind', 'sigmoid-focal');
    type('focal-gamma', '4');
    openTab('train');
    type('train-epochs', '7');
    choose('train-optimizer', 'momentum');
    expect(JSON.parse(localStorage.getItem(`${TRAINING_FORMS_KEY_PREFIX}test`) ?? '{}').train.epochs).toBe(7);
    const reloaded = createAppModel({ ...fx.app.deps });
    try {
      expect(reloaded.forms.model.spec.value).toEqual(fx.app.forms.model.spec.value);
      expect(reloaded.forms.model.spec.value?.fineTuning).toMatchObject({ kind: 'convnet', layers: '12,p' });
      expect(reloaded.forms.model.spec.value?.output).toMatchObject({ kind: 'sigmoid-focal', gamma: 4 });
      expect(reloaded.forms.train.options.value).toEqual({ ...DEFAULT_TRAIN_OPTIONS, epochs: 7, optimizer: 'momentum' });
    } finally {
      reloaded.dispose();
    }
  });

  it('a stored setting that no longer parses falls back to its default', () => {
    localStorage.setItem(`${TRAINING_FORMS_KEY_PREFIX}test`, JSON.stringify({ model: { fineTuningKind: 'convnet', convnet: { layers: 'x' }, semiSupervised: { tau: 7 } }, train: { epochs: -1, batchSize: 8 } }));
    const reloaded = createAppModel({ ...fx.app.deps });
    try {
      expect(reloaded.forms.model.spec.value?.fineTuning).toMatchObject({ kind: 'convnet', layers: '128,p,d,128' });
      expect(reloaded.forms.model.spec.value?.semiSupervised).toEqual(DEFAULT_MODEL_SPEC.semiSupervised);
      expect(reloaded.forms.train.options.value).toEqual({ ...DEFAULT_TRAIN_OPTIONS, batchSize: 8 });
    } finally {
      reloaded.dispose();
    }
  });
});
