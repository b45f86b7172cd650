#!/usr/bin/env node
// The `patchwork` command: registers tsx so the TypeScript sources run as they are, then hands the
// arguments to server/cli/main.ts. The exit code is set, never forced, so output is flushed.
import { register } from 'tsx/esm/api';

register();
try {
  const { runCli, createProcessIo } = await import('../cli/main.ts');
  process.exitCode = await runCli(process.argv.slice(2), createProcessIo());
} catch (error) {
  // Only reached when the program itself cannot load (a broken installation): still one line.
  const message = String(error instanceof Error ? error.message : error).split('\n')[0];
  process.stderr.write(`patchwork: internal error: ${message} (set PATCHWORK_DEBUG=1 for details)\n`);
  if (process.env.PATCHWORK_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
  process.exitCode = 70;
}
