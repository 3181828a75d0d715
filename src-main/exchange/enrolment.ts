// The office side of enrolment (DESIGN §6): write the request for the state hub, and take the hub's
// signed answer. The answer is trusted because the hub signs with the state signing key, whose
// fingerprint the administrator checked by phone when importing the state key file; the request's own
// fingerprint (of this office's key) is read out the same way so the hub certifies the right key.
import { Problem } from '../common/problem.ts';
import { parseStateKeyFile } from '../identity/index.ts';
import { ensureOfficeAgeIdentity, ensureOfficeKey, fingerprintOf, keyIdOf } from '../keys/index.ts';
import { recordSeries } from '../office/series-ledger.ts';
import { originFor, readOffice, type OfficeData } from '../office/service.ts';
import { readStateKeys } from '../registry/index.ts';
import type { Actor } from '../store/write.ts';
import { decodeEnrolmentPayload, readCertificate, refuse, writeEnrolRequest, type OpenedBundle } from '../sync/index.ts';
import type { ImportOptions } from './import.ts';
import { addPeer, officeIdentity, recordRevocations } from './peers.ts';
import type { ImportResult } from './types.ts';

export interface EnrolRequestFile {
  name: string;
  text: string;
  /** Of this office's signing key: six groups of five digits, to read out to the state IT cell. */
  fingerprint: string;
}

/** The enrolment request for this office. Needs the state key file first: it is how the hub is trusted. */
export async function enrolRequest(data: OfficeData, now = new Date()): Promise<EnrolRequestFile> {
  if (!readStateKeys(data)) {
    throw new Problem('state-keys-missing', {
      en: 'Import the state key file first (Settings): it is how this office recognises the state hub\'s answer.',
      mr: 'आधी राज्याची की फाइल आयात करा (सेटिंग्ज): तिच्यामुळेच हे कार्यालय राज्य हबचे उत्तर ओळखते.',
    });
  }
  const office = readOffice(data)!;
  const me = officeIdentity(data);
  const key = ensureOfficeKey(data.dataDir, data.keyProtection);
  const age = await ensureOfficeAgeIdentity(data.dataDir, data.keyProtection);
  const text = writeEnrolRequest(
    {
      officeCode: office.code,
      districtLgd: office.districtLgd,
      blockName: office.blockName,
      nameMr: office.name.mr,
      nameEn: office.name.en,
      series: me.series,
      epoch: me.epoch,
      schemaVersion: me.schemaVersion,
      signingPublicKey: key.publicKey,
      ageRecipient: age.recipient,
      createdAt: now.toISOString(),
    },
    key.privateKey(),
  );
  return { name: `mts-${office.code}-enrol-request.json`, text, fingerprint: fingerprintOf(key.publicKey) };
}

function notForUs(what: string): Problem {
  return new Problem('enrolment-not-for-us', {
    en: `This enrolment answer was made for ${what}, not for this office's current key; nothing was imported. Send a new enrolment request.`,
    mr: `हे नोंदणी उत्तर ${what} साठी तयार केले होते, या कार्यालयाच्या सध्याच्या की साठी नाही; काहीही आयात केले नाही. नवीन नोंदणी विनंती पाठवा.`,
  });
}

