import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aadhaarFrom } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';
import { CARD_GEOMETRY } from '../../../src-main/cards/card.ts';
import { EMPTY_SELECTION, printJobs, startCardJob } from '../../../src-main/printing/index.ts';
import {
  AADHAAR_LIKE,
  decodeQr,
  greyPixels,
  pdfByteViews,
  pdfInfo,
  pdfText,
  portraitJpeg,
  rasterise,
  saveArtifact,
  withoutHexStrings,
} from '../cards/fixtures.ts';
import { count, downloadTo, MOLGI, printedJob, printFiles, printOffice, query, waitForJob } from './helpers.ts';

const tempDir = useTempDirs();
const A4: [number, number] = [595.28, 841.89];
const CR80: [number, number] = [242.65, 153.07];
const grouped = (id: string): string => id.replace(/(\d{4})(?=\d)/g, '$1 ');
const SUNITA_AADHAAR = aadhaarFrom('34567890123');
const HEAD_AADHAAR = aadhaarFrom('23456789012');

interface BeneficiaryRow {
  id: string;
  mts_id: string;
  name_mr: string;
  name_en: string;
}

describe('printing the not-yet-printed cards of one AWC', () => {
  it('renders every card in a worker, logs one job and version 1 per card, and then has nothing left to print', async () => {
    const dir = tempDir();
    const { office } = await printOffice(dir);
    const admin = query<{ id: string }>(dir, `SELECT id FROM operator WHERE username = 'admin'`)[0]!.id;
    // Independent of the selection code: the active people of Molgi's households, straight from the tables.
    const molgi = query<BeneficiaryRow>(
      dir,
      `SELECT b.id, b.mts_id, b.name_mr, b.name_en FROM beneficiary b JOIN household h ON h.id = b.household_id
       WHERE h.awc_code = ? AND b.status = 'active' AND h.status = 'active'`,
      MOLGI,
    );
    expect(molgi.length).toBeGreaterThan(10);

    const selection = { notPrinted: true, awcCode: MOLGI };
    const preview = await office.call('printing.preview', { selection });
    expect(preview.count).toBe(molgi.length);
    expect(preview.reprints).toBe(0);
    expect(preview.rows.length).toBe(Math.min(25, molgi.length));

    const started = await office.call('printing.start', { selection, layout: 'a4-sheet' });
    expect(started.status).toBe('running');
    expect(started.total).toBe(molgi.length);
    // Nothing is logged while the PDF is being made.
    expect(count(dir, 'SELECT count(*) n FROM print_job')).toBe(0);
    const { final, seen } = await waitForJob(office, started.id);
    expect(final).toMatchObject({ status: 'done', done: molgi.length, total: molgi.length, error: null });
    const dones = seen.map((s) => s.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));

    const pdf = join(dir, 'molgi.pdf');
    const bytes = await downloadTo(office, started.id, pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    saveArtifact(pdf, 'printing-molgi-a4.pdf');
    const info = pdfInfo(pdf);
    expect(info.pages).toBe(Math.ceil(molgi.length / 10));
    expect(new Set(info.sizes.map((s) => s.join('x')))).toEqual(new Set([A4.join('x')]));
    const text = pdfText(pdf);
    for (const b of molgi) {
      expect(text).toContain(b.name_mr);
      expect(text).toContain(b.name_en);
      expect(text).toContain(grouped(b.mts_id));
    }
    // Sunita's card carries only the mask of her Aadhaar; no full number anywhere in the file.
    expect(text).toContain(`XXXX XXXX ${SUNITA_AADHAAR.slice(-4)}`);
    for (const view of pdfByteViews(pdf)) {
      expect(view).not.toContain(SUNITA_AADHAAR);
      expect(view).not.toContain(HEAD_AADHAAR);
      expect(withoutHexStrings(view)).not.toMatch(AADHAAR_LIKE);
    }

    const jobs = query<{ id: string; layout: string; count: number; printed_by: string; reason: string | null }>(dir, 'SELECT * FROM print_job');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ layout: 'a4-sheet', count: molgi.length, printed_by: admin, reason: null });
    const cards = query<{ beneficiary_id: string; version: number }>(dir, 'SELECT beneficiary_id, version FROM card_print WHERE job_id = ?', jobs[0]!.id);
    expect(new Set(cards.map((c) => c.beneficiary_id))).toEqual(new Set(molgi.map((b) => b.id)));
    expect(cards.every((c) => c.version === 1)).toBe(true);
    // Through the write path: in the change log for sync and on the audit trail.
    expect(count(dir, `SELECT count(*) n FROM change_log WHERE entity = 'card_print'`)).toBe(molgi.length);
    expect(count(dir, `SELECT count(*) n FROM change_log WHERE entity = 'print_job' AND entity_id = ?`, jobs[0]!.id)).toBe(1);
    expect(count(dir, `SELECT count(*) n FROM audit_log WHERE action = 'print_job.insert' AND operator_id = ?`, admin)).toBe(1);
    expect(count(dir, `SELECT count(*) n FROM audit_log WHERE action = 'card_print.insert-many'`)).toBe(1);

    const after = await office.call('printing.preview', { selection });
    expect(after.count).toBe(0);
    const history = await office.call('printing.history', {});
    expect(history[0]).toMatchObject({ layout: 'a4-sheet', count: molgi.length, printedBy: 'Rekha Gavit' });
    expect(history[0]!.cards.every((c) => c.version === 1)).toBe(true);
    office.close();
  });
});

