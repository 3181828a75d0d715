import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src-main/api/session.ts';
import { MAX_CLASSIFY_CSV_CHARS } from '../../../src-main/api/contracts/nutrition.ts';
import { parseCsv } from '../../../src-main/nutrition/csv.ts';
import { ADMIN, addSignedInOperator, openTestOffice, type TestOffice } from '../../helpers/office.ts';
import { useTempDirs } from '../../helpers/temp.ts';
import { lmsValue, readSurvey, whoRow } from '../nutrition/who-fixtures.ts';

const tempDir = useTempDirs();

/** WHO's own results for its igrowup demo survey are the oracle for z-scores. */
const survey = readSurvey();
function surveyChild(id: string) {
  const row = survey.rows.find((r) => r[0] === id);
  if (!row) throw new Error(`survey child ${id} missing`);
  const get = (column: string) => row[survey.header.indexOf(column)] ?? '';
  return {
    sex: get('GENDER') === '1' ? ('m' as const) : ('f' as const),
    ageDays: Number(get('_agedays')),
    weightKg: Number(get('WEIGHT')),
    lengthHeightCm: Number(get('HEIGHT')),
    measure: get('measure') as 'l' | 'h',
    who: { waz: Number(get('_ZWEI')), haz: Number(get('_ZLEN')), whz: Number(get('_ZWFL')), baz: Number(get('_ZBMI')) },
  };
}

async function loginAs(office: TestOffice, role: 'operator' | 'supervisor'): Promise<Session> {
  return addSignedInOperator(office, { username: `${role}1`, fullName: `Test ${role}`, role, password: 'Entry2024' });
}

