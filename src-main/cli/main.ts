/**
 * Command line over the same handler map as the UI: `npm run mts -- <command> [options]`.
 * Same validation, same access rules, same audit — each command is a call to a named handler.
 *
 * Nothing secret is taken from the command line, where shell history and the process list keep it:
 * passwords come from the environment or a prompt that does not echo, and `call` reads its JSON input
 * (which may hold an Aadhaar number or a password) from a file or standard input.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { contract, type HandlerName, type OutputOf, type Reply } from '../api/contract.ts';
import { createApi, type Api } from '../api/dispatch.ts';
import { Session } from '../api/session.ts';
import { defaultNodeDataDir, resolveDataDir } from '../common/data-dir.ts';
import { Problem } from '../common/problem.ts';
import { BACKUP_DIR, verifyBackupFile } from '../office/backup.ts';
import { SIGNATURE_SUFFIX } from '../office/backup-signature.ts';
import { openOfficeData } from '../office/open.ts';
import type { OfficeData } from '../office/service.ts';
import { DATABASE_FILE } from '../store/index.ts';

const USAGE = `MTS Block Office — command line

  npm run mts -- <command> [--data-dir DIR] [--user NAME]

Commands:
  setup --office-code 2714 --district 486 --block NAME --name-mr NAME --name-en NAME
        --admin USER --admin-name "FULL NAME" (--awc-csv FILE | --demo) [--series N]
  seed --households N [--seed N]   add generated, realistic households (admin); again adds more
  awc list                         list the office's Anganwadi centres
  awc import FILE.csv              add or update AWCs from the state's CSV (admin)
  operators list                   list logins (admin)
  operators add --username U --full-name "NAME" --role operator|supervisor|admin
  operators reset-password --username U
  backup                           copy the live database to <data>/backups/ (admin)
  backups                          list the backups, each with whether its signature holds
  backups rewrite NAME --confirm   re-write an older backup (unsigned or older schema) as a signed, current one
  backups delete NAME --confirm    delete a backup (and its signature)
  restore FILE.sqlite              check the backup's signature, then restore it and open a fresh ID series (admin)
  classify IN.csv OUT.csv          WHO z-scores and nutrition status for every row (supervisor)
  print cards [--awc CODE] [--not-printed] [--layout a4|cr80] [--reason TEXT] --out FILE.pdf
                                   migration cards, logged with their card versions (supervisor)
  print family-sheet HOUSEHOLD_ID --out FILE.pdf
  print filled-form HOUSEHOLD_ID --out FILE.pdf
  print blank-form --out FILE.pdf  the paper registration form
  call HANDLER [--input FILE|-]    call any handler; its JSON input from FILE, or standard input with -
  sync export --out DIR [--peer hub]  write a bundle of every change the hub has not acknowledged; prints the files
  sync enrol-request --out FILE     write this office's enrolment request for the state hub; prints its key fingerprint
  sync import FILE…                import a bundle (all parts of a split one, or the hub's enrolment answer); a refused one changes nothing
  sync status [--json]             per peer: last bundles, changes not yet acknowledged, gaps; bundle history

Passwords never go on the command line. Yours (--user, default admin; and the new administrator's at
setup) comes from MTS_PASSWORD, else a prompt. The password for a new or reset login comes from
MTS_NEW_PASSWORD, else a prompt. Data folder: --data-dir, else MTS_DATA_DIR.
Set MTS_DEBUG=1 to see where an internal error happened.
`;

/** The one line each command prints when its arguments are missing. */
const COMMAND_USAGE: Record<string, string> = {
  setup: 'setup --office-code CODE --district LGD --block NAME --name-mr NAME --name-en NAME --admin USER --admin-name NAME (--awc-csv FILE | --demo)',
  seed: 'seed --households N [--seed N]',
  awc: 'awc list | awc import FILE.csv',
  operators: 'operators list | operators add --username U --full-name NAME --role ROLE | operators reset-password --username U',
  backup: 'backup',
  backups: 'backups | backups rewrite NAME --confirm | backups delete NAME --confirm',
  restore: 'restore FILE.sqlite',
  classify: 'classify IN.csv OUT.csv',
  print: 'print cards|blank-form --out FILE.pdf | print family-sheet|filled-form HOUSEHOLD_ID --out FILE.pdf',
  call: 'call HANDLER [--input FILE|-]',
  sync: 'sync enrol-request --out FILE | sync export --out DIR [--peer hub] | sync import FILE… | sync status [--json]',
};

