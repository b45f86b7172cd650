// Output of the label-efficiency benchmark: a markdown table per data set and a hand-written SVG
// with one learning-curve panel per (data set, metric). No plotting library.

/** Mean learning curve of one strategy on one data set. */
export interface Curve {
  readonly strategy: string;
  readonly labels: readonly number[];
  readonly accuracy: readonly number[];
  readonly macroAuc: readonly number[];
  /** Per seed: the mean over the curve's rounds after the shared start (accuracy, macro AUC). */
  readonly perSeed: readonly { readonly accuracy: number; readonly macroAuc: number }[];
}

/** All curves of one data set. */
export interface DatasetResult {
  readonly dataset: string;
  readonly poolSize: number;
  readonly valSize: number;
  readonly curves: readonly Curve[];
}

const COLOURS = ['#7f7f7f', '#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e'];
/** Approximate width of one legend character at font size 11, in pixels. */
const LEGEND_CHAR_WIDTH = 6.2;
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** Markdown: per data set, accuracy / macro AUC by label count, plus the mean over the curve. */
export function markdownTables(results: readonly DatasetResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    out.push(`### ${r.dataset} (pool ${r.poolSize}, validation ${r.valSize})`, '');
    out.push(`| labels | ${r.curves.map((c) => `${c.strategy} acc | ${c.strategy} AUC`).join(' | ')} |`);
    out.push(`|---|${r.curves.map(() => '---|---').join('|')}|`);
    const labels = r.curves[0]?.labels ?? [];
    labels.forEach((n, k) => {
      out.push(`| ${n} | ${r.curves.map((c) => `${fmt(c.accuracy[k])} | ${fmt(c.macroAuc[k])}`).join(' | ')} |`);
    });
    out.push(`| **mean over curve** | ${r.curves.map((c) => `**${fmt(mean(c.accuracy))}** | **${fmt(mean(c.macroAuc))}**`).join(' | ')} |`, '');
  }
  return out.join('\n');
}

const fmt = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(3));

/** The SVG: one row per data set, accuracy on the left and macro AUC on the right. */
export function learningCurveSvg(results: readonly DatasetResult[]): string {
  const pw = 420, ph = 260, margin = { l: 56, r: 16, t: 34, b: 44 };
  const width = 2 * pw, height = results.length * ph + 40;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
  results.forEach((r, ri) => {
    (['accuracy', 'macroAuc'] as const).forEach((metric, mi) => {
      const x0 = mi * pw + margin.l, y0 = ri * ph + margin.t, w = pw - margin.l - margin.r, h = ph - margin.t - margin.b;
      const labels = r.curves[0]?.labels ?? [];
      const xs = [Math.min(...labels), Math.max(...labels)];
      const values = r.curves.flatMap((c) => c[metric]).filter((v) => !Number.isNaN(v));
      let lo = Math.floor(Math.min(...values) * 20) / 20, hi = Math.ceil(Math.max(...values) * 20) / 20;
      if (hi <= lo) hi = lo + 0.05;
      const sx = (v: number): number => x0 + ((v - (xs[0] as number)) / Math.max(1, (xs[1] as number) - (xs[0] as number))) * w;
      const sy = (v: number): number => y0 + h - ((v - lo) / (hi - lo)) * h;
      parts.push(`<text x="${x0 + w / 2}" y="${y0 - 14}" text-anchor="middle" font-size="13">${esc(r.dataset)}: ${metric === 'accuracy' ? 'validation accuracy' : 'validation macro AUC'}</text>`);
      parts.push(`<rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="none" stroke="#333"/>`);
      for (let k = 0; k <= 4; k++) {
        const v = lo + ((hi - lo) * k) / 4, y = sy(v);
        parts.push(`<line x1="${x0}" x2="${x0 + w}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#ddd"/><text x="${x0 - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end">${v.toFixed(2)}</text>`);
      }
      labels.forEach((n, k) => {
        if (k % 2 === 0 || k === labels.length - 1) parts.push(`<text x="${sx(n).toFixed(1)}" y="${y0 + h + 14}" text-anchor="middle">${n}</text>`);
      });
      parts.push(`<text x="${x0 + w / 2}" y="${y0 + h + 30}" text-anchor="middle">labelled images</text>`);
      r.curves.forEach((c, ci) => {
        const colour = COLOURS[ci % COLOURS.length] as string;
        const pts = c.labels.map((n, k) => `${sx(n).toFixed(1)},${sy(c[metric][k] as number).toFixed(1)}`).join(' ');
        parts.push(`<polyline points="${pts}" fill="none" stroke="${colour}" stroke-width="2"/>`);
        if (ri === 0 && mi === 0) {
          // Legend in the bottom-right corner, wide enough for the longest strategy name.
          const lx = x0 + w - 30 - Math.max(...r.curves.map((k) => k.strategy.length)) * LEGEND_CHAR_WIDTH;
          parts.push(`<line x1="${lx.toFixed(1)}" x2="${(lx + 18).toFixed(1)}" y1="${y0 + h - 12 - ci * 14}" y2="${y0 + h - 12 - ci * 14}" stroke="${colour}" stroke-width="2"/><text x="${(lx + 22).toFixed(1)}" y="${y0 + h - 8 - ci * 14}">${esc(c.strategy)}</text>`);
        }
      });
    });
  });
  parts.push(`<text x="${width / 2}" y="${height - 8}" text-anchor="middle" fill="#555">mean of the seeds; simulated annotator answering from the true labels</text>`, '</svg>');
  return parts.join('\n');
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
