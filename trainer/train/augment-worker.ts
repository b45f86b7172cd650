// An augmentation worker thread: augments the images of each task in place (shared memory) and
// answers with the task id, or the error message.
import { parentPort } from 'node:worker_threads';
import { augmentChunk } from './augment-pool.ts';
import type { AugmentTask } from './augment-pool.ts';

parentPort?.on('message', (msg: { id: number; task: AugmentTask }) => {
  try {
    augmentChunk(msg.task);
    parentPort?.postMessage({ id: msg.id });
  } catch (error) {
    parentPort?.postMessage({ id: msg.id, error: error instanceof Error ? error.message : String(error) });
  }
});
