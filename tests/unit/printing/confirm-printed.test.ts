import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp.ts';
import { pdfText } from '../cards/fixtures.ts';
import { count, printOffice, waitForJob } from './helpers.ts';

const tempDir = useTempDirs();

describe('a card counts as printed only once its PDF was saved or sent to the printer', () => {
  it('making the PDF logs nothing; confirming logs once; confirming again does not count twice', async () => {
    const dir = tempDir();
    const { office, pawar } = await printOffice(dir, 0);
    const selection = { notPrinted: true, beneficiaryIds: pawar.beneficiaries.map((b) => b.id) };

    const job = await office.call('printing.start', { selection, layout: 'a4-sheet' });
    expect((await waitForJob(office, job.id)).final).toMatchObject({ status: 'done', printed: false });
    // The PDF is made and even fetched for the save dialog: still nothing in the print log.
    const file = await office.call('printing.download', { jobId: job.id });
    const pdf = join(dir, 'pawar.pdf');
    writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
    expect(pdfText(pdf)).toContain('Sunita Ramdas Pawar');
    expect(file.jobId).toBe(job.id);
    expect(count(dir, 'SELECT count(*) n FROM print_job')).toBe(0);
    expect(count(dir, 'SELECT count(*) n FROM card_print')).toBe(0);
    expect((await office.call('printing.preview', { selection })).count).toBe(pawar.beneficiaries.length);
    expect(await office.call('printing.history', {})).toEqual([]);

    // Saved: confirmed once, logged with one card version each, and the cards leave "not printed yet".
    expect(await office.call('printing.confirmPrinted', { jobId: job.id })).toEqual({ recorded: true });
    expect(count(dir, 'SELECT count(*) n FROM print_job')).toBe(1);
    expect(count(dir, 'SELECT count(*) n FROM card_print')).toBe(pawar.beneficiaries.length);
    expect(count(dir, `SELECT count(*) n FROM audit_log WHERE action = 'print_job.insert'`)).toBe(1);
    expect((await office.call('printing.preview', { selection })).count).toBe(0);
    expect((await office.call('printing.job', { jobId: job.id })).printed).toBe(true);

    // Saved and then printed as well (or a double click): not a second print, not version 2.
    expect(await office.call('printing.confirmPrinted', { jobId: job.id })).toEqual({ recorded: false });
    expect(count(dir, 'SELECT count(*) n FROM print_job')).toBe(1);
    expect(count(dir, 'SELECT max(version) n FROM card_print')).toBe(1);
    office.close();
  });

  it('a cancelled save or print (no confirmation) leaves the cards unprinted; a failed or unknown job cannot be confirmed', async () => {
    const dir = tempDir();
    const { office, pawar } = await printOffice(dir, 0);
    const selection = { beneficiaryIds: pawar.beneficiaries.map((b) => b.id) };
    const cancelled = await office.call('printing.start', { selection, layout: 'cr80' });
    await waitForJob(office, cancelled.id);
    await office.call('printing.download', { jobId: cancelled.id });
    // The operator cancelled the dialog and left the page.
    await office.call('printing.discard', { jobId: cancelled.id });
    expect(count(dir, 'SELECT count(*) n FROM print_job')).toBe(0);
    expect((await office.call('printing.preview', { selection })).reprints).toBe(0);

    const unknown = await office.api.call(office.session, 'printing.confirmPrinted', { jobId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown).toMatchObject({ ok: false, problem: { code: 'print-job-unknown' } });
    expect(count(dir, 'SELECT count(*) n FROM print_job')).toBe(0);
    office.close();
  });

  it('family sheet and forms: in the print log only once confirmed, and only once', async () => {
    const dir = tempDir();
    const { office, pawar } = await printOffice(dir, 0);
    const sheet = await office.call('printing.familySheet', { householdId: pawar.householdId });
    const blank = await office.call('printing.blankForm', {});
    expect(count(dir, 'SELECT count(*) n FROM print_job')).toBe(0);
    expect(await office.call('printing.confirmPrinted', { jobId: sheet.jobId })).toEqual({ recorded: true });
    expect(await office.call('printing.confirmPrinted', { jobId: sheet.jobId })).toEqual({ recorded: false });
    expect(count(dir, `SELECT count(*) n FROM print_job WHERE layout = 'family-sheet' AND household_id = ?`, pawar.householdId)).toBe(1);
    // The blank form was cancelled: never confirmed, never logged.
    expect(blank.jobId).not.toBe(sheet.jobId);
    expect(count(dir, `SELECT count(*) n FROM print_job WHERE layout = 'blank-form'`)).toBe(0);
    office.close();
  });
});
