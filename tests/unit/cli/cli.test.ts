import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { Session } from '../../../src-main/api/session.ts';
import { isValidMtsId } from '../../../src-main/identity/index.ts';
import { ADMIN, AWC_CSV, openTestOffice } from '../../helpers/office.ts';
import { aadhaarFrom, pawarForm } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();
// Every command is a fresh Node process loading TypeScript; on a busy 2-core machine that is seconds each.
vi.setConfig({ testTimeout: 300_000 });
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The real command line in a child process, with only the secrets this test gives it. */
function mts(args: string[], options: { env?: Record<string, string>; stdin?: string; script?: string } = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const name of ['MTS_PASSWORD', 'MTS_NEW_PASSWORD', 'MTS_DATA_DIR', 'MTS_DEBUG']) if (!options.env?.[name]) delete env[name];
  const result = spawnSync(process.execPath, ['--import', 'tsx', options.script ?? 'src-main/cli/main.ts', ...args], {
    cwd: ROOT,
    env,
    input: options.stdin ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const asAdmin = { MTS_PASSWORD: ADMIN.password };

/** An expected error: one line on stderr, no stack frames, nothing on stdout, a non-zero exit. */
function expectOneLineError(run: Run, text: RegExp): void {
  expect(run.status, run.stderr).not.toBe(0);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n'), run.stderr).toHaveLength(1);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toMatch(/Error:|node:internal/);
  expect(run.stderr).toMatch(text);
}

async function setUpOffice(): Promise<string> {
  const dir = tempDir();
  (await openTestOffice(dir, { login: false })).close();
  return dir;
}

/** Rows in a table, read by a separate process: what a refused or finished command left on disk. */
function countWith(dir: string, table: 'household' | 'beneficiary' | 'change_log'): number {
  const run = spawnSync(
    process.execPath,
    ['-e', `const D=require('better-sqlite3');const d=new D(process.argv[1],{readonly:true});console.log(d.prepare('SELECT count(*) n FROM ${table}').get().n)`, join(dir, 'mts.sqlite')],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return Number(run.stdout.trim());
}

describe('mts call', () => {
  it('reads its JSON input from a file or from standard input', async () => {
    const dir = await setUpOffice();
    const fromStdin = mts(['call', 'awc.list', '--input', '-', '--data-dir', dir], { env: asAdmin, stdin: '{}' });
    expect(fromStdin.stderr).toBe('');
    expect(JSON.parse(fromStdin.stdout).map((awc: { code: string }) => awc.code)).toEqual(['27271400001', '27271400002']);

    // The new login's password travels inside the input file, never on the command line.
    const file = join(dir, 'savita.json');
    writeFileSync(file, JSON.stringify({ username: 'savita', fullName: 'Savita Padvi', role: 'operator', password: 'Entry2024' }));
    const fromFile = mts(['call', 'operators.add', '--input', file, '--data-dir', dir], { env: asAdmin });
    expect(fromFile.stderr).toBe('');
    expect(JSON.parse(fromFile.stdout)).toMatchObject({ username: 'savita', role: 'operator' });

    const office = await openTestOffice(dir, { setUp: false });
    expect((await office.api.call(new Session(), 'session.login', { username: 'savita', password: 'Entry2024' })).ok).toBe(true);
    office.close();
  });

  it('refuses JSON on the command line, saying to use --input, and runs nothing', async () => {
    const dir = await setUpOffice();
    const inline = mts(['call', 'operators.add', '{"username":"savita","fullName":"Savita Padvi","role":"operator","password":"Entry2024"}', '--data-dir', dir], { env: asAdmin });
    expectOneLineError(inline, /--input FILE, or --input - to read standard input/);
    const list = mts(['call', 'operators.list', '--data-dir', dir], { env: asAdmin });
    expect(JSON.parse(list.stdout).map((o: { username: string }) => o.username)).toEqual(['admin']);
  });

  it('refuses an Aadhaar number typed into a name, naming the field, and saves nothing', async () => {
    const dir = await setUpOffice();
    const form = pawarForm({ aadhaar: '', rationCard: '' });
    form.members = form.members.map((member) => ({ ...member, aadhaar: '' }));
    form.members[1]!.nameEn = `Ganesh ${aadhaarFrom('87654321098')}`;
    const before = countWith(dir, 'change_log');
    const run = mts(['call', 'registry.saveHousehold', '--input', '-', '--data-dir', dir], { env: asAdmin, stdin: JSON.stringify(form) });
    expectOneLineError(run, /"members\.1\.nameEn": This looks like an Aadhaar number\. Aadhaar may be typed only in the Aadhaar field/);
    expect(countWith(dir, 'change_log')).toBe(before);
  });
});

describe('passwords on the command line', () => {
  it('come only from MTS_PASSWORD / MTS_NEW_PASSWORD or a terminal prompt; there is no option for one', async () => {
    const dir = await setUpOffice();
    expectOneLineError(mts(['awc', 'list', '--data-dir', dir]), /set MTS_PASSWORD in the environment/);
    expectOneLineError(mts(['awc', 'list', '--password', ADMIN.password, '--data-dir', dir]), /Unknown option '--password'/);
    const add = ['operators', 'add', '--username', 'savita', '--full-name', 'Savita Padvi', '--role', 'operator', '--data-dir', dir];
    expectOneLineError(mts(add, { env: asAdmin }), /set MTS_NEW_PASSWORD in the environment/);
    // MTS_PASSWORD is the administrator's own; the new login gets MTS_NEW_PASSWORD, not a copy of it.
    expect(mts(add, { env: { ...asAdmin, MTS_NEW_PASSWORD: 'Entry2024' } }).status).toBe(0);
    const reset = mts(['operators', 'reset-password', '--username', 'savita', '--data-dir', dir], { env: { ...asAdmin, MTS_NEW_PASSWORD: 'Other2025' } });
    expect(reset.status, reset.stderr).toBe(0);
    const office = await openTestOffice(dir, { setUp: false });
    expect((await office.api.call(new Session(), 'session.login', { username: 'savita', password: ADMIN.password })).ok).toBe(false);
    expect((await office.api.call(new Session(), 'session.login', { username: 'savita', password: 'Other2025' })).ok).toBe(true);
    office.close();
  });

  it('sets up an office with the administrator password from MTS_PASSWORD', () => {
    const dir = tempDir();
    const csv = join(dir, 'awc.csv');
    writeFileSync(csv, AWC_CSV);
    const setup = ['setup', '--office-code', '2714', '--district', '486', '--block', 'Akkalkuwa', '--name-mr', 'अक्कलकुवा प्रकल्प'];
    const rest = ['--name-en', 'Akkalkuwa ICDS Project', '--admin', 'admin', '--admin-name', 'Rekha Gavit', '--awc-csv', csv, '--data-dir', dir];
    expectOneLineError(mts([...setup, ...rest]), /set MTS_PASSWORD/);
    const run = mts([...setup, ...rest], { env: asAdmin });
    expect(run.status, run.stderr).toBe(0);
    expect(mts(['backups', '--data-dir', dir], { env: asAdmin }).status).toBe(0);
  });
});

describe('errors the user can fix', () => {
  it('are one line each, without a stack trace, for every kind of mistake', async () => {
    const dir = await setUpOffice();
    const empty = tempDir();
    const missing = join(dir, 'no-such-file.csv');
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, `{"name": "${aadhaarFrom('87654321098')}"`);
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['--bogus'], {}, /Unknown option '--bogus'/],
      [['fly'], {}, /Unknown command "fly"/],
      [['seed', '--data-dir', dir], asAdmin, /Usage: npm run mts -- seed --households N/],
      [['seed', '--households', 'many', '--data-dir', dir], asAdmin, /--households takes a whole number/],
      [['awc', 'list', '--data-dir', join(empty, 'nowhere')], asAdmin, /No office database in .*nowhere: run setup first/],
      [['awc', 'list', '--data-dir', dir], { MTS_PASSWORD: 'Wrong2024' }, /Wrong username or password/],
      [['awc', 'import', missing, '--data-dir', dir], asAdmin, /Cannot read .*no-such-file\.csv: no such file/],
      [['classify', missing, '--data-dir', dir], asAdmin, /Usage: npm run mts -- classify IN\.csv OUT\.csv/],
      [['restore', join(dir, 'gone.sqlite'), '--data-dir', dir], asAdmin, /Cannot read .*gone\.sqlite: no such file/],
      [['print', 'blank-form', '--out', join(dir, 'no', 'such', 'folder.pdf'), '--data-dir', dir], asAdmin, /Cannot write .*folder\.pdf: its folder does not exist/],
      [['print', 'cards', '--data-dir', dir], asAdmin, /Usage: npm run mts -- print/],
      [['operators', 'add', '--username', 'x', '--data-dir', dir], { ...asAdmin, MTS_NEW_PASSWORD: 'Entry2024' }, /Check the field "username"/],
      [['call', 'awc.list', '--input', notJson, '--data-dir', dir], asAdmin, /not\.json is not valid JSON \(at character \d+\)/],
      [['call', 'office.dropTables', '--data-dir', dir], asAdmin, /Unknown action "office\.dropTables"/],
    ];
    for (const [args, env, text] of cases) {
      const run = mts(args, { env });
      expectOneLineError(run, text);
      // JSON errors quote the input in V8's own message; none of it may reach the screen.
      expect(run.stderr).not.toContain('8765');
    }
  });

  it('refuses an office that is not set up in one line', () => {
    const dir = tempDir();
    expect(mts(['call', 'app.status', '--data-dir', dir]).status).toBe(0);
    expectOneLineError(mts(['backup', '--data-dir', dir], { env: asAdmin }), /not set up yet: run setup first/);
  });

  it('the browser mode takes no token on its command line and says so in one line', () => {
    const run = mts(['--token', 'chosen-by-someone', '--data-dir', tempDir()], { script: 'src-main/bridge/serve.ts' });
    expectOneLineError(run, /Unknown option '--token'/);
  });
});

describe('mts seed', () => {
  it('run twice adds more households with new, valid MTS IDs instead of failing', async () => {
    const dir = await setUpOffice();
    const seed = ['seed', '--households', '4', '--data-dir', dir];
    const first = mts(seed, { env: asAdmin });
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ households: 4 });
    const second = mts(seed, { env: asAdmin });
    expect(second.status, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ households: 4 });
    // The same explicit seed again still adds records: ids are salted per run.
    const third = mts([...seed, '--seed', '7'], { env: asAdmin });
    const fourth = mts([...seed, '--seed', '7'], { env: asAdmin });
    expect([third.status, fourth.status]).toEqual([0, 0]);

    expect(countWith(dir, 'household')).toBe(16);
    const office = await openTestOffice(dir, { setUp: false });
    const ids = office.data.store.all(office.data.store.db.selectFrom('beneficiary').select('mts_id')).map((row) => row.mts_id);
    office.close();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every(isValidMtsId)).toBe(true);
    expect(countWith(dir, 'beneficiary')).toBe(ids.length);
  });
});