const OPTIONS = {
  'data-dir': { type: 'string' },
  user: { type: 'string', default: 'admin' },
  'office-code': { type: 'string' },
  district: { type: 'string' },
  block: { type: 'string' },
  'name-mr': { type: 'string' },
  'name-en': { type: 'string' },
  admin: { type: 'string' },
  'admin-name': { type: 'string' },
  'awc-csv': { type: 'string' },
  demo: { type: 'boolean', default: false },
  series: { type: 'string' },
  households: { type: 'string' },
  seed: { type: 'string' },
  username: { type: 'string' },
  'full-name': { type: 'string' },
  role: { type: 'string' },
  language: { type: 'string', default: 'mr' },
  awc: { type: 'string' },
  'not-printed': { type: 'boolean', default: false },
  layout: { type: 'string', default: 'a4' },
  reason: { type: 'string', default: '' },
  out: { type: 'string' },
  confirm: { type: 'boolean', default: false },
  input: { type: 'string' },
  peer: { type: 'string', default: 'hub' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

const problem = (code: string, en: string, mr: string) => new Problem(code, { en, mr });

function usageProblem(command: string): Problem {
  const usage = COMMAND_USAGE[command];
  if (!usage) return problem('unknown-command', `Unknown command "${command}". See: npm run mts -- --help`, `अज्ञात आदेश "${command}". पाहा: npm run mts -- --help`);
  return problem('usage', `Usage: npm run mts -- ${usage}`, `वापर: npm run mts -- ${usage}`);
}

// ---- Secrets: environment or a prompt that does not echo, never argv.

async function secret(variable: 'MTS_PASSWORD' | 'MTS_NEW_PASSWORD', prompt: string, confirm = false): Promise<string> {
  const fromEnvironment = process.env[variable];
  if (fromEnvironment) return fromEnvironment;
  if (!process.stdin.isTTY) {
    throw problem(
      'password-needed',
      `No password: set ${variable} in the environment (standard input is not a terminal, so it cannot be asked for).`,
      `पासवर्ड नाही: ${variable} हा environment variable द्या (standard input टर्मिनल नसल्याने पासवर्ड विचारता येत नाही).`,
    );
  }
  const typed = await askHidden(prompt);
  if (confirm && (await askHidden('Type it again: ')) !== typed) {
    throw problem('password-mismatch', 'The two passwords differ; nothing was changed.', 'दोन्ही पासवर्ड वेगळे आहेत; काहीही बदलले नाही.');
  }
  return typed;
}

/** Reads a line from the terminal with echo off (raw mode), so the password is never shown. */
function askHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((done, fail) => {
    let typed = '';
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n' || character === '\u0004') {
          finish();
          done(typed);
          return;
        }
        if (character === '\u0003') {
          finish();
          fail(problem('cancelled', 'Cancelled.', 'रद्द केले.'));
          return;
        }
        if (character === '\u007f' || character === '\b') typed = typed.slice(0, -1);
        else if (character >= ' ') typed += character;
      }
    };
    input.on('data', onData);
  });
}

// ---- Files: a missing or unreadable file is the user's mistake, said in one line.

function fileProblem(error: unknown, file: string, verb: 'read' | 'write'): Problem {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why: Record<string, [string, string]> = {
    ENOENT: verb === 'read' ? ['no such file', 'अशी फाइल नाही'] : ['its folder does not exist', 'तिचे फोल्डर अस्तित्वात नाही'],
    EACCES: ['permission denied', 'परवानगी नाही'],
    EPERM: ['permission denied', 'परवानगी नाही'],
    EISDIR: ['it is a folder', 'ते फोल्डर आहे'],
    ENOTDIR: ['a part of the path is not a folder', 'मार्गातील एक भाग फोल्डर नाही'],
  };
  const [en, mr] = why[code ?? ''] ?? ['the system refused', 'प्रणालीने नाकारले'];
  return verb === 'read'
    ? problem('file-unreadable', `Cannot read ${file}: ${en}.`, `${file} वाचता आली नाही: ${mr}.`)
    : problem('file-unwritable', `Cannot write ${file}: ${en}.`, `${file} लिहिता आली नाही: ${mr}.`);
}

