import { describe, expect, it } from 'vitest';
import { formatCsvField, parseCsv } from '../../../src-main/common/csv.ts';
import { classifyCsv } from '../../../src-main/nutrition/index.ts';

describe('CSV export and formula injection', () => {
  it("puts a single quote before text a spreadsheet would run as a formula (= + - @ tab CR), OWASP's rule", () => {
    expect(formatCsvField('=HYPERLINK("http://x.example","click")')).toBe(`"'=HYPERLINK(""http://x.example"",""click"")"`);
    expect(formatCsvField('+cmd|/C calc!A0')).toBe("'+cmd|/C calc!A0");
    expect(formatCsvField('-1+2')).toBe("'-1+2");
    expect(formatCsvField('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(formatCsvField('\t=1+1')).toBe("'\t=1+1");
    expect(formatCsvField('\r=1+1')).toBe(`"'\r=1+1"`);
    // Ordinary text and values are untouched.
    expect(formatCsvField('Kale, Asha')).toBe('"Kale, Asha"');
    expect(formatCsvField('a=b')).toBe('a=b');
    expect(formatCsvField(null)).toBe('');
  });

  it('keeps plain numbers, negative ones included, as numbers a spreadsheet can sort and sum', () => {
    for (const number of ['-2.31', '-3', '+1.5', '-0.5e2', '.5', '-.75', '12', -2.31, 0]) {
      expect(formatCsvField(number)).toBe(String(number));
    }
    // Not a plain number, so neutralised even though it starts with a digit-like sign.
    expect(formatCsvField('-2.31+A1')).toBe("'-2.31+A1");
  });

  it('neutralises formula cells passed through the batch classification, while z-scores stay numbers', () => {
    const input = [
      'child,sex,age_days,weight_kg,lenhei_cm,measure,note',
      '=HYPERLINK("http://x.example"),f,400,6.2,72,l,@SUM(1+1)',
      '"-2+3",m,500,10,78,l,+91 cmd',
      '"\tTab",f,300,5,60,l,plain',
    ].join('\n');
    const { csv } = classifyCsv(input);
    const [header, ...rows] = parseCsv(csv);
    const col = (name: string) => header!.indexOf(name);
    expect(rows.map((row) => row[col('child')])).toEqual(["'=HYPERLINK(\"http://x.example\")", "'-2+3", "'\tTab"]);
    expect(rows.map((row) => row[col('note')])).toEqual(["'@SUM(1+1)", "'+91 cmd", 'plain']);
    // The first child is wasted: a negative z-score, written as a bare number.
    const whz = rows.map((row) => row[col('whz')]!);
    expect(whz.some((z) => z.startsWith('-'))).toBe(true);
    for (const z of [...whz, ...rows.map((row) => row[col('waz')]!)]) expect(z).toMatch(/^-?\d+\.\d\d$/);
    // No exported line begins a cell with a formula character unless it is a plain number.
    for (const row of rows) for (const cell of row) expect(/^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell)).toBe(false);
  });
});
