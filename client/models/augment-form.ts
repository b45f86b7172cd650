// The Train tab's image-augmentation settings as edits of the Train form: readable names of the
// operations, turning an operation or a whole column on and off, and reset to the defaults.
import { AUGMENT_OPERATIONS, AUGMENT_SETTING_DEFAULTS, DEFAULT_AUGMENT_PARAMS, SWITCH_OPERATIONS } from '../../shared/training/index.ts';
import type { AugmentOperation, AugmentParams } from '../../shared/training/index.ts';
import type { TrainForm } from './train-form.ts';

/** The two augmentation settings of the Train form: training batches (and FixMatch's weak view), FixMatch's strong view. */
export const AUGMENT_COLUMNS = ['augment', 'strongAugment'] as const;
export type AugmentColumn = (typeof AUGMENT_COLUMNS)[number];

/** Defaults of each column (the original's `aug=True` and its GUI's FixMatch strong augmentation). */
export const AUGMENT_COLUMN_DEFAULTS: Readonly<Record<AugmentColumn, Readonly<AugmentParams>>> = AUGMENT_SETTING_DEFAULTS;

/** Value an operation gets when checked and its column's defaults do not name it. */
export const AUGMENT_FALLBACK_VALUE = 0.2;

/** Readable name and explanation (tooltip) of each operation. */
export const AUGMENT_OPERATION_INFO: Readonly<Record<AugmentOperation, { label: string; title: string }>> = {
  flip_left_right: { label: 'flip left–right', title: 'Mirrors the image left to right half of the time.' },
  flip_up_down: { label: 'flip up–down', title: 'Mirrors the image top to bottom half of the time.' },
  rot90: { label: 'rotate by 90°', title: 'Rotates by 0, 90, 180 or 270 degrees, chosen at random.' },
  shear: { label: 'shear', title: 'Shears horizontally and vertically by up to this fraction (reflecting at the edges).' },
  zoom_scale: { label: 'zoom (min. crop area)', title: 'Crops a random box covering between this fraction and all of the image, then scales it back up.' },
  center_zoom_scale: { label: 'centre zoom (min. crop area)', title: 'Crops a random centred box no smaller than this fraction, then scales it back up.' },
  solarize: { label: 'solarize', title: 'Inverts the values above a random threshold.' },
  jitter: { label: 'colour jitter (strength)', title: 'Changes brightness, contrast, saturation and hue together, in random order; 1 is strong.' },
  brightness_delta: { label: 'brightness (max. change)', title: 'Multiplies the brightness by a random factor within ± this value.' },
  contrast_delta: { label: 'contrast (max. change)', title: 'Scales the contrast by a random factor within ± this value.' },
  saturation_delta: { label: 'saturation (max. change)', title: 'Scales the colour saturation by a random factor within ± this value.' },
  hue_delta: { label: 'hue (max. shift)', title: 'Shifts the hue by up to this fraction of the colour wheel.' },
  gaussian_blur: { label: 'blur (probability)', title: 'Blurs with a Gaussian of random width, with this probability.' },
  gaussian_noise: { label: 'noise (probability)', title: 'Adds Gaussian noise (standard deviation 0.1), with this probability.' },
  autocontrast: { label: 'auto-contrast (probability)', title: 'Stretches the values to the full range, with this probability.' },
  drop_color: { label: 'drop colour (probability)', title: 'Turns the image grey (the mean of its channels), with this probability.' },
  sobel_prob: { label: 'edge map (probability)', title: 'Replaces the image by its Sobel edge magnitude, with this probability.' },
  jpeg_degrade: { label: 'JPEG artefacts (probability)', title: 'Compresses at a very low JPEG quality; a higher value degrades more often and more.' },
  mask: { label: 'grey box (probability)', title: 'Covers a random rectangle with mid-grey, with this probability.' },
  pixel_mask: { label: 'pixel dropout (probability)', title: 'Sets about 70 % of the pixels to black, with this probability.' },
};

/** Whether `op` is an on/off switch (a checkbox without a number). */
export function isSwitchOperation(op: AugmentOperation): boolean {
  return SWITCH_OPERATIONS.includes(op);
}

/** Whether the column lists `op` (a number, even 0 while it is being typed, or `true`). */
export function operationChecked(params: AugmentParams | false, op: AugmentOperation): boolean {
  if (params === false) return false;
  const v = params[op];
  return v !== undefined && v !== false;
}

/** The value an operation gets when it is checked: the column default's number, else 0.2. */
export function operationDefault(column: AugmentColumn, op: AugmentOperation): number | true {
  if (isSwitchOperation(op)) return true;
  const d = AUGMENT_COLUMN_DEFAULTS[column][op];
  return typeof d === 'number' && d > 0 ? d : AUGMENT_FALLBACK_VALUE;
}

/** `params` with `op` checked (its default value) or unchecked (its key removed); keeps the operation order. */
export function withOperation(params: AugmentParams | false, column: AugmentColumn, op: AugmentOperation, on: boolean): AugmentParams {
  const base: AugmentParams = params === false ? {} : params;
  const out: AugmentParams = {};
  for (const key of AUGMENT_OPERATIONS) {
    if (key === op) {
      if (on) out[key] = operationChecked(base, key) ? base[key] : operationDefault(column, key);
    } else if (base[key] !== undefined) {
      out[key] = base[key];
    }
  }
  return out;
}

/** `params` with the number of `op` set to `value` (NaN while the box is empty; the parser then reports it). */
export function withOperationValue(params: AugmentParams | false, op: AugmentOperation, value: number): AugmentParams {
  return { ...(params === false ? {} : params), [op]: value };
}

/** Actions on the Train form's augmentation settings. */
export interface AugmentForm {
  /** Turns training augmentation off (remembering the settings) or back on (the remembered settings, else the defaults). */
  setEnabled(on: boolean): void;
  /** Checks or unchecks one operation of a column. */
  setOperation(column: AugmentColumn, op: AugmentOperation, on: boolean): void;
  /** Sets the number of one operation. */
  setValue(column: AugmentColumn, op: AugmentOperation, value: number): void;
  /** Restores a column's defaults (and turns training augmentation on for the training column). */
  reset(column: AugmentColumn): void;
}

/** The settings each Train form had when its augmentation was last turned off (kept while the page lives). */
const remembered = new WeakMap<TrainForm, AugmentParams>();

/** Creates the augmentation actions of `train`. */
export function createAugmentForm(train: TrainForm): AugmentForm {
  const read = (column: AugmentColumn): AugmentParams | false => train.options.peek()[column];
  return {
    setEnabled(on) {
      const current = read('augment');
      if (!on) {
        if (current !== false) remembered.set(train, current);
        train.set('augment', false);
      } else if (current === false) {
        train.set('augment', { ...(remembered.get(train) ?? DEFAULT_AUGMENT_PARAMS) });
      }
    },
    setOperation(column, op, on) {
      train.set(column, withOperation(read(column), column, op, on));
    },
    setValue(column, op, value) {
      train.set(column, withOperationValue(read(column), op, value));
    },
    reset(column) {
      train.set(column, { ...AUGMENT_COLUMN_DEFAULTS[column] });
    },
  };
}
