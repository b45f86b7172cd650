// The Model tab's form as signals: the fine-tuning and output model types, each type's own
// settings (kept while another type is shown), weight decay and the semi-supervised options, and
// the ModelSpec they add up to, validated live with the shared parsers.
import { computed, signal } from '@preact/signals';
import type { ReadonlySignal, Signal } from '@preact/signals';
import { DEFAULT_CONVNET_SPEC, DEFAULT_MODEL_SPEC, parseConvnetSpec, parseModelSpec } from '../../shared/training/index.ts';
import type { ConvnetSpec, GlobalPoolingSpec, ModelSpec, OutputSpec, SemiSupervisedSpec } from '../../shared/training/index.ts';

/** Fine-tuning model types of the first dropdown, with their titles. */
export const FINE_TUNING_TITLES = { 'global-pooling': 'Global Pooling', convnet: 'Convnet' } as const;
export type FineTuningKind = keyof typeof FINE_TUNING_TITLES;

/** Output model types of the second dropdown, with their titles. */
export const OUTPUT_TITLES = { 'sigmoid-crossentropy': 'Sigmoid Cross-entropy', 'sigmoid-focal': 'Sigmoid Focal Loss' } as const;
export type OutputKind = keyof typeof OUTPUT_TITLES;

/** Settings of the Sigmoid Cross-entropy output. */
export interface CrossEntropySettings {
  normalize: boolean;
  labelSmoothing: number;
}

/** Settings of the Sigmoid Focal Loss output. */
export interface FocalSettings {
  normalize: boolean;
  gamma: number;
}

/** Plain-JSON state of the form (what is persisted). */
export interface ModelFormState {
  fineTuningKind: FineTuningKind;
  globalPooling: GlobalPoolingSpec;
  convnet: ConvnetSpec;
  outputKind: OutputKind;
  crossEntropy: CrossEntropySettings;
  focal: FocalSettings;
  weightDecay: number;
  semiSupervised: SemiSupervisedSpec;
}

/** The form's defaults: the original's Model-tab defaults. */
export function defaultModelFormState(): ModelFormState {
  const d = DEFAULT_MODEL_SPEC;
  return {
    fineTuningKind: 'global-pooling',
    globalPooling: { kind: 'global-pooling', poolingType: d.fineTuning.poolingType },
    convnet: { ...DEFAULT_CONVNET_SPEC },
    outputKind: d.output.kind,
    crossEntropy: { normalize: d.output.normalize, labelSmoothing: d.output.labelSmoothing },
    focal: { normalize: d.output.normalize, gamma: d.output.gamma },
    weightDecay: d.weightDecay,
    semiSupervised: { ...d.semiSupervised },
  };
}

