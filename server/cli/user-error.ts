// Errors that describe a user mistake (bad argument, missing file, malformed input). The CLI
// prints their message as one line on stderr with a non-zero exit code, never a stack trace.

/** Exit codes of the patchwork command. */
export const EXIT_CODES = {
  /** Success. */
  ok: 0,
  /** The command could not do its job because of its input (missing file, bad CSV, bad .npy …). */
  failure: 1,
  /** The command line itself is wrong (unknown command or option, missing argument). */
  usage: 2,
  /** A command exists but is not available in this build. */
  unavailable: 3,
  /** An unexpected internal error (a bug): the message, and the stack with PATCHWORK_DEBUG=1. */
  internal: 70,
} as const;
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/**
 * A user mistake. Throw it from a command with a message that says what is wrong and, where it
 * helps, what to do; main prints `patchwork: error: <message>` and exits with `exitCode`.
 *
 * @example
 * throw new UserError(`${path}: no such file`);
 */
export class UserError extends Error {
  override readonly name: string = 'UserError';
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode = EXIT_CODES.failure) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** A mistake in the command line (exit code 2). */
export class UsageError extends UserError {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super(message, EXIT_CODES.usage);
  }
}

/** Node system errors caused by the environment (missing file, permission, port in use). */
const SYSTEM_ERROR_CODES = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EEXIST', 'EADDRINUSE', 'EADDRNOTAVAIL', 'ENOSPC', 'EROFS', 'EMFILE']);

/**
 * The one-line message and exit code for an error that is a user mistake or an environment
 * problem, or null for an unexpected error (a bug). Errors named `CsvError`, `NpyError` or
 * `ProjectError`, or carrying `userFacing: true`, count as user mistakes.
 */
export function describeUserError(error: unknown): { message: string; exitCode: ExitCode } | null {
  if (error instanceof UserError) return { message: error.message, exitCode: error.exitCode };
  if (!(error instanceof Error)) return null;
  if (['CsvError', 'NpyError', 'ProjectError'].includes(error.name) || (error as { userFacing?: unknown }).userFacing === true) {
    return { message: error.message, exitCode: EXIT_CODES.failure };
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code && SYSTEM_ERROR_CODES.has(code)) return { message: error.message, exitCode: EXIT_CODES.failure };
  return null;
}

/** Flattens a message to one line (line breaks in paths or values would break the contract). */
export function oneLine(message: string): string {
  return message.replace(/\r?\n|\r/g, '\\n');
}
