// The `graph` and `propagate` jobs: build the kNN graph over the trainer's features (average
// pooled), publish it as a blob (`latest.graph`); propagate the current training labels over the
// latest graph and publish the N × C pseudo-labels (NaN = unknown) as `latest.propagated`.
import type * as Y from 'yjs';
import { MODEL_LATEST_KEY } from '../../shared/schema/model-doc.ts';
import type { OutputPointer } from '../../shared/schema/model-doc.ts';
import { DEFAULT_ITERATIONS, DEFAULT_K, DEFAULT_TEMPERATURE, MAX_ITERATIONS, decodeGraph, encodeGraph, propagateLabels } from '../../shared/propagation/index.ts';
import type { GraphParams, KnnGraph, PropagationProvenance } from '../../shared/propagation/index.ts';
import { buildKnnGraph } from '../graph/index.ts';
import type { FeatureArray } from '../graph/index.ts';
import type { FeatureSet } from '../data/features.ts';
import { sliceRows } from '../data/features.ts';
import { poolFeatures } from '../data/pool.ts';
import { fetchBlob } from './blob-fetch.ts';
import { putBlob, putPredictions } from './blobs.ts';
import { numberSetting, yieldTurn } from './job-settings.ts';
import { requireFeatures, writeLatest } from './job-context.ts';
import type { JobHandler } from './job-context.ts';

/** What `latest.graph` holds: the serialised graph's blob plus how it was built. */
export interface GraphPointer extends OutputPointer {
  /** Rows (images) of the graph. */
  n: number;
  /** Stored neighbour entries. */
  entries: number;
  params: GraphParams;
}

/** What `latest.propagated` holds: the N × C float32 blob plus its provenance. */
export interface PropagatedPointer extends OutputPointer {
  /** sha256 of the graph blob propagated over. */
  graphSha256: string;
  provenance: PropagationProvenance;
  /** Class names in column order. */
  classes: string[];
  /** Rows with a value for at least one class. */
  reachedRows: number;
  /** Per class: rows with a value. */
  reachedCount: number[];
  /** Per class: training rows seeded positive and negative. */
  seeds: { positive: number; negative: number }[];
}

/** The last graph this trainer built or fetched, by model document (one per daemon). */
const lastGraph = new WeakMap<Y.Doc, { sha256: string; graph: KnnGraph }>();
/** Average-pooled float32 features, by feature set (pooled once per trainer). */
const pooledFeatures = new WeakMap<FeatureSet, FeatureArray>();

/** The trainer's features as an (N, d) float32 array, (N, h, w, c) maps average pooled. */
export function graphFeatures(features: FeatureSet): FeatureArray {
  let pooled = pooledFeatures.get(features);
  if (!pooled) {
    const set = poolFeatures(features, 'average pool');
    const data = set.dtype === 'float32' ? (set.data as Float32Array) : sliceRows(set, 0, set.count);
    pooled = { data, shape: [set.count, set.rowSize] };
    pooledFeatures.set(features, pooled);
  }
  return pooled;
}

