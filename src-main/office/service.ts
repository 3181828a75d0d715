import { randomUUID } from 'node:crypto';
import { Problem, fieldProblem } from '../common/problem.ts';
import type { Store } from '../store/database.ts';
import type { Language, Role } from '../store/schema.ts';
import type { Actor, WriteBatch, Writer } from '../store/write.ts';
import { parseAwcCsv, type AwcRecord } from './awc-csv.ts';
import { ensureOfficeKey, type SecretProtection } from '../keys/index.ts';
import { nextSeries, recordSeries, seriesKnownOutsideDatabase } from './series-ledger.ts';
import { findDistrict } from './districts.ts';
import { attemptSucceeded, beginAttempt, throttleKeyOfOperator, throttleKeyOfUnknownName, waitText } from './login-throttle.ts';
import { hashPassword, passwordWeakness, verifyPassword } from './passwords.ts';
import type { AwcSummary, OfficeInfo, OperatorSummary, SessionOperator } from './types.ts';

/** The office database and its single write path: what every service here works on. */
export interface OfficeData {
  /** The wall clock (login throttling); tests step it forward instead of sleeping. */
  now?: () => Date;
  /** The folder of the database; backups and the series ledger live beside it. */
  dataDir: string;
  store: Store;
  writer: Writer;
  /** How the office's private key is kept at rest on this PC (safeStorage in the desktop app). */
  keyProtection: SecretProtection;
}

export const DEFAULT_IDLE_LOCK_MINUTES = 10;

export function originFor(officeCode: string, series: number): string {
  return `${officeCode}-${String(series).padStart(3, '0')}`;
}

export function readOffice({ store }: OfficeData): OfficeInfo | null {
  const office = store.first(store.db.selectFrom('office').selectAll());
  if (!office) return null;
  const installation = store.first(store.db.selectFrom('installation').select('series').orderBy('series', 'desc').limit(1));
  const district = findDistrict(office.district_lgd);
  return {
    code: office.code,
    districtLgd: office.district_lgd,
    districtName: district?.name ?? { en: String(office.district_lgd), mr: String(office.district_lgd) },
    blockName: office.block_name,
    name: { mr: office.name_mr, en: office.name_en },
    series: installation?.series ?? 1,
  };
}

export interface SetupInput {
  officeCode: string;
  districtLgd: number;
  blockName: string;
  nameMr: string;
  nameEn: string;
  /** The lowest series this setup may open; it opens a higher one if this folder ever used that one. */
  series: number;
  awcCsv: string | null;
  admin: { username: string; fullName: string; password: string; language: Language };
}

/**
 * First run: the office, its installation series, its AWCs and the first administrator in one
 * transaction, so a power cut never leaves a half-configured office behind.
 * `extra` lets the demo office seed its data inside the same transaction.
 */
export async function setUpOffice(
  data: OfficeData,
  input: SetupInput,
  extra?: (batch: WriteBatch, adminId: string, series: number) => void,
): Promise<OfficeInfo> {
  if (readOffice(data)) {
    throw new Problem('already-set-up', { en: 'This office is already set up.', mr: 'हे कार्यालय आधीच सेट केले आहे.' });
  }
  if (!findDistrict(input.districtLgd)) {
    throw fieldProblem('districtLgd', 'Choose the district from the list.', 'यादीतून जिल्हा निवडा.');
  }
  const weakness = passwordWeakness(input.admin.password);
  if (weakness) throw new Problem('invalid-input', weakness, [{ field: 'admin.password', message: weakness }]);

  let awcs: AwcRecord[] = [];
  if (input.awcCsv !== null) awcs = checkedAwcs(input.awcCsv);
  else if (!extra) throw fieldProblem('awcCsv', 'Import the AWC list (CSV) of this office.', 'या कार्यालयाची अंगणवाडी यादी (CSV) आयात करा.');

  const passwordHash = await hashPassword(input.admin.password);
  const adminId = randomUUID();
  const now = new Date().toISOString();
  // The key before the series: the ledger that keeps series from being reused is signed with it. A
  // folder set up before (its database deleted) keeps its key and its ledger, so IDs already printed
  // on cards under an earlier series are never issued again.
  const key = ensureOfficeKey(data.dataDir, data.keyProtection);
  const series = nextSeries([seriesKnownOutsideDatabase(data.dataDir, input.officeCode, key)], input.series);
  data.writer.useOrigin(originFor(input.officeCode, series));
  try {
    data.writer.write({ operatorId: adminId }, (batch) => {
      batch.insert('office', {
        code: input.officeCode,
        district_lgd: input.districtLgd,
        block_name: input.blockName,
        name_mr: input.nameMr,
        name_en: input.nameEn,
        created_at: now,
      });
      batch.insert('installation', { series, opened_at: now, reason: 'setup' });
      batch.insert('operator', {
        id: adminId,
        username: input.admin.username,
        full_name: input.admin.fullName,
        role: 'admin',
        password_hash: passwordHash,
        language: input.admin.language,
        created_at: now,
      });
      for (const awc of awcs) batch.insert('awc', awc);
      extra?.(batch, adminId, series);
    });
  } catch (error) {
    data.writer.useOrigin(null);
    throw error;
  }
  recordSeries(data.dataDir, input.officeCode, series, key);
  return readOffice(data)!;
}

