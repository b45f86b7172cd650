// In-browser benchmark of the web app (run: npx tsx bench/sampling/run.ts [--quick]): bundles
// harness.tsx with Vite, serves it from a local HTTP server (IndexedDB needs an origin), and runs
// it in Debian's Chromium through playwright-core. Prints a table with ratios against the naive
// implementations measured in the same page.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import preact from '@preact/preset-vite';
import { chromium } from 'playwright-core';
import type * as Harness from './harness.tsx';

/** The page's global the harness installs. */
type BenchWindow = { patchworkBench: { benchSampling: typeof Harness.benchSampling; benchFoldToRender: typeof Harness.benchFoldToRender; benchColdLoad: typeof Harness.benchColdLoad } };

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = join(ROOT, 'bench', 'out', 'sampling');
/** Debian's Chromium and the flags this machine needs. */
const CHROMIUM = process.env['PATCHWORK_CHROMIUM'] ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const QUICK = process.argv.includes('--quick');
/** Problem sizes: the design target (590k × 19) unless --quick. */
const SIZES = QUICK ? { n: 59_000, c: 19, events: 10_000, reps: 5 } : { n: 590_000, c: 19, events: 100_000, reps: 15 };

async function bundle(): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  await build({
    configFile: false,
    logLevel: 'warn',
    root: ROOT,
    plugins: [preact()],
    build: {
      outDir: OUT,
      emptyOutDir: true,
      minify: true,
      lib: { entry: join(ROOT, 'bench', 'sampling', 'harness.tsx'), formats: ['iife'], name: 'PatchworkBenchBundle', fileName: () => 'harness.js' },
    },
  });
  return readFileSync(join(OUT, 'harness.js'), 'utf8');
}

async function main(): Promise<void> {
  const script = await bundle();
  const server = createServer((req, res) => {
    if (req.url === '/harness.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      res.end(script);
    } else {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><meta charset="utf-8"><body><script src="/harness.js"></script></body>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(url);
    await page.waitForFunction(() => 'patchworkBench' in window);
    const { n, c, events, reps } = SIZES;
    const sampling = await page.evaluate(([n, c, reps]) => (window as unknown as BenchWindow).patchworkBench.benchSampling(n, c, reps), [n, c, reps] as const);
    const fold = await page.evaluate(([n, c, e, reps]) => (window as unknown as BenchWindow).patchworkBench.benchFoldToRender(n, c, e, reps), [n, c, events, reps] as const);
    const cold = await page.evaluate(([n, c, e]) => (window as unknown as BenchWindow).patchworkBench.benchColdLoad(n, c, e), [n, c, events] as const);
    const ratio = (naive: number, ours: number): string => `${(naive / ours).toFixed(1)}×`;
    const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;
    const rows: [string, string, string, string, string][] = [
      [`max entropy top-16 (app: digest + row states)`, fmt(sampling['maxEntropyDigestMs'] ?? 0), fmt(sampling['maxEntropyNaiveMs'] ?? 0), ratio(sampling['maxEntropyNaiveMs'] ?? 0, sampling['maxEntropyDigestMs'] ?? 1), '≤ 100 ms'],
      [`max entropy top-16 (app: row states kept)`, fmt(sampling['maxEntropyAppMs'] ?? 0), fmt(sampling['maxEntropyNaiveMs'] ?? 0), ratio(sampling['maxEntropyNaiveMs'] ?? 0, sampling['maxEntropyAppMs'] ?? 1), '≤ 100 ms'],
      [`high: c top-16 (app: row states kept)`, fmt(sampling['highAppMs'] ?? 0), fmt(sampling['highNaiveMs'] ?? 0), ratio(sampling['highNaiveMs'] ?? 0, sampling['highAppMs'] ?? 1), '≤ 100 ms'],
      [`max entropy top-16, ${n} × ${c}, cold`, fmt(sampling['maxEntropyMs'] ?? 0), fmt(sampling['maxEntropyNaiveMs'] ?? 0), ratio(sampling['maxEntropyNaiveMs'] ?? 0, sampling['maxEntropyMs'] ?? 1), '≤ 100 ms'],
      [`high: c top-16, ${n} × ${c}, cold`, fmt(sampling['highMs'] ?? 0), fmt(sampling['highNaiveMs'] ?? 0), ratio(sampling['highNaiveMs'] ?? 0, sampling['highMs'] ?? 1), '≤ 100 ms'],
      [`remote edit → DOM, ${events} events`, fmt(fold['foldToRenderMs'] ?? 0), fmt(fold['foldToRenderNaiveMs'] ?? 0), ratio(fold['foldToRenderNaiveMs'] ?? 0, fold['foldToRenderMs'] ?? 1), '—'],
      [
        `cold load IndexedDB + fold, ${cold['docEvents']} events`,
        fmt((cold['coldLoadIdbMs'] ?? 0) + (cold['coldLoadFoldMs'] ?? 0)),
        fmt(cold['coldLoadNaiveMs'] ?? 0),
        ratio(cold['coldLoadNaiveMs'] ?? 0, (cold['coldLoadIdbMs'] ?? 0) + (cold['coldLoadFoldMs'] ?? 0)),
        '—',
      ],
      [`cold load to first render (Label tab)`, fmt(cold['coldLoadTotalMs'] ?? 0), '', '', '—'],
    ];
    console.log(`\nPatchwork web app benchmark (Chromium ${browser.version()}, ${QUICK ? 'quick' : 'full'} sizes)\n`);
    console.log(['what'.padEnd(48), 'patchwork'.padStart(12), 'naive'.padStart(12), 'ratio'.padStart(8), 'target'.padStart(10)].join(' '));
    for (const r of rows) console.log([r[0].padEnd(48), r[1].padStart(12), r[2].padStart(12), r[3].padStart(8), r[4].padStart(10)].join(' '));
    console.log(`\nmax-entropy digest, built once per predictions blob: ${fmt(sampling['digestBuildMs'] ?? 0)}`);
    console.log(`cold load split: IndexedDB → Y.Doc ${fmt(cold['coldLoadIdbMs'] ?? 0)}, live fold ${fmt(cold['coldLoadFoldMs'] ?? 0)}`);
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
