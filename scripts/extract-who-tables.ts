/**
 * Extracts the WHO LMS tables the nutrition engine needs from two devDependencies and writes
 * `src-main/nutrition/who-tables.generated.ts`. Run: `npx tsx scripts/extract-who-tables.ts`.
 *
 * - jsgrowup 0.8.0 (BSD-3): WHO Child Growth Standards 2006, weekly (0–13 weeks) and monthly
 *   (0–60 months) LMS by age, weight-for-length (45–110 cm) and weight-for-height (65–120 cm) by 0.5 cm.
 * - who-growth 1.7.0 (ISC): WHO Growth Reference 2007 "expanded" z-score tables (61–228 months) as .xlsx;
 *   unzipped with fflate and read from the sheet XML here (no spreadsheet library).
 *
 * The app never reads these packages at run time; only the generated module ships.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';

const DAYS_PER_MONTH = 30.4375; // WHO's average month (365.25 / 12)
const DAYS_PER_WEEK = 7;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(repoRoot, 'package.json'));
const jsgrowupDir = packageDir('jsgrowup');
const whoGrowthDir = packageDir('who-growth');

/** who-growth's "exports" hides package.json, so look the folder up along Node's search paths. */
function packageDir(name: string): string {
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = join(base, name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`package ${name} is not installed (npm install first)`);
}

interface LmsRow {
  x: number;
  l: number;
  m: number;
  s: number;
}

type Sex = 'm' | 'f';
const SEX_WORD: Record<Sex, { jsgrowup: string; who: string }> = {
  m: { jsgrowup: 'boys', who: 'boys' },
  f: { jsgrowup: 'girls', who: 'girls' },
};

function toNumber(value: unknown, where: string): number {
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(n)) throw new Error(`${where}: not a number: ${JSON.stringify(value)}`);
  return n;
}

/** Reads one jsgrowup JSON table; `xKey` names the column of the row key, `xToUnit` converts it. */
function readJsgrowup(file: string, xKey: string, xToUnit: (x: number) => number): LmsRow[] {
  const raw: unknown = JSON.parse(readFileSync(join(jsgrowupDir, 'tables', file), 'utf8'));
  if (!Array.isArray(raw)) throw new Error(`${file}: expected an array`);
  return raw.map((row: Record<string, unknown>, i) => ({
    x: xToUnit(toNumber(row[xKey], `${file}[${i}].${xKey}`)),
    l: toNumber(row['L'], `${file}[${i}].L`),
    m: toNumber(row['M'], `${file}[${i}].M`),
    s: toNumber(row['S'], `${file}[${i}].S`),
  }));
}