/** The Model tab's form. Components read the signals and write through them. */
export interface ModelForm {
  readonly fineTuningKind: Signal<FineTuningKind>;
  readonly globalPooling: Signal<GlobalPoolingSpec>;
  readonly convnet: Signal<ConvnetSpec>;
  readonly outputKind: Signal<OutputKind>;
  readonly crossEntropy: Signal<CrossEntropySettings>;
  readonly focal: Signal<FocalSettings>;
  readonly weightDecay: Signal<number>;
  readonly semiSupervised: Signal<SemiSupervisedSpec>;
  /** The Convnet layer spec's parse error, or null (shown inline under the text box). */
  readonly layersError: ReadonlySignal<string | null>;
  /** The spec the form shows (not yet validated). */
  readonly draft: ReadonlySignal<ModelSpec>;
  /** The validated spec, or null when `error` is set. */
  readonly spec: ReadonlySignal<ModelSpec | null>;
  /** Why the spec is invalid, or null. */
  readonly error: ReadonlySignal<string | null>;
  /** The current state as plain JSON. */
  snapshot(): ModelFormState;
  /** Replaces every field (a stored state, or the defaults). */
  load(state: ModelFormState): void;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The ModelSpec a form state stands for. */
export function modelSpecOf(s: ModelFormState): ModelSpec {
  const output: OutputSpec =
    s.outputKind === 'sigmoid-focal'
      ? { kind: 'sigmoid-focal', normalize: s.focal.normalize, labelSmoothing: s.crossEntropy.labelSmoothing, gamma: s.focal.gamma }
      : { kind: 'sigmoid-crossentropy', normalize: s.crossEntropy.normalize, labelSmoothing: s.crossEntropy.labelSmoothing, gamma: s.focal.gamma };
  return {
    fineTuning: s.fineTuningKind === 'convnet' ? { ...s.convnet } : { ...s.globalPooling },
    output,
    weightDecay: s.weightDecay,
    semiSupervised: { ...s.semiSupervised },
  };
}

/**
 * Checks a stored state piece by piece with the shared parser; a piece that no longer parses
 * takes its default. Returns a complete state.
 */
export function restoreModelFormState(value: unknown): ModelFormState {
  const d = defaultModelFormState();
  if (!value || typeof value !== 'object') return d;
  const v = value as Partial<Record<keyof ModelFormState, unknown>>;
  const attempt = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch (error) {
      console.warn('patchwork: ignoring a stored Model-tab setting', message(error));
      return fallback;
    }
  };
  const gp = attempt(() => parseModelSpec({ fineTuning: { ...(v.globalPooling as object), kind: 'global-pooling' } }).fineTuning as GlobalPoolingSpec, d.globalPooling);
  const cn = attempt(() => parseModelSpec({ fineTuning: { ...(v.convnet as object), kind: 'convnet' } }).fineTuning as ConvnetSpec, d.convnet);
  const ce = attempt(() => parseModelSpec({ output: { kind: 'sigmoid-crossentropy', ...(v.crossEntropy as object) } }).output, DEFAULT_MODEL_SPEC.output);
  const fo = attempt(() => parseModelSpec({ output: { kind: 'sigmoid-focal', ...(v.focal as object) } }).output, DEFAULT_MODEL_SPEC.output);
  const rest = attempt(() => parseModelSpec({ weightDecay: v.weightDecay, semiSupervised: v.semiSupervised }), DEFAULT_MODEL_SPEC);
  return {
    fineTuningKind: v.fineTuningKind === 'convnet' ? 'convnet' : 'global-pooling',
    globalPooling: gp,
    convnet: cn,
    outputKind: v.outputKind === 'sigmoid-focal' ? 'sigmoid-focal' : 'sigmoid-crossentropy',
    crossEntropy: { normalize: ce.normalize, labelSmoothing: ce.labelSmoothing },
    focal: { normalize: fo.normalize, gamma: fo.gamma },
    weightDecay: rest.weightDecay,
    semiSupervised: rest.semiSupervised,
  };
}

/** Creates the form, starting from `initial` (default: the original's defaults). */
export function createModelForm(initial: ModelFormState = defaultModelFormState()): ModelForm {
  const fineTuningKind = signal(initial.fineTuningKind);
  const globalPooling = signal(initial.globalPooling);
  const convnet = signal(initial.convnet);
  const outputKind = signal(initial.outputKind);
  const crossEntropy = signal(initial.crossEntropy);
  const focal = signal(initial.focal);
  const weightDecay = signal(initial.weightDecay);
  const semiSupervised = signal(initial.semiSupervised);
  const snapshot = (): ModelFormState => ({
    fineTuningKind: fineTuningKind.value,
    globalPooling: globalPooling.value,
    convnet: convnet.value,
    outputKind: outputKind.value,
    crossEntropy: crossEntropy.value,
    focal: focal.value,
    weightDecay: weightDecay.value,
    semiSupervised: semiSupervised.value,
  });
  const layersError = computed(() => {
    try {
      parseConvnetSpec(convnet.value.layers);
      return null;
    } catch (error) {
      return message(error);
    }
  });
  const draft = computed(() => modelSpecOf(snapshot()));
  const checked = computed<{ spec: ModelSpec | null; error: string | null }>(() => {
    try {
      return { spec: parseModelSpec(draft.value), error: null };
    } catch (error) {
      return { spec: null, error: message(error) };
    }
  });
  return {
    fineTuningKind,
    globalPooling,
    convnet,
    outputKind,
    crossEntropy,
    focal,
    weightDecay,
    semiSupervised,
    layersError,
    draft,
    spec: computed(() => checked.value.spec),
    error: computed(() => checked.value.error),
    snapshot,
    load(state) {
      fineTuningKind.value = state.fineTuningKind;
      globalPooling.value = state.globalPooling;
      convnet.value = state.convnet;
      outputKind.value = state.outputKind;
      crossEntropy.value = state.crossEntropy;
      focal.value = state.focal;
      weightDecay.value = state.weightDecay;
      semiSupervised.value = state.semiSupervised;
    },
  };
}
