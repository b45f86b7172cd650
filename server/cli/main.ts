// Entry point of the patchwork command: picks the subcommand, parses its arguments, runs it and
// turns every user mistake into one `patchwork: error: …` line and a non-zero exit code.
import { readFileSync } from 'node:fs';
import { parseArgs, wantsHelp } from './args.ts';
import type { CliIo } from './command-spec.ts';
import { getCommand, listCommands } from './commands.ts';
import { formatCommandHelp, formatMainHelp } from './help.ts';
import { describeUserError, EXIT_CODES, oneLine, UsageError } from './user-error.ts';

/** The package version (from package.json), shown by `patchwork --version`. */
function packageVersion(): string {
  try {
    const json = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return json.version ?? 'unknown';
  } catch (error) {
    return `unknown (${(error as Error).message})`;
  }
}

/** The process's own streams, working directory and environment. */
export function createProcessIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
  };
}

/**
 * Runs `patchwork <argv…>` and resolves to the exit code. Never throws: user mistakes become one
 * line on stderr; unexpected errors one line too, plus the stack when PATCHWORK_DEBUG is set.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), createProcessIo());
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' ? rest[0] : undefined;
      const command = topic ? getCommand(topic) : undefined;
      if (topic && !command) throw unknownCommand(topic);
      io.stdout(command ? formatCommandHelp(command) : formatMainHelp(listCommands(), packageVersion()));
      return name === undefined ? EXIT_CODES.usage : EXIT_CODES.ok;
    }
    if (name === '--version' || name === '-V') {
      io.stdout(`${packageVersion()}\n`);
      return EXIT_CODES.ok;
    }
    const command = getCommand(name);
    if (!command) throw unknownCommand(name);
    if (wantsHelp(rest)) {
      io.stdout(formatCommandHelp(command));
      return EXIT_CODES.ok;
    }
    const code = await command.run(parseArgs(command, rest), io);
    return code ?? EXIT_CODES.ok;
  } catch (error) {
    const described = describeUserError(error);
    if (described) {
      io.stderr(`patchwork: error: ${oneLine(described.message)}\n`);
      return described.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`patchwork: internal error: ${oneLine(message)} (set PATCHWORK_DEBUG=1 for details)\n`);
    if (io.env['PATCHWORK_DEBUG'] && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_CODES.internal;
  }
}

function unknownCommand(name: string): UsageError {
  return new UsageError(`unknown command "${name}" (commands: ${listCommands().map((c) => c.name).join(', ')})`);
}
