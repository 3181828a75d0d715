import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openOfficeData } from '../src-main/office/open.ts';
import { dueList } from '../src-main/services/index.ts';
import { DATABASE_FILE } from '../src-main/store/index.ts';
import { measure, type BenchResult } from './harness.ts';

/**
 * The due and overdue list of the seeded office's largest Anganwadi (about 2,000 people at 100k beneficiaries):
 * two queries and the schedule in JS for everyone, against the bare reading of the same rows.
 */
export async function serviceCases(dataDir: string): Promise<BenchResult[]> {
  const data = openOfficeData(dataDir);
  const bare = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const largest = bare
      .prepare('SELECT h.awc_code AS code, count(*) AS n FROM beneficiary b JOIN household h ON h.id = b.household_id GROUP BY h.awc_code ORDER BY n DESC LIMIT 1')
      .get() as { code: string; n: number };
    console.log(`  due list: AWC ${largest.code} with ${largest.n} beneficiaries`);
    const result = await measure({
      name: `services: due list of one AWC (${largest.n} beneficiaries)`,
      runs: 10,
      run: () => dueList(data, { awcCode: largest.code }),
      baseline: () => [
        bare.prepare('SELECT b.* FROM beneficiary b JOIN household h ON h.id = b.household_id WHERE h.awc_code = ?').all(largest.code),
        bare.prepare('SELECT s.* FROM service s JOIN beneficiary b ON b.id = s.beneficiary_id JOIN household h ON h.id = b.household_id WHERE h.awc_code = ?').all(largest.code),
      ],
    });
    return [result];
  } finally {
    bare.close();
    data.store.close();
  }
}
