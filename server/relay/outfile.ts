// `--outfile <csv>`: keeps a patchwork-format labels.csv up to date while the relay runs. Writes are
// debounced, go to a temporary file in the same directory and are renamed over the target, so a
// reader never sees a half-written file.
import { renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Logger } from './logger.ts';

/** Default delay between the last change and the write (ms). */
export const DEFAULT_OUTFILE_DEBOUNCE_MS = 1000;

/** A debounced file writer. */
export interface OutfileWriter {
  /** Marks the content as changed; the file is rewritten after the debounce delay. */
  schedule(): void;
  /** Writes now if a write is pending (or always when `force`). */
  flush(force?: boolean): void;
  /** Cancels pending writes. */
  stop(): void;
}

/** Atomically replaces `path` with `text` (temp file + rename). */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** Creates the writer; `render` produces the file's content. */
export function createOutfileWriter(path: string, render: () => string, logger: Logger, debounceMs = DEFAULT_OUTFILE_DEBOUNCE_MS): OutfileWriter {
  let timer: NodeJS.Timeout | null = null;
  let pending = false;
  const write = (): void => {
    timer = null;
    pending = false;
    try {
      const started = performance.now();
      writeFileAtomic(path, render());
      logger.debug('outfile-written', { path, ms: Math.round(performance.now() - started) });
    } catch (error) {
      logger.error('outfile-failed', { path, error: (error as Error).message });
    }
  };
  return {
    schedule() {
      pending = true;
      if (timer) return;
      timer = setTimeout(write, debounceMs);
      timer.unref();
    },
    flush(force = false) {
      if (timer) clearTimeout(timer);
      timer = null;
      if (pending || force) write();
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = false;
    },
  };
}
