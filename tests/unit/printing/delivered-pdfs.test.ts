import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openOfficeData } from '../../../src-main/office/open.ts';
import { printJobs } from '../../../src-main/printing/index.ts';
import { ADMIN } from '../../helpers/office.ts';
import { useTempDirs } from '../../helpers/temp.ts';
import { count, printFiles, printOffice, waitForJob } from './helpers.ts';

const tempDir = useTempDirs();
const REPO = fileURLToPath(new URL('../../../', import.meta.url));

describe('printed card PDFs', () => {
  it('are deleted from disk at the first delivery, served again from memory until the operator is done, and logged all the same', async () => {
    const dir = tempDir();
    const { office, pawar } = await printOffice(dir, 0);
    const selection = { beneficiaryIds: pawar.beneficiaries.map((b) => b.id) };
    const job = await office.call('printing.start', { selection, layout: 'a4-sheet' });
    expect((await waitForJob(office, job.id)).final.status).toBe('done');
    // Complete and waiting for the operator: the only time the file is on disk.
    expect(printFiles(dir)).toEqual([join(String(process.pid), `${job.id}.pdf`)]);

    const first = await office.call('printing.download', { jobId: job.id });
    expect(Buffer.from(first.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(printFiles(dir)).toEqual([]);
    // The Cards page asks again for each save or print: same PDF, still nothing on disk.
    const second = await office.call('printing.download', { jobId: job.id });
    expect(second).toEqual(first);
    expect(printFiles(dir)).toEqual([]);
    // Saved: the page confirms it into the print log.
    await office.call('printing.confirmPrinted', { jobId: job.id });

    // Leaving the page or changing the selection: the PDF is gone for good.
    await office.call('printing.discard', { jobId: job.id });
    const gone = await office.api.call(office.session, 'printing.download', { jobId: job.id });
    expect(gone).toMatchObject({ ok: false, problem: { code: 'print-not-ready' } });
    if (!gone.ok) {
      expect(gone.problem.text.en).toContain('Make the PDF again');
      expect(gone.problem.text.mr).toMatch(/[\u0900-\u097F]/);
    }
    // The print log keeps who printed which cards.
    expect(count(dir, 'SELECT count(*) n FROM print_job')).toBe(1);
    expect(count(dir, 'SELECT count(*) n FROM card_print')).toBe(pawar.beneficiaries.length);
    expect((await office.call('printing.history', {}))[0]).toMatchObject({ layout: 'a4-sheet', count: pawar.beneficiaries.length });

    // A job never downloaded is removed when the next one starts, and the rest when the program closes.
    const reason = 'Cards washed in the rain';
    const unread = await office.call('printing.start', { selection, layout: 'cr80', reason });
    expect((await waitForJob(office, unread.id)).final.status).toBe('done');
    const next = await office.call('printing.start', { selection, layout: 'cr80', reason });
    expect(printFiles(dir).some((file) => file.includes(unread.id))).toBe(false);
    expect((await waitForJob(office, next.id)).final.status).toBe('done');
    expect(await office.api.call(office.session, 'printing.download', { jobId: unread.id })).toMatchObject({ ok: false, problem: { code: 'print-not-ready' } });
    expect(printFiles(dir)).toEqual([join(String(process.pid), `${next.id}.pdf`)]);
    await printJobs(office.data).close();
    expect(printFiles(dir)).toEqual([]);
    // The two cr80 jobs were made but never saved or printed: not in the print log.
    expect(count(dir, 'SELECT count(*) n FROM print_job')).toBe(1);
    office.close();
  });

  it('left by a process that was killed are removed at the next start; those of a running copy are kept', async () => {
    const dir = tempDir();
    const { office } = await printOffice(dir, 0);
    office.close();

    // A real crash: a process renders the PDF and is killed before it delivers it.
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/unit/printing/print-then-hang.ts', dir], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('\n')) resolve(out.trim());
      });
      child.on('exit', () => reject(new Error(`child exited early: ${out}`)));
    });
    const [status, jobId] = line.split(' ');
    expect(status).toBe('ready');
    const crashed = join(String(child.pid), `${jobId}.pdf`);
    expect(printFiles(dir)).toEqual([crashed]);

    // While it still runs, opening the office elsewhere (the command line beside the window) leaves its file alone.
    openOfficeData(dir).store.close();
    expect(printFiles(dir)).toEqual([crashed]);

    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    // Older versions kept PDFs loose in prints/ for a day; a pid-named folder of a finished process too.
    writeFileSync(join(dir, 'prints', 'old-version-job.pdf'), '%PDF-1.7 old');
    const finished = spawnSync(process.execPath, ['-e', '']).pid;
    mkdirSync(join(dir, 'prints', String(finished)));
    writeFileSync(join(dir, 'prints', String(finished), 'job.part'), '%PDF-1.7 half');

    openOfficeData(dir).store.close();
    expect(printFiles(dir)).toEqual([]);
  });

  it('printed from the command line leave nothing in the data folder', async () => {
    const dir = tempDir();
    const { office } = await printOffice(dir, 0);
    office.close();
    const out = join(dir, 'cards.pdf');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src-main/cli/main.ts', 'print', 'cards', '--not-printed', '--layout', 'a4', '--out', out, '--data-dir', dir, '--user', ADMIN.username],
      { cwd: REPO, encoding: 'utf8', env: { ...process.env, MTS_PASSWORD: ADMIN.password } },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(printFiles(dir)).toEqual([]);
    expect(count(dir, 'SELECT count(*) n FROM print_job')).toBe(1);
  });
});
