import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// The renderer is plain web code: it reaches the backend only through the typed API client.
export default defineConfig({
  root: 'src-renderer',
  base: '/',
  plugins: [svelte({ configFile: false })],
  build: {
    outDir: '../dist-renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
  },
  server: { host: '127.0.0.1' },
});