function readText(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw fileProblem(error, file === '-' ? 'standard input' : file, 'read');
  }
}

function writeOut(file: string, content: string | Buffer): void {
  try {
    writeFileSync(file, content);
  } catch (error) {
    throw fileProblem(error, file, 'write');
  }
}

/** `call`'s input. V8's JSON errors quote the input, which may be an Aadhaar number: only the position is shown. */
function readJsonInput(source: string | undefined): unknown {
  if (source === undefined) return {};
  const text = readText(source);
  const where = source === '-' ? 'Standard input' : source;
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    const [at, atMr] = position === undefined ? ['', ''] : [` (at character ${position})`, ` (अक्षर ${position} जवळ)`];
    throw problem('input-not-json', `${where} is not valid JSON${at}.`, `${where} वैध JSON नाही${atMr}.`);
  }
}

function wholeNumber(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw problem('usage', `--${option} takes a whole number.`, `--${option} साठी पूर्ण संख्या द्या.`);
  return Number(text);
}

// ---- Calls

function unwrap<T>(reply: Reply<T>): T {
  if (reply.ok) return reply.value;
  throw new Problem(reply.problem.code, reply.problem.text, reply.problem.fields);
}

class Cli {
  readonly session = new Session();

  constructor(
    readonly api: Api,
    readonly data: OfficeData,
    readonly values: Values,
  ) {}

  async call<K extends HandlerName>(name: K, input: unknown): Promise<OutputOf<K>> {
    return unwrap(await this.api.call(this.session, name, input)) as OutputOf<K>;
  }

  async signIn(): Promise<void> {
    const status = await this.call('app.status', {});
    if (!status.setUp) {
      throw problem('not-set-up', `The office in ${this.data.dataDir} is not set up yet: run setup first.`, `${this.data.dataDir} मधील कार्यालय अजून सेट केलेले नाही: आधी setup चालवा.`);
    }
    const password = await secret('MTS_PASSWORD', `Password for ${this.values.user}: `);
    await this.call('session.login', { username: this.values.user, password });
  }

  async operatorId(username: string | undefined): Promise<string> {
    const found = (await this.call('operators.list', {})).find((o) => o.username.toLowerCase() === username?.toLowerCase());
    if (!found) throw problem('no-such-login', `No login named "${username ?? ''}".`, `"${username ?? ''}" नावाचे लॉगिन नाही.`);
    return found.id;
  }
}

/** Writes the PDF, then records the print: a file that could not be written is not in the print log. */
async function writePdf(cli: Cli, file: OutputOf<'printing.blankForm'>, out: string): Promise<string> {
  writeOut(out, Buffer.from(file.base64, 'base64'));
  await cli.call('printing.confirmPrinted', { jobId: file.jobId });
  return `${file.bytes} bytes → ${out}\n`;
}

/** Row counts by status column, one line per column, as the batch screen shows them; unreadable rows last. */
function formatClassifyCounts(result: { counts: Record<string, number>; rows: number }, output: string): string {
  const groups = new Map<string, string[]>();
  for (const [key, count] of Object.entries(result.counts)) {
    const at = key.indexOf(':');
    if (at < 0) continue;
    const group = key.slice(0, at);
    groups.set(group, [...(groups.get(group) ?? []), `${key.slice(at + 1)} ${count}`]);
  }
  groups.set('error', [String(result.counts['error'] ?? 0)]);
  const width = Math.max(...[...groups.keys()].map((g) => g.length));
  const lines = [`${result.rows} rows classified → ${output}`];
  for (const [group, parts] of groups) lines.push(`  ${group.padEnd(width)}  ${parts.join(', ')}`);
  return lines.join('\n') + '\n';
}

