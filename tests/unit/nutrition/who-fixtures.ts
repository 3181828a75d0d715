/**
 * Independent oracles for the nutrition tests: WHO rows read straight from the jsgrowup package at
 * test time, and the LMS formulas of the WHO Child Growth Standards technical report (chapter 7)
 * written out again here, separately from the engine.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
export const JSGROWUP_DIR = dirname(require.resolve('jsgrowup'));

export interface WhoRow {
  key: number;
  L: number;
  M: number;
  S: number;
  [column: string]: number;
}

/** A jsgrowup table, e.g. `whoTable('wfa_boys_0_13_zscores.json')`, with every value as a number. */
export function whoTable(file: string): WhoRow[] {
  const raw = JSON.parse(readFileSync(join(JSGROWUP_DIR, 'tables', file), 'utf8')) as Record<string, string | number>[];
  return raw.map((r) => {
    const row: Record<string, number> = {};
    for (const [k, v] of Object.entries(r)) row[k] = Number(v);
    row['key'] = Number(r['Week'] ?? r['Month'] ?? r['Length'] ?? r['Height']);
    return row as WhoRow;
  });
}

export function whoRow(file: string, key: number): WhoRow {
  const row = whoTable(file).find((r) => r.key === key);
  if (!row) throw new Error(`${file}: no row ${key}`);
  return row;
}

/** Measurement at z (WHO formula: M(1 + L·S·z)^(1/L)). */
export function lmsValue(row: { L: number; M: number; S: number }, z: number): number {
  return row.L === 0 ? row.M * Math.exp(row.S * z) : row.M * Math.pow(1 + row.L * row.S * z, 1 / row.L);
}

/** Plain LMS z-score. */
export function lmsZ(row: { L: number; M: number; S: number }, y: number): number {
  return row.L === 0 ? Math.log(y / row.M) / row.S : (Math.pow(y / row.M, row.L) - 1) / (row.L * row.S);
}

/** Weight for a target z under WHO's restricted rule beyond ±3 (linear in the 2–3 SD gap). */
export function restrictedValue(row: { L: number; M: number; S: number }, z: number): number {
  if (z > 3) return lmsValue(row, 3) + (z - 3) * (lmsValue(row, 3) - lmsValue(row, 2));
  if (z < -3) return lmsValue(row, -3) + (z + 3) * (lmsValue(row, -2) - lmsValue(row, -3));
  return lmsValue(row, z);
}

export function readSurvey(): { header: string[]; rows: string[][] } {
  const text = readFileSync(join(JSGROWUP_DIR, 'testdata', 'survey_z_rc.csv'), 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  // The file has no quoted fields, so a plain split is a faithful reading.
  const [head, ...body] = lines.map((l) => l.split(','));
  if (!head) throw new Error('empty survey file');
  return { header: head, rows: body };
}