describe('reprints', () => {
  it('refuses a reprint without a reason (naming the field), logs nothing, and numbers versions with one', async () => {
    const dir = tempDir();
    const { office, pawar } = await printOffice(dir, 0);
    const sunita = pawar.beneficiaries[0]!;
    const selection = { beneficiaryIds: [sunita.id] };

    const first = await office.call('printing.start', { selection, layout: 'cr80' });
    await printedJob(office, first.id);
    expect((await office.call('printing.preview', { selection })).reprints).toBe(1);

    const refused = await office.call('printing.start', { selection, layout: 'cr80' }).catch((error: { problem: { code: string; fields: { field: string }[]; text: { en: string; mr: string } } }) => error.problem);
    expect(refused).toMatchObject({ code: 'reprint-reason-required' });
    const problem = refused as { fields: { field: string }[]; text: { en: string; mr: string } };
    expect(problem.fields.map((f) => f.field)).toEqual(['reason']);
    expect(problem.text.en).toContain('"reason"');
    expect(problem.text.mr).toMatch(/[\u0900-\u097F]/);
    const tooShort = await office.call('printing.start', { selection, layout: 'cr80', reason: '  x ' }).then(
      () => 'started',
      () => 'refused',
    );
    expect(tooShort).toBe('refused');
    expect(count(dir, 'SELECT count(*) n FROM print_job')).toBe(1);
    expect(printFiles(dir).filter((f) => f.endsWith('.part'))).toEqual([]);

    for (const reason of ['Card lost at the worksite', 'Washed in the rain']) {
      const job = await office.call('printing.start', { selection, layout: 'cr80', reason });
      await printedJob(office, job.id);
    }
    const versions = query<{ version: number; reason: string | null }>(
      dir,
      'SELECT cp.version, j.reason FROM card_print cp JOIN print_job j ON j.id = cp.job_id WHERE cp.beneficiary_id = ? ORDER BY cp.version',
      sunita.id,
    );
    expect(versions).toEqual([
      { version: 1, reason: null },
      { version: 2, reason: 'Card lost at the worksite' },
      { version: 3, reason: 'Washed in the rain' },
    ]);
    const history = await office.call('printing.history', {});
    expect(history.map((h) => h.cards[0]?.version)).toEqual([3, 2, 1]);
    expect(history[0]!.reason).toBe('Washed in the rain');
    office.close();
  });
});

describe('CR80 cards for PVC printers', () => {
  it('puts one card per CR80 page, in print order, with the photo on record and a QR code zbarimg decodes', async () => {
    const dir = tempDir();
    const { office, pawar } = await printOffice(dir, 0);
    // Sunita's photo, as the registration screen stores it: a JPEG (encoded here from a drawn portrait).
    const jpeg = portraitJpeg();
    office.data.writer.write({ operatorId: null }, (batch) =>
      batch.insert('beneficiary_photo', { beneficiary_id: pawar.beneficiaries[0]!.id, jpeg, taken_at: new Date().toISOString() }),
    );
    const selection = { beneficiaryIds: pawar.beneficiaries.map((b) => b.id) };
    const preview = await office.call('printing.preview', { selection });
    const job = await office.call('printing.start', { selection, layout: 'cr80' });
    expect((await waitForJob(office, job.id)).final.status).toBe('done');
    const pdf = join(dir, 'pawar-cr80.pdf');
    await downloadTo(office, job.id, pdf);
    saveArtifact(pdf, 'printing-pawar-cr80.pdf');
    const info = pdfInfo(pdf);
    expect(info.pages).toBe(3);
    expect(info.sizes).toEqual([CR80, CR80, CR80]);
    // Oldest first within the household: Sunita (1998), Pooja (declared 13 years), Ganesh (under 2).
    expect(preview.rows.map((r) => r.nameEn)).toEqual(['Sunita Ramdas Pawar', 'Pooja Ramdas Pawar', 'Ganesh Ramdas Pawar']);
    // The portrait (face RGB 150/105/80 → grey ≈ 116, shirt 180/40/60 → grey ≈ 84) fills the photo box of
    // Sunita's card only; the next card keeps the empty, light box.
    const { photo } = CARD_GEOMETRY;
    const centreX = photo.x + photo.w / 2;
    const withPhoto = greyPixels(pdf, 1, 150, join(dir, 'grey-1'));
    expect(Math.abs(withPhoto.at(centreX, photo.y + photo.h * 0.38) - 116)).toBeLessThan(25);
    expect(Math.abs(withPhoto.at(centreX, photo.y + photo.h * 0.9) - 84)).toBeLessThan(25);
    const without = greyPixels(pdf, 2, 150, join(dir, 'grey-2'));
    expect(without.at(centreX, photo.y + photo.h * 0.9)).toBeGreaterThan(200);
    for (const [i, row] of preview.rows.entries()) {
      const png = rasterise(pdf, i + 1, 300, join(dir, `card-${i + 1}`));
      expect(decodeQr(png)).toEqual([row.mtsId]);
      const text = pdfText(pdf, ['-f', String(i + 1), '-l', String(i + 1)]);
      expect(text).toContain(row.nameMr);
    }
    office.close();
  });
});

