// Benchmark server process: the Patchwork relay (SQLite, validation) for a project directory.
// `npx tsx bench/relay/relay-server.ts <projectDir>` prints `{"url", "pid"}` once listening.
import { startRelay } from '../../server/relay/index.ts';
import { createLogger } from '../../server/relay/logger.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: relay-server.ts <projectDir>');
const relay = await startRelay({ projectDir: dir, port: 0, logger: createLogger({ level: 'warn' }), rateLimit: { messagesPerSecond: 5000, burst: 10000 } });
process.stdout.write(JSON.stringify({ url: relay.url, pid: process.pid }) + '\n');
let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void relay.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
