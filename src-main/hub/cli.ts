/**
 * The state hub's command line: `npm run mts-hub -- <command> --data H`. `init` creates or migrates the hub
 * database and its key files; `enrol`, `import`, `export`, `route`, `revoke` and `status` work on them.
 * An expected refusal prints one line and exits 1; a usage mistake prints the usage and exits 2.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Problem } from '../common/problem.ts';
import { rememberHubLocation, resolveHubLocation, HUB_DATABASE_URL_ENV, type HubLocation } from './data-folder.ts';
import { enrolOffice } from './enrol.ts';
import { exportForOffice, hubExportFileNames } from './export.ts';
import { openHub, type OpenedHub } from './hub.ts';
import { importOfficeBundle } from './import.ts';
import { HUB_AADHAAR_HASH_KEY_FILE_ENV, HUB_KEYS_DIR_ENV, HUB_SEAL_KEY_FILE_ENV, initHubKeys } from './keys.ts';
import { revokeOffice } from './revoke.ts';
import { SERVE_USAGE } from './serve-usage.ts';
import { routeByHand } from './routing.ts';
import { readHubReport, type HubReport } from './status.ts';
import { openHubDatabase, readHubStatus, type HubDatabase } from './store/index.ts';

const USAGE = `MTS state hub — command line

  npm run mts-hub -- <command> --data H [options]

Commands:
  init [--database postgres://user@host:5432/db]
                   create the hub database (embedded PGlite in H/pgdata unless a server is given)
                   or bring its schema up to date, create the hub's key files that are missing and
                   H/state-keys.json (the state key file offices import); prints status
  enrol REQUEST --out FILE [--replace-key]
                   enrol the office of an enrolment request; writes its enrolment bundle to FILE and
                   prints the office key fingerprint (compare it by phone) and the series granted
  import FILE…     import an office's bundle (one file, or all parts of a split one)
  export --office CODE --out DIR [--max-bytes N]
                   write the bundle for office CODE into DIR; prints the file paths
  route HOUSEHOLD --office CODE
                   route a household to an office by hand (until a newer trip is recorded)
  revoke OFFICE    revoke an office and its keys: its bundles are refused from now on
  status [--json]  schema version, counts, offices and unrouted households
${SERVE_USAGE}
The hub data folder H remembers which database it uses. A server password comes from
${HUB_DATABASE_URL_ENV} (the whole URL), PGPASSWORD or ~/.pgpass — never from the command line.
Key files are in H/keys (${HUB_KEYS_DIR_ENV} to use another folder); the state seal key and the
Aadhaar hash key can live elsewhere (${HUB_SEAL_KEY_FILE_ENV}, ${HUB_AADHAAR_HASH_KEY_FILE_ENV}).
`;

const COMMANDS = ['init', 'status', 'enrol', 'import', 'export', 'route', 'revoke'] as const;
type Command = (typeof COMMANDS)[number];

interface HubStatusReport extends HubReport {
  dataDir: string;
  backend: HubLocation['backend'];
  database: string;
  schemaVersion: number;
  counts: Awaited<ReturnType<typeof readHubStatus>>['counts'];
}

async function report(db: HubDatabase, location: HubLocation): Promise<HubStatusReport> {
  const { schemaVersion, counts } = await readHubStatus(db);
  const base = { dataDir: location.dataDir, backend: location.backend, database: location.database, schemaVersion, counts };
  return { ...base, ...(await readHubReport(db)) };
}

function printStatus(status: HubStatusReport, json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify(status, null, 2) + '\n');
    return;
  }
  const lines = [
    `hub data folder    ${status.dataDir}`,
    `database           ${status.database} (${status.backend})`,
    `schema version     ${status.schemaVersion}`,
    ...Object.entries(status.counts).map(([name, count]) => `${name.padEnd(18)} ${count}`),
    ...status.offices.map(
      (office) => `office ${office.code}        ${office.status}, series ${office.series.join(',')}, last bundle ${office.lastBundle ?? 'none'}, ${office.acksLag} not acknowledged`,
    ),
    ...status.unrouted.map((household) => `unrouted           ${household.id} (owner ${household.owner}, ${household.reason})`),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

function usageError(message: string): number {
  process.stderr.write(`mts-hub: ${message}\n${USAGE}`);
  return 2;
}

function print(lines: string[]): void {
  process.stdout.write(lines.join('\n') + '\n');
}

interface Values {
  data?: string;
  out?: string;
  office?: string;
  json?: boolean;
  'replace-key'?: boolean;
  'max-bytes'?: string;
}

/** The commands that work on an initialised hub (database and keys). */
async function runOnHub(command: Exclude<Command, 'init' | 'status'>, hub: OpenedHub, positionals: string[], values: Values): Promise<number> {
  const json = values.json ?? false;
  switch (command) {
    case 'enrol': {
      if (positionals.length !== 1 || !values.out) return usageError('enrol takes one REQUEST file and --out FILE');
      const result = await enrolOffice(hub, readFileSync(positionals[0]!), { replaceKey: values['replace-key'] ?? false });
      const out = resolve(values.out);
      writeFileSync(out, result.bundle);
      if (json) print([JSON.stringify({ file: out, office: result.officeCode, keyId: result.keyId, fingerprint: result.fingerprint, series: result.series, revokedKeys: result.revokedKeys }, null, 2)]);
      else {
        print([
          `enrolment bundle        ${out}`,
          `office ${result.officeCode} key fingerprint  ${result.fingerprint}  (the office shows the same; compare them by phone)`,
          `series granted          ${result.series}`,
          ...(result.revokedKeys.length > 0 ? [`keys revoked            ${result.revokedKeys.join(', ')}`] : []),
        ]);
      }
      return 0;
    }
    case 'import': {
      if (positionals.length === 0) return usageError('import takes the bundle FILE (all parts of a split bundle)');
      const result = await importOfficeBundle(hub, positionals.map((file) => new Uint8Array(readFileSync(file))));
      if (json) print([JSON.stringify(result, null, 2)]);
      else if (result.status === 'already-imported') print([`bundle ${result.bundleId} from office ${result.from} was already imported; nothing changed`]);
      else {
        print([
          `imported bundle ${result.bundleId} from office ${result.from}: ${result.changes} change(s), ${result.inserted} new; ` +
            `${result.routed.length} household route(s) changed; ${result.unrouted} household(s) unrouted`,
        ]);
      }
      return 0;
    }
    case 'export': {
      if (positionals.length !== 0 || !values.office || !values.out) return usageError('export takes --office CODE and --out DIR');
      const maxBytes = values['max-bytes'] === undefined ? undefined : Number(values['max-bytes']);
      if (maxBytes !== undefined && (!Number.isSafeInteger(maxBytes) || maxBytes < 1)) return usageError('--max-bytes must be a positive whole number');
      const now = new Date();
      const bundle = await exportForOffice(hub, values.office, { now, ...(maxBytes !== undefined ? { maxBytes } : {}) });
      const dir = resolve(values.out);
      mkdirSync(dir, { recursive: true });
      const paths = hubExportFileNames(values.office, bundle, now).map((name) => join(dir, name));
      paths.forEach((path, i) => writeFileSync(path, bundle.files[i]!));
      print(paths);
      return 0;
    }
    case 'route': {
      if (positionals.length !== 1 || !values.office) return usageError('route takes one HOUSEHOLD id and --office CODE');
      const result = await routeByHand(hub.db, positionals[0]!, values.office);
      print([
        result.changed
          ? `household ${result.householdId} (owner ${result.ownerOffice}) is routed to office ${result.destinationOffice} by hand`
          : `household ${result.householdId} was already routed to office ${result.destinationOffice} by hand; nothing changed`,
      ]);
      return 0;
    }
    case 'revoke': {
      if (positionals.length !== 1) return usageError('revoke takes one OFFICE code');
      const result = await revokeOffice(hub.db, positionals[0]!);
      print([
        result.alreadyRevoked
          ? `office ${result.officeCode} was already revoked; nothing changed`
          : `office ${result.officeCode} revoked; keys revoked: ${result.revokedKeys.join(', ') || 'none'}`,
      ]);
      return 0;
    }
  }
}

