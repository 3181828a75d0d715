// Hooks the import runs inside its transaction, after the bundle's changes are stored and indexed and
// before it commits: what they write commits or rolls back with the import.
// Today: statewide Aadhaar duplicates (src-main/hub/duplicates/), given only the changes new to the hub.
import { findAadhaarDuplicates } from './duplicates/index.ts';
import type { HubKeys } from './keys.ts';
import type { HubDatabase, StoredChange } from './store/index.ts';

export interface ImportHookContext {
  readonly keys: HubKeys;
  readonly bundleId: string;
  /** The sending office's code. */
  readonly from: string;
}

export async function afterChangesStored(tx: HubDatabase, storedChanges: readonly StoredChange[], context: ImportHookContext): Promise<void> {
  await findAadhaarDuplicates(tx, storedChanges, context.keys);
}
