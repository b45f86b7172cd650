// `patchwork demo [<dir>]`: builds a project from real MNIST digits (PNG images, pixel features,
// classes zero…nine) the first time, then serves it like `patchwork serve`, trainer included.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandSpec } from './command-spec.ts';
import { UsageError } from './user-error.ts';

/** Where the demo project goes when no directory is given. */
export const DEFAULT_DEMO_DIR = 'patchwork-demo';

/** The demo command. */
export const demoCommand: CommandSpec = {
  name: 'demo',
  summary: 'build a demo project from real MNIST digits (first run only), then serve it',
  details: 'The project is kept: run the command again to continue where you left off.',
  positionals: [{ name: 'dir', description: `where to build it (default ./${DEFAULT_DEMO_DIR})`, required: false }],
  options: [
    { name: 'count', type: 'string', placeholder: '2000', description: 'number of digits in a new demo project (default 2000, at most 10000)' },
    { name: 'port', type: 'string', placeholder: '8765', description: 'port to listen on (default 8765; 0 picks a free port)' },
    { name: 'host', type: 'string', placeholder: '127.0.0.1', description: 'address to listen on (default 127.0.0.1)' },
    { name: 'no-trainer', type: 'boolean', description: 'do not start the embedded trainer' },
  ],
  async run({ positionals, options, flags }, io) {
    const dir = resolve(io.cwd, positionals['dir'] ?? DEFAULT_DEMO_DIR);
    const { PROJECT_FILE } = await import('../project/index.ts');
    if (!existsSync(join(dir, PROJECT_FILE))) {
      const countText = options['count'] ?? '2000';
      const count = Number(countText);
      if (!/^\d+$/.test(countText) || count < 1 || count > 10_000) throw new UsageError(`--count must be a whole number from 1 to 10000, not "${countText}"`);
      io.stdout(`building a demo project of ${count} MNIST digits in ${dir} …\n`);
      const { buildDemoProject } = await import('../demo/index.ts');
      await buildDemoProject(dir, { count });
    } else {
      io.stdout(`using the demo project in ${dir}\n`);
    }
    const { serveCommand } = await import('../relay/commands.ts');
    const serveOptions: Record<string, string | undefined> = { port: options['port'], host: options['host'] };
    return serveCommand.run({ positionals: { dir }, options: serveOptions, flags: { 'no-trainer': flags['no-trainer'] ?? false } }, io);
  },
};
