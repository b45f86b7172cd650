// Runs the real `patchwork` command (server/bin/patchwork.mjs) as a child process and collects its
// exit code and output, for CLI integration tests.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Absolute path of the patchwork executable script. */
export const PATCHWORK_BIN = fileURLToPath(new URL('../../server/bin/patchwork.mjs', import.meta.url));

/** Result of one run. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node server/bin/patchwork.mjs …args` in `cwd`; resolves when the process exits. */
export function runPatchwork(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PATCHWORK_BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, PATCHWORK_DEBUG: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
