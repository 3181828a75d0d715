// Two real offices for the exchange tests, and a dump of a whole database to prove "nothing changed".
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createStateKeys } from '../../../src-main/identity/index.ts';
import { DATABASE_FILE } from '../../../src-main/store/index.ts';
import { ADMIN, AWC_CSV, openTestOffice, type TestOffice } from '../../helpers/office.ts';

export const AWC_CSV_B = [
  'code,name_mr,name_en,village,sector,worker_name,worker_mobile',
  '27047500001,परळी अंगणवाडी,Parli AWC,Parli,Sector 1,Asha Munde,9876500001',
].join('\n');

export const AWC_CSV_C = [
  'code,name_mr,name_en,village,sector,worker_name,worker_mobile',
  '27302100001,तळोदा अंगणवाडी,Taloda AWC,Taloda,Sector 1,Sita Valvi,9876500003',
].join('\n');

/** The test offices: Akkalkuwa (Nandurbar), Parli (Beed) and Taloda (Nandurbar). */
export const TEST_OFFICES = {
  '2714': { districtLgd: 486, blockName: 'Akkalkuwa', awcCsv: AWC_CSV },
  '4712': { districtLgd: 470, blockName: 'Parli', awcCsv: AWC_CSV_B },
  '3021': { districtLgd: 486, blockName: 'Taloda', awcCsv: AWC_CSV_C },
} as const;

/**
 * An office set up with its own code and AWCs, administrator logged in, state key file imported (the
 * test run's own, or a hub's `state-keys.json` so that it trusts that hub).
 */
export async function openOffice(dir: string, officeCode: keyof typeof TEST_OFFICES, options: { awcCsv?: string; stateKeyFile?: string } = {}): Promise<TestOffice> {
  const known = TEST_OFFICES[officeCode];
  const office = await openTestOffice(dir, { setUp: false });
  await office.call('office.setup', {
    officeCode,
    districtLgd: known.districtLgd,
    blockName: known.blockName,
    nameMr: `कार्यालय ${officeCode}`,
    nameEn: `Office ${officeCode}`,
    awcCsv: options.awcCsv ?? known.awcCsv,
    admin: ADMIN,
  });
  await office.call('session.login', { username: ADMIN.username, password: ADMIN.password });
  await office.call('registry.importStateKeys', { file: options.stateKeyFile ?? STATE_KEYS.text });
  return office;
}

/** One state key file for the whole test run: every office of the state shares it. */
export const STATE_KEYS = createStateKeys();

/** Every row of every table, in a fixed order: equal dumps mean an unchanged database. */
export function dumpDatabase(dir: string): string {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[];
    const out: Record<string, unknown[]> = {};
    for (const { name } of tables) {
      const rows = db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[];
      out[name] = rows.map((row) => JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v))).sort();
    }
    return JSON.stringify(out);
  } finally {
    db.close();
  }
}