/** `graph`: settings { k?: 10, temperature?: 0.01 } (see docs/jobs.md). */
export const graphJob: JobHandler = async (ctx) => {
  const session = requireFeatures(ctx);
  const k = numberSetting(ctx.settings, 'k', DEFAULT_K, { min: 1, max: 1000, integer: true });
  const temperature = numberSetting(ctx.settings, 'temperature', DEFAULT_TEMPERATURE, { min: Number.MIN_VALUE });
  if (ctx.table.rowCount !== session.features.count) throw new Error(`the label table has ${ctx.table.rowCount} rows but the features have ${session.features.count}`);
  ctx.progress({ step: 0, total: 1, message: 'pooling features' });
  await yieldTurn();
  const features = graphFeatures(session.features);
  let graph: KnnGraph;
  try {
    graph = await buildKnnGraph(features, {
      k,
      temperature,
      signal: ctx.signal,
      onProgress: (p) => ctx.progress({ step: Math.min(p.done, p.total), total: p.total + 1, message: `${p.phase} ${p.done} / ${p.total}` }),
    });
  } catch (error) {
    if (ctx.signal.aborted) return { status: 'cancelled' };
    throw error;
  }
  if (ctx.signal.aborted) return { status: 'cancelled' };
  const bytes = encodeGraph(graph);
  const sha256 = await putBlob(ctx.blobs, bytes);
  lastGraph.set(ctx.modelDoc, { sha256, graph });
  const pointer: GraphPointer = {
    sha256,
    shape: [bytes.byteLength],
    dtype: 'bytes',
    bytes: bytes.byteLength,
    runId: `graph-${ctx.jobId}`,
    labelVersion: ctx.labelVersion,
    createdAt: ctx.now(),
    n: graph.n,
    entries: graph.indices.length,
    params: graph.params,
  };
  ctx.progress({ step: 1, total: 1, message: `graph of ${graph.n} rows, ${graph.indices.length} edges` });
  writeLatest(ctx.modelDoc, { graph: pointer });
  return {};
};

/** The graph `latest.graph` points at: the one in memory when it matches, else fetched. */
async function latestGraph(ctx: Parameters<JobHandler>[0]): Promise<{ sha256: string; graph: KnnGraph }> {
  const pointer = ctx.modelDoc.getMap(MODEL_LATEST_KEY).get('graph') as OutputPointer | undefined;
  if (!pointer || typeof pointer.sha256 !== 'string') throw new Error('there is no neighbour graph yet; build one first');
  const cached = lastGraph.get(ctx.modelDoc);
  if (cached && cached.sha256 === pointer.sha256) return cached;
  const graph = decodeGraph(await fetchBlob(ctx.blobs, pointer.sha256, ctx.signal));
  const entry = { sha256: pointer.sha256, graph };
  lastGraph.set(ctx.modelDoc, entry);
  return entry;
}

/** `propagate`: settings { iterations?: 10 } (see docs/jobs.md). */
export const propagateJob: JobHandler = async (ctx) => {
  const iterations = numberSetting(ctx.settings, 'iterations', DEFAULT_ITERATIONS, { min: 0, max: MAX_ITERATIONS, integer: true });
  ctx.progress({ step: 0, total: 2, message: 'loading the neighbour graph' });
  let source: { sha256: string; graph: KnnGraph };
  try {
    source = await latestGraph(ctx);
  } catch (error) {
    if (ctx.signal.aborted) return { status: 'cancelled' };
    throw error;
  }
  if (source.graph.n !== ctx.table.rowCount) throw new Error(`the neighbour graph has ${source.graph.n} rows but the project has ${ctx.table.rowCount}; build the graph again`);
  ctx.progress({ step: 1, total: 2, message: `propagating ${iterations} iterations` });
  await yieldTurn();
  if (ctx.signal.aborted) return { status: 'cancelled' };
  const result = propagateLabels(source.graph, ctx.table, { iterations, labelVersion: ctx.labelVersion });
  await yieldTurn();
  if (ctx.signal.aborted) return { status: 'cancelled' };
  const C = result.classes.length;
  const ref = await putPredictions(ctx.blobs, result.values, result.n, C);
  const pointer: PropagatedPointer = {
    ...ref,
    runId: `propagate-${ctx.jobId}`,
    labelVersion: ctx.labelVersion,
    createdAt: ctx.now(),
    graphSha256: source.sha256,
    provenance: result.provenance,
    classes: [...result.classes],
    reachedRows: result.n - result.unreachedRows,
    reachedCount: [...result.reachedCount],
    seeds: result.seeds.map((s) => ({ ...s })),
  };
  ctx.progress({ step: 2, total: 2, message: `${pointer.reachedRows} of ${result.n} rows reached` });
  writeLatest(ctx.modelDoc, { propagated: pointer });
  return {};
};

