// The demo builder: real MNIST digits as 28×28 grayscale PNGs, a float32 (N, 28, 28, 1) feature
// file matching the pixels, a ground-truth labels.csv, and a project that opens and exports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readLabelsCsv } from '../../../shared/csv/index.ts';
import { decodeNpy } from '../../../shared/npy/index.ts';
import { buildDemoProject, DIGIT_CLASSES } from '../../../server/demo/index.ts';
import { checkProjectFiles, exportLabelsCsv, loadLabelsDocument, openProject } from '../../../server/project/index.ts';
import { createTempDir } from '../../helpers/project-fixtures.ts';

describe('demo project', () => {
  it('builds real digits, features and ground truth, and an unlabelled project', async () => {
    const dir = join(createTempDir(), 'demo');
    const demo = await buildDemoProject(dir, { count: 40 });
    expect(demo.config.classes).toEqual(DIGIT_CLASSES);
    expect(demo.config.imageCount).toBe(40);
    expect(demo.config.features).toMatchObject({ dtype: 'float32', shape: [40, 28, 28, 1] });
    expect([...demo.truth.slice(0, 12)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);

    const project = openProject(dir);
    expect(checkProjectFiles(project)).toEqual([]);
    const features = decodeNpy(new Uint8Array(readFileSync(join(demo.dataDir, 'features.npy'))));
    const row = 7;
    const file = join(demo.config.imageRoot, project.imagePaths[row] as string);
    expect(await sharp(file).metadata()).toMatchObject({ format: 'png', width: 28, height: 28, channels: 1 });
    const png = await sharp(file).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect(png.data.length).toBe(784);
    const pixels = features.data.subarray(row * 784, (row + 1) * 784);
    let maxError = 0;
    pixels.forEach((value, i) => (maxError = Math.max(maxError, Math.abs(value * 255 - (png.data[i] as number)))));
    expect(maxError).toBeLessThanOrEqual(0.5);
    expect(pixels.some((v) => v > 0.9)).toBe(true);

    const truth = readLabelsCsv(readFileSync(join(demo.dataDir, 'truth.csv'), 'utf8'));
    expect(truth.table.classes).toEqual(DIGIT_CLASSES);
    expect(truth.filepaths).toEqual(project.imagePaths);
    expect((truth.table.labels[demo.truth[row] as number] as Int8Array)[row]).toBe(1);

    const doc = loadLabelsDocument(project.paths.storage, project.config.projectId);
    const csv = exportLabelsCsv(project, doc);
    doc.destroy();
    expect(csv.split('\n')[1]).toBe('images/digit-00000.png,False,False,,,,,,,,,,');
  });
});
