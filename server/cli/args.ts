// A small, dependency-free command-line parser: exact option names only (no prefix guessing),
// `--name value` or `--name=value`, boolean switches, `--` ends the options.
import type { CommandSpec, ParsedArgs } from './command-spec.ts';
import { UsageError } from './user-error.ts';

/** True when the arguments ask for help (`--help` or `-h` before any `--`). */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/**
 * Parses a command's arguments against its spec. Unknown options, a missing value, a repeated
 * option, a value given to a switch, too many or too few positionals and missing required options
 * are UsageErrors naming the problem.
 */
export function parseArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const positionalValues: string[] = [];
  const options: Record<string, string | undefined> = {};
  const flags: Record<string, boolean> = {};
  for (const option of spec.options) if (option.type === 'boolean') flags[option.name] = false;
  const seen = new Set<string>();
  const hint = `(see patchwork ${spec.name} --help)`;
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (onlyPositionals || !arg.startsWith('-') || arg === '-') {
      positionalValues.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`unknown option ${arg} for patchwork ${spec.name} ${hint}`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const option = spec.options.find((candidate) => candidate.name === name);
    if (!option) throw new UsageError(`unknown option --${name} for patchwork ${spec.name} ${hint}`);
    if (seen.has(name)) throw new UsageError(`option --${name} is given twice`);
    seen.add(name);
    if (option.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
      flags[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) {
        throw new UsageError(`option --${name} needs a value${option.placeholder ? ` (${option.placeholder})` : ''}`);
      }
      i++;
    }
    options[name] = value;
  }
  const positionals: Record<string, string | undefined> = {};
  spec.positionals.forEach((positional, index) => {
    positionals[positional.name] = positionalValues[index];
    if (positional.required && positionalValues[index] === undefined) {
      throw new UsageError(`patchwork ${spec.name} needs <${positional.name}> ${hint}`);
    }
  });
  if (positionalValues.length > spec.positionals.length) {
    throw new UsageError(`unexpected argument "${positionalValues[spec.positionals.length]}" for patchwork ${spec.name} ${hint}`);
  }
  for (const option of spec.options) {
    if (option.required && options[option.name] === undefined) {
      throw new UsageError(`patchwork ${spec.name} needs --${option.name}${option.placeholder ? ` <${option.placeholder}>` : ''} ${hint}`);
    }
  }
  return { positionals, options, flags };
}
