// The on-disk cache of extracted features: one .npy per (project, model.json bytes, input size),
// written atomically, so a restarted trainer reuses the features instead of extracting again.
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { encodeNpy } from '../../shared/npy/index.ts';
import { FeatureFileError, loadFeatures } from '../data/features.ts';
import type { FeatureSet } from '../data/features.ts';
import type { ImageShape } from './image-source.ts';

/** Default root of the feature cache (`--cache-dir`). */
export function defaultCacheDir(): string {
  return join(homedir(), '.cache', 'patchwork');
}

/** sha256 (hex) of model.json's bytes followed by the input size, e.g. "…\n256,256". */
export function extractorCacheKey(modelJson: Uint8Array, shape: ImageShape): string {
  return createHash('sha256').update(modelJson).update(`\n${shape.height},${shape.width}`).digest('hex');
}

/** `<cacheDir>/<projectId>/features-<key>.npy`. */
export function featureCachePath(cacheDir: string, projectId: string, key: string): string {
  return join(cacheDir, projectId, `features-${key}.npy`);
}

/**
 * Reads cached features; null when the file is absent, unreadable, or has another row count
 * (the project changed). `reason` receives why a present file was not used.
 */
export async function readFeatureCache(path: string, expectedRows: number, reason?: (text: string) => void): Promise<FeatureSet | null> {
  try {
    const features = await loadFeatures(path);
    if (features.count !== expectedRows) {
      reason?.(`cached features ${path} have ${features.count} rows, the project has ${expectedRows}`);
      return null;
    }
    return features;
  } catch (error) {
    if (error instanceof FeatureFileError && /not found/.test(error.message)) return null;
    reason?.(`cached features unusable: ${(error as Error).message}`);
    return null;
  }
}

/** Writes features as float32 .npy (to a temporary name, then renamed into place). */
export async function writeFeatureCache(path: string, features: FeatureSet): Promise<void> {
  if (features.dtype !== 'float32') throw new Error('only float32 features are cached');
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, encodeNpy(features.data as Float32Array, [features.count, ...features.rowShape]));
  await rename(temp, path);
}
