// Finding a Python 3 with a given module (pandas, numpy) for interoperability tests, and running
// small scripts with it. Without one, interop tests skip locally and fail in CI (CI installs them).
import { spawnSync } from 'node:child_process';

/** Interpreters tried in order (the system one often has python3-pandas when a pyenv one does not). */
const PYTHON_CANDIDATES = ['python3', '/usr/bin/python3', 'python'];

/** The first interpreter that can import every module, or null. */
export function findPython(modules: readonly string[]): string | null {
  for (const python of PYTHON_CANDIDATES) {
    const probe = spawnSync(python, ['-c', modules.map((m) => `import ${m}`).join('; ')], { encoding: 'utf8' });
    if (probe.status === 0) return python;
  }
  return null;
}

/** True when running in CI, where missing interop dependencies are an error, not a skip. */
export function isCi(): boolean {
  const ci = process.env['CI'];
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/** Runs `python -c script args…`; throws with stderr when it fails; returns stdout. */
export function runPython(python: string, script: string, args: readonly string[] = []): string {
  const run = spawnSync(python, ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`${python} failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}
