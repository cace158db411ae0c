import { defineConfig } from 'vite';

// Bundles the staff pages' browser enhancements (map and charts) into dist/client.
// Public pages send no script at all. Built by `npm run build` (run on install by `prepare`).
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2020',
    rollupOptions: {
      input: { planner: 'src/web/client/planner.ts' },
      output: {
        entryFileNames: '[name].js',
        assetFileNames: '[name][extname]',
        chunkFileNames: '[name]-[hash].js',
      },
    },
  },
});