function checkedAwcs(csv: string): AwcRecord[] {
  const { rows, errors } = parseAwcCsv(csv);
  if (errors.length > 0) {
    throw new Problem(
      'awc-csv-invalid',
      {
        en: `The AWC list has ${errors.length} error(s); nothing was imported. Correct the file and import it again.`,
        mr: `अंगणवाडी यादीत ${errors.length} चुका आहेत; काहीही आयात केले नाही. फाइल दुरुस्त करून पुन्हा आयात करा.`,
      },
      errors.map((error) => ({
        field: `line ${error.line}${error.column ? `: ${error.column}` : ''}`,
        message: error.message,
      })),
    );
  }
  return rows;
}

/** Adds new AWCs and updates changed ones; AWCs missing from the file are kept (the state retires them). */
export function importAwcs(data: OfficeData, actor: Actor, csv: string): { added: number; updated: number } {
  const rows = checkedAwcs(csv);
  let added = 0;
  let updated = 0;
  data.writer.write(actor, (batch) => {
    for (const row of rows) {
      const existing = data.store.first(data.store.db.selectFrom('awc').select('code').where('code', '=', row.code));
      if (!existing) {
        batch.insert('awc', row);
        added += 1;
      } else if (batch.update('awc', row.code, { ...row })) {
        updated += 1;
      }
    }
  });
  return { added, updated };
}

export function listAwcs({ store }: OfficeData): AwcSummary[] {
  return store
    .all(store.db.selectFrom('awc').selectAll().where('active', '=', 1).orderBy('code'))
    .map((awc) => ({
      code: awc.code,
      nameMr: awc.name_mr,
      nameEn: awc.name_en,
      village: awc.village,
      sector: awc.sector,
      workerName: awc.worker_name,
      workerMobile: awc.worker_mobile,
    }));
}

const BAD_LOGIN = new Problem('bad-login', {
  en: 'Wrong username or password.',
  mr: 'वापरकर्ता नाव किंवा पासवर्ड चुकीचा आहे.',
});

export async function logIn(data: OfficeData, username: string, password: string): Promise<SessionOperator> {
  const operator = data.store.first(data.store.db.selectFrom('operator').selectAll().where('username', '=', username));
  const key = operator ? throttleKeyOfOperator(operator.id) : throttleKeyOfUnknownName(username);
  const now = data.now?.() ?? new Date();
  const waitOnFailure = beginAttempt(data.store, key, now);
  // Runs scrypt for an unknown name too: equal time for known and unknown names.
  const matches = await verifyPassword(password, operator?.password_hash ?? null);
  if (!operator || operator.active !== 1 || !matches) {
    data.writer.auditOnly({ operatorId: operator?.id ?? null }, 'session.login-failed', { entity: 'operator', entityId: operator?.id });
    throw badPassword(waitOnFailure, now);
  }
  attemptSucceeded(data.store, key);
  data.writer.auditOnly({ operatorId: operator.id }, 'session.login', { entity: 'operator', entityId: operator.id });
  return toSessionOperator(operator);
}

/** The screen lock and the "current password" check; they count towards the same wait as the log-in. */
export async function checkPassword(data: OfficeData, operatorId: string, password: string): Promise<SessionOperator> {
  const operator = data.store.first(data.store.db.selectFrom('operator').selectAll().where('id', '=', operatorId));
  const key = throttleKeyOfOperator(operatorId);
  const now = data.now?.() ?? new Date();
  const waitOnFailure = beginAttempt(data.store, key, now);
  const matches = await verifyPassword(password, operator?.password_hash ?? null);
  if (!operator || operator.active !== 1 || !matches) {
    data.writer.auditOnly({ operatorId }, 'session.unlock-failed', { entity: 'operator', entityId: operatorId });
    throw badPassword(waitOnFailure, now);
  }
  attemptSucceeded(data.store, key);
  return toSessionOperator(operator);
}

function badPassword(waitUntil: Date | null, now: Date): Problem {
  return waitUntil ? new Problem('login-wait', waitText(waitUntil, now, BAD_LOGIN.text)) : BAD_LOGIN;
}

/** Signs in the administrator the setup just created: the same audit entry as a log-in. */
export function administratorAfterSetup(data: OfficeData, username: string): string {
  const operator = data.store.first(data.store.db.selectFrom('operator').select('id').where('username', '=', username).where('role', '=', 'admin'));
  if (!operator) throw new Problem('not-set-up', { en: 'The office is not set up.', mr: 'कार्यालय सेट केलेले नाही.' });
  data.writer.auditOnly({ operatorId: operator.id }, 'session.login', { entity: 'operator', entityId: operator.id, reason: 'after setup' });
  return operator.id;
}

export function readSessionOperator({ store }: OfficeData, operatorId: string): SessionOperator | null {
  const operator = store.first(store.db.selectFrom('operator').selectAll().where('id', '=', operatorId));
  return operator && operator.active === 1 ? toSessionOperator(operator) : null;
}