describe('a job that fails', () => {
  it('logs nothing and leaves no file when a record cannot be printed half-way through', async () => {
    const dir = tempDir();
    const { office, pawar } = await printOffice(dir, 0);
    const household = pawar.householdId;
    // A record damaged outside the app (the column only checks the length): the renderer refuses its ID.
    const badId = 'bad-record-0001';
    office.data.writer.write({ operatorId: null }, (batch) =>
      batch.insert('beneficiary', {
        id: badId,
        household_id: household,
        mts_id: '27140010000000AB',
        name_mr: 'चुकीची नोंद',
        name_en: 'Damaged Record',
        sex: 'f',
        dob: '2015-01-01',
        relation: 'daughter',
        lmp_date: null,
        delivery_date: null,
        aadhaar_last4: null,
        aadhaar_bucket: null,
        aadhaar_sealed: null,
        status_reason: null,
        created_at: new Date().toISOString(),
        created_by: null,
      }),
    );
    const good = pawar.beneficiaries.map((b) => b.id);
    // Print order is by age: the damaged record (born 2015) comes after Sunita and Pooja, whose pages are written first.
    const job = await office.call('printing.start', { selection: { beneficiaryIds: [...good, badId] }, layout: 'cr80' });
    const { final } = await waitForJob(office, job.id);
    expect(final.status).toBe('failed');
    expect(final.error?.en).toContain('cannot be printed');
    expect(final.error?.mr).toMatch(/[\u0900-\u097F]/);
    expect(printFiles(dir)).toEqual([]);
    expect(count(dir, 'SELECT count(*) n FROM print_job')).toBe(0);
    expect(count(dir, 'SELECT count(*) n FROM card_print')).toBe(0);
    await expect(office.call('printing.download', { jobId: job.id })).rejects.toMatchObject({ problem: { code: 'print-not-ready' } });

    // The same people without the damaged record print fine afterwards.
    const retry = await office.call('printing.start', { selection: { beneficiaryIds: good }, layout: 'a4-sheet' });
    const done = await waitForJob(office, retry.id);
    expect(done.final.status).toBe('done');
    expect(printFiles(dir)).toEqual([join(String(process.pid), `${retry.id}.pdf`)]);
    await office.call('printing.confirmPrinted', { jobId: retry.id });
    expect(count(dir, 'SELECT count(*) n FROM card_print')).toBe(3);
    office.close();
  });
});

describe('a job whose worker stops', () => {
  it('fails cleanly when the worker is stopped mid-job (the office is closed), with no file and no log', async () => {
    const dir = tempDir();
    const { office, pawar } = await printOffice(dir, 0);
    const jobs = printJobs(office.data);
    const job = startCardJob(office.data, { operatorId: null }, { selection: { ...EMPTY_SELECTION, beneficiaryIds: pawar.beneficiaries.map((b) => b.id) }, layout: 'a4-sheet', reason: '' });
    await jobs.close();
    const final = await jobs.wait(job.id);
    expect(final.status).toBe('failed');
    expect(final.error?.en).toContain('nothing was printed or logged');
    expect(printFiles(dir)).toEqual([]);
    expect(count(dir, 'SELECT count(*) n FROM print_job')).toBe(0);
    // A new worker takes the next job.
    const again = startCardJob(office.data, { operatorId: null }, { selection: { ...EMPTY_SELECTION, beneficiaryIds: pawar.beneficiaries.map((b) => b.id) }, layout: 'a4-sheet', reason: '' });
    expect((await jobs.wait(again.id)).status).toBe('done');
    jobs.confirm({ operatorId: null }, again.id);
    expect(count(dir, 'SELECT count(*) n FROM card_print')).toBe(3);
    await jobs.close();
    office.close();
  });
});

describe('who may print cards', () => {
  it('keeps card printing to supervisors, while any operator may print the blank form', async () => {
    const dir = tempDir();
    const { office } = await printOffice(dir, 0);
    await office.call('operators.add', { username: 'meena', fullName: 'Meena Valvi', role: 'operator', password: 'Operator123', language: 'en' });
    await office.call('session.logout', {});
    await office.call('session.login', { username: 'meena', password: 'Operator123' });
    await office.call('session.changePassword', { currentPassword: 'Operator123', newPassword: 'Meena2025' });
    await expect(office.call('printing.start', { selection: { notPrinted: true }, layout: 'a4-sheet' })).rejects.toMatchObject({ problem: { code: 'forbidden' } });
    const blank = await office.call('printing.blankForm', {});
    expect(Buffer.from(blank.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(count(dir, 'SELECT count(*) n FROM card_print')).toBe(0);
    office.close();
  });
});
