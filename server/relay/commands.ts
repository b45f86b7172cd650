// `patchwork serve` and `patchwork token`: command specs for the CLI registry (registerCommand) and
// argv-level entry points (runServeCommand / runTokenCommand) for scripts and tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from '../cli/args.ts';
import { TRAINER_ENTRY } from '../cli/trainer-command.ts';
import type { CliIo, CommandSpec, OptionSpec, ParsedArgs } from '../cli/command-spec.ts';
import { UsageError, UserError } from '../cli/user-error.ts';
import { isRole, ROLES } from '../../shared/protocol/roles.ts';
import { openProject } from '../project/index.ts';
import { openStorage } from '../storage/index.ts';
import { createLogger } from './logger.ts';
import { DEFAULT_HOST, DEFAULT_PORT, startRelay } from './start-relay.ts';

/** Name of the owner token `serve` creates for its join link. */
export const SERVE_OWNER_NAME = 'owner';
/** Name of the trainer token `serve` creates for the embedded trainer. */
export const EMBEDDED_TRAINER_NAME = 'embedded-trainer';

const DIR_ARG = { name: 'dir', description: 'project directory', required: true } as const;
const str = (name: string, placeholder: string, description: string): OptionSpec => ({ name, type: 'string', placeholder, description });

function parsePort(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${text}"`);
  return Number(text);
}

/** The join link of a relay for a token. */
export function joinLink(host: string, port: number, token: string): string {
  const h = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}/#token=${token}`;
}

function processIo(): CliIo {
  return { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t), cwd: process.cwd(), env: process.env };
}

/**
 * Starts the trainer as a child process (the same program `patchwork trainer` runs on another
 * machine) with a trainer token and the project's features, or else its feature extractor; its
 * log lines go to our stderr.
 */
function startEmbeddedTrainer(url: string, token: string, features: string | null, extractor: string | null, io: CliIo): ChildProcess {
  const source = features ? ['--features', features] : extractor ? ['--extractor', extractor] : [];
  const argv = ['--url', url, '--token', token, ...source];
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx/esm'), TRAINER_ENTRY, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (text: string) => io.stderr(text));
  }
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null) io.stderr(`patchwork: the embedded trainer stopped (exit ${code}); labelling goes on without it\n`);
  });
  return child;
}

async function runServe(args: ParsedArgs, io: CliIo): Promise<number> {
  const dir = args.positionals['dir'] as string;
  const port = parsePort(args.options['port'], DEFAULT_PORT);
  const host = args.options['host'] ?? DEFAULT_HOST;
  const mbText = args.options['max-message-mb'];
  const mb = mbText === undefined ? 16 : Number(mbText);
  if (!Number.isFinite(mb) || mb <= 0 || mb > 1024) throw new UsageError(`--max-message-mb must be a number from 0 to 1024, not "${mbText}"`);
  const project = openProject(dir, io.cwd);
  const relay = await startRelay({
    projectDir: project.dir,
    port,
    host,
    maxMessageBytes: Math.floor(mb * 1024 * 1024),
    logger: createLogger({ sink: (line) => io.stderr(line + '\n'), level: io.env['PATCHWORK_LOG_LEVEL'] === 'debug' ? 'debug' : 'info' }),
    ...(args.options['outfile'] ? { outfile: args.options['outfile'] } : {}),
  });
  let ownerToken: string | null = null;
  try {
    ownerToken = relay.storage.createToken(SERVE_OWNER_NAME, 'owner');
  } catch (error) {
    io.stderr(`patchwork: no owner link: ${(error as Error).message}\n`);
  }
  io.stdout(`Patchwork relay for project ${relay.projectId} at ${relay.url}\n`);
  if (ownerToken) io.stdout(`Owner link: ${joinLink(host, relay.port, ownerToken)}\n`);
  let trainer: ChildProcess | null = null;
  if (!args.flags['no-trainer']) trainer = startEmbeddedTrainer(relay.url, relay.storage.createToken(EMBEDDED_TRAINER_NAME, 'trainer'), project.config.features?.path ?? null, project.config.extractor?.path ?? null, io);
  // Signals repeated during shutdown (a process group gets each one from every wrapper) are ignored,
  // so the first one always ends in a clean close.
  let stopping = false;
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  if (trainer && trainer.exitCode === null) trainer.kill('SIGTERM');
  await relay.close();
  io.stdout('Relay stopped; everything is saved.\n');
  return 0;
}

