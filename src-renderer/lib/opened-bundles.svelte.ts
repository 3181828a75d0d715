/**
 * Sync bundles the operator opened from Explorer (Electron only: the installer associates `.mtsb` with
 * the app). The preload says when there are some; they wait here until the Sync page previews them, and
 * nothing is imported before the operator confirms there.
 */
import type { BundleFile } from './bundle-files.ts';
import { goPage } from './route.svelte.ts';

export const opened = $state<{ files: BundleFile[] }>({ files: [] });

interface OpenedBundlesBridge {
  openedBundles(): Promise<BundleFile[]>;
  onBundlesOpened(listener: () => void): void;
}

let watching = false;

export function watchOpenedBundles(): void {
  const bridge = window.mts as Partial<OpenedBundlesBridge> | undefined;
  if (watching || !bridge || typeof bridge.openedBundles !== 'function' || typeof bridge.onBundlesOpened !== 'function') return;
  watching = true;
  const collect = async () => {
    const files = await bridge.openedBundles!();
    if (files.length === 0) return;
    opened.files = [...opened.files, ...files];
    goPage('sync');
  };
  bridge.onBundlesOpened(() => void collect());
  void collect();
}
