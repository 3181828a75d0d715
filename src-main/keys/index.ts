export { OFFICE_KEY_FILE, OfficeKey, ensureOfficeKey, fingerprintOf, keyIdOf, readOfficeKey, type OfficeKeyInfo } from './office-key.ts';
export { UNPROTECTED, type SecretProtection } from './secret-protection.ts';
export { canonicalJson } from './canonical.ts';
export { OFFICE_AGE_IDENTITY_FILE, OfficeAgeIdentity, ensureOfficeAgeIdentity, readOfficeAgeIdentity } from './age-identity.ts';
