export { saveHousehold, checkHouseholdDuplicates } from './save.ts';
export { searchBeneficiaries, type SearchInput } from './search.ts';
export { householdProfile, beneficiaryProfile, auditHistory } from './profiles.ts';
export { updateHousehold, updateBeneficiary, deactivateBeneficiary, addMeasurement, voidMeasurement } from './edit.ts';
export { importStateKeys, readStateKeys, stateKeyStatus } from './state-keys.ts';
export { beneficiaryCategory, expectedDeliveryDate, CATEGORY_LABELS } from './category.ts';
export { MtsIdIssuer } from './id-issuer.ts';
export { nameSearchKey } from './name-key.ts';
export type * from './types.ts';
