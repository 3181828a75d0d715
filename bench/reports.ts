import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openOfficeData } from '../src-main/office/open.ts';
import { DEPARTMENT_LISTS, REPORT_NAMES, runReport } from '../src-main/reports/index.ts';
import { DATABASE_FILE } from '../src-main/store/index.ts';
import { measure, type BenchResult } from './harness.ts';

/**
 * Every report of the Reports page on the seeded 100k office, default period (three calendar months to
 * today), all Anganwadis. The seed has registrations, one measurement per young child and this season's
 * trips; this bench first adds, to its own copy of the office, what the seed lacks — services (birth and
 * 6/10/14-week doses, THR, ANC), returns and not-found events, job cards — so no report is empty.
 *
 * Entries: `reports.open.100k <name>` per report and `reports.open.100k`, the slowest report's median (the
 * number the goal "every report opens in < 1 s" is about). Department lists are one-click Excel exports,
 * timed on the largest Anganwadi (`reports.list.100k <name> (one AWC)`), as is the services report's
 * count of doses due, which is made per Anganwadi; they are not part of the goal.
 */
export async function reportCases(seededDir: string): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mts-bench-reports-'));
  try {
    for (const suffix of ['', '-wal']) {
      if (existsSync(join(seededDir, DATABASE_FILE + suffix))) copyFileSync(join(seededDir, DATABASE_FILE + suffix), join(dataDir, DATABASE_FILE + suffix));
    }
    addWhatTheSeedLacks(join(dataDir, DATABASE_FILE));
    const data = openOfficeData(dataDir);
    try {
      const results: BenchResult[] = [];
      for (const name of REPORT_NAMES) {
        const report = runReport(data, name);
        console.log(`  ${name}: ${report.rows.length} rows`);
        results.push(await measure({ name: `reports.open.100k ${name}`, runs: 5, run: () => runReport(data, name) }));
      }
      const slowest = results.reduce((a, b) => (b.median_ms > a.median_ms ? b : a));
      results.push({ ...slowest, name: 'reports.open.100k' });
      console.log(`reports.open.100k = ${slowest.median_ms} ms (${slowest.name})`);
      // Department lists are drawn per Anganwadi (an ANM's villages): timed on the largest.
      const largest = bareLargestAwc(join(dataDir, DATABASE_FILE));
      for (const name of DEPARTMENT_LISTS) {
        results.push(await measure({ name: `reports.list.100k ${name} (one AWC)`, runs: 3, run: () => runReport(data, name, { awcCode: largest }) }));
      }
      // The services report's doses due, per Anganwadi.
      results.push(await measure({ name: 'reports.open.100k services (one AWC, doses due)', runs: 3, run: () => runReport(data, 'services', { awcCode: largest }) }));
      return results;
    } finally {
      data.store.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function bareLargestAwc(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT h.awc_code AS code FROM beneficiary b JOIN household h ON h.id = b.household_id GROUP BY h.awc_code ORDER BY count(*) DESC LIMIT 1').get() as { code: string }).code;
  } finally {
    db.close();
  }
}

/** Bench data only, written straight into the copy (no change log): realistic shares, deterministic. */
export function addWhatTheSeedLacks(file: string): void {
  const db = new Database(file);
  try {
    const now = new Date().toISOString();
    const row = (n: number) => `abs(random()) % 100 < ${n}`;
    const insert = (service: string, givenOn: string, where: string, extra = '') =>
      db
        .prepare(
          `INSERT INTO service (id, beneficiary_id, service, given_on, source, place, awc_code, office_code, for_month, created_at, updated_hlc)
           SELECT lower(hex(randomblob(16))), b.id, '${service}', ${givenOn}, 'given', 'awc', h.awc_code, '2714', ${extra || 'NULL'}, '${now}', '${now}'
           FROM beneficiary b JOIN household h ON h.id = b.household_id WHERE ${where}`,
        )
        .run().changes;
    let services = 0;
    db.transaction(() => {
      for (const code of ['BCG', 'OPV-0', 'HepB-0']) services += insert(code, 'b.dob', `b.dob > date('now', '-3 years') AND ${row(85)}`);
      for (const [dose, weeks] of [[1, 6], [2, 10], [3, 14]] as const) {
        for (const code of [`Penta-${dose}`, `OPV-${dose}`]) {
          services += insert(code, `date(b.dob, '+${weeks * 7} days')`, `b.dob < date('now', '-${weeks * 7} days') AND b.dob > date('now', '-3 years') AND ${row(80 - dose * 10)}`);
        }
      }
      for (const monthsBack of [0, 1, 2]) {
        const day = `date('now', 'start of month', '-${monthsBack} months', '+4 days')`;
        services += insert('THR', day, `((b.dob < date('now', '-6 months') AND b.dob > date('now', '-3 years')) OR b.lmp_date IS NOT NULL OR b.delivery_date IS NOT NULL) AND ${row(70)}`, `substr(${day}, 1, 7)`);
        services += insert('ANC', `date('now', 'start of month', '-${monthsBack} months', '+9 days')`, `b.lmp_date IS NOT NULL AND ${row(40)}`);
      }
      const departed = `SELECT id, migration_id, household_id, event_date FROM migration_event WHERE event = 'departed' AND voided = 0`;
      const event = (kind: string, share: number, reason: string) =>
        db
          .prepare(
            `INSERT INTO migration_event (id, migration_id, household_id, event, event_date, reason, office_code, created_at, updated_hlc)
             SELECT d.id || '-${kind}', d.migration_id, d.household_id, '${kind}', min(date(d.event_date, '+20 days'), date('now')), ${reason}, '2714', '${now}', '${now}'
             FROM (${departed}) AS d WHERE ${row(share)}`,
          )
          .run().changes;
      const returned = event('returned', 10, 'NULL');
      const notFound = event('not-found', 3, `'not-at-worksite'`);
      const jobCards = db.prepare(`UPDATE household SET job_card = 'MH-14-005-' || substr(id, 1, 8) WHERE ${row(40)}`).run().changes;
      console.log(`  reports bench data: ${services} services, ${returned} returns, ${notFound} not found, ${jobCards} job cards`);
    })();
  } finally {
    db.close();
  }
}