/** Takes the hub's enrolment bundle (already authenticated and decrypted). Nothing changes when refused. */
export async function importEnrolment(data: OfficeData, opened: OpenedBundle, actor: Actor, options: ImportOptions): Promise<ImportResult> {
  const { header } = opened;
  const payload = decodeEnrolmentPayload(opened.payload);
  const me = officeIdentity(data);
  const key = ensureOfficeKey(data.dataDir, data.keyProtection);
  const age = await ensureOfficeAgeIdentity(data.dataDir, data.keyProtection);
  const hubKey = payload.hub.signingPublicKey;
  if (keyIdOf(hubKey) !== header.from.keyId) throw refuse.payloadInvalid('the hub key inside differs from the key that signed the bundle');
  const certificate = readCertificate(payload.certificate, hubKey);
  if (!certificate) throw refuse.payloadInvalid('certificate');
  if (certificate.officeCode !== me.office) throw notForUs(`office ${certificate.officeCode}`);
  if (certificate.keyId !== key.keyId || certificate.ageRecipient !== age.recipient) throw notForUs(`key ${certificate.keyId}`);
  if (certificate.series !== payload.series) throw refuse.payloadInvalid('series differs from the certificate');
  const stateKeys = parseStateKeyFile(payload.stateKeyFile);
  if (!stateKeys.ok || keyIdOf(stateKeys.value.signPublicKey) !== keyIdOf(hubKey)) throw refuse.payloadInvalid('stateKeyFile');

  const bundleId = header.chunk.groupId;
  const now = (options.now ?? new Date()).toISOString();
  const { store } = data;
  const already = store.first(store.db.selectFrom('sync_bundle').select('at').where('bundle_id', '=', bundleId).where('direction', '=', 'in'));
  const installed = store.all(store.db.selectFrom('installation').select('series')).map((row) => row.series);
  // A series already opened here (or lower than the current one) is never reused: keep the current one.
  const newSeries = !installed.includes(payload.series) && payload.series > me.series ? payload.series : null;
  const missingAwcs = payload.awcs.filter((awc) => !store.first(store.db.selectFrom('awc').select('code').where('code', '=', awc.code)));
  const result = (status: ImportResult['status']): ImportResult => ({
    status,
    bundleId,
    from: header.from.office,
    changes: 0,
    applied: 0,
    held: 0,
    skipped: 0,
    inserted: status === 'already-imported' ? 0 : missingAwcs.length,
    updated: 0,
    records: status === 'already-imported' || missingAwcs.length === 0 ? {} : { awc: { inserted: missingAwcs.length, updated: 0 } },
    corrections: 0,
    revocations: 0,
    gaps: [],
    senderEpochChanged: false,
    message: enrolledText(status, newSeries ?? me.series, missingAwcs.length, fingerprintOf(hubKey)),
  });
  if (already) return result('already-imported');
  if (options.dryRun) return result('preview');

  const previousOrigin = data.writer.currentOrigin;
  try {
    store.transaction(() => {
      addPeer(data, { peer: 'hub', publicKey: hubKey, ageRecipient: payload.hub.ageRecipient }, new Date(now));
      if (stateKeys.value.issuedAt > (readStateKeys(data)?.issuedAt ?? '')) {
        store.run(store.db.updateTable('state_key').set({ file: payload.stateKeyFile, fingerprint: stateKeys.value.fingerprint, issued_at: stateKeys.value.issuedAt, imported_at: now, imported_by: actor.operatorId }).where('id', '=', 1));
      }
      if (newSeries !== null) data.writer.useOrigin(originFor(me.office, newSeries));
      data.writer.write(actor, (batch) => {
        if (newSeries !== null) batch.insert('installation', { series: newSeries, opened_at: now, reason: 're-enrolment' });
        for (const awc of missingAwcs) {
          batch.insert('awc', { code: awc.code, name_mr: awc.nameMr, name_en: awc.nameEn, village: awc.village, sector: awc.sector, worker_name: null, worker_mobile: null, active: 1 });
        }
        batch.audit('sync.enrol', { entity: 'sync_enrolment', entityId: bundleId, after: { key_id: certificate.keyId, hub_key_id: certificate.hubKeyId, series: payload.series, awcs: missingAwcs.length } });
      });
      recordRevocations(data, payload.revocations, now);
      store.run(
        store.db.insertInto('sync_enrolment').values({ bundle_id: bundleId, certificate: certificate.text, key_id: certificate.keyId, hub_key_id: certificate.hubKeyId, series: payload.series, enrolled_at: now }),
      );
      store.run(
        store.db.insertInto('sync_bundle').values({ bundle_id: bundleId, direction: 'in', peer: header.from.office, at: now, changes: 0, applied: 0, held: 0, skipped: 0, outcome: 'enrolled' }),
      );
    });
  } catch (error) {
    data.writer.useOrigin(previousOrigin);
    throw error;
  }
  if (newSeries !== null) recordSeries(data.dataDir, me.office, newSeries, key);
  return result('imported');
}

function enrolledText(status: ImportResult['status'], series: number, awcs: number, hubFingerprint: string): ImportResult['message'] {
  if (status === 'already-imported') {
    return { en: 'This enrolment was already imported; nothing changed.', mr: 'ही नोंदणी आधीच आयात केली आहे; काहीही बदलले नाही.' };
  }
  const en = `Enrolled with the state hub (hub key ${hubFingerprint}): this installation uses ID series ${series}; ${awcs} Anganwadi centre(s) added.`;
  const mr = `राज्य हबकडे नोंदणी झाली (हब की ${hubFingerprint}): ही स्थापना ओळख मालिका ${series} वापरते; ${awcs} अंगणवाडी केंद्रे जोडली.`;
  if (status === 'preview') return { en: `${en} Nothing has been changed yet.`, mr: `${mr} अजून काहीही बदललेले नाही.` };
  return { en, mr };
}
