// Help text for `patchwork --help` and `patchwork <command> --help`, built from the command specs.
import type { CommandSpec } from './command-spec.ts';

/** The usage line of a command, e.g. `patchwork export <dir> [--out <labels.csv>]`. */
export function formatUsage(spec: CommandSpec): string {
  const parts = [`patchwork ${spec.name}`];
  for (const positional of spec.positionals) parts.push(positional.required ? `<${positional.name}>` : `[<${positional.name}>]`);
  for (const option of spec.options) {
    const text = option.type === 'boolean' ? `--${option.name}` : `--${option.name} <${option.placeholder ?? 'value'}>`;
    parts.push(option.required ? text : `[${text}]`);
  }
  return parts.join(' ');
}

/** Full help of one command. */
export function formatCommandHelp(spec: CommandSpec): string {
  const lines = [`Usage: ${formatUsage(spec)}`, '', spec.summary];
  if (spec.details) lines.push('', spec.details);
  const rows: Array<[string, string]> = [
    ...spec.positionals.map((p): [string, string] => [`<${p.name}>`, p.description]),
    ...spec.options.map((o): [string, string] => [
      o.type === 'boolean' ? `--${o.name}` : `--${o.name} <${o.placeholder ?? 'value'}>`,
      o.description + (o.required ? ' (required)' : ''),
    ]),
    ['--help, -h', 'show this help'],
  ];
  lines.push('', 'Arguments and options:', ...formatRows(rows));
  return lines.join('\n') + '\n';
}

/** The top-level help: every command with its summary. */
export function formatMainHelp(commands: readonly CommandSpec[], version: string): string {
  const lines = [
    `patchwork ${version}: local-first, collaborative active-learning image labelling`,
    '',
    'Usage: patchwork <command> [arguments] [options]',
    '',
    'Commands:',
    ...formatRows(commands.map((c) => [c.name, c.summary])),
    '',
    'Run "patchwork <command> --help" for the arguments of a command.',
    'Errors are printed as one line on stderr; see docs/cli.md for exit codes.',
  ];
  return lines.join('\n') + '\n';
}

function formatRows(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const width = Math.min(32, Math.max(...rows.map(([left]) => left.length)));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}
