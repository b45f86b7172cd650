// The trainer's `--extractor` path end to end: reuse cached features for this model and input
// size when present, otherwise load the model, extract over the relay's images with progress
// logged at most once a second, and cache the result.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { FeatureSet } from '../data/features.ts';
import { extractFeatures, createRelayImageReader } from './extract-features.ts';
import { extractorCacheKey, defaultCacheDir, featureCachePath, readFeatureCache, writeFeatureCache } from './feature-cache.ts';
import { fetchImageCount } from './image-source.ts';
import type { ImageShape, RelayImageTarget } from './image-source.ts';
import { FeatureExtractorError, loadExtractor } from './model-loader.ts';
import type { LoadedExtractor } from './model-loader.ts';

/** Default model input size (H, W), as in the original. */
export const DEFAULT_IMSHAPE: ImageShape = { height: 256, width: 256 };
/** Minimum time between two progress log lines (ms). */
export const EXTRACT_LOG_MS = 1000;

/** Options of prepareExtractedFeatures. */
export interface PrepareExtractorOptions extends RelayImageTarget {
  /** Path of the extractor's model.json. */
  extractorPath: string;
  /** Input size; default: the model's declared (H, W) when fixed, else 256×256. */
  shape?: ImageShape;
  /** Cache root (default ~/.cache/patchwork). */
  cacheDir?: string;
  batchSize?: number;
  signal?: AbortSignal;
  log?: (line: string) => void;
  now?: () => number;
  /** Keep the extractor loaded and return it (for training on augmented images). */
  keepExtractor?: boolean;
}

/** What prepareExtractedFeatures produced. */
export interface PreparedFeatures {
  features: FeatureSet;
  /** The cache file (read or written). */
  cachePath: string;
  /** True when the features came from the cache. */
  fromCache: boolean;
  /** The input size used (--imshape, else the model's declared size, else 256×256). */
  shape: ImageShape;
  /** The loaded extractor, when asked for with keepExtractor (the caller disposes it). */
  extractor?: LoadedExtractor;
}

/** Parses `H,W` (e.g. "224,224"); throws FeatureExtractorError on anything else. */
export function parseImshape(text: string): ImageShape {
  const match = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(text);
  const height = Number(match?.[1]);
  const width = Number(match?.[2]);
  if (!match || height < 1 || width < 1 || height > 8192 || width > 8192) throw new FeatureExtractorError(`--imshape must be H,W in pixels (1 to 8192), e.g. 256,256, not "${text}"`);
  return { height, width };
}

function formatEta(ms: number | null): string {
  if (ms === null) return '?';
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

/**
 * Returns the features of every image for the extractor: from the cache when this model.json and
 * input size were already run on this project, else by extraction (then cached).
 * @example
 * const { features } = await prepareExtractedFeatures({ url, projectId, token, extractorPath: 'model.json' });
 */
export async function prepareExtractedFeatures(options: PrepareExtractorOptions): Promise<PreparedFeatures> {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? Date.now;
  const path = resolve(options.extractorPath);
  let json: Uint8Array;
  try {
    json = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FeatureExtractorError(code === 'ENOENT' ? `extractor model not found: ${path}` : `cannot read extractor model ${path}: ${(error as Error).message}`);
  }
  // Without --imshape, a model that declares a fixed input size gets it (else 256×256).
  let extractor: LoadedExtractor | null = options.shape ? null : await loadExtractor(path);
  const shape = options.shape ?? declaredShape(extractor) ?? DEFAULT_IMSHAPE;
  let kept = false;
  try {
    const cachePath = featureCachePath(options.cacheDir ?? defaultCacheDir(), options.projectId, extractorCacheKey(json, shape));
    const count = await fetchImageCount(options, options.signal);
    const cached = await readFeatureCache(cachePath, count, log);
    if (cached) {
      log(`features: reusing ${cachePath}`);
      if (options.keepExtractor) {
        extractor ??= await loadExtractor(path);
        kept = true;
      }
      return { features: cached, cachePath, fromCache: true, shape, ...(kept && extractor ? { extractor } : {}) };
    }
    extractor ??= await loadExtractor(path);
    const model = extractor;
    log(`extracting features of ${count} images with ${path} (${model.kind} model, input ${shape.height}×${shape.width})`);
    let lastLog = -Infinity;
    const features = await extractFeatures(model, createRelayImageReader(options), {
      count,
      shape,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      now,
      onProgress: ({ done, total, etaMs }) => {
        const t = now();
        if (done < total && t - lastLog < EXTRACT_LOG_MS) return;
        lastLog = t;
        log(`extracting: ${done}/${total} images, ${formatEta(etaMs)} left`);
      },
    });
    await writeFeatureCache(cachePath, features);
    log(`features cached in ${cachePath}`);
    kept = options.keepExtractor === true;
    return { features, cachePath, fromCache: false, shape, ...(kept ? { extractor: model } : {}) };
  } finally {
    if (!kept) extractor?.dispose();
  }
}

/** The fixed (H, W) a model declares for its input, if both are known. */
function declaredShape(extractor: LoadedExtractor | null): ImageShape | null {
  const s = extractor?.inputShape;
  const h = s?.[1];
  const w = s?.[2];
  return typeof h === 'number' && h > 0 && typeof w === 'number' && w > 0 ? { height: h, width: w } : null;
}
