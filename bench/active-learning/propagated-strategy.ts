// "Propagated max entropy": propagate the labels answered so far over a kNN graph of the pool's
// features (built once per data set) and ask for the rows whose propagated values are most
// uncertain, via the Sample button's own `max entropy` sort. Rows no label reaches rank last.
import { propagateLabels, type KnnGraph } from '../../shared/propagation/index.ts';
import { pickIndices } from '../../shared/sampling/index.ts';
import { createEmptyLabelTable } from '../../shared/table/label-table.ts';
import { buildKnnGraph } from '../../trainer/graph/index.ts';
import type { Dataset } from './datasets.ts';
import type { Strategy } from './strategy-types.ts';

/** Graph settings: the product defaults (k = 10, T = 0.01), exact search at these pool sizes. */
export const PROPAGATION_GRAPH = { k: 10, temperature: 0.01, exactBelow: 20_000 } as const;
/** Propagation iterations per round (the product default). */
export const PROPAGATION_ITERATIONS = 10;

/** Creates the strategy; it keeps one graph per data set, built by `prepare`. */
export function createPropagatedMaxEntropyStrategy(): Strategy {
  const graphs = new Map<Dataset, KnnGraph>();
  return {
    name: 'propagated max entropy',
    async prepare(dataset) {
      if (graphs.has(dataset)) return;
      graphs.set(dataset, await buildKnnGraph({ data: dataset.pool.x, shape: [dataset.pool.n, dataset.dim] }, PROPAGATION_GRAPH));
    },
    pick({ dataset, labelled, batch, rng }) {
      const graph = graphs.get(dataset);
      if (!graph) throw new Error(`propagated max entropy: no graph for ${dataset.name}; call prepare first`);
      const { n, y } = dataset.pool;
      const C = dataset.classes.length;
      // The annotator's answers so far: every class of a labelled row is 1 (its class) or 0.
      const table = createEmptyLabelTable(n, dataset.classes);
      for (let row = 0; row < n; row++) {
        if (labelled[row] !== 1) continue;
        for (let c = 0; c < C; c++) (table.labels[c] as Int8Array)[row] = y[row * C + c] === 1 ? 1 : 0;
      }
      const { values } = propagateLabels(graph, table, { iterations: PROPAGATION_ITERATIONS });
      const picked = pickIndices({ table, sort: 'max entropy', count: batch, rng, predictions: values });
      if (!picked.ok) throw new Error(`propagated max entropy: ${picked.reason}`);
      return picked.rows;
    },
  };
}
