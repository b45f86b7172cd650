// The Model and Train tabs' forms together, restored from and saved to browser storage so a reload
// keeps the last-used settings (per project), and the job settings they produce.
import { effect } from '@preact/signals';
import { DEFAULT_TRAIN_OPTIONS } from '../../shared/training/index.ts';
import type { ModelSpec, TrainOptions } from '../../shared/training/index.ts';
import { createModelForm, restoreModelFormState } from './model-form.ts';
import type { ModelForm } from './model-form.ts';
import { createTrainForm, restoreTrainOptions } from './train-form.ts';
import type { TrainForm } from './train-form.ts';

/** Prefix of the storage key; the project id follows. */
export const TRAINING_FORMS_KEY_PREFIX = 'patchwork.training-forms.';

/** The two forms. */
export interface TrainingForms {
  readonly model: ModelForm;
  readonly train: TrainForm;
  /** Settings of a `build` job, or null while the model form is invalid. */
  buildSettings(): { model: ModelSpec; training: { seed: number } } | null;
  /** Settings of a `train` job, or null while either form is invalid. */
  trainSettings(): { model: ModelSpec; training: TrainOptions } | null;
  /** Stops saving. */
  dispose(): void;
}

/** Where the forms are kept: a Storage-like object (localStorage) and a key. */
export interface TrainingFormsStore {
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  key: string;
}

function readStored(store: TrainingFormsStore | null): Record<string, unknown> {
  const text = store?.storage.getItem(store.key);
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch (error) {
    console.warn('patchwork: ignoring unreadable stored training settings', error);
    return {};
  }
}

/** Creates both forms from `store` (when given) and saves every change back to it. */
export function createTrainingForms(store: TrainingFormsStore | null): TrainingForms {
  const stored = readStored(store);
  const model = createModelForm(restoreModelFormState(stored['model']));
  const train = createTrainForm(restoreTrainOptions(stored['train']));
  const stop = store
    ? effect(() => {
        const text = JSON.stringify({ model: model.snapshot(), train: train.options.value });
        try {
          store.storage.setItem(store.key, text);
        } catch (error) {
          console.warn('patchwork: could not save the training settings', error);
        }
      })
    : () => undefined;
  return {
    model,
    train,
    buildSettings() {
      const spec = model.spec.peek();
      const options = train.valid.peek();
      return spec ? { model: spec, training: { seed: options?.seed ?? DEFAULT_TRAIN_OPTIONS.seed } } : null;
    },
    trainSettings() {
      const spec = model.spec.peek();
      const options = train.valid.peek();
      return spec && options ? { model: spec, training: options } : null;
    },
    dispose: stop,
  };
}
