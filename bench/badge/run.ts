// BADGE selection benchmark: 100 k-means++ picks from the factored embeddings (shared/badge) vs
// the original's materialised N × dC numpy k-means++ (baseline.py), measured in the same run.
// Usage: npx tsx bench/badge/run.ts [--n 100000 --d 512 --c 10 --picks 100 --baseline-n 20000]
//        npx tsx bench/badge/run.ts --large      (N = 590k, d = 2048, C = 19, no baseline)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createBadgeFactors, createKPlusPlusSampler } from '../../shared/badge/index.ts';
import { createSeededRandom } from '../../tests/helpers/seeded-random.ts';

/** Rows per h block: no single huge allocation (16384 × 2048 × 4 B = 128 MiB per block at d = 2048). */
const BLOCK_ROWS = 16384;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const large = process.argv.includes('--large');
const n = arg('n', large ? 590_000 : 100_000);
const d = arg('d', large ? 2048 : 512);
const C = arg('c', large ? 19 : 10);
const picks = arg('picks', 100);
const baselineN = arg('baseline-n', large || process.argv.includes('--no-baseline') ? 0 : 20_000);
const seed = arg('seed', 1);

/** Synthetic model outputs: ReLU-like non-negative h (most entries 0.0–1.4) and sigmoid p. */
function generate(): { h: Float32Array[]; p: Float32Array } {
  const rnd = createSeededRandom(seed);
  const h: Float32Array[] = [];
  for (let start = 0; start < n; start += BLOCK_ROWS) {
    const block = new Float32Array(Math.min(BLOCK_ROWS, n - start) * d);
    for (let k = 0; k < block.length; k++) {
      const v = rnd.next() * 2 - 0.6;
      block[k] = v > 0 ? v : 0;
    }
    h.push(block);
  }
  const p = new Float32Array(n * C);
  for (let k = 0; k < p.length; k++) p[k] = 1 / (1 + Math.exp(-(rnd.next() * 8 - 4)));
  return { h, p };
}

const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);
const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

let t = performance.now();
const { h, p } = generate();
const genS = (performance.now() - t) / 1000;

t = performance.now();
let cpu = cpuSeconds();
const factors = createBadgeFactors({ h, p, numClasses: C });
const factorS = (performance.now() - t) / 1000;
const factorCpu = cpuSeconds() - cpu;

t = performance.now();
cpu = cpuSeconds();
const sampler = createKPlusPlusSampler(factors, { rng: createSeededRandom(seed + 1).next, emptyStart: 'largest-norm' });
const chosen: number[] = [];
for (let k = 0; k < picks; k++) {
  chosen.push(...sampler.choose(1));
  if (large && (k + 1) % 10 === 0) console.error(`  ${k + 1} picks, ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
const selectS = (performance.now() - t) / 1000;
const selectCpu = cpuSeconds() - cpu;
const peakRss = process.resourceUsage().maxRSS * 1024;
const { visited, dots } = sampler.state.stats;

console.log(`BADGE selection, N = ${n}, d = ${d}, C = ${C}, ${picks} picks (got ${chosen.length})`);
console.log(`  data generation (not timed below): ${genS.toFixed(1)} s`);
console.log('| method | embed/factors s | select s (wall) | select s (cpu) | peak RSS MiB |');
console.log('|---|---|---|---|---|');
console.log(`| factored (shared/badge) | ${factorS.toFixed(2)} (cpu ${factorCpu.toFixed(2)}) | ${selectS.toFixed(2)} | ${selectCpu.toFixed(2)} | ${mib(peakRss)} |`);
console.log(`  h dot products computed: ${dots} of ${visited} row visits (${((100 * dots) / Math.max(1, visited)).toFixed(1)} %; the rest skipped by exact bounds)`);

if (baselineN > 0) {
  const script = fileURLToPath(new URL('./baseline.py', import.meta.url));
  const res = spawnSync('python3', [script, String(baselineN), String(d), String(C), String(picks), String(seed)], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`baseline failed: ${res.stderr}`);
  const b = JSON.parse(res.stdout.trim().split('\n').pop() as string) as { embed_s: number; select_s: number; select_cpu_s: number; peak_mib: number; picks: number };
  const scale = n / baselineN;
  const bSelect = b.select_s * scale, bEmbed = b.embed_s * scale, bCpu = b.select_cpu_s * scale;
  console.log(`| materialised numpy, N = ${baselineN} (measured) | ${b.embed_s.toFixed(2)} | ${b.select_s.toFixed(2)} | ${b.select_cpu_s.toFixed(2)} | ${b.peak_mib.toFixed(0)} |`);
  if (scale !== 1) console.log(`| materialised numpy, scaled ×${scale.toFixed(2)} to N = ${n} | ${bEmbed.toFixed(2)} | ${bSelect.toFixed(2)} | ${bCpu.toFixed(2)} | ≈ ${(b.peak_mib * scale).toFixed(0)} |`);
  console.log(`ratio (baseline select / factored select, wall): ${(bSelect / selectS).toFixed(1)}×`);
  console.log(`ratio (baseline select / factored select, cpu time): ${(bCpu / selectCpu).toFixed(1)}×`);
  console.log(`ratio including embedding/factor build: ${((bSelect + bEmbed) / (selectS + factorS)).toFixed(1)}×`);
}
