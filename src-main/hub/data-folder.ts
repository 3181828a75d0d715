// Which database a hub data folder uses. The folder (`--data H`) always exists; it holds the embedded
// PGlite database (`H/pgdata`) or, for a hub on a PostgreSQL server, `H/hub.json` naming the server. A
// password never goes on a command line (every user of the computer can read it with `ps`) nor into
// hub.json: it comes from MTS_HUB_DATABASE_URL, or PGPASSWORD / ~/.pgpass, which node-postgres reads.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Problem } from '../common/problem.ts';
import { describeServer, PGLITE_FOLDER } from './store/index.ts';

export const HUB_DATABASE_URL_ENV = 'MTS_HUB_DATABASE_URL';
export const HUB_CONFIG_FILE = 'hub.json';
const EMBEDDED = 'pglite';

export interface HubLocation {
  dataDir: string;
  target: { dataDir: string } | { url: string };
  /** Printable: the PGlite folder, or the server URL without its password. */
  database: string;
  backend: 'pglite' | 'postgresql';
}

interface HubConfig {
  /** `pglite`, or a `postgres://` URL without password. */
  database: string;
}

export function resolveHubLocation(
  dataDirFlag: string | undefined,
  databaseFlag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): HubLocation {
  if (!dataDirFlag) {
    throw new Problem('no-data-folder', {
      en: 'Say which hub data folder to use: --data FOLDER.',
      mr: 'कोणते हब डेटा फोल्डर वापरायचे ते सांगा: --data FOLDER.',
    });
  }
  const dataDir = resolve(dataDirFlag);
  if (databaseFlag !== undefined) refusePasswordOnCommandLine(databaseFlag);
  const explicit = databaseFlag ?? env[HUB_DATABASE_URL_ENV];
  if (explicit !== undefined) checkServerUrl(explicit);

  const recorded = readConfig(dataDir)?.database;
  if (explicit !== undefined && recorded !== undefined && recorded !== describeServer(explicit)) {
    throw new Problem('hub-database-mismatch', {
      en: `The hub data folder ${dataDir} belongs to ${recorded === EMBEDDED ? 'its own embedded database' : recorded}, not to ${describeServer(explicit)}. Nothing was changed.`,
      mr: `हब डेटा फोल्डर ${dataDir} ${recorded === EMBEDDED ? 'त्याच्या स्वतःच्या डेटाबेसचे' : recorded} आहे, ${describeServer(explicit)} चे नाही. काहीही बदललेले नाही.`,
    });
  }
  const url = explicit ?? (recorded !== undefined && recorded !== EMBEDDED ? recorded : undefined);
  if (url !== undefined) return { dataDir, target: { url }, database: describeServer(url), backend: 'postgresql' };
  return { dataDir, target: { dataDir }, database: join(dataDir, PGLITE_FOLDER), backend: 'pglite' };
}

/** Written by `init`, so later commands on the folder find the same database without being told. */
export function rememberHubLocation(location: HubLocation): void {
  mkdirSync(location.dataDir, { recursive: true });
  const config: HubConfig = { database: location.backend === 'pglite' ? EMBEDDED : location.database };
  writeFileSync(join(location.dataDir, HUB_CONFIG_FILE), JSON.stringify(config, null, 2) + '\n');
}

function readConfig(dataDir: string): HubConfig | undefined {
  const path = join(dataDir, HUB_CONFIG_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const config = JSON.parse(readFileSync(path, 'utf8')) as Partial<HubConfig>;
    if (typeof config.database === 'string') return { database: config.database };
  } catch {
    // reported below
  }
  throw new Problem('unreadable-hub-config', {
    en: `${path} is not a hub configuration ({"database": "pglite" or "postgres://…"}). Nothing was changed.`,
    mr: `${path} हे हब कॉन्फिगरेशन नाही ({"database": "pglite" किंवा "postgres://…"}). काहीही बदललेले नाही.`,
  });
}

function refusePasswordOnCommandLine(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed && (parsed.password !== '' || parsed.searchParams.has('password'))) {
    throw new Problem('password-on-command-line', {
      en: `Refused: a password in --database can be read by every user of this computer; put the URL in ${HUB_DATABASE_URL_ENV} instead.`,
      mr: `नाकारले: --database मधील पासवर्ड या संगणकाचा प्रत्येक वापरकर्ता वाचू शकतो; त्याऐवजी URL ${HUB_DATABASE_URL_ENV} मध्ये ठेवा.`,
    });
  }
}

function checkServerUrl(url: string): void {
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = '';
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new Problem('bad-database-url', {
      en: 'The database must be a URL like postgres://user@host:5432/database.',
      mr: 'डेटाबेस postgres://user@host:5432/database अशा स्वरूपाची URL असावी.',
    });
  }
}
