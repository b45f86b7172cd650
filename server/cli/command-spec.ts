// The shape of a patchwork subcommand: its name, help text, arguments and run function. Every
// command (built in here or registered by another part of the server) is described this way.

/** A `--name` option of a command. */
export interface OptionSpec {
  /** Long name without the dashes, e.g. `out` for `--out`. */
  readonly name: string;
  /** `string` takes a value (`--out x` or `--out=x`); `boolean` is a switch. */
  readonly type: 'string' | 'boolean';
  /** Placeholder shown in help, e.g. `labels.csv`. */
  readonly placeholder?: string;
  readonly description: string;
  readonly required?: boolean;
}

/** A positional argument. */
export interface PositionalSpec {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
}

/** Parsed command line of one command. */
export interface ParsedArgs {
  /** Positional values, by name (absent when an optional one is not given). */
  readonly positionals: Readonly<Record<string, string | undefined>>;
  /** String options by name. */
  readonly options: Readonly<Record<string, string | undefined>>;
  /** Boolean switches by name (false when absent). */
  readonly flags: Readonly<Record<string, boolean>>;
}

/** Where a command writes and where it runs. */
export interface CliIo {
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A subcommand. */
export interface CommandSpec {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Extra paragraphs for `--help` (optional). */
  readonly details?: string;
  readonly positionals: readonly PositionalSpec[];
  readonly options: readonly OptionSpec[];
  /** Runs the command; resolves to the exit code (0 when void). Throw UserError for user mistakes. */
  run(args: ParsedArgs, io: CliIo): Promise<number | void> | number | void;
}