async function main(argv: string[]): Promise<number> {
  // serve has options of its own (serve-command.ts); loaded only when asked for.
  if (argv[0] === 'serve') return (await import('./serve-command.ts')).runServeCommand(argv.slice(1));
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        database: { type: 'string' },
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        office: { type: 'string' },
        'replace-key': { type: 'boolean', default: false },
        'max-bytes': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || command === undefined) {
    process.stdout.write(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (!(COMMANDS as readonly string[]).includes(command)) return usageError(`unknown command ${JSON.stringify(command)}`);
  if (command !== 'init' && values.database !== undefined) {
    process.stderr.write(`mts-hub: ${command} takes the database recorded by init (or MTS_HUB_DATABASE_URL), not --database\n`);
    return 2;
  }

  if (command === 'init' || command === 'status') {
    const location = resolveHubLocation(values.data, values.database);
    if (command === 'init') await initHubKeys(location.dataDir);
    const db = await openHubDatabase({ ...location.target, mustExist: command !== 'init' });
    try {
      if (command === 'init') rememberHubLocation(location);
      printStatus(await report(db, location), values.json || command === 'init');
    } finally {
      await db.destroy();
    }
    return 0;
  }

  const hub = await openHub(values.data);
  try {
    return await runOnHub(command as Exclude<Command, 'init' | 'status'>, hub, positionals.slice(1), values);
  } finally {
    await hub.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof Problem)) throw error;
  // One line, no stack trace: the sentence says what was refused and what to do.
  process.stderr.write(`mts-hub: ${error.text.en}\n`, () => {
    // A connection refused during authentication stays open until the server's authentication_timeout
    // (60 s by default); the answer is known, so do not wait for it.
    process.exit(1);
  });
}
