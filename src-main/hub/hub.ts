// A running hub: its database and its keys. Commands open one with `openHub`; tests build one from a test
// database and keys made in a temporary folder. importOfficeBundle, exportForOffice and the other
// operations take it as their first argument.
import type { HubDatabase } from './store/index.ts';
import { openHubDatabase } from './store/index.ts';
import { resolveHubLocation } from './data-folder.ts';
import { loadHubKeys, type HubKeys } from './keys.ts';

export interface Hub {
  readonly db: HubDatabase;
  readonly keys: HubKeys;
}

export interface OpenedHub extends Hub {
  readonly dataDir: string;
  close(): Promise<void>;
}

/** Opens the database a data folder uses (must exist: `init` creates it) and loads the hub's keys. */
export async function openHub(dataDir: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<OpenedHub> {
  const location = resolveHubLocation(dataDir, undefined, env);
  // Keys first: a missing key file is reported without touching the database.
  const keys = await loadHubKeys(location.dataDir, env);
  const db = await openHubDatabase({ ...location.target, mustExist: true });
  return { db, keys, dataDir: location.dataDir, close: () => db.destroy() };
}

/** The hub installation's epoch (migration 0003), named in every bundle it writes. */
export async function hubEpoch(db: HubDatabase): Promise<string> {
  const row = await db.selectFrom('hub_installation').select('epoch').where('id', '=', 1).executeTakeFirstOrThrow();
  return row.epoch;
}
