import { defineConfig } from 'vite';

// Bundles the browser enhancements into dist/client: the staff pages' maps and charts, the
// public schedule's map (public pages work without it), and the advisors' offline app.
// Built by `npm run build` (run on install by `prepare`).
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    sourcemap: true,
    // One stylesheet for every entry (Leaflet's CSS is shared): dist/client/client.css.
    cssCodeSplit: false,
    target: 'es2020',
    rollupOptions: {
      input: {
        planner: 'src/web/client/planner.ts',
        'public-map': 'src/web/client/public-map.ts',
        // The advisors' app: its page script and its service worker (which imports nothing, so it
        // stays one classic script; the server serves it at /assets/advisor/sw.js).
        advisor: 'src/web/client/advisor.ts',
        'advisor-sw': 'src/web/client/advisor-sw.ts',
      },
      output: {
        entryFileNames: '[name].js',
        assetFileNames: (asset) =>
          asset.names.some((n) => n.endsWith('.css')) ? 'client.css' : '[name][extname]',
        chunkFileNames: '[name]-[hash].js',
      },
    },
  },
});
