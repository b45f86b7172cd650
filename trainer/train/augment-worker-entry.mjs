// Entry of an augmentation worker thread: loads the TypeScript worker through tsx's API, so the
// worker runs whether or not the parent process registered a TypeScript loader.
import { tsImport } from 'tsx/esm/api';

await tsImport('./augment-worker.ts', import.meta.url);
