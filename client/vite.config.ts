// Vite build of the Patchwork web app: Preact via @preact/preset-vite, output in client/dist/.
// Builds the service worker as a second, unhashed entry (`sw.js`) and writes the list of built
// files into it, so the app shell can be precached and the app loads with no network.
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

const clientRoot = fileURLToPath(new URL('.', import.meta.url));

/** Global the service worker reads its precache list from. */
const PRECACHE_GLOBAL = '__PATCHWORK_PRECACHE__';

/** Defines the precache list (every emitted file plus the root document) at the top of sw.js. */
function precacheManifest(): Plugin {
  return {
    name: 'patchwork-precache-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => name !== 'sw.js' && !name.endsWith('.map'));
      const list = JSON.stringify(['./', ...files.map((name) => `./${name}`)]);
      const sw = bundle['sw.js'];
      if (sw && sw.type === 'chunk') sw.code = `self.${PRECACHE_GLOBAL} = ${list};\n${sw.code}`;
    },
  };
}

export default defineConfig({
  root: clientRoot,
  base: './',
  plugins: [preact(), precacheManifest()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        sw: fileURLToPath(new URL('./sw/service-worker.ts', import.meta.url)),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8765',
      '/yjs': { target: 'ws://127.0.0.1:8765', ws: true },
    },
  },
});
