// Enrolment (DESIGN §6 "Keys and enrolment"), shared by the office and the hub:
//
// 1. The office writes an enrolment request: a small JSON file with its office details, its Ed25519
//    signing key and age recipient, signed with that key (proof that the sender holds it).
// 2. The hub checks it, certifies the key and answers with an `enrolment` bundle (signed with the hub's
//    key, which is the state signing key of the state key file, encrypted to the office) whose payload
//    holds the certificate, the hub's keys, the state key file, the office's ID series, its Anganwadi
//    master data and the revocations so far.
// Both sides print the office key's fingerprint (six groups of five digits) to compare by phone.
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { encode } from 'cborg';
import { Problem } from '../common/problem.ts';
import { isValidOfficeCode } from '../identity/index.ts';
import { canonicalJson } from '../keys/canonical.ts';
import { fingerprintOf, keyIdOf } from '../keys/index.ts';
import { Bad, encodeRevocations, exactMap, readPayload, readRevocations, type Revocation } from './strict-payload.ts';

export const ENROL_REQUEST_FORMAT = 'mts-enrol-request/1';
export const CERTIFICATE_FORMAT = 'mts-office-certificate/1';
/** An enrolment request is a few hundred bytes; anything far larger is not one. */
export const MAX_ENROL_REQUEST_BYTES = 16 * 1024;

export interface EnrolRequest {
  readonly officeCode: string;
  readonly districtLgd: number;
  readonly blockName: string;
  readonly nameMr: string;
  readonly nameEn: string;
  /** The series the office uses now (1 at setup; higher after a restore). */
  readonly series: number;
  readonly epoch: string;
  readonly schemaVersion: number;
  readonly signingPublicKey: KeyObject;
  readonly ageRecipient: string;
  readonly createdAt: string;
}

export interface OfficeCertificate {
  readonly officeCode: string;
  readonly keyId: string;
  readonly signingPublicKey: KeyObject;
  readonly ageRecipient: string;
  readonly series: number;
  readonly issuedAt: string;
  readonly hubKeyId: string;
  /** The certificate as issued (signed JSON), kept verbatim. */
  readonly text: string;
}

export interface AwcMaster {
  readonly code: string;
  readonly nameMr: string;
  readonly nameEn: string;
  readonly village: string;
  readonly sector: string;
}

export interface EnrolmentPayload {
  /** Signed JSON, see `issueCertificate`. */
  readonly certificate: string;
  readonly hub: { readonly signingPublicKey: KeyObject; readonly ageRecipient: string };
  /** The state key file (seal key, Aadhaar bucket key, state signing key), as issued. */
  readonly stateKeyFile: string;
  /** The ID series this installation must use from now on. */
  readonly series: number;
  readonly awcs: readonly AwcMaster[];
  readonly revocations: readonly Revocation[];
}

const REQUEST_KEYS: readonly string[] = [
  'format', 'office_code', 'district_lgd', 'block_name', 'name_mr', 'name_en', 'series', 'epoch',
  'schema_version', 'signing_public_key', 'age_recipient', 'created_at', 'signature',
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const KEY_ID = /^[0-9a-f]{16}$/;

function spki(key: KeyObject): string {
  return (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'der', type: 'spki' }).toString('base64');
}

function ed25519From(base64: unknown): KeyObject | undefined {
  if (typeof base64 !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length > 200) return undefined;
  try {
    const key = createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
}

function isShortText(value: unknown, max = 200): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max && !/[\u0000-\u001f]/.test(value);
}

function isUtc(value: unknown): value is string {
  return typeof value === 'string' && ISO_UTC_MS.test(value) && Number.isFinite(Date.parse(value)) && new Date(value).toISOString() === value;
}

function invalidRequest(field: string): Problem {
  return new Problem('enrol-request-invalid', {
    en: `This is not a valid enrolment request: the field "${field}" is missing or wrong. Ask the office to write a new request.`,
    mr: `ही वैध नोंदणी विनंती नाही: "${field}" हे क्षेत्र नाही किंवा चुकीचे आहे. कार्यालयाला नवीन विनंती लिहायला सांगा.`,
  });
}

// --- request ------------------------------------------------------------------------------------------------

function requestFields(request: EnrolRequest): Record<string, string | number> {
  return {
    format: ENROL_REQUEST_FORMAT,
    office_code: request.officeCode,
    district_lgd: request.districtLgd,
    block_name: request.blockName,
    name_mr: request.nameMr,
    name_en: request.nameEn,
    series: request.series,
    epoch: request.epoch,
    schema_version: request.schemaVersion,
    signing_public_key: spki(request.signingPublicKey),
    age_recipient: request.ageRecipient,
    created_at: request.createdAt,
  };
}

