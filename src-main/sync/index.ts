// Public surface of the sync bundle format (`.mtsb`), shared by the block office and the state hub.
// Change-log export/import, enrolment and the hub build on these functions; see README.md here.
export { BundleError, refuse } from './errors.ts';
export type { BundleErrorCode, BundlePart } from './errors.ts';

export { BUNDLE_KINDS, HUB, HEADER_LIMITS, isBundleKind, isNodeName, isOrigin, originOf } from './header.ts';
export type { BundleHeader, BundleKind, BundleSender, BundleChunk, ChangeRange } from './header.ts';

export { MAGIC, FORMAT_VERSION } from './format.ts';

export { keyIdOf, createEncryptionKeys, recipientOf } from './keys.ts';
export type { EncryptionKeys } from './keys.ts';

export { writeBundle, readBundleHeader, openBundle, DEFAULT_MAX_CONTENT_BYTES } from './seal.ts';
export type { BundleFields, WriteBundleInput, TrustedKey, BundleTrust, ReadBundleOptions, OpenBundleOptions, OpenedBundle } from './seal.ts';

export { splitIntoChunks, ChunkAssembler, DEFAULT_MAX_BUNDLE_BYTES } from './chunks.ts';
export type { AddedPart } from './chunks.ts';

export { describeBundle } from './describe.ts';
export type { BundleDescription } from './describe.ts';

export { encodeChangesPayload, decodeChangesPayload, rangesOf, PAYLOAD_LIMITS } from './payload.ts';
export type { BundleChange, ChangesPayload, ChangesPayloadInput, Revocation } from './payload.ts';

export {
  writeEnrolRequest,
  readEnrolRequest,
  requestFingerprint,
  issueCertificate,
  readCertificate,
  encodeEnrolmentPayload,
  decodeEnrolmentPayload,
  ENROL_REQUEST_FORMAT,
  CERTIFICATE_FORMAT,
  MAX_ENROL_REQUEST_BYTES,
} from './enrolment.ts';
export type { EnrolRequest, OfficeCertificate, AwcMaster, EnrolmentPayload } from './enrolment.ts';

export { REPLY_PARTS_HEADER, REPLY_PART_LENGTHS_HEADER, splitReplyBody } from './reply.ts';
