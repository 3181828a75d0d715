import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { contract } from '../src-main/api/contract.ts';
import { openOfficeData } from '../src-main/office/open.ts';
import { saveHousehold, searchBeneficiaries } from '../src-main/registry/index.ts';
import { DATABASE_FILE } from '../src-main/store/index.ts';
import { measure, type BenchResult } from './harness.ts';

/** What an operator types into the search box, keystroke by keystroke. */
const TYPED = ['S', 'Su', 'Sun', 'Suni', 'Sunit', 'Sunita', 'Sunita P', 'Sunita Pa', 'Sunita Paw', 'सुनी', 'सुनीता', 'Gav', 'Gavit', '98', '9823', '982301', '2714', '27140010', '271400100000'];

function fiveMemberForm(index: number, awc: string) {
  const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
  return contract['registry.saveHousehold'].input.parse({
    awc,
    headNameMr: 'रामदास विठ्ठल पवार',
    headNameEn: 'Ramdas Vitthal Pawar',
    contactNumber: '',
    nativeVillage: `Bench village ${index}`,
    socialCategory: 'ST',
    members: [
      { nameMr: 'सुनीता रामदास पवार', nameEn: 'Sunita Ramdas Pawar', sex: 'F', dateOfBirth: '1995-03-14', relation: 'spouse', pregnant: true, lmp: day(90) },
      { nameMr: 'गणेश रामदास पवार', nameEn: 'Ganesh Ramdas Pawar', sex: 'M', dateOfBirth: day(700), relation: 'son', measuredOn: day(1), weightKg: 9.1, heightCm: 78.5, posture: 'lying', muacMm: 128 },
      { nameMr: 'पूजा रामदास पवार', nameEn: 'Pooja Ramdas Pawar', sex: 'F', dateOfBirth: '2013-05-02', relation: 'daughter' },
      { nameMr: 'अमोल रामदास पवार', nameEn: 'Amol Ramdas Pawar', sex: 'M', dateOfBirth: '2017-11-20', relation: 'son' },
      { nameMr: 'राधा रामदास पवार', nameEn: 'Radha Ramdas Pawar', sex: 'F', dateOfBirth: day(1500), relation: 'daughter' },
    ],
    migration: { departureDate: day(5), destinationState: 'MH', destinationDistrict: 470, workSector: 'sugarcane-cutting' },
  });
}

export async function registryCases(dataDir: string): Promise<BenchResult[]> {
  const data = openOfficeData(dataDir);
  const bare = new Database(join(dataDir, DATABASE_FILE));
  const results: BenchResult[] = [];
  try {
    const awc = data.store.first(data.store.db.selectFrom('awc').select('code').limit(1))!.code;
    results.push(
      await measure({
        name: 'registry: search as you type (one keystroke)',
        runs: TYPED.length * 10,
        // With the total count ("50 of 1,234") that every keystroke now shows.
        run: (i) => searchBeneficiaries(data, { query: TYPED[i % TYPED.length]!, awcCode: null, category: null, migrationStatus: null, limit: 50 }),
        baseline: (i) =>
          bare
            .prepare('SELECT id, mts_id, name_en FROM beneficiary WHERE name_en LIKE ? LIMIT 50')
            .all(`${TYPED[i % TYPED.length]!}%`),
      }),
    );

    // Filters on, with and without text, paging forward: what an officer does to find "SAM children of one
    // AWC who have left". The baseline counts and pages the same AWC with bare SQL.
    const FILTERED: { query: string; category: 'child-0-3' | null; migrationStatus: 'departed' | null; nutritionStatus: 'sam' | 'muw' | null; offset: number }[] = [
      { query: '', category: null, migrationStatus: null, nutritionStatus: null, offset: 0 },
      { query: '', category: null, migrationStatus: null, nutritionStatus: null, offset: 50 },
      { query: '', category: 'child-0-3', migrationStatus: null, nutritionStatus: null, offset: 0 },
      { query: '', category: null, migrationStatus: 'departed', nutritionStatus: null, offset: 0 },
      { query: '', category: null, migrationStatus: null, nutritionStatus: 'muw', offset: 0 },
      { query: 'Su', category: null, migrationStatus: null, nutritionStatus: null, offset: 0 },
      { query: 'Sunita', category: null, migrationStatus: 'departed', nutritionStatus: null, offset: 0 },
      { query: 'Gav', category: 'child-0-3', migrationStatus: null, nutritionStatus: 'sam', offset: 0 },
    ];
    results.push(
      await measure({
        name: 'registry: search with filters and paging (one AWC)',
        runs: FILTERED.length * 5,
        run: (i) => searchBeneficiaries(data, { ...FILTERED[i % FILTERED.length]!, awcCode: awc, limit: 50 }),
        baseline: (i) => {
          const total = bare.prepare('SELECT count(*) n FROM beneficiary b JOIN household h ON h.id = b.household_id WHERE h.awc_code = ?').get(awc);
          const page = bare
            .prepare('SELECT b.id, b.mts_id, b.name_en FROM beneficiary b JOIN household h ON h.id = b.household_id WHERE h.awc_code = ? ORDER BY b.rowid DESC LIMIT 50 OFFSET ?')
            .all(awc, FILTERED[i % FILTERED.length]!.offset);
          return [total, page];
        },
      }),
    );
    results.push(
      await measure({
        name: 'registry: search list of the whole office, page 3',
        runs: 20,
        run: () => searchBeneficiaries(data, { query: '', awcCode: null, category: null, migrationStatus: null, limit: 50, offset: 100 }),
        baseline: () => [bare.prepare('SELECT count(*) n FROM beneficiary').get(), bare.prepare('SELECT id, mts_id, name_en FROM beneficiary ORDER BY rowid DESC LIMIT 50 OFFSET 100').all()],
      }),
    );

    const insertBare = bare.transaction((index: number) => {
      const household = randomUUID();
      bare.prepare(`INSERT INTO household (id, awc_code, head_name_mr, head_name_en, village, social_category, created_at, updated_hlc) VALUES (?, ?, 'रामदास पवार', 'Ramdas Pawar', ?, 'ST', '', '')`).run(household, awc, `Bare ${index}`);
      for (let m = 0; m < 5; m += 1) {
        bare
          .prepare(`INSERT INTO beneficiary (id, household_id, mts_id, name_mr, name_en, sex, dob, relation, created_at, updated_hlc) VALUES (?, ?, ?, 'सुनीता पवार', 'Sunita Pawar', 'f', '2015-01-01', 'daughter', '', '')`)
          .run(randomUUID(), household, `9${String(index * 10 + m).padStart(15, '0')}`);
      }
    });
    results.push(
      await measure({
        name: 'registry: save a 5-member household',
        runs: 30,
        run: (i) => saveHousehold(data, { operatorId: null }, fiveMemberForm(i, awc)),
        baseline: (i) => insertBare(i),
      }),
    );
  } finally {
    bare.close();
    data.store.close();
  }
  return results;
}