/** The request file's text, signed with the office's private signing key. */
export function writeEnrolRequest(request: EnrolRequest, signingKey: KeyObject): string {
  const fields = requestFields(request);
  const signature = sign(null, canonicalJson(fields), signingKey).toString('base64');
  return JSON.stringify({ ...fields, signature }, null, 2) + '\n';
}

/** Reads and verifies a request file. Throws a Problem naming the first bad field. */
export function readEnrolRequest(text: string | Uint8Array): EnrolRequest {
  const source = typeof text === 'string' ? text : Buffer.from(text).toString('utf8');
  if (source.length > MAX_ENROL_REQUEST_BYTES) throw invalidRequest('size');
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch {
    throw invalidRequest('JSON');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalidRequest('JSON');
  const value = raw as Record<string, unknown>;
  for (const key of Object.keys(value)) if (!REQUEST_KEYS.includes(key)) throw invalidRequest(key);
  if (value['format'] !== ENROL_REQUEST_FORMAT) throw invalidRequest('format');
  if (typeof value['office_code'] !== 'string' || !isValidOfficeCode(value['office_code'])) throw invalidRequest('office_code');
  const district = value['district_lgd'];
  if (typeof district !== 'number' || !Number.isSafeInteger(district) || district <= 0) throw invalidRequest('district_lgd');
  for (const field of ['block_name', 'name_mr', 'name_en']) if (!isShortText(value[field])) throw invalidRequest(field);
  const series = value['series'];
  if (typeof series !== 'number' || !Number.isSafeInteger(series) || series < 1 || series > 999) throw invalidRequest('series');
  if (typeof value['epoch'] !== 'string' || !UUID.test(value['epoch'])) throw invalidRequest('epoch');
  const schema = value['schema_version'];
  if (typeof schema !== 'number' || !Number.isSafeInteger(schema) || schema < 1) throw invalidRequest('schema_version');
  const publicKey = ed25519From(value['signing_public_key']);
  if (!publicKey) throw invalidRequest('signing_public_key');
  if (typeof value['age_recipient'] !== 'string' || !RECIPIENT.test(value['age_recipient'])) throw invalidRequest('age_recipient');
  if (!isUtc(value['created_at'])) throw invalidRequest('created_at');
  const request: EnrolRequest = {
    officeCode: value['office_code'] as string,
    districtLgd: district,
    blockName: value['block_name'] as string,
    nameMr: value['name_mr'] as string,
    nameEn: value['name_en'] as string,
    series,
    epoch: value['epoch'],
    schemaVersion: schema,
    signingPublicKey: publicKey,
    ageRecipient: value['age_recipient'],
    createdAt: value['created_at'],
  };
  const signature = value['signature'];
  if (typeof signature !== 'string' || !/^[A-Za-z0-9+/]{86}==$/.test(signature)) throw invalidRequest('signature');
  if (!verify(null, canonicalJson(requestFields(request)), publicKey, Buffer.from(signature, 'base64'))) throw invalidRequest('signature');
  return request;
}

/** The fingerprint both sides read out by phone: of the office's signing key. */
export function requestFingerprint(request: EnrolRequest): string {
  return fingerprintOf(request.signingPublicKey);
}

// --- certificate --------------------------------------------------------------------------------------------

function certificateFields(fields: Omit<OfficeCertificate, 'text'>): Record<string, string | number> {
  return {
    format: CERTIFICATE_FORMAT,
    office_code: fields.officeCode,
    key_id: fields.keyId,
    signing_public_key: spki(fields.signingPublicKey),
    age_recipient: fields.ageRecipient,
    series: fields.series,
    issued_at: fields.issuedAt,
    hub_key_id: fields.hubKeyId,
  };
}

/** The hub certifies that a key belongs to an office and a series: signed JSON text. */
export function issueCertificate(request: EnrolRequest, series: number, hubSigningKey: KeyObject, issuedAt = new Date()): string {
  const fields = certificateFields({
    officeCode: request.officeCode,
    keyId: keyIdOf(request.signingPublicKey),
    signingPublicKey: request.signingPublicKey,
    ageRecipient: request.ageRecipient,
    series,
    issuedAt: issuedAt.toISOString(),
    hubKeyId: keyIdOf(createPublicKey(hubSigningKey)),
  });
  const signature = sign(null, canonicalJson(fields), hubSigningKey).toString('base64');
  return JSON.stringify({ ...fields, signature });
}

/** Reads a certificate and checks the hub's signature; null when it is not one signed by `hubKey`. */
export function readCertificate(text: string, hubKey: KeyObject): OfficeCertificate | null {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || value['format'] !== CERTIFICATE_FORMAT) return null;
  const publicKey = ed25519From(value['signing_public_key']);
  const series = value['series'];
  if (
    !publicKey ||
    typeof value['office_code'] !== 'string' ||
    !isValidOfficeCode(value['office_code']) ||
    typeof value['key_id'] !== 'string' ||
    value['key_id'] !== keyIdOf(publicKey) ||
    typeof value['age_recipient'] !== 'string' ||
    !RECIPIENT.test(value['age_recipient']) ||
    typeof series !== 'number' ||
    !Number.isSafeInteger(series) ||
    series < 1 ||
    series > 999 ||
    !isUtc(value['issued_at']) ||
    typeof value['hub_key_id'] !== 'string' ||
    !KEY_ID.test(value['hub_key_id']) ||
    typeof value['signature'] !== 'string' ||
    Object.keys(value).length !== 9
  ) {
    return null;
  }
  const certificate: Omit<OfficeCertificate, 'text'> = {
    officeCode: value['office_code'] as string,
    keyId: value['key_id'],
    signingPublicKey: publicKey,
    ageRecipient: value['age_recipient'],
    series,
    issuedAt: value['issued_at'],
    hubKeyId: value['hub_key_id'],
  };
  if (certificate.hubKeyId !== keyIdOf(hubKey)) return null;
  if (!verify(null, canonicalJson(certificateFields(certificate)), hubKey, Buffer.from(value['signature'], 'base64'))) return null;
  return { ...certificate, text };
}

