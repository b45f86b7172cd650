// `npx tsx tests/helpers/serve-entry.ts <serve args…>`: runs the `patchwork serve` command function
// in its own process, as the CLI will once it registers the command.
import { runServeCommand } from '../../server/relay/index.ts';

process.exitCode = await runServeCommand(process.argv.slice(2));
