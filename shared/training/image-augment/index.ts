// Public surface of image augmentation: the settings contract (operations, defaults, validator)
// and the pure-TypeScript augmentations that apply them to row-major float images.
export {
  AUGMENT_OPERATIONS,
  AUGMENT_SETTING_DEFAULTS,
  DEFAULT_AUGMENT_PARAMS,
  DEFAULT_STRONG_IMAGE_AUGMENT,
  SWITCH_OPERATIONS,
  augmentValue,
  enabledOperations,
  parseAugmentParams,
} from './augment-params.ts';
export type { AugmentOperation, AugmentParams } from './augment-params.ts';
export { augmentBatch, augmentImage } from './augment-image.ts';
export type { ImageShape3 } from './augment-image.ts';
export { jpegDegrade, jpegQuantTable } from './jpeg-degrade.ts';
