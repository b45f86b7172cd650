// The model a user designs on the Model tab, as plain JSON (it travels in job settings): the
// fine-tuning head, the output head, weight decay and the semi-supervised options, with the
// original's defaults, and a validator that turns untrusted JSON into a complete spec.
import { parseConvnetSpec } from './convnet-spec.ts';

/** Pooling choices of Global Pooling and of the Convnet's final layer. */
export const POOLING_TYPES = ['max pool', 'average pool', 'flatten'] as const;
export type PoolingType = (typeof POOLING_TYPES)[number];

/** Global Pooling: a parameter-free global max, average or flatten over (h, w). */
export interface GlobalPoolingSpec {
  kind: 'global-pooling';
  poolingType: PoolingType;
}

/** Convnet: the layer-spec grammar of shared/training/convnet-spec.ts plus its options. */
export interface ConvnetSpec {
  kind: 'convnet';
  layers: string;
  kernelSize: 1 | 3 | 5 | 7;
  batchnorm: boolean;
  separable: boolean;
  /** Spatial dropout rate of `d` layers, 0.05–0.95. */
  dropoutRate: number;
  poolingType: PoolingType;
}

export type FineTuningSpec = GlobalPoolingSpec | ConvnetSpec;

/** Sigmoid output with masked cross-entropy (label smoothing 0–0.25) or masked focal loss (γ). */
export interface OutputSpec {
  kind: 'sigmoid-crossentropy' | 'sigmoid-focal';
  /** L2-normalise the input vector first. */
  normalize: boolean;
  labelSmoothing: number;
  gamma: number;
}

/** FixMatch on feature maps (λ = 0 turns it off). */
export interface SemiSupervisedSpec {
  lambda: number;
  tau: number;
  mu: number;
}

/** The whole model design. */
export interface ModelSpec {
  fineTuning: FineTuningSpec;
  output: OutputSpec;
  /** L2 weight decay on the fine-tuning kernels. */
  weightDecay: number;
  semiSupervised: SemiSupervisedSpec;
}

/** Model-tab defaults of the original. */
export const DEFAULT_MODEL_SPEC: ModelSpec = {
  fineTuning: { kind: 'global-pooling', poolingType: 'max pool' },
  output: { kind: 'sigmoid-crossentropy', normalize: false, labelSmoothing: 0, gamma: 2 },
  weightDecay: 0,
  semiSupervised: { lambda: 0, tau: 0.95, mu: 1 },
};

/** Convnet defaults of the original. */
export const DEFAULT_CONVNET_SPEC: ConvnetSpec = {
  kind: 'convnet',
  layers: '128,p,d,128',
  kernelSize: 1,
  batchnorm: false,
  separable: false,
  dropoutRate: 0.5,
  poolingType: 'max pool',
};

/** A setting that is out of range or of the wrong type. */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

type Json = Record<string, unknown>;

function obj(value: unknown, what: string): Json {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SettingsError(`${what} must be an object`);
  return value as Json;
}

/** Reads a number setting with a default and an inclusive range. */
export function numberSetting(o: Json, key: string, fallback: number, min: number, max: number, integer = false): number {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new SettingsError(`${key} must be a number`);
  if (integer && !Number.isInteger(v)) throw new SettingsError(`${key} must be an integer`);
  if (v < min || v > max) throw new SettingsError(`${key} must be between ${min} and ${max}, got ${v}`);
  return v;
}

/** Reads a string setting restricted to `choices`. */
export function choiceSetting<T extends string>(o: Json, key: string, fallback: T, choices: readonly T[]): T {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) {
    throw new SettingsError(`${key} must be one of ${choices.join(', ')}`);
  }
  return v as T;
}

function boolSetting(o: Json, key: string, fallback: boolean): boolean {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw new SettingsError(`${key} must be true or false`);
  return v;
}

/** Validates untrusted JSON into a complete ModelSpec (missing fields take the defaults). */
export function parseModelSpec(value: unknown): ModelSpec {
  const o = obj(value, 'model');
  const ft = obj(o.fineTuning, 'fineTuning');
  const kind = choiceSetting(ft, 'kind', 'global-pooling', ['global-pooling', 'convnet'] as const);
  let fineTuning: FineTuningSpec;
  if (kind === 'global-pooling') {
    fineTuning = { kind, poolingType: choiceSetting(ft, 'poolingType', 'max pool', POOLING_TYPES) };
  } else {
    const layers = ft.layers === undefined ? DEFAULT_CONVNET_SPEC.layers : ft.layers;
    if (typeof layers !== 'string') throw new SettingsError('layers must be a string');
    parseConvnetSpec(layers);
    const k = numberSetting(ft, 'kernelSize', 1, 1, 7, true);
    if (![1, 3, 5, 7].includes(k)) throw new SettingsError('kernelSize must be 1, 3, 5 or 7');
    fineTuning = {
      kind,
      layers,
      kernelSize: k as ConvnetSpec['kernelSize'],
      batchnorm: boolSetting(ft, 'batchnorm', false),
      separable: boolSetting(ft, 'separable', false),
      dropoutRate: numberSetting(ft, 'dropoutRate', 0.5, 0.05, 0.95),
      poolingType: choiceSetting(ft, 'poolingType', 'max pool', POOLING_TYPES),
    };
  }
  const out = obj(o.output, 'output');
  const semi = obj(o.semiSupervised, 'semiSupervised');
  return {
    fineTuning,
    output: {
      kind: choiceSetting(out, 'kind', 'sigmoid-crossentropy', ['sigmoid-crossentropy', 'sigmoid-focal'] as const),
      normalize: boolSetting(out, 'normalize', false),
      labelSmoothing: numberSetting(out, 'labelSmoothing', 0, 0, 0.25),
      gamma: numberSetting(out, 'gamma', 2, 0, 10),
    },
    weightDecay: numberSetting(o, 'weightDecay', 0, 0, 10),
    semiSupervised: {
      lambda: numberSetting(semi, 'lambda', 0, 0, 100),
      tau: numberSetting(semi, 'tau', 0.95, 0.5, 1),
      mu: numberSetting(semi, 'mu', 1, 1, 64, true),
    },
  };
}