// --- enrolment bundle payload -------------------------------------------------------------------------------

export function encodeEnrolmentPayload(payload: EnrolmentPayload): Uint8Array {
  return encode({
    certificate: payload.certificate,
    hub: { signingPublicKey: spki(payload.hub.signingPublicKey), ageRecipient: payload.hub.ageRecipient },
    stateKeyFile: payload.stateKeyFile,
    series: payload.series,
    awcs: payload.awcs.map((awc) => ({ code: awc.code, nameMr: awc.nameMr, nameEn: awc.nameEn, village: awc.village, sector: awc.sector })),
    revocations: encodeRevocations(payload.revocations),
  });
}

/** Reads an enrolment payload strictly; refused as `payload-invalid` naming the field. */
export function decodeEnrolmentPayload(bytes: Uint8Array): EnrolmentPayload {
  return readPayload(bytes, (value): EnrolmentPayload => {
    const top = exactMap(value, ['certificate', 'hub', 'stateKeyFile', 'series', 'awcs', 'revocations'], 'enrolment');
    const certificate = top.get('certificate');
    if (typeof certificate !== 'string' || certificate.length > 4096) throw new Bad('certificate');
    const hub = exactMap(top.get('hub'), ['signingPublicKey', 'ageRecipient'], 'hub');
    const hubKey = ed25519From(hub.get('signingPublicKey'));
    if (!hubKey) throw new Bad('hub.signingPublicKey');
    const ageRecipient = hub.get('ageRecipient');
    if (typeof ageRecipient !== 'string' || !RECIPIENT.test(ageRecipient)) throw new Bad('hub.ageRecipient');
    const stateKeyFile = top.get('stateKeyFile');
    if (typeof stateKeyFile !== 'string' || stateKeyFile.length > 16_384) throw new Bad('stateKeyFile');
    const series = top.get('series');
    if (typeof series !== 'number' || !Number.isSafeInteger(series) || series < 1 || series > 999) throw new Bad('series');
    const awcList = top.get('awcs');
    if (!Array.isArray(awcList) || awcList.length > 100_000) throw new Bad('awcs');
    const awcs = awcList.map((item: unknown, i): AwcMaster => {
      const map = exactMap(item, ['code', 'nameMr', 'nameEn', 'village', 'sector'], `awcs.${i}`);
      const field = (name: string): string => {
        const text = map.get(name);
        if (!isShortText(text)) throw new Bad(`awcs.${i}.${name}`);
        return text;
      };
      return { code: field('code'), nameMr: field('nameMr'), nameEn: field('nameEn'), village: field('village'), sector: field('sector') };
    });
    const revocations = readRevocations(top.get('revocations'));
    return { certificate, hub: { signingPublicKey: hubKey, ageRecipient }, stateKeyFile, series, awcs, revocations };
  });
}