// --- minimal .xlsx reader: first worksheet, shared strings and numeric cells only ---

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function columnIndex(cellRef: string): number {
  const letters = /^[A-Z]+/.exec(cellRef)?.[0];
  if (!letters) throw new Error(`bad cell reference ${cellRef}`);
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function readXlsxSheet(path: string): string[][] {
  const files = unzipSync(readFileSync(path));
  const sharedXml = files['xl/sharedStrings.xml'];
  const shared: string[] = [];
  if (sharedXml) {
    for (const si of strFromU8(sharedXml).matchAll(/<si>([\s\S]*?)<\/si>/g)) {
      const parts = [...(si[1] ?? '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => t[1] ?? '');
      shared.push(decodeXml(parts.join('')));
    }
  }
  const sheet = files['xl/worksheets/sheet1.xml'];
  if (!sheet) throw new Error(`${path}: no xl/worksheets/sheet1.xml`);
  const rows: string[][] = [];
  for (const rowMatch of strFromU8(sheet).matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: string[] = [];
    for (const c of (rowMatch[1] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1] ?? '';
      const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
      if (!ref) throw new Error(`${path}: cell without reference`);
      const type = /\bt="([^"]+)"/.exec(attrs)?.[1];
      const body = c[2] ?? '';
      let value = '';
      if (type === 'inlineStr') value = decodeXml(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/.exec(body)?.[1] ?? '');
      else {
        const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        if (v !== undefined) value = type === 's' ? (shared[Number(v)] ?? '') : decodeXml(v);
      }
      cells[columnIndex(ref)] = value;
    }
    rows.push(Array.from(cells, (v) => v ?? ''));
  }
  return rows;
}

/** WHO 2007 expanded z-score table: header row Month, L, M, S, …; ages converted to days. */
function readWho2007(path: string, expectedSheet: RegExp): LmsRow[] {
  const workbook = strFromU8(unzipSync(readFileSync(path))['xl/workbook.xml'] ?? new Uint8Array());
  const sheetName = /<sheet\b[^>]*\bname="([^"]+)"/.exec(workbook)?.[1] ?? '';
  // who-growth stores the 5–10 y weight-for-age tables under file names starting "hfa-": trust the sheet name.
  if (!expectedSheet.test(sheetName)) throw new Error(`${path}: sheet "${sheetName}" is not ${expectedSheet}`);
  const [header, ...body] = readXlsxSheet(path);
  if (!header) throw new Error(`${path}: empty sheet`);
  const col = (name: string): number => {
    const i = header.findIndex((h) => h.trim() === name);
    if (i < 0) throw new Error(`${path}: no column ${name}`);
    return i;
  };
  const [ci, li, mi, si] = [col('Month'), col('L'), col('M'), col('S')];
  return body
    .filter((r) => (r[ci] ?? '').trim() !== '')
    .map((r, i) => ({
      x: toNumber(r[ci], `${path} row ${i + 2} Month`) * DAYS_PER_MONTH,
      l: toNumber(r[li], `${path} row ${i + 2} L`),
      m: toNumber(r[mi], `${path} row ${i + 2} M`),
      s: toNumber(r[si], `${path} row ${i + 2} S`),
    }));
}

function findWho2007File(folder: string, prefix: string, sex: Sex): string {
  const dir = join(whoGrowthDir, 'resources', 'WHODocuments', folder);
  const name = readdirSync(dir).find((f) => f.startsWith(`${prefix}-${SEX_WORD[sex].who}-z-who-2007-exp`) && f.endsWith('.xlsx'));
  if (!name) throw new Error(`no ${prefix} ${sex} 2007 table in ${dir}`);
  return join(dir, name);
}

/** Weekly rows (0–13 weeks) followed by the monthly rows after week 13 (month 3 = 91.3 d sits 0.3 d from week 13). */
function weeklyThenMonthly(weekly: LmsRow[], monthly: LmsRow[]): LmsRow[] {
  const lastWeek = weekly[weekly.length - 1]?.x ?? 0;
  return [...weekly, ...monthly.filter((r) => r.x > lastWeek + DAYS_PER_WEEK)];
}

function checkAscending(name: string, rows: LmsRow[]): void {
  for (let i = 1; i < rows.length; i++) {
    if (!((rows[i]?.x ?? NaN) > (rows[i - 1]?.x ?? NaN))) throw new Error(`${name}: x not ascending at row ${i}`);
  }
  if (rows.length < 4) throw new Error(`${name}: fewer than 4 rows`);
}

const weeks = (w: number): number => w * DAYS_PER_WEEK;
const months = (m: number): number => m * DAYS_PER_MONTH;
const cm = (x: number): number => x;

