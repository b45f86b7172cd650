// Trainer side of BADGE: runs the model over every row in batches to collect h (the output Dense
// layer's input) and p, packs h into large row blocks (no single N × d allocation), and ranks the
// top K candidates with shared/badge. Publishing the ranking as a blob is the daemon's job.
import type { RankBadgeInput } from '../../shared/badge/index.ts';
import { DEFAULT_BADGE_K, DEFAULT_MAX_SEEDS, rankBadge } from '../../shared/badge/index.ts';

/** Rows per h block held in memory (16384 × 2048 × 4 B = 128 MiB at d = 2048). */
export const BADGE_BLOCK_ROWS = 16384;

/** The original's default prediction batch size. */
export const BADGE_BATCH_SIZE = 64;

/** Rows [start, start + count) to embed. */
export interface EmbedBatch {
  readonly start: number;
  readonly count: number;
}

/** Model outputs for one batch: h is count × d, p is count × C, both row-major float32. */
export interface EmbedResult {
  readonly h: Float32Array;
  readonly p: Float32Array;
}

/** Caller-provided model runner (see createLayersEmbedder for a tfjs one). */
export type EmbedFn = (batch: EmbedBatch) => Promise<EmbedResult> | EmbedResult;

/**
 * Input of {@link computeBadgeRanking}: the ranking options of shared/badge's rankBadge (masks, k,
 * rng, classIndex, maxSeeds), with the model run in batches instead of h and p.
 */
export interface ComputeBadgeRankingInput extends Omit<RankBadgeInput, 'h' | 'p' | 'emptyStart'> {
  /** Number of image rows N. */
  readonly rowCount: number;
  /** Runs the model on a batch of rows. */
  readonly embed: EmbedFn;
  /** Rows per embed call; default 64. */
  readonly batchSize?: number;
  /** The training run whose model produced the embeddings. */
  readonly runId: string;
  /** The label-document version the masks were read at. */
  readonly labelVersion: number;
  /** Progress callback: rows embedded so far. */
  readonly onProgress?: (rowsDone: number, rowCount: number) => void;
}

/** What the daemon publishes: the ranking and the provenance it was computed from. */
export interface BadgeRankingResult {
  /** Row indexes, best first (blob: int32 little-endian). */
  readonly ranking: Int32Array;
  readonly runId: string;
  readonly labelVersion: number;
  /** The class the embedding was restricted to, or null for all classes. */
  readonly classIndex: number | null;
  /** Dense-input width d seen. */
  readonly dim: number;
}

/** Embeds every row, then ranks the candidates by BADGE. */
export async function computeBadgeRanking(input: ComputeBadgeRankingInput): Promise<BadgeRankingResult> {
  const { rowCount: n, numClasses: C } = input;
  const batchSize = input.batchSize ?? BADGE_BATCH_SIZE;
  const p = new Float32Array(n * C);
  const blocks: Float32Array[] = [];
  let d = -1;
  for (let start = 0; start < n; start += batchSize) {
    const count = Math.min(batchSize, n - start);
    const out = await input.embed({ start, count });
    if (out.p.length !== count * C) throw new Error(`embed returned ${out.p.length} probabilities for ${count} rows × ${C} classes`);
    if (d < 0) d = out.h.length / count;
    if (out.h.length !== count * d || !Number.isInteger(d)) throw new Error(`embed returned ${out.h.length} h values for ${count} rows`);
    p.set(out.p, start * C);
    writeRows(blocks, out.h, start, count, d, n);
    input.onProgress?.(start + count, n);
  }
  const ranking = n === 0
    ? new Int32Array(0)
    : rankBadge({
        h: blocks,
        p,
        numClasses: C,
        labelledMask: input.labelledMask,
        candidateMask: input.candidateMask,
        k: input.k ?? DEFAULT_BADGE_K,
        rng: input.rng,
        classIndex: input.classIndex,
        maxSeeds: input.maxSeeds ?? DEFAULT_MAX_SEEDS,
      });
  return { ranking, runId: input.runId, labelVersion: input.labelVersion, classIndex: input.classIndex ?? null, dim: Math.max(d, 0) };
}

/** Copies rows [start, start + count) of h into the block list, allocating blocks as needed. */
function writeRows(blocks: Float32Array[], h: Float32Array, start: number, count: number, d: number, n: number): void {
  for (let i = 0; i < count; ) {
    const row = start + i;
    const b = Math.floor(row / BADGE_BLOCK_ROWS);
    if (blocks.length <= b) blocks.push(new Float32Array(Math.min(BADGE_BLOCK_ROWS, n - b * BADGE_BLOCK_ROWS) * d));
    const block = blocks[b] as Float32Array;
    const local = row - b * BADGE_BLOCK_ROWS;
    const take = Math.min(count - i, BADGE_BLOCK_ROWS - local);
    block.set(h.subarray(i * d, (i + take) * d), local * d);
    i += take;
  }
}
