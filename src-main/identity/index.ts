// Public surface of the identity module: MTS IDs, Aadhaar protection, state key file, document
// validators, names in two scripts, duplicate detection.
export type { Invalid, Message, Validated } from './messages.ts';
export { asciiDigits } from './messages.ts';

export { verhoeffCheckDigit, isVerhoeffValid } from './verhoeff.ts';

export {
  formatMtsId,
  parseMtsId,
  groupMtsId,
  isValidMtsId,
  isValidOfficeCode,
  suggestMtsIdCorrections,
  MTS_ID_LENGTH,
  MAX_SERIES,
  MAX_SERIAL,
} from './mts-id.ts';
export type { MtsIdParts, MtsIdErrorCode, ParsedMtsId } from './mts-id.ts';

export { validateAadhaar, protectAadhaar, openSealedAadhaar, maskAadhaar, AadhaarError, SEAL_VERSION } from './aadhaar.ts';
export type { AadhaarErrorCode, AadhaarValidation, AadhaarKeys, ProtectedAadhaar } from './aadhaar.ts';

export { findAadhaarLikeNumber, AADHAAR_OUT_OF_PLACE } from './aadhaar-like.ts';
export type { AadhaarLikeMatch } from './aadhaar-like.ts';

export { parseStateKeyFile, stateKeyFingerprint, createStateKeys, writeStateKeyFile, STATE_KEY_FILE_FORMAT } from './state-keys.ts';
export type { StateKeys, StateKeyFileError, StateKeyFileErrorCode, ParsedStateKeyFile, CreatedStateKeys, StateKeyFileInput } from './state-keys.ts';

export { validateMobile, validatePan, validateVoterId, validateRationCard, validateJobCard, parseJobCard } from './documents.ts';
export type {
  MobileErrorCode,
  PanErrorCode,
  VoterIdErrorCode,
  RationCardErrorCode,
  JobCardErrorCode,
  JobCardNumber,
} from './documents.ts';

export { toLatinName, toDevanagariName, phoneticKey, wordPhoneticKey, nameTokens, nameKeyTokens, namesMatch } from './names.ts';

export {
  findLikelyDuplicates,
  nameBlockKeys,
  aadhaarDuplicateKey,
  mobileDuplicateKey,
  dobWithinOneYear,
} from './duplicates.ts';
export type { DuplicateRecord, DuplicateReason, LikelyDuplicate } from './duplicates.ts';
