// The Train tab's form as signals: the training options of the original's Train tab (plus the
// early-stop field it hid and the seed), validated live with the shared parser.
import { computed, signal } from '@preact/signals';
import type { ReadonlySignal, Signal } from '@preact/signals';
import { AUGMENT_SETTING_DEFAULTS, DEFAULT_TRAIN_OPTIONS, parseAugmentParams, parseTrainOptions } from '../../shared/training/index.ts';
import type { AugmentParams, TrainOptions } from '../../shared/training/index.ts';

/** The Train tab's form. */
export interface TrainForm {
  /** What the form shows (numbers may be NaN while a field is being typed). */
  readonly options: Signal<TrainOptions>;
  /** The validated options, or null when `error` is set. */
  readonly valid: ReadonlySignal<TrainOptions | null>;
  /** Why the options are invalid, or null. */
  readonly error: ReadonlySignal<string | null>;
  /** Sets one option. */
  set<K extends keyof TrainOptions>(key: K, value: TrainOptions[K]): void;
}

/**
 * A stored augmentation object checked operation by operation: an operation whose value does not
 * parse (a box left empty, an unknown name) takes the default's value, or is left out when the
 * default has none.
 */
function restoreAugment(key: string, value: unknown): unknown {
  const defaults = (AUGMENT_SETTING_DEFAULTS as Readonly<Record<string, Readonly<AugmentParams> | undefined>>)[key];
  if (!defaults || !value || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [op, v] of Object.entries(value as Record<string, unknown>)) {
    try {
      parseAugmentParams({ [op]: v }, key, defaults);
      out[op] = v;
    } catch (error) {
      console.warn('patchwork: ignoring a stored augmentation setting', error instanceof Error ? error.message : error);
      const d = (defaults as Record<string, unknown>)[op];
      if (d !== undefined) out[op] = d;
    }
  }
  return out;
}

/** Checks stored options field by field; a field that does not parse takes its default. */
export function restoreTrainOptions(value: unknown): TrainOptions {
  if (!value || typeof value !== 'object') return { ...DEFAULT_TRAIN_OPTIONS };
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    if (!(key in DEFAULT_TRAIN_OPTIONS)) continue;
    const v = restoreAugment(key, raw);
    try {
      parseTrainOptions({ [key]: v });
      out[key] = v;
    } catch (error) {
      console.warn('patchwork: ignoring a stored Train-tab setting', error instanceof Error ? error.message : error);
    }
  }
  return parseTrainOptions(out);
}

/** Creates the form, starting from `initial` (default: the original's defaults). */
export function createTrainForm(initial: TrainOptions = DEFAULT_TRAIN_OPTIONS): TrainForm {
  const options = signal<TrainOptions>({ ...initial });
  const checked = computed<{ valid: TrainOptions | null; error: string | null }>(() => {
    try {
      return { valid: parseTrainOptions(options.value), error: null };
    } catch (error) {
      return { valid: null, error: error instanceof Error ? error.message : String(error) };
    }
  });
  return {
    options,
    valid: computed(() => checked.value.valid),
    error: computed(() => checked.value.error),
    set(key, value) {
      options.value = { ...options.value, [key]: value };
    },
  };
}
