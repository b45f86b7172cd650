// The command registry: every `patchwork <command>`, in the order `patchwork --help` lists them.
// The relay's commands come from server/relay; the trainer runs as its own process.
import type { CommandSpec } from './command-spec.ts';
import { exportCommand } from './export-command.ts';
import { historyCommand } from './history-command.ts';
import { initCommand } from './init-command.ts';
import { serveCommand, tokenCommand } from '../relay/commands.ts';
import { demoCommand } from './demo-command.ts';
import { trainerCommand } from './trainer-command.ts';

const registry = new Map<string, CommandSpec>();

/** Adds a command, or replaces the one with the same name (e.g. a placeholder). */
export function registerCommand(spec: CommandSpec): void {
  registry.set(spec.name, spec);
}

/** The command with this exact name, if any. */
export function getCommand(name: string): CommandSpec | undefined {
  return registry.get(name);
}

/** Every registered command, in registration order. */
export function listCommands(): CommandSpec[] {
  return [...registry.values()];
}

registerCommand(initCommand);
registerCommand(serveCommand);
registerCommand(trainerCommand);
registerCommand(exportCommand);
registerCommand(historyCommand);
registerCommand(tokenCommand);
registerCommand(demoCommand);
