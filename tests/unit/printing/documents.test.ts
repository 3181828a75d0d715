import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aadhaarFrom } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';
import { AADHAAR_LIKE, pdfByteViews, pdfInfo, pdfText, saveArtifact, withoutHexStrings } from '../cards/fixtures.ts';
import { count, printOffice, query } from './helpers.ts';

const tempDir = useTempDirs();
const A4: [number, number] = [595.28, 841.89];
const A5: [number, number] = [419.53, 595.28];
const FULL_NUMBERS = [aadhaarFrom('23456789012'), aadhaarFrom('34567890123')];

function writePdf(dir: string, name: string, file: { base64: string; bytes: number; fileName: string }): string {
  const bytes = Buffer.from(file.base64, 'base64');
  expect(bytes.length).toBe(file.bytes);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(file.fileName).toMatch(/^mts-[a-z0-9-]+\.pdf$/);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  saveArtifact(path, `printing-${name}`);
  return path;
}

/** `printedTwelveDigits`: numbers that rightly appear (a Maharashtra ration card number has 12 digits too). */
function expectNoAadhaar(pdf: string, printedTwelveDigits: string[] = []): void {
  for (const view of pdfByteViews(pdf)) {
    for (const number of FULL_NUMBERS) expect(view).not.toContain(number);
    const rest = printedTwelveDigits.reduce((v, n) => v.replaceAll(n, '<ration card>'), withoutHexStrings(view));
    expect(rest).not.toMatch(AADHAAR_LIKE);
  }
}

describe('household documents', () => {
  it('prints the A5 family sheet from the records and logs it against the household', async () => {
    const dir = tempDir();
    const { office, pawar } = await printOffice(dir, 0);
    const file = await office.call('printing.familySheet', { householdId: pawar.householdId });
    const pdf = writePdf(dir, 'family-sheet.pdf', file);
    await office.call('printing.confirmPrinted', { jobId: file.jobId });
    expect(new Set(pdfInfo(pdf).sizes.map((s) => s.join('x')))).toEqual(new Set([A5.join('x')]));
    const text = pdfText(pdf);
    for (const name of ['रामदास विठ्ठल पवार', 'Ramdas Vitthal Pawar', 'सुनीता रामदास पवार', 'Ganesh Ramdas Pawar', 'Pooja Ramdas Pawar']) expect(text).toContain(name);
    for (const b of pawar.beneficiaries) expect(text).toContain(b.mtsId.replace(/(\d{4})(?=\d)/g, '$1 '));
    // Ganesh (8.1 kg at 23 months, MUAC 118 mm): severely underweight, and MAM by MUAC (115–124 mm).
    expect(text).toContain('Severely underweight (SUW)');
    expect(text).toContain('Moderate acute malnutrition (MAM)');
    // The destination is the trip's district; the home AWC worker's phone; the mukadam.
    expect(text).toContain('Beed');
    expect(text).toContain('9876543210');
    expect(text).toContain('Bhagwan Sanap (mukadam)');
    expectNoAadhaar(pdf);
    const jobs = query<{ layout: string; count: number; household_id: string }>(dir, 'SELECT layout, count, household_id FROM print_job');
    expect(jobs).toEqual([{ layout: 'family-sheet', count: 3, household_id: pawar.householdId }]);
    expect(count(dir, 'SELECT count(*) n FROM card_print')).toBe(0);
    office.close();
  });

  it('prints the blank and the filled registration form, the filled one with the Aadhaar masked', async () => {
    const dir = tempDir();
    const { office, pawar } = await printOffice(dir, 0);
    const blankFile = await office.call('printing.blankForm', {});
    const blank = writePdf(dir, 'form-blank.pdf', blankFile);
    await office.call('printing.confirmPrinted', { jobId: blankFile.jobId });
    expect(new Set(pdfInfo(blank).sizes.map((s) => s.join('x')))).toEqual(new Set([A4.join('x')]));
    const blankText = pdfText(blank);
    expect(blankText).toContain('स्थलांतरित कुटुंब नोंदणी अर्ज');
    expect(blankText).toContain('Migrant household registration form');
    expect(blankText).not.toContain('Pawar');

    const filledFile = await office.call('printing.filledForm', { householdId: pawar.householdId });
    const filled = writePdf(dir, 'form-filled.pdf', filledFile);
    await office.call('printing.confirmPrinted', { jobId: filledFile.jobId });
    const text = pdfText(filled);
    for (const value of ['Ramdas Vitthal Pawar', 'रामदास विठ्ठल पवार', 'Sunita Ramdas Pawar', 'Molgi', '9823012345', '272012345678', 'Vaidyanath sugar factory, Parli', 'बीड / Beed']) {
      expect(text).toContain(value);
    }
    expect(text.replace(/\s+/g, ' ')).toContain(`XXXX XXXX ${FULL_NUMBERS[0]!.slice(-4)}`);
    expectNoAadhaar(filled, ['272012345678']);
    const jobs = query<{ layout: string; household_id: string | null }>(dir, 'SELECT layout, household_id FROM print_job ORDER BY printed_at');
    expect(jobs).toEqual([
      { layout: 'blank-form', household_id: null },
      { layout: 'filled-form', household_id: pawar.householdId },
    ]);
    await expect(office.call('printing.filledForm', { householdId: 'no-such-household' })).rejects.toMatchObject({ problem: { code: 'not-found' } });
    expect(count(dir, 'SELECT count(*) n FROM print_job')).toBe(2);
    office.close();
  });
});
