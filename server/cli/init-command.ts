// `patchwork init <dir>`: creates a project from an image list, classes and optionally features,
// a feature extractor and an existing labels.csv (imported as one bulk block by `import`).
import type { CommandSpec } from './command-spec.ts';

/** The init command. */
export const initCommand: CommandSpec = {
  name: 'init',
  summary: 'create a project directory from an image list, classes and optional features and labels',
  details: [
    'Every input is checked before anything is written: the image list (one path per line, relative',
    'to --image-root, default the list\'s directory), class names, the .npy header (float32/float16,',
    'shape (N, d) or (N, h, w, c), N = images), the extractor\'s model.json and the labels.csv.',
    'With --labels, --images and --classes may be left out: the CSV\'s paths and class columns are used.',
  ].join('\n'),
  positionals: [{ name: 'dir', description: 'project directory to create (may exist if it holds no project)', required: true }],
  options: [
    { name: 'images', type: 'string', placeholder: 'list.txt', description: 'image list, one path per line, in row order' },
    { name: 'classes', type: 'string', placeholder: 'a,b,c', description: 'comma-separated class names' },
    { name: 'features', type: 'string', placeholder: 'f.npy', description: 'pre-extracted features, float32/float16, one row per image' },
    { name: 'extractor', type: 'string', placeholder: 'model.json', description: 'TensorFlow.js feature extractor' },
    { name: 'labels', type: 'string', placeholder: 'labels.csv', description: 'labels to import (the original patchwork\'s format)' },
    { name: 'image-root', type: 'string', placeholder: 'dir', description: 'directory relative image paths are resolved against' },
  ],
  async run({ positionals, options }, io) {
    // Loaded on use, so help and argument errors stay fast and independent of the storage stack.
    const { createProject } = await import('../project/index.ts');
    const created = createProject({
      dir: positionals['dir'] as string,
      images: options['images'],
      classes: options['classes'],
      features: options['features'],
      extractor: options['extractor'],
      labels: options['labels'],
      imageRoot: options['image-root'],
      cwd: io.cwd,
    });
    const { config } = created;
    const parts = [`${config.imageCount} images`, `${config.classes.length} classes (${config.classes.join(', ')})`];
    if (config.features) parts.push(`features ${config.features.dtype} (${config.features.shape.join(', ')})`);
    if (config.extractor) parts.push('extractor');
    if (created.importedRows > 0) parts.push(`${created.importedRows} rows imported from labels.csv (${created.importedCells} label cells)`);
    io.stdout(`created project ${config.projectId} in ${created.dir}: ${parts.join(', ')}\n`);
    return 0;
  },
};
