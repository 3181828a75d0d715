// Enrolment at the hub (DESIGN §6 "Keys and enrolment"): check an office's signed request, record the
// office and its keys, grant its ID series, and answer with a signed `enrolment` bundle encrypted to the
// office, holding its certificate, the hub's keys, the state key file, the series, its Anganwadi master
// data and the revocations so far.
import { createPublicKey } from 'node:crypto';
import { Problem } from '../common/problem.ts';
import { keyIdOf } from '../keys/index.ts';
import {
  HUB,
  encodeEnrolmentPayload,
  issueCertificate,
  readEnrolRequest,
  requestFingerprint,
  splitIntoChunks,
  type AwcMaster,
  type EnrolRequest,
} from '../sync/index.ts';
import { foldRecord, type ChangeOfRecord } from './fold.ts';
import { hubEpoch, type Hub } from './hub.ts';
import { officeSchemaVersion } from './office-schema.ts';
import type { HubDatabase } from './store/index.ts';
import { recomputeRoutes } from './routing.ts';
import { revocations } from './trust.ts';

export const MAX_SERIES = 999;

export interface EnrolOptions {
  /** Revoke the office's other keys and enrol this one (a lost or replaced PC). */
  replaceKey?: boolean;
  now?: Date;
}

export interface EnrolResult {
  officeCode: string;
  keyId: string;
  /** Six groups of five digits: read out by phone, the office shows the same. */
  fingerprint: string;
  series: number;
  /** The enrolment bundle, one file. */
  bundle: Uint8Array;
  /** Keys revoked because of --replace-key. */
  revokedKeys: string[];
}

function spki(request: EnrolRequest): string {
  return request.signingPublicKey.export({ format: 'der', type: 'spki' }).toString('base64');
}

/**
 * The series for this installation: the one it asks for, if the hub never granted it to this office or
 * granted it to this very installation; the one already granted to this installation if it asks again;
 * otherwise the next free one (a restored or reinstalled office must not reuse the counters of its past).
 */
async function grantSeries(tx: HubDatabase, request: EnrolRequest, now: Date): Promise<number> {
  const grants = await tx.selectFrom('series_grant').select(['series', 'epoch']).where('office_code', '=', request.officeCode).execute();
  const asked = grants.find((grant) => grant.series === request.series);
  if (asked === undefined || asked.epoch === request.epoch) {
    if (asked === undefined) {
      await tx.insertInto('series_grant').values({ office_code: request.officeCode, series: request.series, granted_at: now, epoch: request.epoch }).execute();
    }
    return request.series;
  }
  const mine = grants.filter((grant) => grant.epoch === request.epoch).map((grant) => grant.series);
  if (mine.length > 0) return Math.max(...mine);
  const next = Math.max(...grants.map((grant) => grant.series)) + 1;
  if (next > MAX_SERIES) {
    throw new Problem('series-exhausted', {
      en: `Office ${request.officeCode} has used all ${MAX_SERIES} ID series; the state IT cell must issue it a new office code. Nothing was changed.`,
      mr: `कार्यालय ${request.officeCode} ने सर्व ${MAX_SERIES} ओळख मालिका वापरल्या आहेत; राज्य आयटी कक्षाने त्याला नवीन कार्यालय कोड द्यावा. काहीही बदललेले नाही.`,
    });
  }
  await tx.insertInto('series_grant').values({ office_code: request.officeCode, series: next, granted_at: now, epoch: request.epoch }).execute();
  return next;
}

