// Runs a relay as its own process for durability tests and benchmarks:
// `npx tsx tests/helpers/relay-child-entry.ts <projectDir> [port]`. Prints one JSON line
// `{"url": …, "pid": …}` on stdout once listening; logs go to stderr.
import { startRelay } from '../../server/relay/index.ts';
import { createLogger } from '../../server/relay/logger.ts';

const [dir, port] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: relay-child-entry.ts <projectDir> [port]\n');
  process.exit(2);
}
const relay = await startRelay({ projectDir: dir, port: Number(port ?? 0), logger: createLogger({ level: process.env['PATCHWORK_LOG_LEVEL'] === 'debug' ? 'debug' : 'warn' }) });
process.stdout.write(JSON.stringify({ url: relay.url, pid: process.pid }) + '\n');
let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void relay.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
