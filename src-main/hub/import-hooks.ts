// Hooks the import runs inside its transaction, after the bundle's changes are stored and indexed and
// before it commits: what they write commits or rolls back with the import.
//
// >>> HOOK for statewide Aadhaar duplicates (branch hub-extras fills it: src-main/hub/duplicates/).
// It receives only the changes that were new to the hub. To notify offices, write `duplicate_notice`
// changes with writeHubChanges (./hub-changes.ts), naming both households in householdIds.
import type { HubKeys } from './keys.ts';
import type { HubDatabase, StoredChange } from './store/index.ts';

export interface ImportHookContext {
  readonly keys: HubKeys;
  readonly bundleId: string;
  /** The sending office's code. */
  readonly from: string;
}

export async function afterChangesStored(tx: HubDatabase, storedChanges: readonly StoredChange[], context: ImportHookContext): Promise<void> {
  void tx;
  void storedChanges;
  void context;
}
