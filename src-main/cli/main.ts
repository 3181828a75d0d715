/**
 * Command line over the same handler map as the UI: `npm run mts -- <command> [options]`.
 * Same validation, same access rules, same audit — each command is a call to a named handler.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createApi, type Api } from '../api/dispatch.ts';
import type { OutputOf, Reply } from '../api/contract.ts';
import { Session } from '../api/session.ts';
import { defaultNodeDataDir, resolveDataDir } from '../common/data-dir.ts';
import { Problem } from '../common/problem.ts';
import { BACKUP_DIR, verifyBackupFile } from '../office/backup.ts';
import { SIGNATURE_SUFFIX } from '../office/backup-signature.ts';
import { openOfficeData } from '../office/open.ts';
import type { OfficeData } from '../office/service.ts';

const USAGE = `MTS Block Office — command line

  npm run mts -- <command> [--data-dir DIR] [--user NAME]

Commands:
  setup --office-code 2714 --district 486 --block NAME --name-mr NAME --name-en NAME
        --admin USER --admin-name "FULL NAME" (--awc-csv FILE | --demo) [--series N]
  seed --households N              add a generated, realistic set of households (admin)
  awc list                         list the office's Anganwadi centres
  awc import FILE.csv              add or update AWCs from the state's CSV (admin)
  operators list                   list logins (admin)
  operators add --username U --full-name "NAME" --role operator|supervisor|admin
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
  call HANDLER ['{"json":"input"}']  call any handler by name

Passwords are read from MTS_PASSWORD or asked for. Data folder: --data-dir, else MTS_DATA_DIR.
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
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
    help: { type: 'boolean', short: 'h', default: false },
  },
});

async function askPassword(prompt: string): Promise<string> {
  if (process.env.MTS_PASSWORD) return process.env.MTS_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return await rl.question(prompt);
  } finally {
    rl.close();
  }
}

function unwrap<T>(reply: Reply<T>): T {
  if (reply.ok) return reply.value;
  throw new Problem(reply.problem.code, reply.problem.text, reply.problem.fields);
}

async function signIn(api: Api, session: Session): Promise<void> {
  const password = await askPassword(`Password for ${values.user}: `);
  unwrap(await api.call(session, 'session.login', { username: values.user, password }));
}

const number = (text: string | undefined) => (text === undefined ? undefined : Number(text));

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

function writePdf(file: OutputOf<'printing.blankForm'>, out: string): string {
  writeFileSync(out, Buffer.from(file.base64, 'base64'));
  return `${file.bytes} bytes → ${out}\n`;
}

/** `print …`: the same handlers as the Cards page — start, poll the job, download. */
async function print(api: Api, session: Session, what: string | undefined, target: string | undefined): Promise<boolean> {
  const out = values.out;
  if (!out || !what) return false;
  if (what === 'blank-form') {
    await signIn(api, session);
    process.stdout.write(writePdf(unwrap(await api.call(session, 'printing.blankForm', {})) as OutputOf<'printing.blankForm'>, out));
    return true;
  }
  if ((what === 'family-sheet' || what === 'filled-form') && target) {
    await signIn(api, session);
    const name = what === 'family-sheet' ? 'printing.familySheet' : 'printing.filledForm';
    process.stdout.write(writePdf(unwrap(await api.call(session, name, { householdId: target })) as OutputOf<'printing.blankForm'>, out));
    return true;
  }
  if (what !== 'cards') return false;
  await signIn(api, session);
  const selection = { notPrinted: values['not-printed'], awcCode: values.awc ?? null };
  // 'a4' and 'cr80' on the command line; anything else goes to the handler, which names the allowed values.
  const layout = values.layout === 'a4' ? 'a4-sheet' : values.layout;
  let job = unwrap(await api.call(session, 'printing.start', { selection, layout, reason: values.reason })) as OutputOf<'printing.start'>;
  while (job.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 250));
    job = unwrap(await api.call(session, 'printing.job', { jobId: job.id })) as OutputOf<'printing.job'>;
    process.stderr.write(`\r${job.done} / ${job.total}`);
  }
  process.stderr.write('\n');
  if (job.status === 'failed') throw new Problem('print-failed', job.error ?? { en: 'Printing failed.', mr: 'छपाई अयशस्वी.' });
  const file = unwrap(await api.call(session, 'printing.download', { jobId: job.id })) as OutputOf<'printing.download'>;
  process.stdout.write(`${job.total} cards, ${writePdf(file, out)}`);
  return true;
}

const OLDER_BACKUPS_HELP = `Backups marked "older": true were made before backups were signed or before the newest database change;
they may hold Aadhaar data in the old, recoverable form. Re-write each (npm run mts -- backups rewrite NAME --confirm),
which trusts the file as it is on this PC, opens it, updates it and signs it; or delete it (backups delete NAME --confirm).
"older": true असलेले बॅकअप स्वाक्षरीपूर्वी किंवा डेटाबेसच्या नव्या बदलापूर्वी बनवलेले आहेत; त्यांत आधार माहिती जुन्या, परत मिळवता
येण्याजोग्या स्वरूपात असू शकते. प्रत्येक बॅकअप पुन्हा लिहा (फाइल या संगणकावर आहे तशी विश्वासार्ह मानून, उघडून, अद्ययावत करून
स्वाक्षरी केली जाते) किंवा हटवा.`;

