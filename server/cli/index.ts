// Public API of the command line: the runner, the command registry (other parts of the server
// register their commands here) and the error types that become one-line messages.
export { runCli, createProcessIo } from './main.ts';
export { registerCommand, getCommand, listCommands } from './commands.ts';
export { parseArgs, wantsHelp } from './args.ts';
export { formatCommandHelp, formatMainHelp, formatUsage } from './help.ts';
export { UserError, UsageError, EXIT_CODES, describeUserError, type ExitCode } from './user-error.ts';
export type { CommandSpec, OptionSpec, PositionalSpec, ParsedArgs, CliIo } from './command-spec.ts';
