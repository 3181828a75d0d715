/**
 * The state hub's command line: `npm run mts-hub -- <command> --data H`. So far the storage commands:
 * `init` creates or migrates the hub database, `status` reports its schema version and counts (JSON).
 * An expected refusal prints one line and exits 1; a usage mistake prints the usage and exits 2.
 */
import { parseArgs } from 'node:util';
import { Problem } from '../common/problem.ts';
import { rememberHubLocation, resolveHubLocation, HUB_DATABASE_URL_ENV, type HubLocation } from './data-folder.ts';
import { openHubDatabase, readHubStatus, type HubDatabase } from './store/index.ts';

const USAGE = `MTS state hub — command line

  npm run mts-hub -- <command> --data H [options]

Commands:
  init [--database postgres://user@host:5432/db]
                   create the hub database (embedded PGlite in H/pgdata unless a server is given)
                   or bring its schema up to date; prints status
  status [--json]  schema version and counts

The hub data folder H remembers which database it uses. A server password comes from
${HUB_DATABASE_URL_ENV} (the whole URL), PGPASSWORD or ~/.pgpass — never from the command line.
`;

interface HubStatusReport {
  dataDir: string;
  backend: HubLocation['backend'];
  database: string;
  schemaVersion: number;
  counts: Awaited<ReturnType<typeof readHubStatus>>['counts'];
}

async function report(db: HubDatabase, location: HubLocation): Promise<HubStatusReport> {
  const { schemaVersion, counts } = await readHubStatus(db);
  return { dataDir: location.dataDir, backend: location.backend, database: location.database, schemaVersion, counts };
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
  ];
  process.stdout.write(lines.join('\n') + '\n');
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
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`mts-hub: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || command === undefined) {
    process.stdout.write(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (command !== 'init' && command !== 'status') {
    process.stderr.write(`mts-hub: unknown command ${JSON.stringify(command)}\n${USAGE}`);
    return 2;
  }
  if (command === 'status' && values.database !== undefined) {
    process.stderr.write('mts-hub: status takes the database recorded by init (or MTS_HUB_DATABASE_URL), not --database\n');
    return 2;
  }

  const location = resolveHubLocation(values.data, values.database);
  const db = await openHubDatabase({ ...location.target, mustExist: command !== 'init' });
  try {
    if (command === 'init') rememberHubLocation(location);
    printStatus(await report(db, location), values.json || command === 'init');
  } finally {
    await db.destroy();
  }
  return 0;
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
