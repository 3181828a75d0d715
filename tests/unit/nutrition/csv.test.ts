import { describe, expect, it } from 'vitest';
import { assessNutrition, classifyCsv, CsvFormatError } from '../../../src-main/nutrition/index.ts';
import { parseCsv } from '../../../src-main/nutrition/csv.ts';
import { readSurvey } from './who-fixtures.ts';

function records(csv: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(csv);
  return rows.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ''])));
}

describe('parseCsv', () => {
  it('handles quoted commas, doubled quotes, line breaks in quotes, CRLF and a BOM', () => {
    const text = '\ufeffa,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n1,,3';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
      ['1', '', '3'],
    ]);
  });

  it('keeps empty trailing fields and old-Mac CR line ends', () => {
    expect(parseCsv('a,b,\r1,,')).toEqual([
      ['a', 'b', ''],
      ['1', '', ''],
    ]);
    expect(parseCsv('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
    expect(parseCsv('"",x')).toEqual([['', 'x']]);
  });

  it('rejects an unterminated quote', () => {
    expect(() => parseCsv('a,b\n"open,1')).toThrow(CsvFormatError);
  });
});

describe('classifyCsv', () => {
  // Survey children 1 and 4 with WHO's own z-scores (igrowup, survey_z_rc.csv).
  const survey = readSurvey();
  const pick = (id: string) => {
    const r = survey.rows.find((row) => row[0] === id)!;
    const get = (name: string) => r[survey.header.indexOf(name)] ?? '';
    return { get, who: ['_ZWEI', '_ZLEN', '_ZWFL', '_ZBMI'].map((c) => Number(get(c))) };
  };
  const c1 = pick('1');
  const c4 = pick('4');

  const input = [
    'child_name,muac_mm,Age_Days,SEX,lenhei_cm,weight_kg,measure,oedema,awc',
    `"Kale, Asha",149,${c1.get('_agedays')},f,${c1.get('HEIGHT')},${c1.get('WEIGHT')},l,n,AWC 1`,
    `"Pawar ""Raju""",170,${c4.get('_agedays')},m,${c4.get('HEIGHT')},${c4.get('WEIGHT')},h,n,"AWC 2, hamlet"`,
    'Bad row,,300,x,70,abc,l,n,AWC 3',
    'Oedema,,400,f,74,8.1,L,Y,AWC 1',
    'Older child,,3000,m,125,22,,n,AWC 4',
    'MUAC only,110,500,m,,,,,AWC 4',
    ',,,,,,,,',
    '',
  ].join('\r\n');

  const result = classifyCsv(input);
  const out = records(result.csv);

  it('keeps every input column in order and appends the results', () => {
    const header = parseCsv(result.csv)[0];
    expect(header?.slice(0, 9)).toEqual(['child_name', 'muac_mm', 'Age_Days', 'SEX', 'lenhei_cm', 'weight_kg', 'measure', 'oedema', 'awc']);
    expect(header).toEqual(expect.arrayContaining(['waz', 'haz', 'whz', 'baz', 'flags', 'wfa_status', 'wasting_status', 'stunting_status', 'thinness_status', 'error']));
    expect(out.map((r) => r['child_name'])).toEqual(['Kale, Asha', 'Pawar "Raju"', 'Bad row', 'Oedema', 'Older child', 'MUAC only']);
    expect(out[1]?.['awc']).toBe('AWC 2, hamlet');
    expect(result.rows).toBe(6);
  });

  it("reproduces WHO's z-scores for survey children", () => {
    for (const [row, child] of [
      [out[0], c1],
      [out[1], c4],
    ] as const) {
      const ours = ['waz', 'haz', 'whz', 'baz'].map((k) => Number(row?.[k]));
      ours.forEach((z, i) => expect(Math.abs(z - child.who[i]!)).toBeLessThanOrEqual(0.01));
      expect(row?.['error']).toBe('');
    }
  });

  it('gives a per-row error naming each bad field, without stopping', () => {
    const bad = out[2]!;
    expect(bad['error']).toMatch(/sex 'x' is not m or f/);
    expect(bad['error']).toMatch(/weight_kg 'abc' is not a number/);
    expect(bad['waz']).toBe('');
    expect(bad['wfa_status']).toBe('');
    expect(result.counts['error']).toBe(1);
  });

  it('handles oedema, 5–19 y and MUAC-only rows', () => {
    const oedema = out[3]!;
    expect([oedema['waz'], oedema['whz'], oedema['baz']]).toEqual(['', '', '']);
    expect(oedema['haz']).not.toBe('');
    expect(oedema['wasting_status']).toBe('sam');
    expect(oedema['flags']).toContain('oedema');

    const older = out[4]!;
    expect(older['reference']).toBe('who2007');
    expect(older['whz']).toBe('');
    expect(older['wasting_status']).toBe('');
    expect(older['thinness_status']).not.toBe('');
    const a = assessNutrition({ sex: 'm', ageDays: 3000, weightKg: 22, lengthHeightCm: 125 });
    expect(older['baz']).toBe(a.z.baz?.toFixed(2));
    expect(older['haz']).toBe(a.z.haz?.toFixed(2));

    expect(out[5]?.['wasting_status']).toBe('sam');
  });

  it('counts rows by status', () => {
    expect(result.counts['wasting_status:sam']).toBe(2);
    expect(result.counts['wasting_status:mam']).toBe(0);
    const total = (prefix: string) =>
      Object.entries(result.counts)
        .filter(([k]) => k.startsWith(prefix))
        .reduce((n, [, v]) => n + v, 0);
    expect(total('wfa_status:')).toBe(4); // children 1 and 4, oedema (SUW), the 8-year-old
    expect(total('thinness_status:')).toBe(1); // only the 8-year-old
    expect(result.counts['wfa_status:suw']).toBe(1); // the oedema row
    expect(result.counts['flag:oedema']).toBe(1);
  });

  it('classifies the whole WHO survey file, passing its columns through', () => {
    const text = [
      'id,sex,age_days,weight_kg,lenhei_cm,measure,oedema',
      ...survey.rows.map((r) => {
        const g = (n: string) => r[survey.header.indexOf(n)] ?? '';
        return [g('id'), g('GENDER') === '1' ? 'm' : 'f', g('_agedays'), g('WEIGHT'), g('HEIGHT'), g('measure'), g('oedema')].join(',');
      }),
    ].join('\n');
    const all = classifyCsv(text);
    expect(all.rows).toBe(survey.rows.length);
    expect(all.counts['error']).toBe(0);
    const rows = records(all.csv);
    let checked = 0;
    rows.forEach((row, i) => {
      const who = survey.rows[i]![survey.header.indexOf('_ZWFL')] ?? '';
      if (who === '' || Number(row['age_days']) < 14) return;
      expect(Math.abs(Number(row['whz']) - Number(who))).toBeLessThanOrEqual(0.01);
      checked++;
    });
    expect(checked).toBeGreaterThan(450);
  });

  it('rejects a file without the required columns', () => {
    expect(() => classifyCsv('name,weight_kg\nA,10\n')).toThrow(/sex, age_days/);
    expect(() => classifyCsv('')).toThrow(CsvFormatError);
  });
});