describe('nutrition.assess', () => {
  it("gives WHO's z-scores for survey children, by age in days or by the two dates", async () => {
    const office = await openTestOffice(tempDir());
    const operator = await loginAs(office, 'operator');
    for (const id of ['1', '3', '60', '112']) {
      const child = surveyChild(id);
      const { who, ...measurement } = child;
      const reply = await office.api.call(operator, 'nutrition.assess', measurement);
      if (!reply.ok) throw new Error(reply.problem.text.en);
      const z = (reply.value as { z: Record<string, number | null> }).z;
      for (const key of ['waz', 'haz', 'whz', 'baz'] as const) expect(Math.abs(z[key]! - who[key])).toBeLessThanOrEqual(0.01);
    }
    // Child 60: 269 days old; born 2023-05-10, the measurement 269 days later falls on 2024-02-03 (leap year).
    const { who, ageDays: _ignored, ...rest } = surveyChild('60');
    const byDates = await office.call('nutrition.assess', { ...rest, dob: '2023-05-10', measuredOn: '2024-02-03' });
    expect(byDates.ageDays).toBe(269);
    expect(Math.abs(byDates.z.waz! - who.waz)).toBeLessThanOrEqual(0.01);
    // WHO: WAZ −3.08 → severely underweight; HAZ −3.11 → severely stunted; WHZ −1.70 → no wasting.
    expect(byDates.statuses.wfa?.code).toBe('suw');
    expect(byDates.statuses.stunting?.code).toBe('severe');
    expect(byDates.statuses.wasting?.code).toBe('normal');
    office.close();
  });

  it('calls a MUAC under 115 mm SAM and flags a standing height under 9 months', async () => {
    const office = await openTestOffice(tempDir());
    const sam = await office.call('nutrition.assess', { sex: 'f', ageDays: 426, weightKg: 6.2, lengthHeightCm: 72, measure: 'l', muacMm: 108 });
    // WHO's girls' table: −3 SD weight at 14 months is above 6.2 kg, so she is also severely underweight.
    expect(Number(whoRow('wfa_girls_0_5_zscores.json', 14)['SD3neg'])).toBeGreaterThan(6.2);
    expect(sam.statuses.wfa?.code).toBe('suw');
    expect(sam.statuses.wasting?.code).toBe('sam');
    expect(sam.statuses.wasting?.basis).toContain('muac');
    expect(sam.statuses.wasting?.label.mr).toContain('SAM');
    expect(sam.warnings).toEqual([]);

    const standing = await office.call('nutrition.assess', { sex: 'm', ageDays: 200, weightKg: 7.5, lengthHeightCm: 66, measure: 'h' });
    expect(standing.flags).toContain('standing_under_9_months');
    expect(standing.warnings.map((w) => w.code)).toContain('standing_under_9_months');
    expect(standing.warnings[0]?.message.mr).toMatch(/[\u0900-\u097F]/);
    office.close();
  });

  it('refuses missing or impossible ages and bad values, naming the field, and anonymous callers', async () => {
    const office = await openTestOffice(tempDir());
    const noAge = await office.api.call(office.session, 'nutrition.assess', { sex: 'f', weightKg: 8 });
    expect(noAge).toMatchObject({ ok: false, problem: { code: 'invalid-input', fields: [{ field: 'dob' }] } });
    const backwards = await office.api.call(office.session, 'nutrition.assess', { sex: 'f', dob: '2024-05-01', measuredOn: '2024-04-30' });
    expect(backwards).toMatchObject({ ok: false, problem: { fields: [{ field: 'measuredOn' }] } });
    const badDate = await office.api.call(office.session, 'nutrition.assess', { sex: 'f', dob: '2024-02-30', measuredOn: '2024-04-30' });
    expect(badDate).toMatchObject({ ok: false, problem: { fields: [{ field: 'dob' }] } });
    const bad = await office.api.call(office.session, 'nutrition.assess', { sex: 'x', ageDays: 100, weightKg: -2 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem.fields.map((f) => f.field).sort()).toEqual(['sex', 'weightKg']);
    const anonymous = await office.api.call(new Session(), 'nutrition.assess', { sex: 'f', ageDays: 100 });
    expect(anonymous).toMatchObject({ ok: false, problem: { code: 'not-signed-in' } });
    office.close();
  });
});

describe('nutrition.curves', () => {
  it("gives WHO's SD lines per month, with the length→height step at 24 months", async () => {
    const office = await openTestOffice(tempDir());
    const operator = await loginAs(office, 'operator');
    const reply = await office.api.call(operator, 'nutrition.curves', { indicator: 'wfa', sex: 'f', fromMonths: 0, toMonths: 24 });
    if (!reply.ok) throw new Error(reply.problem.text.en);
    const wfa = reply.value as { ageMonths: number; sd: number[] }[];
    expect(wfa.map((p) => p.ageMonths)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    const month12 = whoRow('wfa_girls_0_5_zscores.json', 12);
    wfa[12]!.sd.forEach((value, i) => expect(value).toBeCloseTo(lmsValue(month12, i - 3), 6));

    const hfa = await office.call('nutrition.curves', { indicator: 'hfa', sex: 'm', fromMonths: 23, toMonths: 25 });
    expect(hfa.map((p) => p.ageDays)).toEqual([23 * 30.4375, 24 * 30.4375, 731, 25 * 30.4375]);
    // Standing height at 731 days is 0.7 cm below lying length at 730.5 days, give or take a day's growth.
    expect(hfa[1]!.sd[3] - hfa[2]!.sd[3]).toBeGreaterThan(0.6);
    expect(hfa[1]!.sd[3] - hfa[2]!.sd[3]).toBeLessThan(0.75);

    const backwards = await office.api.call(office.session, 'nutrition.curves', { indicator: 'wfa', sex: 'm', fromMonths: 30, toMonths: 10 });
    expect(backwards).toMatchObject({ ok: false, problem: { fields: [{ field: 'toMonths' }] } });
    office.close();
  });
});

describe('nutrition.classifyCsv', () => {
  const child1 = surveyChild('1');
  const child60 = surveyChild('60');
  const CSV = [
    'name,sex,age_days,weight_kg,lenhei_cm,measure,oedema,muac_mm',
    `"Valvi, Asha",f,${child1.ageDays},${child1.weightKg},${child1.lengthHeightCm},l,n,149`,
    `Padvi Raju,m,${child60.ageDays},${child60.weightKg},${child60.lengthHeightCm},l,n,`,
    'Gavit Sita,f,426,6.2,72,l,n,108',
    'Unreadable,x,300,70,,l,n,',
  ].join('\r\n');

  it('is refused to a plain operator and done for a supervisor, with counts by status', async () => {
    const office = await openTestOffice(tempDir());
    const operator = await loginAs(office, 'operator');
    expect(await office.api.call(operator, 'nutrition.classifyCsv', { csv: CSV })).toMatchObject({ ok: false, problem: { code: 'forbidden' } });

    const supervisor = await loginAs(office, 'supervisor');
    const reply = await office.api.call(supervisor, 'nutrition.classifyCsv', { csv: CSV });
    if (!reply.ok) throw new Error(reply.problem.text.en);
    const result = reply.value as { csv: string; counts: Record<string, number>; rows: number };
    expect(result.rows).toBe(4);
    const [header, ...rows] = parseCsv(result.csv);
    expect(header?.slice(0, 8)).toEqual(['name', 'sex', 'age_days', 'weight_kg', 'lenhei_cm', 'measure', 'oedema', 'muac_mm']);
    const column = (name: string) => rows.map((r) => r[header!.indexOf(name)]);
    expect(column('name')).toEqual(['Valvi, Asha', 'Padvi Raju', 'Gavit Sita', 'Unreadable']);
    expect(Number(column('waz')[0])).toBeCloseTo(child1.who.waz, 2);
    expect(Number(column('haz')[1])).toBeCloseTo(child60.who.haz, 2);
    expect(column('wasting_status')).toEqual(['normal', 'normal', 'sam', '']);
    expect(column('error')[3]).toMatch(/sex/);
    expect(result.counts).toMatchObject({ 'wasting_status:sam': 1, 'wasting_status:normal': 2, 'wfa_status:suw': 2, error: 1 });
    office.close();
  });

  it('names the missing column in both languages, and refuses an oversized file', async () => {
    const office = await openTestOffice(tempDir());
    const missing = await office.api.call(office.session, 'nutrition.classifyCsv', { csv: 'name,sex,weight_kg\nAsha,f,7.1\n' });
    expect(missing).toMatchObject({ ok: false, problem: { code: 'csv-format', fields: [{ field: 'csv' }] } });
    if (!missing.ok) {
      expect(missing.problem.text.en).toContain('age_days');
      expect(missing.problem.text.mr).toContain('age_days');
      expect(missing.problem.text.mr).toMatch(/[\u0900-\u097F]/);
    }
    const empty = await office.api.call(office.session, 'nutrition.classifyCsv', { csv: '' });
    expect(empty).toMatchObject({ ok: false, problem: { code: 'csv-format' } });
    const huge = await office.api.call(office.session, 'nutrition.classifyCsv', { csv: 'x'.repeat(MAX_CLASSIFY_CSV_CHARS + 1) });
    expect(huge).toMatchObject({ ok: false, problem: { code: 'invalid-input', fields: [{ field: 'csv' }] } });
    office.close();
  });
});

describe('the command line: classify IN.csv OUT.csv', () => {
  function cli(dataDir: string, user: string, ...args: string[]) {
    return spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', '--data-dir', dataDir, '--user', user, ...args], {
      encoding: 'utf8',
      cwd: fileURLToPath(new URL('../../../', import.meta.url)),
      env: { ...process.env, MTS_PASSWORD: user === ADMIN.username ? ADMIN.password : 'Entry2024' },
    });
  }

  it('writes the classified CSV and prints the counts; a plain operator is refused', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    await addSignedInOperator(office, { username: 'savita', fullName: 'Savita Padvi', role: 'operator', password: 'Entry2024' });
    office.close();
    const input = join(dir, 'in.csv');
    const output = join(dir, 'out.csv');
    writeFileSync(input, 'child,sex,age_days,weight_kg,lenhei_cm,measure,oedema,muac_mm\r\nC-1,f,426,6.2,72,l,n,108\r\nC-2,m,500,9.1,77,l,y,\r\n');

    const run = cli(dir, ADMIN.username, 'classify', input, output);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('2 rows classified');
    expect(run.stdout).toMatch(/wasting_status\s+normal 0, mam 0, sam 2, check 0/);
    expect(run.stdout).toMatch(/error\s+0/);
    const written = readFileSync(output, 'utf8');
    expect(written.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parseCsv(written);
    expect(header?.[0]).toBe('child');
    expect(rows.map((r) => r[header!.indexOf('wasting_status')])).toEqual(['sam', 'sam']);

    const refused = cli(dir, 'savita', 'classify', input, join(dir, 'refused.csv'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Only a supervisor can do this.');
  });
});

describe('nutrition.about', () => {
  it('credits WHO and lists every status label, before log-in too', async () => {
    const office = await openTestOffice(tempDir(), { login: false });
    const about = await office.call('nutrition.about', {});
    expect(about.attribution).toMatch(/World Health Organization/);
    // The same credit in Marathi: standard, years and copyright holder, not an English-only line.
    expect(about.attributionText.en).toBe(about.attribution);
    expect(about.attributionText.mr).toContain('जागतिक आरोग्य संघटना');
    expect(about.attributionText.mr).toMatch(/बाल वाढ मानक.*२००६.*वाढ संदर्भ.*२००७/);
    expect(about.statusLabels.wasting['sam']?.label.en).toMatch(/SAM/);
    expect(Object.keys(about.statusLabels)).toEqual(['wfa', 'wasting', 'stunting', 'thinness']);
    office.close();
  });
});
