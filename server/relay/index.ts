// Public surface of the relay: start it in-process, or run the `serve` and `token` commands.
export { startRelay, DEFAULT_PORT, DEFAULT_HOST, DEFAULT_MAX_MESSAGE_BYTES, type RelayOptions, type RunningRelay } from './start-relay.ts';
export { createLogger, createSilentLogger, type Logger, type LogLevel } from './logger.ts';
export { createRelayMetrics, type RelayMetrics } from './metrics.ts';
export { serveCommand, tokenCommand, runServeCommand, runTokenCommand, joinLink, SERVE_OWNER_NAME, EMBEDDED_TRAINER_NAME } from './commands.ts';