async function run(api: Api, dataDir: string, data: OfficeData): Promise<unknown> {
  const session = new Session();
  const [command, sub, ...rest] = positionals;
  switch (command) {
    case 'setup': {
      const password = await askPassword('New administrator password: ');
      return unwrap(
        await api.call(session, 'office.setup', {
          officeCode: values['office-code'],
          districtLgd: number(values.district),
          blockName: values.block,
          nameMr: values['name-mr'],
          nameEn: values['name-en'],
          series: number(values.series) ?? 1,
          awcCsv: values['awc-csv'] ? readFileSync(values['awc-csv'], 'utf8') : null,
          demo: values.demo,
          admin: { username: values.admin, fullName: values['admin-name'], password, language: values.language },
        }),
      );
    }
    case 'seed':
      await signIn(api, session);
      return unwrap(await api.call(session, 'office.seed', { households: number(values.households) }));
    case 'awc':
      await signIn(api, session);
      if (sub === 'list') return unwrap(await api.call(session, 'awc.list', {}));
      if (sub === 'import' && rest[0]) return unwrap(await api.call(session, 'awc.importCsv', { csv: readFileSync(rest[0], 'utf8') }));
      break;
    case 'operators':
      await signIn(api, session);
      if (sub === 'list') return unwrap(await api.call(session, 'operators.list', {}));
      if (sub === 'add') {
        const password = await askPassword(`Password for the new login ${values.username}: `);
        return unwrap(
          await api.call(session, 'operators.add', {
            username: values.username,
            fullName: values['full-name'],
            role: values.role,
            language: values.language,
            password,
          }),
        );
      }
      break;
    case 'classify': {
      const [input, output] = [sub, rest[0]];
      if (!input || !output) break;
      await signIn(api, session);
      const reply = await api.call(session, 'nutrition.classifyCsv', { csv: readFileSync(input, 'utf8') });
      const result = unwrap(reply) as OutputOf<'nutrition.classifyCsv'>;
      // With a byte-order mark Excel on Windows reads the UTF-8 (Marathi names) correctly.
      writeFileSync(output, '\ufeff' + result.csv);
      process.stdout.write(formatClassifyCounts(result, output));
      return undefined;
    }
    case 'backup':
      await signIn(api, session);
      return unwrap(await api.call(session, 'office.backup', {}));
    case 'backups': {
      await signIn(api, session);
      if ((sub === 'rewrite' || sub === 'delete') && rest[0]) {
        const name = sub === 'rewrite' ? 'office.rewriteBackup' : 'office.deleteBackup';
        if (!values.confirm) process.stderr.write(`${OLDER_BACKUPS_HELP}\nAdd --confirm to go ahead. / पुढे जाण्यासाठी --confirm जोडा.\n`);
        return unwrap(await api.call(session, name, { name: rest[0], confirm: values.confirm || undefined }));
      }
      const list = unwrap(await api.call(session, 'office.backups', {})) as OutputOf<'office.backups'>;
      if (list.some((backup) => backup.older)) process.stderr.write(`${OLDER_BACKUPS_HELP}\n`);
      return list;
    }
    case 'restore': {
      if (!sub) break;
      await signIn(api, session);
      // Checked where it lies, before anything is copied; the handler then restores from the backups folder.
      verifyBackupFile(data, sub);
      const folder = join(dataDir, BACKUP_DIR);
      mkdirSync(folder, { recursive: true });
      if (resolve(dirname(sub)) !== resolve(folder)) {
        for (const suffix of ['', SIGNATURE_SUFFIX]) copyFileSync(sub + suffix, join(folder, basename(sub) + suffix));
      }
      return unwrap(await api.call(session, 'office.restore', { name: basename(sub), confirm: true }));
    }
    case 'print':
      if (await print(api, session, sub, rest[0])) return undefined;
      break;
    case 'call':
      if (!sub) break;
      if (sub !== 'app.status' && !sub.startsWith('office.districts')) await signIn(api, session);
      return unwrap(await api.call(session, sub, rest[0] ? JSON.parse(rest[0]) : {}));
  }
  process.stdout.write(USAGE);
  process.exitCode = 2;
  return undefined;
}

if (values.help || positionals.length === 0) {
  process.stdout.write(USAGE);
} else {
  let data: OfficeData | undefined;
  try {
    // Inside the try: a refused database (newer, edited, damaged) is reported like any other problem.
    data = openOfficeData(resolveDataDir(values['data-dir'], defaultNodeDataDir()));
    const result = await run(createApi(data), data.dataDir, data);
    if (result !== undefined) writeFileSync(1, JSON.stringify(result, null, 2) + '\n');
  } catch (error) {
    if (!(error instanceof Problem)) throw error;
    console.error(`${error.text.en}\n${error.text.mr}`);
    for (const field of error.fields) console.error(`  ${field.field}: ${field.message.en} / ${field.message.mr}`);
    process.exitCode = 1;
  } finally {
    data?.store.close();
  }
}
