// Label-efficiency benchmark: a simulated annotator answers from the true labels of real data
// (MNIST digits, Google emoji). Start from 20 random labels, add 20 per round by each strategy,
// retrain, and record validation accuracy and macro AUC, averaged over seeds. Writes
// docs/label-efficiency.md and docs/label-efficiency.svg.
// Usage: npx tsx bench/active-learning/run.ts [--seeds 3 --rounds 10 --batch 20 --no-write]
//        [--strategy-module ./path.ts]   (a module exporting `strategy: Strategy`, added last)
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { createSeededRandom } from '../../tests/helpers/seeded-random.ts';
import type { Dataset } from './datasets.ts';
import { loadEmoji, loadMnist } from './datasets.ts';
import { evaluate } from './evaluate.ts';
import { fitLogistic, predictLogistic } from './model.ts';
import type { Curve, DatasetResult } from './report.ts';
import { learningCurveSvg, markdownTables } from './report.ts';
import type { Strategy } from './strategies.ts';
import { DEFAULT_STRATEGIES, RANDOM_STRATEGY } from './strategies.ts';
import { writeLabelEfficiencyDoc } from './doc.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const SEEDS = arg('seeds', 3);
const ROUNDS = arg('rounds', 10);
const BATCH = arg('batch', 20);
const START = arg('start', 20);

/** One learning curve: START random labels, then ROUNDS acquisitions of BATCH rows. */
function runCurve(ds: Dataset, strategy: Strategy, seed: number): { labels: number[]; accuracy: number[]; macroAuc: number[]; pickMs: number } {
  const C = ds.classes.length, n = ds.pool.n;
  const rnd = createSeededRandom(seed * 1000 + 17);
  const labelled = new Uint8Array(n);
  const rows: number[] = [];
  const take = (picked: number[]): void => {
    for (const r of picked) if (labelled[r] === 0) { labelled[r] = 1; rows.push(r); }
  };
  // The same 20 starting rows for every strategy at a given seed.
  take(RANDOM_STRATEGY.pick({ dataset: ds, predictions: new Float32Array(n * C), labelled, batch: START, rng: createSeededRandom(seed).next }));
  const labels: number[] = [], accuracy: number[] = [], macroAuc: number[] = [];
  let pickMs = 0;
  for (let round = 0; ; round++) {
    const model = fitLogistic(ds.pool.x, ds.pool.y, rows, ds.dim, C);
    const m = evaluate(predictLogistic(model, ds.val.x, ds.val.n), ds.val.y, ds.val.n, C);
    labels.push(rows.length); accuracy.push(m.accuracy); macroAuc.push(m.macroAuc);
    if (round === ROUNDS) break;
    const predictions = predictLogistic(model, ds.pool.x, n);
    const t = performance.now();
    take(strategy.pick({ dataset: ds, predictions, labelled, batch: BATCH, rng: rnd.next }));
    pickMs += performance.now() - t;
  }
  return { labels, accuracy, macroAuc, pickMs };
}

async function main(): Promise<void> {
  const strategies: Strategy[] = [...DEFAULT_STRATEGIES];
  const moduleIndex = process.argv.indexOf('--strategy-module');
  if (moduleIndex >= 0) {
    const mod = (await import(pathToFileURL(resolve(process.argv[moduleIndex + 1] as string)).href)) as { strategy: Strategy };
    strategies.push(mod.strategy);
  }
  const started = performance.now();
  const datasets = [loadMnist(), await loadEmoji()];
  console.log(`data loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const results: DatasetResult[] = [];
  for (const ds of datasets) {
    const curves: Curve[] = [];
    for (const strategy of strategies) {
      const prepStart = performance.now();
      await strategy.prepare?.(ds);
      if (strategy.prepare) console.log(`${ds.name} / ${strategy.name}: prepared in ${((performance.now() - prepStart) / 1000).toFixed(1)} s`);
      const runs = Array.from({ length: SEEDS }, (_, s) => runCurve(ds, strategy, s + 1));
      const avg = (key: 'accuracy' | 'macroAuc'): number[] => (runs[0]?.[key] ?? []).map((_, k) => runs.reduce((a, r) => a + (r[key][k] as number), 0) / runs.length);
      const afterStart = (xs: number[]): number => xs.slice(1).reduce((a, b) => a + b, 0) / Math.max(1, xs.length - 1);
      const perSeed = runs.map((r) => ({ accuracy: afterStart(r.accuracy), macroAuc: afterStart(r.macroAuc) }));
      curves.push({ strategy: strategy.name, labels: runs[0]?.labels ?? [], accuracy: avg('accuracy'), macroAuc: avg('macroAuc'), perSeed });
      const pickMs = runs.reduce((a, r) => a + r.pickMs, 0) / runs.length;
      console.log(`${ds.name} / ${strategy.name}: final acc ${curves.at(-1)?.accuracy.at(-1)?.toFixed(3)}, AUC ${curves.at(-1)?.macroAuc.at(-1)?.toFixed(3)}, picking ${pickMs.toFixed(0)} ms per curve`);
    }
    results.push({ dataset: ds.name, poolSize: ds.pool.n, valSize: ds.val.n, curves });
  }
  const tables = markdownTables(results);
  console.log(tables);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage();
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(`total ${seconds.toFixed(0)} s wall, ${cpuSeconds.toFixed(0)} s cpu`);
  if (!process.argv.includes('--no-write')) {
    const docs = new URL('../../docs/', import.meta.url);
    writeFileSync(new URL('label-efficiency.svg', docs), learningCurveSvg(results));
    writeLabelEfficiencyDoc(new URL('label-efficiency.md', docs), { tables, seeds: SEEDS, rounds: ROUNDS, batch: BATCH, start: START, seconds, cpuSeconds, results });
    console.log('wrote docs/label-efficiency.md and docs/label-efficiency.svg');
  }
}

await main();
