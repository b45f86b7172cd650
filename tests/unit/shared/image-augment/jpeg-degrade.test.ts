// jpeg_degrade (§3.6): the pure-TypeScript lossy JPEG path against a real libjpeg round trip
// through sharp on real emoji images, plus libjpeg's quality scaling of the IJG tables.
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { jpegDegrade, jpegQuantTable } from '../../../../shared/training/image-augment/index.ts';
import { augmented, emojiImage, meanAbsDiff, shapeOf } from './image-fixtures.ts';

/** Encodes and decodes `bytes` (RGB) with sharp at `quality`, 4:2:0, as [0, 1] floats. */
async function sharpRoundTrip(bytes: Buffer, width: number, height: number, quality: number): Promise<Float32Array> {
  const jpeg = await sharp(bytes, { raw: { width, height, channels: 3 } }).jpeg({ quality, chromaSubsampling: '4:2:0' }).toBuffer();
  const decoded = await sharp(jpeg).raw().toBuffer();
  return Float32Array.from(decoded, (v) => v / 255);
}

describe('jpeg_degrade', () => {
  it('scales the IJG tables with libjpeg quality rule (q < 50: 5000 / q, clamped to 1..255)', () => {
    const luma5 = Array.from(jpegQuantTable([16, 11, 26, 99], 5).slice(0, 4));
    expect(luma5).toEqual([160, 110, 255, 255]);
    expect(Array.from(jpegQuantTable([16, 11], 75).slice(0, 2))).toEqual([8, 6]); // 200 − 2q = 50
    expect(Array.from(jpegQuantTable([1], 100).slice(0, 1))).toEqual([1]);
  });

  for (const [file, width, height, quality] of [
    ['1f600.png', 64, 64, 5],
    ['1f34e.png', 60, 50, 5], // edge blocks: not a multiple of 16
    ['1f431.png', 64, 64, 3],
  ] as const) {
    it(`matches a real libjpeg round trip (sharp) at quality ${quality} on ${file} ${width}×${height}`, async () => {
      const { image, bytes } = await emojiImage(file, width, height);
      const reference = await sharpRoundTrip(bytes, width, height, quality);
      const ours = image.slice();
      jpegDegrade(ours, shapeOf(height, width), quality);
      expect(meanAbsDiff(ours, reference)).toBeLessThan(0.01);
      expect(meanAbsDiff(ours, image)).toBeGreaterThan(0.02);
      expect(meanAbsDiff(reference, image)).toBeGreaterThan(0.02);
    });
  }

  it('is applied whenever on, at quality 3 or 5, and degrades a greyscale image too', async () => {
    const { image, bytes } = await emojiImage('1f98a.png', 32, 32);
    const q5 = await sharpRoundTrip(bytes, 32, 32, 5);
    const q3 = await sharpRoundTrip(bytes, 32, 32, 3);
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const out = augmented(image, shapeOf(32, 32), { jpeg_degrade: 0.5 }, seed);
      expect(Math.min(meanAbsDiff(out, q5), meanAbsDiff(out, q3))).toBeLessThan(0.01);
    }
    const grey = Float32Array.from({ length: 32 * 32 }, (_, p) => image[p * 3 + 1] ?? 0);
    const out = augmented(grey, shapeOf(32, 32, 1), { jpeg_degrade: 1 }, 1);
    expect(meanAbsDiff(out, grey)).toBeGreaterThan(0.01);
    expect(out.every((v) => v >= 0 && v <= 1 && Number.isInteger(Math.round(v * 255 * 1e4) / 1e4))).toBe(true);
  });
});
