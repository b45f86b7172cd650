// Structured JSON logs of the relay: one object per line (time, level, event, fields). Callers
// never pass token secrets; `redact` strips any `token` field as a second line of defence.

/** Log levels, lowest first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
/** A log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Writes structured log lines. */
export interface Logger {
  log(level: LogLevel, event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  debug(event: string, fields?: Record<string, unknown>): void;
}

/** Options of createLogger. */
export interface LoggerOptions {
  /** Where lines go (default: stderr). */
  sink?: (line: string) => void;
  /** Lowest level written (default `info`). */
  level?: LogLevel;
  /** Clock (default Date.now). */
  now?: () => number;
}

const SECRET_KEYS = new Set(['token', 'authorization', 'secret']);

function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = SECRET_KEYS.has(k.toLowerCase()) ? '[redacted]' : v;
  return out;
}

/**
 * A JSON-lines logger.
 * @example
 * const log = createLogger({ level: 'info' });
 * log.info('connection-open', { room, name, role });
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const sink = options.sink ?? ((line: string) => void process.stderr.write(line + '\n'));
  const min = LOG_LEVELS.indexOf(options.level ?? 'info');
  const now = options.now ?? Date.now;
  const log = (level: LogLevel, event: string, fields: Record<string, unknown> = {}): void => {
    if (LOG_LEVELS.indexOf(level) < min) return;
    sink(JSON.stringify({ time: new Date(now()).toISOString(), level, event, ...redact(fields) }));
  };
  return {
    log,
    info: (e, f) => log('info', e, f),
    warn: (e, f) => log('warn', e, f),
    error: (e, f) => log('error', e, f),
    debug: (e, f) => log('debug', e, f),
  };
}

/** A logger that drops everything (tests, benchmarks). */
export function createSilentLogger(): Logger {
  return createLogger({ sink: () => undefined, level: 'error' });
}
