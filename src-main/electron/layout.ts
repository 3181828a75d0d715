import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AppLayout {
  /** The built renderer served on app://mts/ (vite's output). */
  rendererDir: string;
  /** The compiled preload; tsc turns preload.cts into preload.cjs next to main.js. */
  preloadPath: string;
}

/**
 * Files the main process needs, found from its own location: main.js sits in dist-main/electron/, both
 * in a checkout and inside the packaged app.asar, with dist-renderer/ two folders up.
 */
export function appLayout(mainModuleUrl: string): AppLayout {
  const electronDir = dirname(fileURLToPath(mainModuleUrl));
  return {
    rendererDir: join(electronDir, '..', '..', 'dist-renderer'),
    preloadPath: join(electronDir, 'preload.cjs'),
  };
}
