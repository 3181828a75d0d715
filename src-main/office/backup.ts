import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fsyncFile, fsyncFolder } from '../common/durable-file.ts';
import { Problem, type BilingualText } from '../common/problem.ts';
import { ensureOfficeKey, type OfficeKey } from '../keys/index.ts';
import { DATABASE_FILE, openStore, type Store } from '../store/database.ts';
import { inspectDatabaseFile } from '../store/inspect.ts';
import { loadMigrations } from '../store/migrations.ts';
import { Writer, type Actor } from '../store/write.ts';
import {
  BACKUP_DIR,
  checkBackup,
  readBackupClaims,
  REWRITE_DIR,
  sha256File,
  sha256FileForListing,
  SIGNATURE_SUFFIX,
  writeBackupSignature,
} from './backup-signature.ts';
import { openOfficeData } from './open.ts';
import { RESTORE_STAGING, removeRestoreLeftovers, swapInStagedDatabase, writeRestoreIntent } from './restore-recovery.ts';
import { nextSeries, recordSeries, seriesKnownOutsideDatabase } from './series-ledger.ts';
import { originFor, readOffice, type OfficeData } from './service.ts';
import type { BackupInfo } from './types.ts';

export { BACKUP_DIR } from './backup-signature.ts';

/** The one who restores: their id for the audit trail, their name because the restored database may not know them. */
export interface RestoreActor extends Actor {
  username: string;
}

let appSchema: number | undefined;
/** The newest schema this version of the app knows. */
export function currentSchemaVersion(): number {
  appSchema ??= loadMigrations().at(-1)?.version ?? 0;
  return appSchema;
}

