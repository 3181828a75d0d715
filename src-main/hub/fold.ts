// A record as the hub sees it: the fold of its changes, each field taken from the latest change that
// wrote it by (HLC, origin) — the same last-writer-wins per field as the offices apply (DESIGN §6 rule 2).
import type { JsonValue } from './store/index.ts';

export interface ChangeOfRecord {
  readonly origin: string;
  readonly hlc: string;
  readonly op: string;
  readonly data: JsonValue;
}

export interface FoldedRecord {
  readonly fields: Record<string, JsonValue>;
  /** HLC of the insert (undefined while only updates have arrived). */
  readonly insertHlc: string | undefined;
  /** Origin of the insert: whose office created the record. */
  readonly insertOrigin: string | undefined;
}

function byClock(a: ChangeOfRecord, b: ChangeOfRecord): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  return a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0;
}

export function foldRecord(changes: readonly ChangeOfRecord[]): FoldedRecord {
  const fields: Record<string, JsonValue> = {};
  let insert: ChangeOfRecord | undefined;
  for (const change of [...changes].sort(byClock)) {
    if (change.op === 'insert' && insert === undefined) insert = change;
    if (change.data !== null && typeof change.data === 'object' && !Array.isArray(change.data)) Object.assign(fields, change.data);
  }
  return { fields, insertHlc: insert?.hlc, insertOrigin: insert?.origin };
}

/** The office code of an origin (`2714-001` → `2714`). */
export function officeOfOrigin(origin: string): string {
  return origin.slice(0, origin.lastIndexOf('-'));
}
