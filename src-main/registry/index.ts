export { saveHousehold, checkHouseholdDuplicates } from './save.ts';
export { COUNT_CAP, searchBeneficiaries, type SearchInput } from './search.ts';
export { householdProfile, beneficiaryProfile, auditHistory } from './profiles.ts';
export { addMember, checkMemberDuplicates, recordExit, undoExit, setRchId } from './household-additions.ts';
export { setAadhaar, type SetAadhaarInput } from './aadhaar-later.ts';
export { updateHousehold, updateBeneficiary, deactivateBeneficiary, addMeasurement, voidMeasurement } from './edit.ts';
export { awcDataQuality, withQualityNotes } from './data-quality.ts';
export { setPhoto, readPhoto, MAX_PHOTO_BYTES } from './photos.ts';
export { importStateKeys, previewStateKeys, readStateKeys, stateKeyStatus } from './state-keys.ts';
export { beneficiaryCategory, cardCategory, expectedDeliveryDate, CATEGORY_LABELS } from './category.ts';
export { CATEGORY_FIELD_LABEL, categoryLabel } from './labels.ts';
export { MtsIdIssuer } from './id-issuer.ts';
export { nameSearchKey } from './name-key.ts';
export type * from './types.ts';
export {
  doubleEntryEnabled,
  setDoubleEntry,
  verificationQueue,
  submitSecondEntry,
  resolveMismatches,
  keyingErrorRates,
  type Mismatch,
  type VerificationItem,
  type KeyingErrorRate,
} from './verification.ts';