function requireOffice(data: OfficeData) {
  const office = readOffice(data);
  if (!office) throw new Problem('not-set-up', { en: 'The office is not set up.', mr: 'कार्यालय सेट केलेले नाही.' });
  return office;
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/**
 * A consistent copy of the live database (SQLite's online backup), signed with the office key. The copy
 * gets its final name only once it and its signature are on disk, so a crash never leaves a backup that
 * looks complete but is not.
 */
export async function backupOffice(data: OfficeData, actor: Actor, now = new Date()): Promise<BackupInfo> {
  const office = requireOffice(data);
  const key = ensureOfficeKey(data.dataDir, data.keyProtection);
  const dir = join(data.dataDir, BACKUP_DIR);
  mkdirSync(dir, { recursive: true });
  const name = `mts-${office.code}-${stamp(now)}.sqlite`;
  const file = join(dir, name);
  const partial = `${file}.partial`;
  try {
    await data.store.backupTo(partial);
    fsyncFile(partial);
    writeBackupSignature(file, {
      sha256: sha256File(partial),
      officeCode: office.code,
      schemaVersion: currentSchemaVersion(),
      series: office.series,
      createdAt: now.toISOString(),
      keyId: key.keyId,
    }, key);
    renameSync(partial, file);
    fsyncFolder(dir);
  } catch (error) {
    rmSync(partial, { force: true });
    if (!existsSync(file)) rmSync(file + SIGNATURE_SUFFIX, { force: true });
    throw error;
  }
  data.writer.auditOnly(actor, 'office.backup', { after: { file: name, sha256: sha256File(file), key_id: key.keyId } });
  return describeBackup(dir, name, key, office.code);
}

function describeBackup(dir: string, name: string, key: OfficeKey | null, officeCode: string): BackupInfo {
  const file = join(dir, name);
  const stat = statSync(file);
  const claims = readBackupClaims(file)?.claims ?? null;
  const check = key
    ? checkBackup(file, key, officeCode, { forListing: true })
    : { status: claims ? ('invalid' as const) : ('unsigned' as const), sha256: sha256FileForListing(file), claims, problem: null };
  const valid = check.status === 'valid';
  const schemaVersion = valid ? check.claims!.schemaVersion : null;
  return {
    name,
    sizeBytes: stat.size,
    createdAt: valid ? check.claims!.createdAt : stat.mtime.toISOString(),
    sha256: check.sha256,
    signature: check.status,
    problem: check.problem,
    schemaVersion,
    // Made before backups were signed, or before the newest migration (e.g. Aadhaar data in its old form).
    older: check.status === 'unsigned' || (valid && schemaVersion! < currentSchemaVersion()),
  };
}

/** Every backup of the folder, newest first, each with whether its signature holds. */
export function listBackups(data: OfficeData): BackupInfo[] {
  const dir = join(data.dataDir, BACKUP_DIR);
  if (!existsSync(dir)) return [];
  const office = readOffice(data);
  const key = office ? ensureOfficeKey(data.dataDir, data.keyProtection) : null;
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sqlite'))
    .map((name) => describeBackup(dir, name, key, office?.code ?? ''))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

function refused(text: BilingualText, code = 'backup-refused'): Problem {
  return new Problem(code, text);
}

/**
 * Checks a backup file wherever it lies (a USB stick) against this office's key, before the command line
 * copies it into the backups folder: a refused file is never copied anywhere.
 */
export function verifyBackupFile(data: OfficeData, file: string): void {
  if (!existsSync(file)) throw new Problem('backup-missing', { en: `No backup named ${basename(file)}.`, mr: `${basename(file)} नावाचा बॅकअप नाही.` });
  const office = requireOffice(data);
  const check = checkBackup(file, ensureOfficeKey(data.dataDir, data.keyProtection), office.code);
  if (check.status !== 'valid') throw refused(check.problem!);
}

/** Where a restore has got to; a test kills the process at each of these to prove the recovery at start. */
export type RestoreStep = 'verified' | 'copied' | 'prepared' | 'live-closed' | 'swapped';

/**
 * Replaces the office database with a signed backup of this office, in one rename, and opens a fresh ID
 * series so IDs issued (and printed on cards) after the backup was taken are never issued again.
 * Everything is checked before the live database is touched; a refused backup changes nothing.
 */
export function restoreOffice(
  data: OfficeData,
  backupFile: string,
  actor: RestoreActor,
  options: { now?: Date; onStep?: (step: RestoreStep) => void } = {},
): { series: number; sha256: string } {
  const now = options.now ?? new Date();
  const step = options.onStep ?? (() => {});
  const { dataDir } = data;
  const name = basename(backupFile);
  if (!existsSync(backupFile)) {
    throw new Problem('backup-missing', { en: `No backup named ${name}.`, mr: `${name} नावाचा बॅकअप नाही.` });
  }
  const office = requireOffice(data);
  const key = ensureOfficeKey(dataDir, data.keyProtection);

  // 1. Authenticity, before a single byte is copied.
  const check = checkBackup(backupFile, key, office.code);
  if (check.status !== 'valid') throw refused(check.problem!);
  const claims = check.claims!;
  if (claims.schemaVersion > currentSchemaVersion()) throw newerBackup(claims.schemaVersion);
  step('verified');

  // 2. A copy beside the live database, checked as a database. The marker says "not ready yet".
  removeRestoreLeftovers(dataDir);
  const stagingDir = join(dataDir, RESTORE_STAGING);
  const staged = join(stagingDir, DATABASE_FILE);
  let series: number;
  try {
    writeRestoreIntent(dataDir, { phase: 'copying', backup: name, sha256: null });
    mkdirSync(stagingDir);
    copyFileSync(backupFile, staged);
    fsyncFile(staged);
    // The bytes copied are the bytes signed (the file could have been swapped since step 1).
    if (sha256File(staged) !== claims.sha256) {
      throw refused({
        en: 'This backup file was changed after it was signed, so it cannot be restored.',
        mr: 'स्वाक्षरी झाल्यानंतर ही बॅकअप फाइल बदलली आहे, म्हणून ती पुनर्संचयित करता येत नाही.',
      });
    }
    step('copied');
    const inside = inspectDatabaseFile(staged);
    if (inside.integrity !== 'ok') {
      throw refused({ en: 'The backup failed SQLite\'s integrity check, so it cannot be restored.', mr: 'बॅकअप SQLite च्या अखंडता तपासणीत अयशस्वी झाला, म्हणून तो पुनर्संचयित करता येत नाही.' }, 'corrupt-database');
    }
    if (inside.schemaVersion > currentSchemaVersion()) throw newerBackup(inside.schemaVersion);
    if (inside.officeCode !== office.code) {
      throw refused({
        en: `This backup holds office ${inside.officeCode ?? '(none)'}, not this office (${office.code}), so it cannot be restored here.`,
        mr: `या बॅकअपमध्ये कार्यालय ${inside.officeCode ?? '(काहीही नाही)'} आहे, हे कार्यालय (${office.code}) नाही, म्हणून तो येथे पुनर्संचयित करता येत नाही.`,
      }, 'backup-other-office');
    }

    // 3. The new series and the audit entry go into the copy, so they arrive with the data in one rename.
    series = nextSeries([office.series, inside.highestSeries, seriesKnownOutsideDatabase(dataDir, office.code, key)]);
    const copy = openStore({ dataDir: stagingDir });
    try {
      const writer = new Writer(copy, originFor(office.code, series));
      writer.write(actor, (batch) => {
        batch.insert('installation', { series, opened_at: now.toISOString(), reason: 'restore' });
        batch.audit('office.restore', {
          after: { backup: name, sha256: claims.sha256, backup_created_at: claims.createdAt, key_id: claims.keyId, series, by: actor.username },
        });
      });
    } finally {
      closeCheckpointed(copy);
    }
    if (existsSync(`${staged}-wal`)) throw new Error('the prepared copy kept a WAL file after closing');
    fsyncFile(staged);
    fsyncFolder(stagingDir);
    writeRestoreIntent(dataDir, { phase: 'ready', backup: name, sha256: sha256File(staged) });
    step('prepared');
  } catch (error) {
    removeRestoreLeftovers(dataDir);
    throw error;
  }

  // 4. From here a crash is finished at the next start. The live database is folded into its main file
  // and closed; its -wal/-shm are removed so they can never be applied to the restored file.
  try {
    closeCheckpointed(data.store);
    step('live-closed');
    swapInStagedDatabase(dataDir);
    step('swapped');
    removeRestoreLeftovers(dataDir);
    recordSeries(dataDir, office.code, series, key);
  } finally {
    Object.assign(data, openOfficeData(dataDir, { keyProtection: data.keyProtection }));
  }
  return { series, sha256: claims.sha256 };
}

function closeCheckpointed(store: Store): void {
  store.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
}

function newerBackup(version: number): Problem {
  return new Problem('newer-database', {
    en: `This backup was made by a newer version of MTS Block Office (schema ${version}), so this version cannot restore it.`,
    mr: `हा बॅकअप MTS प्रकल्प कार्यालयाच्या नवीन आवृत्तीने (स्कीमा ${version}) बनवला आहे, म्हणून ही आवृत्ती तो पुनर्संचयित करू शकत नाही.`,
  });
}

/**
 * Brings an older backup (unsigned, or at an older schema: Aadhaar data in its old, recoverable form) up
 * to date: a copy is opened with every migration applied, integrity-checked, and only then written back
 * as a fresh backup signed with the office key. Signing vouches for the file as it is on this PC now, so
 * the administrator confirms it; a backup whose signature shows it was changed is never rewritten.
 */
export async function rewriteOlderBackup(data: OfficeData, name: string, actor: Actor): Promise<BackupInfo> {
  const office = requireOffice(data);
  const key = ensureOfficeKey(data.dataDir, data.keyProtection);
  const dir = join(data.dataDir, BACKUP_DIR);
  const file = join(dir, name);
  if (!existsSync(file)) throw new Problem('backup-missing', { en: `No backup named ${name}.`, mr: `${name} नावाचा बॅकअप नाही.` });
  const check = checkBackup(file, key, office.code);
  if (check.status !== 'valid' && check.status !== 'unsigned') throw refused(check.problem!);
  if (check.status === 'valid' && check.claims!.schemaVersion >= currentSchemaVersion()) {
    throw new Problem('backup-current', { en: 'This backup is already signed and up to date; there is nothing to rewrite.', mr: 'हा बॅकअप आधीच स्वाक्षरी केलेला व अद्ययावत आहे; पुन्हा लिहिण्यासारखे काही नाही.' });
  }
  const work = join(data.dataDir, REWRITE_DIR);
  const partial = `${file}.partial`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work);
  try {
    const copy = join(work, DATABASE_FILE);
    copyFileSync(file, copy);
    if (sha256File(copy) !== check.sha256) throw refused({ en: 'The backup file changed while it was being read; try again.', mr: 'बॅकअप फाइल वाचताना बदलली; पुन्हा प्रयत्न करा.' });
    const inside = inspectDatabaseFile(copy);
    if (inside.integrity !== 'ok') {
      throw refused({ en: 'The backup failed SQLite\'s integrity check; delete it instead.', mr: 'बॅकअप SQLite च्या अखंडता तपासणीत अयशस्वी झाला; तो हटवा.' }, 'corrupt-database');
    }
    if (inside.officeCode !== office.code) {
      throw refused({
        en: `This backup holds office ${inside.officeCode ?? '(none)'}, not this office (${office.code}); delete it instead.`,
        mr: `या बॅकअपमध्ये कार्यालय ${inside.officeCode ?? '(काहीही नाही)'} आहे, हे कार्यालय (${office.code}) नाही; तो हटवा.`,
      }, 'backup-other-office');
    }
    // Every migration, including the ones that convert old data and VACUUM the freed pages away.
    const store = openStore({ dataDir: work });
    try {
      if (String(store.pragma('integrity_check')) !== 'ok') {
        throw refused({ en: 'The backup failed SQLite\'s integrity check after updating; delete it instead.', mr: 'अद्ययावत केल्यानंतर बॅकअप अखंडता तपासणीत अयशस्वी झाला; तो हटवा.' }, 'corrupt-database');
      }
      await store.backupTo(partial);
    } finally {
      closeCheckpointed(store);
    }
    fsyncFile(partial);
    const sha256 = sha256File(partial);
    renameSync(partial, file);
    writeBackupSignature(file, {
      sha256,
      officeCode: office.code,
      schemaVersion: currentSchemaVersion(),
      series: inside.highestSeries,
      createdAt: check.claims?.createdAt ?? statSync(file).mtime.toISOString(),
      keyId: key.keyId,
    }, key);
    fsyncFolder(dir);
    data.writer.auditOnly(actor, 'office.backup-rewrite', { after: { file: name, old_sha256: check.sha256, sha256, was: check.status } });
  } finally {
    rmSync(partial, { force: true });
    rmSync(work, { recursive: true, force: true });
  }
  return describeBackup(dir, name, key, office.code);
}

/** Removes a backup and its signature (older ones hold data in forms this version no longer keeps). */
export function deleteBackup(data: OfficeData, name: string, actor: Actor): void {
  const dir = join(data.dataDir, BACKUP_DIR);
  const file = join(dir, name);
  if (!existsSync(file)) throw new Problem('backup-missing', { en: `No backup named ${name}.`, mr: `${name} नावाचा बॅकअप नाही.` });
  const sha256 = sha256File(file);
  rmSync(file);
  rmSync(file + SIGNATURE_SUFFIX, { force: true });
  fsyncFolder(dir);
  data.writer.auditOnly(actor, 'office.backup-delete', { after: { file: name, sha256 } });
}