/** Records the office and its key; returns the key ids revoked by a replacement. */
async function recordOfficeKey(tx: HubDatabase, request: EnrolRequest, keyId: string, replaceKey: boolean, now: Date): Promise<string[]> {
  const code = request.officeCode;
  const known = await tx.selectFrom('office_key').selectAll().where('key_id', '=', keyId).executeTakeFirst();
  if (known && known.office_code !== code) {
    throw new Problem('key-of-another-office', {
      en: `This key is already enrolled for office ${known.office_code}, not ${code}; each office needs its own key. Nothing was changed.`,
      mr: `ही की आधीच कार्यालय ${known.office_code} साठी नोंदलेली आहे, ${code} साठी नाही; प्रत्येक कार्यालयाला स्वतःची की लागते. काहीही बदललेले नाही.`,
    });
  }
  if (known?.revoked_at) {
    throw new Problem('key-revoked', {
      en: `This key of office ${code} (${keyId}) was revoked; the office must make a new key and a new request. Nothing was changed.`,
      mr: `कार्यालय ${code} ची ही की (${keyId}) रद्द केली आहे; कार्यालयाने नवीन की आणि नवीन विनंती तयार करावी. काहीही बदललेले नाही.`,
    });
  }
  const others = await tx
    .selectFrom('office_key')
    .select('key_id')
    .where('office_code', '=', code)
    .where('key_id', '<>', keyId)
    .where('revoked_at', 'is', null)
    .execute();
  if (others.length > 0 && !replaceKey) {
    throw new Problem('office-has-another-key', {
      en: `Office ${code} is already enrolled with another key (${others.map((row) => row.key_id).join(', ')}). If the office replaced its PC or key, enrol again with --replace-key, which revokes the old key. Nothing was changed.`,
      mr: `कार्यालय ${code} आधीच दुसऱ्या कीने (${others.map((row) => row.key_id).join(', ')}) नोंदलेले आहे. कार्यालयाने संगणक किंवा की बदलली असल्यास --replace-key देऊन पुन्हा नोंदणी करा, त्याने जुनी की रद्द होते. काहीही बदललेले नाही.`,
    });
  }

  const office = await tx.selectFrom('office').select(['code', 'status']).where('code', '=', code).executeTakeFirst();
  const details = { district_lgd: request.districtLgd, block_name: request.blockName, name_mr: request.nameMr, name_en: request.nameEn };
  if (!office) {
    await tx.insertInto('office').values({ code, ...details, enrolled_at: now }).execute();
  } else {
    if (office.status === 'revoked' && !replaceKey) {
      throw new Problem('office-revoked', {
        en: `Office ${code} was revoked; enrol it again only with a new key and --replace-key. Nothing was changed.`,
        mr: `कार्यालय ${code} रद्द केले आहे; नवीन की आणि --replace-key देऊनच त्याची पुन्हा नोंदणी करा. काहीही बदललेले नाही.`,
      });
    }
    await tx.updateTable('office').set({ ...details, status: 'enrolled', revoked_at: null }).where('code', '=', code).execute();
  }
  const revoked = others.map((row) => row.key_id);
  if (revoked.length > 0) await tx.updateTable('office_key').set({ revoked_at: now }).where('key_id', 'in', revoked).execute();
  if (known) {
    // The same key enrolling again may bring a new age recipient (its encryption key was replaced).
    await tx.updateTable('office_key').set({ age_recipient: request.ageRecipient }).where('key_id', '=', keyId).execute();
  } else {
    await tx
      .insertInto('office_key')
      .values({ key_id: keyId, office_code: code, signing_public_key: spki(request), age_recipient: request.ageRecipient, created_at: now, revoked_at: null })
      .execute();
  }
  return revoked;
}

/**
 * Families announced for a block that had no enrolled office were left unrouted ("unknown block"). A newly
 * enrolled office may be that block: route them again, so its next bundle brings its incoming families.
 */
async function routeFamiliesWaitingForABlock(tx: HubDatabase, now: Date): Promise<void> {
  const waiting = await tx.selectFrom('household_route').select('household_id').where('unrouted_reason', '=', 'unknown-block').execute();
  await recomputeRoutes(
    tx,
    waiting.map((row) => row.household_id),
    now,
  );
}

/** The office's Anganwadis as the hub holds them: the fold of the awc changes of the office's origins. */
export async function officeAwcs(db: HubDatabase, officeCode: string): Promise<AwcMaster[]> {
  const rows = await db
    .selectFrom('change')
    .select(['entity_id', 'origin', 'hlc', 'op', 'data'])
    .where('entity', '=', 'awc')
    .where('origin', 'like', `${officeCode}-%`)
    .execute();
  const byCode = new Map<string, ChangeOfRecord[]>();
  for (const row of rows) byCode.set(row.entity_id, [...(byCode.get(row.entity_id) ?? []), row]);
  const awcs: AwcMaster[] = [];
  for (const code of [...byCode.keys()].sort()) {
    const { fields } = foldRecord(byCode.get(code)!);
    const field = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : '');
    const awc = { code, nameMr: field('name_mr'), nameEn: field('name_en'), village: field('village'), sector: field('sector') };
    // An AWC whose insert has not arrived is incomplete; it comes with the next enrolment or export.
    if (Object.values(awc).every((value) => value.trim() !== '')) awcs.push(awc);
  }
  return awcs;
}

/** Enrols (or enrols again) the office of a request file; nothing is written if anything is refused. */
export async function enrolOffice(hub: Hub, requestFile: string | Uint8Array, options: EnrolOptions = {}): Promise<EnrolResult> {
  const now = options.now ?? new Date();
  const request = readEnrolRequest(requestFile);
  const keyId = keyIdOf(request.signingPublicKey);
  return hub.db.transaction().execute(async (tx) => {
    const revokedKeys = await recordOfficeKey(tx, request, keyId, options.replaceKey ?? false, now);
    const series = await grantSeries(tx, request, now);
    await routeFamiliesWaitingForABlock(tx, now);
    const payload = encodeEnrolmentPayload({
      certificate: issueCertificate(request, series, hub.keys.signingKey, now),
      hub: { signingPublicKey: createPublicKey(hub.keys.signingKey), ageRecipient: hub.keys.ageRecipient },
      stateKeyFile: hub.keys.stateKeyFile,
      series,
      awcs: await officeAwcs(tx, request.officeCode),
      revocations: await revocations(tx),
    });
    const [bundle, ...more] = await splitIntoChunks({
      kind: 'enrolment',
      from: { office: HUB, series: 1 },
      to: request.officeCode,
      schemaVersion: officeSchemaVersion(),
      epoch: await hubEpoch(tx),
      ranges: [],
      acks: {},
      createdAt: now,
      payload,
      signingKey: hub.keys.signingKey,
      recipients: [request.ageRecipient],
    });
    if (!bundle || more.length > 0) throw new Error('enrolment bundle did not fit in one file');
    return { officeCode: request.officeCode, keyId, fingerprint: requestFingerprint(request), series, bundle, revokedKeys };
  });
}
