// Binds `mts-hub serve` to the hub's own import and export, on the hub opened from the data folder.
import { exportForOffice } from './export.ts';
import { openHub } from './hub.ts';
import { importOfficeBundle } from './import.ts';
import { hubSchemaVersion } from './store/index.ts';
import type { HubExchange } from './serve.ts';

export interface OpenedHubExchange {
  readonly exchange: HubExchange;
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}

export async function openHubExchange(dataDir: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<OpenedHubExchange> {
  const hub = await openHub(dataDir, env);
  return {
    exchange: {
      importOfficeBundle: (files) => importOfficeBundle(hub, files),
      exportForOffice: (officeCode) => exportForOffice(hub, officeCode),
    },
    schemaVersion: () => hubSchemaVersion(hub.db),
    close: () => hub.close(),
  };
}
