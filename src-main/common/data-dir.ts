import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const DATA_DIR_ENV = 'MTS_DATA_DIR';

/**
 * Where the office database lives: `--data-dir` wins, then MTS_DATA_DIR (tests, scripts), then the
 * caller's default (Electron passes the user's app-data folder).
 */
export function resolveDataDir(flag: string | undefined, fallback: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env[DATA_DIR_ENV]) return resolve(env[DATA_DIR_ENV]);
  return fallback;
}

/** The browser mode and the command line, outside Electron, keep data in the user's home by default. */
export function defaultNodeDataDir(): string {
  const base = process.env.APPDATA ?? process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return join(base, 'mts-block-office');
}