/** `print …`: the same handlers as the Cards page — start, poll the job, download. */
async function print(cli: Cli, what: string | undefined, target: string | undefined): Promise<void> {
  const out = cli.values.out;
  const needsTarget = what === 'family-sheet' || what === 'filled-form';
  if (!out || !(what === 'cards' || what === 'blank-form' || needsTarget) || (needsTarget && !target)) throw usageProblem('print');
  // Before anything is printed and logged: a batch of cards must not be recorded as printed for nothing.
  if (!existsSync(dirname(resolve(out)))) throw fileProblem({ code: 'ENOENT' }, out, 'write');
  await cli.signIn();
  if (what === 'blank-form') {
    process.stdout.write(await writePdf(cli, await cli.call('printing.blankForm', {}), out));
    return;
  }
  if (needsTarget) {
    const name = what === 'family-sheet' ? 'printing.familySheet' : 'printing.filledForm';
    process.stdout.write(await writePdf(cli, await cli.call(name, { householdId: target }), out));
    return;
  }
  const selection = { notPrinted: cli.values['not-printed'], awcCode: cli.values.awc ?? null };
  // 'a4' and 'cr80' on the command line; anything else goes to the handler, which names the allowed values.
  const layout = cli.values.layout === 'a4' ? 'a4-sheet' : cli.values.layout;
  let job = await cli.call('printing.start', { selection, layout, reason: cli.values.reason });
  while (job.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 250));
    job = await cli.call('printing.job', { jobId: job.id });
    process.stderr.write(`\r${job.done} / ${job.total}`);
  }
  process.stderr.write('\n');
  if (job.status === 'failed') throw new Problem('print-failed', job.error ?? { en: 'Printing failed.', mr: 'छपाई अयशस्वी.' });
  const file = await cli.call('printing.download', { jobId: job.id });
  process.stdout.write(`${job.total} cards, ${await writePdf(cli, file, out)}`);
}

const OLDER_BACKUPS_HELP = `Backups marked "older": true were made before backups were signed or before the newest database change;
they may hold Aadhaar data in the old, recoverable form. Re-write each (npm run mts -- backups rewrite NAME --confirm),
which trusts the file as it is on this PC, opens it, updates it and signs it; or delete it (backups delete NAME --confirm).
"older": true असलेले बॅकअप स्वाक्षरीपूर्वी किंवा डेटाबेसच्या नव्या बदलापूर्वी बनवलेले आहेत; त्यांत आधार माहिती जुन्या, परत मिळवता
येण्याजोग्या स्वरूपात असू शकते. प्रत्येक बॅकअप पुन्हा लिहा (फाइल या संगणकावर आहे तशी विश्वासार्ह मानून, उघडून, अद्ययावत करून
स्वाक्षरी केली जाते) किंवा हटवा.`;

/** `sync …`: the same handlers as the Sync page. Bundles are files; their bytes travel as base64. */
async function syncCommand(cli: Cli, sub: string | undefined, files: string[]): Promise<unknown> {
  if (sub === 'status') {
    await cli.signIn();
    return cli.call('sync.status', {});
  }
  if (sub === 'export') {
    const out = cli.values.out;
    if (!out) throw usageProblem('sync');
    if (!existsSync(out)) throw fileProblem({ code: 'ENOENT' }, out, 'write');
    await cli.signIn();
    const bundle = await cli.call('sync.export', { peer: cli.values.peer });
    for (const file of bundle.files) {
      const path = join(out, file.name);
      writeOut(path, Buffer.from(file.base64, 'base64'));
      process.stdout.write(`${path}\n`);
    }
    return undefined;
  }
  if (sub === 'enrol-request') {
    const out = cli.values.out;
    if (!out) throw usageProblem('sync');
    await cli.signIn();
    const request = await cli.call('sync.enrolRequest', {});
    writeOut(out, Buffer.from(request.text, 'utf8'));
    process.stdout.write(`${out}\n`);
    process.stderr.write(`Office key fingerprint (read it out to the state IT cell): ${request.fingerprint}\n`);
    return undefined;
  }
  if (sub === 'import' && files.length > 0) {
    const contents = files.map((file) => {
      try {
        return readFileSync(file).toString('base64');
      } catch (error) {
        throw fileProblem(error, file, 'read');
      }
    });
    await cli.signIn();
    const result = await cli.call('sync.import', { files: contents });
    process.stderr.write(`${result.message.en}\n${result.message.mr}\n`);
    return result;
  }
  throw usageProblem('sync');
}