function toSessionOperator(operator: {
  id: string;
  username: string;
  full_name: string;
  role: Role;
  language: Language;
  must_change_password: 0 | 1;
}): SessionOperator {
  return {
    id: operator.id,
    username: operator.username,
    fullName: operator.full_name,
    role: operator.role,
    language: operator.language,
    mustChangePassword: operator.must_change_password === 1,
  };
}

export function listOperators({ store }: OfficeData): OperatorSummary[] {
  return store.all(store.db.selectFrom('operator').selectAll().orderBy('username')).map((operator) => ({
    id: operator.id,
    username: operator.username,
    fullName: operator.full_name,
    role: operator.role,
    language: operator.language,
    active: operator.active === 1,
    createdAt: operator.created_at,
  }));
}

export interface NewOperator {
  username: string;
  fullName: string;
  role: Role;
  password: string;
  language: Language;
}

export async function addOperator(data: OfficeData, actor: Actor, input: NewOperator): Promise<OperatorSummary> {
  const taken = data.store.first(data.store.db.selectFrom('operator').select('id').where('username', '=', input.username));
  if (taken) throw fieldProblem('username', 'This username is already taken.', 'हे वापरकर्ता नाव आधीच घेतले आहे.');
  const weakness = passwordWeakness(input.password);
  if (weakness) throw new Problem('invalid-input', weakness, [{ field: 'password', message: weakness }]);
  const id = randomUUID();
  const passwordHash = await hashPassword(input.password);
  data.writer.write(actor, (batch) => {
    batch.insert('operator', {
      id,
      username: input.username,
      full_name: input.fullName,
      role: input.role,
      password_hash: passwordHash,
      language: input.language,
      // A password set by the administrator is known to two people; the operator replaces it at first log-in.
      must_change_password: 1,
      created_at: new Date().toISOString(),
    });
  });
  return listOperators(data).find((operator) => operator.id === id)!;
}

export async function resetPassword(data: OfficeData, actor: Actor, operatorId: string, password: string): Promise<void> {
  const weakness = passwordWeakness(password);
  if (weakness) throw new Problem('invalid-input', weakness, [{ field: 'password', message: weakness }]);
  const passwordHash = await hashPassword(password);
  data.writer.write(actor, (batch) => {
    batch.update('operator', requireOperator(data, operatorId), { password_hash: passwordHash, must_change_password: 1 }, 'password reset by administrator');
  });
  // The administrator has spoken to the operator: a running wait on the old password ends.
  attemptSucceeded(data.store, throttleKeyOfOperator(operatorId));
}

export async function changeOwnPassword(data: OfficeData, operatorId: string, current: string, next: string): Promise<void> {
  await checkPassword(data, operatorId, current).catch((error: unknown) => {
    if (error instanceof Problem && error.code === 'login-wait') throw error;
    throw fieldProblem('currentPassword', 'The current password is wrong.', 'सध्याचा पासवर्ड चुकीचा आहे.');
  });
  const weakness = passwordWeakness(next);
  if (weakness) throw new Problem('invalid-input', weakness, [{ field: 'newPassword', message: weakness }]);
  const passwordHash = await hashPassword(next);
  data.writer.write({ operatorId }, (batch) => {
    batch.update('operator', operatorId, { password_hash: passwordHash, must_change_password: 0 }, 'password changed by operator');
  });
}

export function setOperatorActive(data: OfficeData, actor: Actor, operatorId: string, active: boolean, reason: string): void {
  if (actor.operatorId === operatorId && !active) {
    throw new Problem('cannot-deactivate-self', { en: 'You cannot deactivate your own login.', mr: 'तुम्ही स्वतःचे लॉगिन बंद करू शकत नाही.' });
  }
  data.writer.write(actor, (batch) => {
    batch.update('operator', requireOperator(data, operatorId), { active: active ? 1 : 0 }, reason);
  });
}

export function setLanguage(data: OfficeData, operatorId: string, language: Language): void {
  data.writer.write({ operatorId }, (batch) => {
    batch.update('operator', operatorId, { language });
  });
}

function requireOperator({ store }: OfficeData, operatorId: string): string {
  const operator = store.first(store.db.selectFrom('operator').select('id').where('id', '=', operatorId));
  if (!operator) throw new Problem('not-found', { en: 'No such operator.', mr: 'असा वापरकर्ता नाही.' });
  return operator.id;
}

export function readIdleLockMinutes({ store }: OfficeData): number {
  const row = store.first(store.db.selectFrom('setting').select('value').where('key', '=', 'idle_lock_minutes'));
  return row ? Number(row.value) : DEFAULT_IDLE_LOCK_MINUTES;
}

export function setIdleLockMinutes(data: OfficeData, actor: Actor, minutes: number): void {
  data.writer.write(actor, (batch) => {
    const exists = data.store.first(data.store.db.selectFrom('setting').select('key').where('key', '=', 'idle_lock_minutes'));
    if (exists) batch.update('setting', 'idle_lock_minutes', { value: String(minutes) });
    else batch.insert('setting', { key: 'idle_lock_minutes', value: String(minutes) });
  });
}
