// Statewide Aadhaar duplicates on the hub: the keyed-hash index and the notices to both offices.
// See README.md in this folder.
export { findAadhaarDuplicates, DUPLICATE_NOTICE, type AadhaarDuplicateResult, type AadhaarEntity, type AadhaarIndexSchema, type AadhaarVaultKeys } from './find.ts';