async function run(cli: Cli, command: string, sub: string | undefined, rest: string[]): Promise<unknown> {
  const { values } = cli;
  switch (command) {
    case 'setup': {
      const awcCsv = values['awc-csv'] ? readText(values['awc-csv']) : null;
      const password = await secret('MTS_PASSWORD', 'New administrator password: ', true);
      return cli.call('office.setup', {
        officeCode: values['office-code'],
        districtLgd: wholeNumber('district', values.district),
        blockName: values.block,
        nameMr: values['name-mr'],
        nameEn: values['name-en'],
        series: wholeNumber('series', values.series) ?? 1,
        awcCsv,
        demo: values.demo,
        admin: { username: values.admin, fullName: values['admin-name'], password, language: values.language },
      });
    }
    case 'seed': {
      const households = wholeNumber('households', values.households);
      if (households === undefined) throw usageProblem('seed');
      await cli.signIn();
      return cli.call('office.seed', { households, seed: wholeNumber('seed', values.seed) });
    }
    case 'awc':
      if (sub === 'list') {
        await cli.signIn();
        return cli.call('awc.list', {});
      }
      if (sub === 'import' && rest[0]) {
        const csv = readText(rest[0]);
        await cli.signIn();
        return cli.call('awc.importCsv', { csv });
      }
      throw usageProblem('awc');
    case 'operators':
      if (sub === 'list') {
        await cli.signIn();
        return cli.call('operators.list', {});
      }
      if (sub === 'add') {
        await cli.signIn();
        const password = await secret('MTS_NEW_PASSWORD', `Password for the new login ${values.username ?? ''}: `, true);
        const { username, role, language } = values;
        return cli.call('operators.add', { username, fullName: values['full-name'], role, language, password });
      }
      if (sub === 'reset-password' && values.username) {
        await cli.signIn();
        const operatorId = await cli.operatorId(values.username);
        const password = await secret('MTS_NEW_PASSWORD', `New password for ${values.username}: `, true);
        return cli.call('operators.resetPassword', { operatorId, password });
      }
      throw usageProblem('operators');
    case 'classify': {
      const [input, output] = [sub, rest[0]];
      if (!input || !output) throw usageProblem('classify');
      const csv = readText(input);
      await cli.signIn();
      const result = await cli.call('nutrition.classifyCsv', { csv });
      // With a byte-order mark Excel on Windows reads the UTF-8 (Marathi names) correctly.
      writeOut(output, '\ufeff' + result.csv);
      process.stdout.write(formatClassifyCounts(result, output));
      return undefined;
    }
    case 'backup':
      await cli.signIn();
      return cli.call('office.backup', {});
    case 'backups': {
      await cli.signIn();
      if (sub === 'rewrite' || sub === 'delete') {
        if (!rest[0]) throw usageProblem('backups');
        const name = sub === 'rewrite' ? 'office.rewriteBackup' : 'office.deleteBackup';
        if (!cli.values.confirm) process.stderr.write(`${OLDER_BACKUPS_HELP}\nAdd --confirm to go ahead. / पुढे जाण्यासाठी --confirm जोडा.\n`);
        return cli.call(name, { name: rest[0], confirm: cli.values.confirm || undefined });
      }
      const list = await cli.call('office.backups', {});
      if (list.some((backup) => backup.older)) process.stderr.write(`${OLDER_BACKUPS_HELP}\n`);
      return list;
    }
    case 'restore': {
      if (!sub) throw usageProblem('restore');
      if (!existsSync(sub)) throw fileProblem({ code: 'ENOENT' }, sub, 'read');
      await cli.signIn();
      // Checked where it lies, before anything is copied; the handler then restores from the backups folder.
      verifyBackupFile(cli.data, sub);
      const folder = join(cli.data.dataDir, BACKUP_DIR);
      mkdirSync(folder, { recursive: true });
      if (resolve(dirname(sub)) !== resolve(folder)) {
        try {
          for (const suffix of ['', SIGNATURE_SUFFIX]) copyFileSync(sub + suffix, join(folder, basename(sub) + suffix));
        } catch (error) {
          throw fileProblem(error, sub, 'read');
        }
      }
      return cli.call('office.restore', { name: basename(sub), confirm: true });
    }
    case 'print':
      await print(cli, sub, rest[0]);
      return undefined;
    case 'sync':
      return syncCommand(cli, sub, rest);
    case 'call': {
      if (!sub) throw usageProblem('call');
      if (rest.length > 0) {
        throw problem(
          'inline-input',
          'call takes its input from a file or standard input, never from the command line (shell history and the process list would keep it): call NAME --input FILE, or --input - to read standard input.',
          'call ची माहिती फाइलमधून किंवा standard input मधून द्या, आदेश ओळीवर कधीही नाही (shell history आणि process list मध्ये ती राहते): call NAME --input FILE, किंवा standard input साठी --input -.',
        );
      }
      const input = readJsonInput(values.input);
      const entry = Object.hasOwn(contract, sub) ? contract[sub as HandlerName] : undefined;
      if (entry && entry.access !== 'public') await cli.signIn();
      return unwrap(await cli.api.call(cli.session, sub, input));
    }
  }
  throw usageProblem(command);
}

