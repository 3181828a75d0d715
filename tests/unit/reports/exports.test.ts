import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp.ts';
import { daysAgo } from '../../helpers/registration.ts';
import { buildDataset, MOLGI, type Dataset } from './dataset.ts';

const tempDir = useTempDirs();
let set: Dataset;

beforeAll(async () => {
  set = await buildDataset(tempDir());
}, 60_000);
afterAll(() => set?.office.close());

async function workbook(name: 'registrations' | 'mgnrega' | 'efflux', awcCode: string | null = null) {
  const file = await set.office.call('reports.excel', { name, from: set.from, to: set.to, awcCode });
  expect(file.fileName).toMatch(new RegExp(`^mts-${name}-${set.from}_${set.to}${awcCode ? `-${awcCode}` : ''}\\.xlsx$`));
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(file.base64, 'base64') as never);
  return book.worksheets[0]!;
}

function pdfText(base64: string, name: string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, Buffer.from(base64, 'base64'));
  // -raw keeps the order things were drawn in: a table row comes out as its cells, one a line.
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-raw', path, '-'], { encoding: 'utf8' }).split('\n').join('|');
}

describe('report exports', () => {
  it('Excel: title block, Marathi and English header rows, frozen headers, numbers as numbers, totals', async () => {
    const sheet = await workbook('registrations');
    expect(String(sheet.getCell('A1').value)).toContain('प्रकल्प कार्यालय / Project office: अक्कलकुवा एकात्मिक बाल विकास प्रकल्प / Akkalkuwa ICDS Project');
    expect(String(sheet.getCell('A2').value)).toBe('अंगणवाडी व लाभार्थी प्रकारानुसार नोंदणी / Registrations by Anganwadi and beneficiary category');
    const filter = String(sheet.getCell('A3').value);
    expect(filter).toContain(`${set.from.split('-').reverse().join('-')} – ${set.to.split('-').reverse().join('-')}`);
    expect(filter).toContain('सर्व अंगणवाड्या / All Anganwadis');
    expect(filter).toMatch(/Generated: \d{2}-\d{2}-\d{4} \d{2}:\d{2}/);
    expect(sheet.getRow(5).values).toContain('कुटुंबे');
    expect(sheet.getRow(5).values).toContain('लाभार्थी'.length > 0 ? 'एकूण लाभार्थी' : '');
    expect(sheet.getRow(6).values).toContain('Households');
    expect(sheet.getRow(6).values).toContain('All beneficiaries');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
    expect(sheet.getColumn(2).width).toBeGreaterThan(20);
    const molgi = sheet.getRow(7);
    expect(molgi.getCell(1).value).toBe(MOLGI);
    expect(molgi.getCell(3).value).toBe(2);
    expect(typeof molgi.getCell(3).value).toBe('number');
    const totals = sheet.getRow(9);
    expect(String(totals.getCell(1).value)).toContain('Total');
    expect(totals.getCell(3).value).toBe(4);
    expect(totals.getCell(3).font?.bold).toBe(true);
  });

  it('Excel: dates are real dates shown DD-MM-YYYY; the AWC filter is named in the title block', async () => {
    const sheet = await workbook('mgnrega', MOLGI);
    expect(String(sheet.getCell('A3').value)).toContain(`${MOLGI} मोलगी अंगणवाडी / Molgi AWC`);
    const headers = (sheet.getRow(6).values as unknown[]).map(String);
    const expectedReturn = headers.indexOf('Expected return');
    const returnMonth = headers.indexOf('Expected return month');
    expect(sheet.getRow(5).getCell(expectedReturn).value).toBe('अपेक्षित परतीचा दिनांक');
    const cell = sheet.getRow(7).getCell(expectedReturn);
    expect(cell.value).toBeInstanceOf(Date);
    expect((cell.value as Date).toISOString().slice(0, 10)).toBe(daysAgo(-150));
    expect(cell.numFmt).toBe('dd-mm-yyyy');
    expect(sheet.getRow(7).getCell(returnMonth).value).toBeInstanceOf(Date);
    expect(sheet.getRow(7).getCell(headers.indexOf('Job card number')).value).toBe('MH-23-003-004-005/1');
  });

  it('PDF: Marathi and English headings, the office, the period and the numbers, readable by pdftotext', async () => {
    const registrations = await set.office.call('reports.pdf', { name: 'registrations', from: set.from, to: set.to, awcCode: null });
    expect(registrations.fileName).toBe(`mts-registrations-${set.from}_${set.to}.pdf`);
    const text = pdfText(registrations.base64, 'registrations.pdf');
    expect(text).toContain('अंगणवाडी व लाभार्थी प्रकारानुसार नोंदणी');
    expect(text).toContain('Registrations by Anganwadi and beneficiary category');
    expect(text).toContain('प्रकल्प कार्यालय');
    expect(text).toContain('Akkalkuwa ICDS Project');
    expect(text).toContain(set.to.split('-').reverse().join('-'));
    expect(text).toContain('Molgi AWC');
    // Molgi's row, then the totals: households, the eight categories in order, all beneficiaries.
    expect(text).toContain('मोलगी अंगणवाडी / Molgi AWC|2|1|1|2|0|0|1|0|0|5|');
    expect(text).toContain('एकूण / Total|4|1|1|2|0|1|1|2|0|8|');

    const services = await set.office.call('reports.pdf', { name: 'services', from: daysAgo(100), to: set.to, awcCode: null });
    const servicesText = pdfText(services.base64, 'services.pdf');
    expect(servicesText).toContain('गरोदर महिला');
    expect(servicesText).toContain('Pregnant women');
    expect(servicesText).toContain('Services coverage');
  });
});
