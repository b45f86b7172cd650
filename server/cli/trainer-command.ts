// `patchwork trainer`: runs the trainer daemon as a separate process (trainer/cli-entry.ts), so the
// relay and the trainer stay independent programs that meet only through the relay's protocol.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CommandSpec, OptionSpec } from './command-spec.ts';

/** The trainer's script entry, found by path: server code never imports trainer code. */
export const TRAINER_ENTRY = fileURLToPath(new URL('../../trainer/cli-entry.ts', import.meta.url));

const string = (name: string, placeholder: string, description: string, required = false): OptionSpec => ({
  name,
  type: 'string',
  placeholder,
  description,
  required,
});

/** Arguments for the trainer process from the parsed options, in a stable order. */
export function trainerArgv(options: Readonly<Record<string, string | undefined>>): string[] {
  const argv: string[] = [];
  for (const name of ['url', 'token', 'features', 'backend', 'name', 'auto-retrain', 'project']) {
    const value = options[name];
    if (value !== undefined) argv.push(`--${name}`, value);
  }
  return argv;
}

/**
 * Starts the trainer process with inherited standard streams; resolves with its exit code. The
 * parent forwards SIGINT/SIGTERM so a Ctrl+C stops the daemon cleanly.
 */
export function runTrainerProcess(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const loader = import.meta.resolve('tsx/esm');
  const child = spawn(process.execPath, ['--import', loader, TRAINER_ENTRY, ...argv], { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** The trainer command. */
export const trainerCommand: CommandSpec = {
  name: 'trainer',
  summary: 'join a relay as a trainer and train, predict, rank (BADGE) and propagate labels',
  details: 'Runs until interrupted. Backends are tried in the order gpu (tfjs-node-gpu), node (tfjs-node), wasm, cpu.',
  positionals: [],
  options: [
    string('url', 'http://host:port', 'relay address', true),
    string('token', 'token', 'a trainer token (patchwork token <dir> --role trainer --name <name>)', true),
    string('features', 'f.npy', 'pre-extracted features, one row per image'),
    string('backend', 'auto|gpu|node|wasm|cpu', 'TensorFlow.js backend (default auto)'),
    string('name', 'name', 'trainer name shown in the app (default: host name)'),
    string('auto-retrain', 'n', 'retrain after this many new labels (default 0: never)'),
    string('project', 'id', 'project id (default: asked from the relay)'),
  ],
  run: ({ options }) => runTrainerProcess(trainerArgv(options)),
};
