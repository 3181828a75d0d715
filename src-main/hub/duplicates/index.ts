// Statewide Aadhaar duplicates on the hub: keys from files outside the database, the keyed-hash index, the
// notices to both offices. See README.md in this folder.
export { findAadhaarDuplicates, DUPLICATE_NOTICE, type AadhaarDuplicateResult, type AadhaarEntity, type AadhaarIndexSchema } from './find.ts';
export { loadAadhaarVaultKeys, SEAL_KEY_FILE_ENV, HASH_KEY_FILE_ENV, MIN_HASH_KEY_BYTES, type AadhaarVaultKeys, type AadhaarVaultKeyFiles } from './keys.ts';
export { writeHubChanges, HUB_ORIGIN, type HubChangeInput } from './hub-changes.ts';
export { aadhaarIndexMigration, hubMigrationsWithAadhaarIndex, AADHAAR_INDEX_MIGRATION_NAME } from './migration.ts';