const tables: Record<string, LmsRow[]> = {};
for (const sex of ['m', 'f'] as const) {
  const s = SEX_WORD[sex].jsgrowup;
  const weekly = (ind: string): LmsRow[] => readJsgrowup(`${ind}_${s}_0_13_zscores.json`, 'Week', weeks);
  const monthly = (file: string): LmsRow[] => readJsgrowup(`${file.replace('*', s)}`, 'Month', months);

  tables[`wfa_${sex}`] = weeklyThenMonthly(weekly('wfa'), monthly('wfa_*_0_5_zscores.json'));
  tables[`lfa_${sex}`] = weeklyThenMonthly(weekly('lhfa'), monthly('lhfa_*_0_2_zscores.json'));
  tables[`hfa_${sex}`] = monthly('lhfa_*_2_5_zscores.json');
  tables[`bfa_len_${sex}`] = weeklyThenMonthly(weekly('bmifa'), monthly('bmifa_*_0_2_zscores.json'));
  tables[`bfa_hgt_${sex}`] = monthly('bmifa_*_2_5_zscores.json');
  tables[`wfl_${sex}`] = readJsgrowup(`wfl_${s}_0_2_zscores.json`, 'Length', cm);
  tables[`wfh_${sex}`] = readJsgrowup(`wfh_${s}_2_5_zscores.json`, 'Height', cm);

  const w = SEX_WORD[sex].who;
  tables[`wfa07_${sex}`] = readWho2007(findWho2007File('weightForAge', 'hfa', sex), new RegExp(`^wfa_${w}_z_WHO 2007`));
  tables[`hfa07_${sex}`] = readWho2007(findWho2007File('heightForAge', 'hfa', sex), new RegExp(`^hfa_${w}_z_WHO 2007`));
  tables[`bfa07_${sex}`] = readWho2007(findWho2007File('bmiForAge', 'bmi', sex), new RegExp(`^bmi_${w}_z_WHO 2007`));
}
for (const [name, rows] of Object.entries(tables)) checkAscending(name, rows);

const num = (n: number): string => String(Number(n.toPrecision(10)));
const lines: string[] = [];
lines.push('// GENERATED by scripts/extract-who-tables.ts — do not edit by hand.');
lines.push('// Data: WHO Child Growth Standards (2006) and WHO Growth Reference for 5–19 years (2007),');
lines.push('// © World Health Organization, https://www.who.int/tools/child-growth-standards and');
lines.push('// https://www.who.int/tools/growth-reference-data-for-5to19-years. Extracted from the npm packages');
lines.push('// jsgrowup 0.8.0 (BSD-3-Clause, tables for 0–5 y) and who-growth 1.7.0 (ISC, 2007 tables as .xlsx).');
lines.push('//');
lines.push('// Each table is a flat list of rows [x, L, M, S, x, L, M, S, …] with x ascending: age in days');
lines.push('// (weeks × 7, months × 30.4375) for the age tables, length/height in cm for wfl/wfh.');
lines.push('// lfa/bfa_len = recumbent length (< 731 d), hfa/bfa_hgt = standing height (≥ 731 d).');
lines.push('');
lines.push('export const ATTRIBUTION =');
lines.push(
  `  ${JSON.stringify(
    'Growth z-scores use the WHO Child Growth Standards (2006, 0–5 years) and the WHO Growth Reference ' +
      '(2007, 5–19 years), © World Health Organization, with the rules of WHO Anthro / AnthroPlus. ' +
      'Tables taken from the npm packages jsgrowup (BSD-3-Clause) and who-growth (ISC).',
  )};`,
);
lines.push('');
lines.push('export const WHO_TABLE_SOURCES = { jsgrowup: ' + JSON.stringify(readVersion(jsgrowupDir)) + ', whoGrowth: ' + JSON.stringify(readVersion(whoGrowthDir)) + ' } as const;');
lines.push('');
lines.push('export const WHO_TABLES = {');
for (const [name, rows] of Object.entries(tables)) {
  lines.push(`  ${name}: [${rows.map((r) => `${num(r.x)},${num(r.l)},${num(r.m)},${num(r.s)}`).join(',')}],`);
}
lines.push('} as const satisfies Record<string, readonly number[]>;');
lines.push('');
lines.push('export type WhoTableName = keyof typeof WHO_TABLES;');
lines.push('');

function readVersion(dir: string): string {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

const outPath = join(repoRoot, 'src-main', 'nutrition', 'who-tables.generated.ts');
writeFileSync(outPath, lines.join('\n'));
const rowCount = Object.values(tables).reduce((n, r) => n + r.length, 0);
process.stdout.write(`wrote ${outPath}: ${Object.keys(tables).length} tables, ${rowCount} rows\n`);
