import { defineConfig } from 'vite';

// The build lands in Maven's output under parley-web/, so the jar serves it from the classpath.
// File names under assets/ carry a content hash: they can be cached for a year (see ops/launcher).
export default defineConfig({
  build: {
    outDir: 'target/classes/parley-web',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    modulePreload: { polyfill: false },
  },
  server: {
    // `npm run dev` against a running platform (./parley up): API and WebSocket on the same origin
    proxy: {
      '/api': 'http://localhost:8080',
      '/ws': { target: 'ws://localhost:8080', ws: true },
    },
  },
});
