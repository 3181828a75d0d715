import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { Problem } from '../common/problem.ts';

export interface DatabaseFileReport {
  /** 'ok', or SQLite's first complaint. */
  integrity: string;
  /** Highest applied migration; 0 when the file has none. */
  schemaVersion: number;
  officeCode: string | null;
  highestSeries: number;
}

/**
 * Looks at a database file without changing it (read-only; side files SQLite creates for the look are
 * removed again): is it sound, which schema, which office, which series. Used before a file may replace
 * the live database.
 */
export function inspectDatabaseFile(path: string): DatabaseFileReport {
  const sideFiles = [`${path}-wal`, `${path}-shm`].filter((file) => !existsSync(file));
  let connection: Database.Database | undefined;
  try {
    connection = new Database(path, { readonly: true, fileMustExist: true });
    const integrity = String(connection.pragma('integrity_check', { simple: true }));
    const has = (table: string) => connection!.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined;
    const schemaVersion = has('schema_migration')
      ? Number((connection.prepare('SELECT max(version) AS v FROM schema_migration').get() as { v: number | null }).v ?? 0)
      : 0;
    const officeCode = has('office') ? ((connection.prepare('SELECT code FROM office LIMIT 1').get() as { code: string } | undefined)?.code ?? null) : null;
    const highestSeries = has('installation')
      ? Number((connection.prepare('SELECT max(series) AS s FROM installation').get() as { s: number | null }).s ?? 0)
      : 0;
    return { integrity, schemaVersion, officeCode, highestSeries };
  } catch (error) {
    if (error instanceof Problem) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new Problem('corrupt-database', {
        en: 'The backup file is damaged or is not a database, so it cannot be restored.',
        mr: 'बॅकअप फाइल खराब झाली आहे किंवा ती डेटाबेस नाही, म्हणून ती पुनर्संचयित करता येत नाही.',
      });
    }
    throw error;
  } finally {
    connection?.close();
    for (const file of sideFiles) rmSync(file, { force: true });
  }
}
