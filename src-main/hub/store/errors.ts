// PostgreSQL errors the hub expects, turned into one clear sentence (Problem). Both backends raise errors
// with the server's SQLSTATE `code`, `constraint` and `detail`, so one translation serves both. Details
// name only keys (origin, counter, office codes), never personal data.
import { Problem } from '../../common/problem.ts';

interface PostgresError {
  code: string;
  constraint?: string;
  detail?: string;
  table?: string;
}

function isPostgresError(error: unknown): error is PostgresError {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((error as { code: string }).code);
}

/** The Problem an expected database error means, or undefined for anything else (a bug: rethrow it). */
export function hubProblemFrom(error: unknown): Problem | undefined {
  if (error instanceof Problem) return error;
  if (!isPostgresError(error)) return undefined;
  if (error.code === '23505' && error.constraint === 'change_pkey') {
    const key = /=\((.+), (\d+)\)/.exec(error.detail ?? '');
    const which = key ? `${key[1]} #${key[2]}` : 'with this origin and counter';
    return new Problem('duplicate-change', {
      en: `Change ${which} is already stored on the hub; a change is applied at most once. Nothing was changed.`,
      mr: `बदल ${which} हबवर आधीच साठवलेला आहे; एक बदल एकदाच लागू होतो. काहीही बदललेले नाही.`,
    });
  }
  if (error.code === '23505' && error.constraint === 'bundle_seen_pkey') {
    return new Problem('bundle-already-imported', {
      en: 'This bundle was already imported; nothing was changed.',
      mr: 'हे बंडल आधीच आयात केले आहे; काहीही बदललेले नाही.',
    });
  }
  if (error.code.startsWith('23')) {
    const what = error.constraint ? `rule ${error.constraint}` : 'a rule';
    return new Problem('hub-constraint', {
      en: `The hub database refused the write (${what}${error.table ? ` on ${error.table}` : ''}). Nothing was changed.`,
      mr: `हब डेटाबेसने लेखन नाकारले (${what}${error.table ? `, ${error.table}` : ''}). काहीही बदललेले नाही.`,
    });
  }
  return undefined;
}

/** Errors of reaching a PostgreSQL server; `where` is the URL without its password. */
export function connectionProblemFrom(error: unknown, where: string): Problem | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is the server running?)',
    ENOTFOUND: 'unknown host name',
    ETIMEDOUT: 'no answer from the server',
    EHOSTUNREACH: 'host unreachable',
    '28P01': 'the user name or password was not accepted',
    '28000': 'the server does not allow this user to connect',
    '3D000': 'the database does not exist',
    '42501': 'this user may not create tables there',
  };
  const message = error instanceof Error ? error.message : '';
  // node-postgres says this, without a code, when the server asks for a password and none was given.
  const noPassword = /password must be a string/.test(message)
    ? 'no password was given (set MTS_HUB_DATABASE_URL, PGPASSWORD or ~/.pgpass)'
    : undefined;
  const reason = noPassword ?? (typeof code === 'string' ? reasons[code] : undefined);
  if (!reason) return undefined;
  return new Problem('hub-database-unreachable', {
    en: `Cannot use the hub database ${where}: ${reason}.`,
    mr: `हब डेटाबेस ${where} वापरता येत नाही: ${reason}.`,
  });
}
