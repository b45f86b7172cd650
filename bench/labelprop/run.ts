// Label-propagation benchmark on real digits (MNIST, `mnist` package): accuracy of propagated
// pseudo-labels with 0.1 %, 1 % and 5 % of the labels, against a linear probe trained on the same
// labels, on the unlabelled rows. Features: pixels (default) or a fixed random projection.
// usage: npx tsx bench/labelprop/run.ts [--features pixels|projection] [--dim 128] [--seeds 5]
//        [--k 10] [--temperature 0.01] [--iterations 10,50]
import { parseArgs } from 'node:util';
import { propagateLabels } from '../../shared/propagation/index.ts';
import { createEmptyLabelTable } from '../../shared/table/label-table.ts';
import { buildKnnGraph, normaliseRows } from '../../trainer/graph/index.ts';
import { predictLinearProbe, trainLinearProbe } from './linear-probe.ts';
import { PIXELS, loadMnist, randomProjection } from './mnist-data.ts';

const { values } = parseArgs({
  options: {
    features: { type: 'string', default: 'pixels' },
    dim: { type: 'string', default: '128' },
    seeds: { type: 'string', default: '5' },
    k: { type: 'string', default: '10' },
    temperature: { type: 'string', default: '0.01' },
    iterations: { type: 'string', default: '10,50' },
  },
});
const FRACTIONS = [0.001, 0.01, 0.05];
const CLASSES = 10;
const seeds = Number(values.seeds);
const iterationList = (values.iterations as string).split(',').map(Number);

const { n, pixels, labels } = loadMnist();
const d = values.features === 'projection' ? Number(values.dim) : PIXELS;
const features = values.features === 'projection' ? randomProjection(pixels, n, PIXELS, d) : pixels;
console.error(`MNIST: ${n} digits, features ${values.features} (d = ${d}); building the graph…`);
let start = performance.now();
const graph = await buildKnnGraph({ data: features, shape: [n, d] }, { k: Number(values.k), temperature: Number(values.temperature) });
console.error(`graph: ${graph.params.search}, ${((performance.now() - start) / 1000).toFixed(1)} s`);

/** Seeded choice of `count` distinct rows. */
function chooseRows(count: number, seed: number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let state = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = i + (state % (n - i));
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return order.slice(0, count);
}

/** The probe trains on L2-normalised features (the same geometry as the graph's cosine). */
const probeFeatures = normaliseRows({ n, d, data: features }).data;

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]): number => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
const fmt = (xs: number[]): string => `${(100 * mean(xs)).toFixed(1)} ± ${(100 * sd(xs)).toFixed(1)}`;

const header = ['labels', ...iterationList.flatMap((t) => [`propagation t=${t} acc %`, `t=${t} reached %`]), 'linear probe acc %', 'prop. s', 'probe s'];
console.log(`\nMNIST (${n} digits), features ${values.features} d=${d}, graph k=${graph.params.k} T=${graph.params.temperature} (${graph.params.search}); ${seeds} seeds, mean ± sd over seeds; accuracy on unlabelled rows, an unreached row counts as wrong\n`);
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const fraction of FRACTIONS) {
  const count = Math.round(fraction * n);
  const prop: number[][] = iterationList.map(() => []);
  const reached: number[][] = iterationList.map(() => []);
  const probe: number[] = [];
  let propSeconds = 0;
  let probeSeconds = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const rows = chooseRows(count, seed);
    const labelled = new Uint8Array(n);
    const table = createEmptyLabelTable(n, Array.from({ length: CLASSES }, (_, c) => String(c)));
    for (const row of rows) {
      labelled[row] = 1;
      for (let c = 0; c < CLASSES; c++) (table.labels[c] as Int8Array)[row] = labels[row] === c ? 1 : 0;
    }
    iterationList.forEach((iterations, t) => {
      start = performance.now();
      const result = propagateLabels(graph, table, { iterations });
      propSeconds += (performance.now() - start) / 1000;
      let correct = 0;
      let hit = 0;
      let total = 0;
      for (let i = 0; i < n; i++) {
        if (labelled[i]) continue;
        total++;
        let best = -1;
        let bestValue = -Infinity;
        for (let c = 0; c < CLASSES; c++) {
          const v = result.values[i * CLASSES + c] as number;
          if (!Number.isNaN(v) && v > bestValue) {
            bestValue = v;
            best = c;
          }
        }
        if (best >= 0) hit++;
        if (best === labels[i]) correct++;
      }
      (prop[t] as number[]).push(correct / total);
      (reached[t] as number[]).push(hit / total);
    });
    start = performance.now();
    const model = trainLinearProbe(probeFeatures, d, rows, labels, CLASSES);
    const predicted = predictLinearProbe(model, probeFeatures, n);
    probeSeconds += (performance.now() - start) / 1000;
    let correct = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (labelled[i]) continue;
      total++;
      if (predicted[i] === labels[i]) correct++;
    }
    probe.push(correct / total);
  }
  const cells = iterationList.flatMap((_, t) => [fmt(prop[t] as number[]), fmt(reached[t] as number[])]);
  console.log(`| ${count} (${fraction * 100} %) | ${cells.join(' | ')} | ${fmt(probe)} | ${(propSeconds / seeds).toFixed(2)} | ${(probeSeconds / seeds).toFixed(2)} |`);
}
