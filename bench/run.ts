/**
 * `npm run bench`: seeds an office of 100,000 beneficiaries in a temporary folder and times the operations
 * that matter to an operator, each against a bare-library baseline measured in the same run.
 * Results go to the console and to bench/results.json ({ name, median_ms, p95_ms, baseline_ratio }[]).
 * `npm run bench -- reports` (or registry, cards, services, sync) runs only those benches on the seeded office
 * and replaces only their entries in results.json.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openOfficeData } from '../src-main/office/open.ts';
import { readOffice, setUpOffice } from '../src-main/office/service.ts';
import { seedOffice } from '../src-main/seed/index.ts';
import { DATABASE_FILE } from '../src-main/store/index.ts';
import { measure, type BenchResult } from './harness.ts';
import { registryCases } from './registry.ts';
import { cardCases } from './cards.ts';
import { syncCases } from './sync.ts';
import { serviceCases } from './services.ts';
import { reportCases } from './reports.ts';

const TARGET_BENEFICIARIES = Number(process.env.MTS_BENCH_BENEFICIARIES ?? 100_000);
const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));
const BENCHES = ['open', 'registry', 'cards', 'services', 'reports', 'sync'] as const;
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
for (const name of only) {
  if (!(BENCHES as readonly string[]).includes(name)) {
    console.error(`unknown bench "${name}"; choose from: ${BENCHES.join(', ')}`);
    process.exit(2);
  }
}
const wanted = (name: (typeof BENCHES)[number]) => only.length === 0 || only.includes(name);

async function seedBenchOffice(dataDir: string): Promise<void> {
  const data = openOfficeData(dataDir);
  await setUpOffice(
    data,
    {
      officeCode: '2714',
      districtLgd: 486,
      blockName: 'Akkalkuwa',
      nameMr: 'अक्कलकुवा एकात्मिक बाल विकास प्रकल्प',
      nameEn: 'Akkalkuwa ICDS Project',
      series: 1,
      awcCsv: null,
      admin: { username: 'admin', fullName: 'Bench Admin', password: 'Bench1234', language: 'en' },
    },
    () => {},
  );
  const office = readOffice(data)!;
  const start = performance.now();
  let beneficiaries = 0;
  let round = 0;
  // Families average about 3.6 beneficiaries; seed in rounds until the target is reached.
  while (beneficiaries < TARGET_BENEFICIARIES) {
    const households = Math.max(50, Math.ceil((TARGET_BENEFICIARIES - beneficiaries) / 3.6));
    const seeded = data.writer.write({ operatorId: null }, (batch) =>
      seedOffice(data.store, batch, { officeCode: office.code, series: office.series, districtLgd: office.districtLgd, households, seed: 100 + round, createdBy: null }),
    );
    beneficiaries += seeded.beneficiaries.length;
    round += 1;
  }
  console.log(`seeded ${beneficiaries} beneficiaries in ${Math.round(performance.now() - start)} ms`);
  data.store.close();
}

const dataDir = mkdtempSync(join(tmpdir(), 'mts-bench-'));
try {
  await seedBenchOffice(dataDir);
  const results: BenchResult[] = [];

  if (wanted('open')) {
    results.push(
      await measure({
        name: 'store: open office database (100k beneficiaries)',
        runs: 15,
        run: () => {
          const data = openOfficeData(dataDir);
          const office = readOffice(data);
          data.store.close();
          return office;
        },
        baseline: () => {
          const db = new Database(join(dataDir, DATABASE_FILE));
          db.pragma('journal_mode = WAL');
          const row = db.prepare('SELECT * FROM office').get();
          db.close();
          return row;
        },
      }),
    );
  }

  if (wanted('registry')) results.push(...(await registryCases(dataDir)));
  if (wanted('cards')) results.push(...(await cardCases(dataDir)));
  if (wanted('services')) results.push(...(await serviceCases(dataDir)));
  // On its own copy of the office: the services and events it adds do not change the other benches.
  if (wanted('reports')) results.push(...(await reportCases(dataDir)));
  // Last: it adds the hub as a peer of the seeded office.
  if (wanted('sync')) results.push(...(await syncCases(dataDir)).results);

  if (only.length > 0 && existsSync(RESULTS)) {
    // A partial run keeps the other benches' last numbers.
    const fresh = new Set(results.map((r) => r.name));
    const kept = (JSON.parse(readFileSync(RESULTS, 'utf8')) as BenchResult[]).filter((r) => !fresh.has(r.name) && !(wanted('reports') && r.name.startsWith('reports.')));
    results.unshift(...kept);
  }

  writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
  console.log(`written ${RESULTS}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
