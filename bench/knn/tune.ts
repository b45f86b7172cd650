// HNSW parameter sweep for bench/knn: time and sampled recall@k of several (M, efConstruction, ef)
// settings on the same synthetic features, to choose the defaults in trainer/graph.
// usage: npx tsx bench/knn/tune.ts [--n 50000] [--d 512] [--k 10] [--data clustered|random]
//        [--configs "M,efC,ef;M,efC,ef;…"]
import { parseArgs } from 'node:util';
import { hnswKnn, measureRecall, normaliseRows } from '../../trainer/graph/index.ts';
import { createFeatures, type DataKind } from './data.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '50000' },
    d: { type: 'string', default: '512' },
    k: { type: 'string', default: '10' },
    data: { type: 'string', default: 'clustered' },
    configs: { type: 'string', default: '8,32,32;12,40,40;16,40,40;16,64,48;16,128,96' },
  },
});
const n = Number(values.n);
const d = Number(values.d);
const k = Number(values.k);
const unit = normaliseRows({ n, d, data: createFeatures(values.data as DataKind, n, d) });
console.log('| M | efConstruction | ef | seconds | recall@k (1000 sampled) |');
console.log('|---|---|---|---|---|');
for (const config of (values.configs as string).split(';')) {
  const [connectivity, expansionAdd, expansionSearch] = config.split(',').map(Number) as [number, number, number];
  const start = performance.now();
  const lists = await hnswKnn(unit, k, { connectivity, expansionAdd, expansionSearch });
  const secondsTaken = (performance.now() - start) / 1000;
  const { recall } = measureRecall(unit, lists, 1000);
  console.log(`| ${connectivity} | ${expansionAdd} | ${expansionSearch} | ${secondsTaken.toFixed(2)} | ${recall.toFixed(4)} |`);
}
