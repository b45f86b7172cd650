// Writing a command's text output to a file (--out) or to stdout.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CliIo } from './command-spec.ts';
import { UserError } from './user-error.ts';

/** Writes `text` to `out` (resolved against the working directory), or to stdout when absent. */
export function writeOutput(text: string, out: string | undefined, io: CliIo): void {
  if (out === undefined || out === '-') {
    io.stdout(text);
    return;
  }
  const path = resolve(io.cwd, out);
  const parent = dirname(path);
  if (!existsSync(parent) || !statSync(parent).isDirectory()) throw new UserError(`cannot write ${path}: no such directory ${parent}`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new UserError(`cannot write ${path}: it is a directory`);
  writeFileSync(path, text);
}