function runToken(args: ParsedArgs, io: CliIo): number {
  const project = openProject(args.positionals['dir'] as string, io.cwd);
  const storage = openStorage(project.paths.storage);
  try {
    const revoke = args.options['revoke'];
    if (revoke !== undefined) {
      if (args.options['role'] !== undefined || args.options['name'] !== undefined) throw new UsageError('--revoke cannot be combined with --role or --name');
      const n = storage.revokeTokens(revoke);
      if (n === 0) throw new UserError(`no active token named "${revoke}"`);
      io.stdout(`Revoked ${n} token${n === 1 ? '' : 's'} of "${revoke}"; open connections close within seconds.\n`);
      return 0;
    }
    const role = args.options['role'];
    const name = args.options['name'];
    if (role === undefined || name === undefined) throw new UsageError('give --role and --name (or --revoke <name>)');
    if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}, not "${role}"`);
    let token: string;
    try {
      token = storage.createToken(name, role);
    } catch (error) {
      throw new UserError((error as Error).message);
    }
    const link = joinLink(args.options['host'] ?? DEFAULT_HOST, parsePort(args.options['port'], DEFAULT_PORT), token);
    io.stdout(`token: ${token}\nlink: ${link}\n`);
    return 0;
  } finally {
    storage.close();
  }
}

/** `patchwork serve <dir> [--port 8765] [--host 127.0.0.1] [--no-trainer] [--outfile <csv>] [--max-message-mb 16]`. */
export const serveCommand: CommandSpec = {
  name: 'serve',
  summary: 'run the relay and the web app for a project (with an embedded trainer)',
  details: 'Prints the relay URL and an owner join link, then serves until Ctrl-C (or SIGTERM), which closes connections and saves everything.',
  positionals: [DIR_ARG],
  options: [
    str('port', '8765', 'port to listen on (default 8765; 0 picks a free port)'),
    str('host', '127.0.0.1', 'address to listen on (default 127.0.0.1)'),
    { name: 'no-trainer', type: 'boolean', description: 'do not start the embedded trainer' },
    str('outfile', 'labels.csv', 'keep this labels.csv up to date while serving'),
    str('max-message-mb', '16', 'largest WebSocket message accepted, in MiB (default 16)'),
  ],
  run: runServe,
};

/** `patchwork token <dir> --role owner|annotator|viewer|trainer --name <name>` or `--revoke <name>`. */
export const tokenCommand: CommandSpec = {
  name: 'token',
  summary: 'create an access token and print it with a join link (or revoke a name)',
  details: 'Tokens are stored hashed: the printed token is shown once. --revoke <name> revokes every token of that name.',
  positionals: [DIR_ARG],
  options: [
    str('role', ROLES.join('|'), 'what the token may do'),
    str('name', 'name', 'annotator or trainer name (recorded on every label event)'),
    str('revoke', 'name', 'revoke every token of this name instead'),
    str('host', '127.0.0.1', 'host for the join link (default 127.0.0.1)'),
    str('port', '8765', 'port for the join link (default 8765)'),
  ],
  run: runToken,
};

/** Runs `patchwork serve` from raw arguments (after the command name); resolves when the relay stops. */
export async function runServeCommand(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  return runServe(parseArgs(serveCommand, argv), io);
}

/** Runs `patchwork token` from raw arguments (after the command name). */
export function runTokenCommand(argv: readonly string[], io: CliIo = processIo()): number {
  return runToken(parseArgs(tokenCommand, argv), io);
}
