import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { OutputOf } from '../../../src-main/api/contract.ts';
import { createStateKeys } from '../../../src-main/identity/index.ts';
import { DATABASE_FILE } from '../../../src-main/store/index.ts';
import { openTestOffice, type TestOffice } from '../../helpers/office.ts';
import { pawarForm } from '../../helpers/registration.ts';

export const MOLGI = '27271400001';
export const DHADGAON = '27271400002';

export interface PrintOffice {
  office: TestOffice;
  dir: string;
  pawar: OutputOf<'registry.saveHousehold'>;
}

/** A real office: the Pawar family registered from the paper form (with Aadhaar), plus seeded households. */
export async function printOffice(dir: string, seeded = 30): Promise<PrintOffice> {
  const office = await openTestOffice(dir);
  await office.call('registry.importStateKeys', { file: createStateKeys().text });
  const pawar = await office.call('registry.saveHousehold', pawarForm());
  if (seeded > 0) await office.call('office.seed', { households: seeded, seed: 11 });
  return { office, dir, pawar };
}

/** Polls the job endpoint, as the Cards page does, until the job has finished either way. */
export async function waitForJob(office: TestOffice, jobId: string): Promise<{ final: OutputOf<'printing.job'>; seen: OutputOf<'printing.job'>[] }> {
  const seen: OutputOf<'printing.job'>[] = [];
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await office.call('printing.job', { jobId });
    seen.push(status);
    if (status.status !== 'running') return { final: status, seen };
    if (Date.now() > deadline) throw new Error('print job did not finish within a minute');
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

/**
 * Downloads a finished job through the API, writes the PDF where the tools can read it and, as the pages do
 * once the file is saved, confirms it into the print log.
 */
export async function downloadTo(office: TestOffice, jobId: string, file: string): Promise<Buffer> {
  const pdf = await office.call('printing.download', { jobId });
  const bytes = Buffer.from(pdf.base64, 'base64');
  writeFileSync(file, bytes);
  await office.call('printing.confirmPrinted', { jobId });
  return bytes;
}

/** A job finished and its PDF saved or printed (confirmed): its cards now count as printed. */
export async function printedJob(office: TestOffice, jobId: string): Promise<void> {
  const { final } = await waitForJob(office, jobId);
  if (final.status !== 'done') throw new Error(`print job ended ${final.status}`);
  await office.call('printing.confirmPrinted', { jobId });
}

/** Read-only look at the office database, beside the app's own connection. */
export function query<T>(dir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export function count(dir: string, sql: string, ...params: unknown[]): number {
  return query<{ n: number }>(dir, sql, ...params)[0]!.n;
}

/** Every file under the data folder's prints/ (each process renders into its own prints/<pid>/). */
export function printFiles(dir: string): string[] {
  const root = join(dir, 'prints');
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
}
