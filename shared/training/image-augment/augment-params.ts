// Image-augmentation settings (behaviour reference §3.6): the operations in their fixed order, the
// original's defaults (weak / training augmentation and FixMatch's strong one), and a validator.
// Unlike the original, a key set to `false` or 0 turns its operation off.
import { SettingsError } from '../model-spec.ts';

/** Every operation, in the order they are applied. */
export const AUGMENT_OPERATIONS = [
  'flip_left_right',
  'flip_up_down',
  'rot90',
  'shear',
  'zoom_scale',
  'center_zoom_scale',
  'solarize',
  'jitter',
  'brightness_delta',
  'contrast_delta',
  'saturation_delta',
  'hue_delta',
  'gaussian_blur',
  'gaussian_noise',
  'autocontrast',
  'drop_color',
  'sobel_prob',
  'jpeg_degrade',
  'mask',
  'pixel_mask',
] as const;
export type AugmentOperation = (typeof AUGMENT_OPERATIONS)[number];

/** Operations that are on/off switches (`true`); every other takes a number in [0, 1]. */
export const SWITCH_OPERATIONS: readonly AugmentOperation[] = ['flip_left_right', 'flip_up_down', 'rot90'];

/** Augmentation settings: an operation is on when its value is `true` or a number > 0. */
export type AugmentParams = Partial<Record<AugmentOperation, number | boolean>>;

/** The original's training augmentation (`aug=True`). */
export const DEFAULT_AUGMENT_PARAMS: Readonly<AugmentParams> = Object.freeze({
  gaussian_blur: 0.2,
  drop_color: 0.2,
  gaussian_noise: 0.2,
  sobel_prob: 0.1,
  brightness_delta: 0.2,
  contrast_delta: 0.1,
  saturation_delta: 0.1,
  hue_delta: 0.05,
  flip_left_right: true,
  flip_up_down: true,
  rot90: true,
  zoom_scale: 0.2,
  mask: 0.2,
});

/** The original GUI's FixMatch strong augmentation. */
export const DEFAULT_STRONG_IMAGE_AUGMENT: Readonly<AugmentParams> = Object.freeze({
  zoom_scale: 0.25,
  jitter: 1.0,
  flip_left_right: true,
  drop_color: 0.2,
  mask: 0.2,
});

/** Defaults of the two augmentation settings of TrainOptions: `augment` and `strongAugment`. */
export const AUGMENT_SETTING_DEFAULTS: Readonly<Record<'augment' | 'strongAugment', Readonly<AugmentParams>>> = Object.freeze({
  augment: DEFAULT_AUGMENT_PARAMS,
  strongAugment: DEFAULT_STRONG_IMAGE_AUGMENT,
});

/** The value of an operation when it is on (a switch reads as 1), or null when it is off. */
export function augmentValue(params: AugmentParams, op: AugmentOperation): number | null {
  const v = params[op];
  if (v === undefined || v === false || v === 0) return null;
  return v === true ? 1 : v;
}

/** The operations that are on, in application order. */
export function enabledOperations(params: AugmentParams): AugmentOperation[] {
  return AUGMENT_OPERATIONS.filter((op) => augmentValue(params, op) !== null);
}

/**
 * Validates untrusted JSON: `true` → the defaults given, `false`/null → off (false), or an object
 * of known operations (switches: booleans; others: numbers in [0, 1] or false). Errors name `field`.
 */
export function parseAugmentParams(value: unknown, field: string, defaults: Readonly<AugmentParams>): AugmentParams | false {
  if (value === undefined || value === true) return { ...defaults };
  if (value === false || value === null) return false;
  if (typeof value !== 'object' || Array.isArray(value)) throw new SettingsError(`${field} must be true, false or an object of augmentation operations`);
  const out: AugmentParams = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!(AUGMENT_OPERATIONS as readonly string[]).includes(key)) {
      throw new SettingsError(`${field}: unknown augmentation "${key}" (known: ${AUGMENT_OPERATIONS.join(', ')})`);
    }
    const op = key as AugmentOperation;
    if (SWITCH_OPERATIONS.includes(op)) {
      if (typeof v !== 'boolean') throw new SettingsError(`${field}.${key} must be true or false`);
    } else if (v !== false && (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1)) {
      throw new SettingsError(`${field}.${key} must be a number from 0 to 1 (or false)`);
    }
    out[op] = v as number | boolean;
  }
  return out;
}
