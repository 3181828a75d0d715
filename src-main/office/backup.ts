import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Problem } from '../common/problem.ts';
import { DATABASE_FILE, openStore } from '../store/database.ts';
import { Writer, type Actor } from '../store/write.ts';
import { openOfficeData } from './open.ts';
import { readSeriesLedger, recordSeries } from './series-ledger.ts';
import { originFor, readOffice, type OfficeData } from './service.ts';
import type { BackupInfo } from './types.ts';

export const BACKUP_DIR = 'backups';

export async function backupOffice(data: OfficeData, actor: Actor, now = new Date()): Promise<BackupInfo> {
  const { dataDir } = data;
  const office = readOffice(data);
  if (!office) throw new Problem('not-set-up', { en: 'The office is not set up.', mr: 'कार्यालय सेट केलेले नाही.' });
  const dir = join(dataDir, BACKUP_DIR);
  mkdirSync(dir, { recursive: true });
  const name = `mts-${office.code}-${now.toISOString().replace(/[:.]/g, '-')}.sqlite`;
  await data.store.backupTo(join(dir, name));
  data.writer.auditOnly(actor, 'office.backup', { after: { file: name } });
  return { name, sizeBytes: statSync(join(dir, name)).size, createdAt: now.toISOString() };
}

export function listBackups(dataDir: string): BackupInfo[] {
  const dir = join(dataDir, BACKUP_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sqlite'))
    .map((name) => {
      const stat = statSync(join(dir, name));
      return { name, sizeBytes: stat.size, createdAt: stat.mtime.toISOString() };
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * Replaces the office database with a backup and opens a fresh ID series, so IDs issued (and printed on
 * cards) after the backup was taken are never issued again. The backup is checked first by opening a
 * copy; a damaged or foreign file changes nothing. The replaced database is kept beside it.
 */
export function restoreOffice(data: OfficeData, backupFile: string, actorName: string): { series: number } {
  const { dataDir } = data;
  if (!existsSync(backupFile)) {
    throw new Problem('backup-missing', { en: `No backup named ${basename(backupFile)}.`, mr: `${basename(backupFile)} नावाचा बॅकअप नाही.` });
  }
  const staging = join(dataDir, 'restore-check');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  try {
    copyFileSync(backupFile, join(staging, DATABASE_FILE));
    const check = openStore({ dataDir: staging });
    const staged = { dataDir: staging, store: check, writer: new Writer(check, null) };
    const office = readOffice(staged);
    check.close();
    if (!office) throw new Problem('backup-empty', { en: 'The backup holds no office.', mr: 'बॅकअपमध्ये कार्यालयाची माहिती नाही.' });
    const current = readOffice(data);
    if (current && current.code !== office.code) {
      throw new Problem('backup-other-office', {
        en: `The backup belongs to office ${office.code}, not to this office (${current.code}).`,
        mr: `हा बॅकअप कार्यालय ${office.code} चा आहे, या कार्यालयाचा (${current.code}) नाही.`,
      });
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }

  const previousSeries = Math.max(readOffice(data)?.series ?? 0, readSeriesLedger(dataDir));
  data.store.close();
  const live = join(dataDir, DATABASE_FILE);
  const kept = `${live}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(live + suffix)) renameSync(live + suffix, kept + suffix);
  copyFileSync(backupFile, live);

  const reopened = openOfficeData(dataDir);
  Object.assign(data, reopened);
  const office = readOffice(data)!;
  const series = Math.max(previousSeries, office.series) + 1;
  data.writer.write({ operatorId: null }, (batch) => {
    batch.insert('installation', { series, opened_at: new Date().toISOString(), reason: 'restore' });
    batch.audit('office.restore', { after: { backup: basename(backupFile), series, by: actorName } });
  });
  data.writer.useOrigin(originFor(office.code, series));
  recordSeries(dataDir, series);
  return { series };
}
