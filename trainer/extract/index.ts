// Public API of the feature extractor: load a TensorFlow.js model.json from disk, run it over the
// project's images fetched from the relay, and cache the resulting features as .npy.
export { FeatureExtractorError, createFileModelHandler, loadExtractor, parseModelJson } from './model-loader.ts';
export type { LoadedExtractor } from './model-loader.ts';
export { EXTRACT_CHANNELS, decodeImage, decodeImageInto, decodeImageRgb8, fetchImage, fetchImageCount, rgb8ToFloat } from './image-source.ts';
export type { ImageShape, RelayImageTarget } from './image-source.ts';
export {
  DEFAULT_EXTRACT_BATCH,
  FETCH_CONCURRENCY,
  checkInputShape,
  createRelayImageReader,
  eachConcurrently,
  extractFeatures,
  extractPixelBatches,
  readImageRgb8,
  runExtractor,
} from './extract-features.ts';
export { DEFAULT_IMAGE_CACHE_BYTES, createImageStore } from './image-store.ts';
export type { ImageStore, ImageStoreOptions, ImageStoreStats } from './image-store.ts';
export type { ExtractOptions, ExtractProgress, ImageReader, PixelBatchReader } from './extract-features.ts';
export { defaultCacheDir, extractorCacheKey, featureCachePath, readFeatureCache, writeFeatureCache } from './feature-cache.ts';
export { DEFAULT_IMSHAPE, EXTRACT_LOG_MS, parseImshape, prepareExtractedFeatures } from './prepare.ts';
export type { PrepareExtractorOptions, PreparedFeatures } from './prepare.ts';