/** Needs no office database yet: setup makes one; public calls (app.status) report that there is none. */
function mayCreateDatabase(command: string, sub: string | undefined): boolean {
  if (command === 'setup') return true;
  return command === 'call' && sub !== undefined && Object.hasOwn(contract, sub) && contract[sub as HandlerName].access === 'public';
}

/** One line for the user: English, then Marathi; the fields beyond the first (named in the text) after it. */
function oneLine(error: Problem): string {
  const more = error.fields.slice(1).map((field) => field.field);
  const also = more.length === 0 ? ['', ''] : [` Also check: ${more.join(', ')}.`, ` हेही तपासा: ${more.join(', ')}.`];
  return `mts: ${error.text.en}${also[0]} / ${error.text.mr}${also[1]}`.replace(/\s*\n\s*/g, ' ');
}

/** Where a bug happened, without its message: messages from lower layers may echo input (personal data). */
function describeBug(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  return `${error.name}\n${(error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).join('\n')}`;
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: OPTIONS });
  } catch (error) {
    // node:util says exactly what was wrong (unknown option, missing value); that is the user's input, not data.
    const reason = error instanceof Error ? error.message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '') : String(error);
    throw problem('usage', `${reason}. See: npm run mts -- --help`, `${reason}. पाहा: npm run mts -- --help`);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [command, sub, ...rest] = positionals as [string, ...string[]];
  if (!COMMAND_USAGE[command]) throw usageProblem(command);

  const dataDir = resolveDataDir(values['data-dir'], defaultNodeDataDir());
  if (!existsSync(join(dataDir, DATABASE_FILE)) && !mayCreateDatabase(command, sub)) {
    throw problem(
      'no-office',
      `No office database in ${dataDir}: run setup first, or give the right --data-dir (or MTS_DATA_DIR).`,
      `${dataDir} मध्ये कार्यालयाचा डेटाबेस नाही: आधी setup चालवा, किंवा योग्य --data-dir (किंवा MTS_DATA_DIR) द्या.`,
    );
  }
  const data = openOfficeData(dataDir);
  try {
    const bugs: unknown[] = [];
    const cli = new Cli(createApi(data, (_name, error) => bugs.push(error)), data, values);
    try {
      const result = await run(cli, command, sub, rest);
      if (result !== undefined) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      return 0;
    } catch (error) {
      if (error instanceof Problem && error.code === 'internal-error' && bugs.length > 0) throw bugs[0];
      throw error;
    }
  } finally {
    data.store.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof Problem) {
    process.stderr.write(oneLine(error) + '\n');
    process.exitCode = error.code === 'usage' || error.code === 'unknown-command' ? 2 : 1;
  } else {
    process.stderr.write('mts: internal error (a bug); nothing more was done. Run again with MTS_DEBUG=1 to see where it happened.\n');
    if (process.env.MTS_DEBUG) process.stderr.write(describeBug(error) + '\n');
    process.exitCode = 70;
  }
}
