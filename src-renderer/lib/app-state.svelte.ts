import type { AppStatus } from '../../src-main/api/contract.ts';
import { call } from './api.ts';
import { setUiLanguage } from './i18n.svelte.ts';

export const app = $state<{ status: AppStatus | null; loadError: unknown }>({ status: null, loadError: null });

export async function refreshStatus(): Promise<void> {
  try {
    app.status = await call('app.status', {});
    app.loadError = null;
    if (app.status.operator) setUiLanguage(app.status.operator.language);
  } catch (error) {
    app.loadError = error;
  }
}
