// Script entry of `patchwork trainer`: the CLI starts the trainer as its own process (the same way a
// remote GPU machine runs it), so this file runs the daemon command with the process arguments.
import { runTrainerCommand } from './main.ts';

const status = await runTrainerCommand(process.argv.slice(2));
// Open sockets or timers of a stopped daemon must not keep the process alive.
process.exit(status);
