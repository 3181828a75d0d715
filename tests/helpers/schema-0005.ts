// An office database as the version before schema 6 wrote it: a full HMAC-SHA256 of each Aadhaar in the
// household and beneficiary rows, the change log and the double-entry snapshots. Used to prove that every
// path that meets such a file (migration 0006, re-writing an older backup) leaves no full hash behind.
import { createHmac, randomUUID } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createStateKeys, parseStateKeyFile, protectAadhaar, type StateKeys } from '../../src-main/identity/index.ts';
import { formatHlc } from '../../src-main/store/hlc.ts';
import { DATABASE_FILE, loadMigrations, openStore } from '../../src-main/store/index.ts';
import { aadhaarFrom } from './registration.ts';

export const AWC = '27271400001';

export interface OldRecord {
  number: string;
  hash: string;
  table: 'household' | 'beneficiary';
  id: string;
}

/** A database at schema 0005 (the shipped migrations up to it), as the previous version left it. */
export function databaseAt0005(dir: string): void {
  openStore({ dataDir: dir, migrations: loadMigrations().filter((m) => m.version <= 5) }).close();
}

export function stateKeys(): { text: string; keys: StateKeys } {
  const created = createStateKeys();
  const parsed = parseStateKeyFile(created.text);
  if (!parsed.ok) throw new Error(parsed.message.en);
  return { text: created.text, keys: parsed.value };
}

/**
 * Writes households in the old shape through a plain connection, as the previous version's write path did:
 * the row, its change-log entry (the row as JSON) and its audit entry (hash fields shown as '[protected]').
 * The last `inWal` households stay in the WAL only, and the files are copied while the writer is still open,
 * as a power cut would leave them. Returns every full hash written.
 */
export function writeOldOffice(source: string, target: string, state: { text: string; keys: StateKeys }, households: number, inWal: number): OldRecord[] {
  const db = new Database(join(source, DATABASE_FILE));
  db.pragma('wal_autocheckpoint = 0');
  db.pragma('secure_delete = OFF');
  const now = new Date().toISOString();
  const hlc = (n: number) => formatHlc(Date.parse(now), n, '2714-001');
  let counter = 0;
  const change = db.prepare('INSERT INTO change_log (origin, counter, hlc, entity, entity_id, op, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const audit = db.prepare('INSERT INTO audit_log (id, at, operator_id, action, entity, entity_id, before, after, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insert = (table: string, row: Record<string, string | number | null>, audited = true) => {
    counter += 1;
    const columns = Object.keys(row);
    db.prepare(`INSERT INTO ${table} (${columns.join(', ')}, updated_hlc) VALUES (${columns.map(() => '?').join(', ')}, ?)`).run(...Object.values(row), hlc(counter));
    change.run('2714-001', counter, hlc(counter), table, String(row['id'] ?? row['code'] ?? row['series']), 'insert', JSON.stringify(row));
    if (!audited) return;
    const shown = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, /aadhaar_(hash|sealed)$|password_hash/.test(k) && v !== null ? '[protected]' : v]));
    audit.run(randomUUID(), now, operator, `${table}.insert`, table, String(row['id'] ?? row['code']), null, JSON.stringify(shown), null);
  };

  const operator = randomUUID();
  insert('office', { code: '2714', district_lgd: 486, block_name: 'Akkalkuwa', name_mr: 'अक्कलकुवा प्रकल्प', name_en: 'Akkalkuwa ICDS Project', created_at: now });
  insert('installation', { series: 1, opened_at: now, reason: 'setup' });
  insert('operator', { id: operator, username: 'admin', full_name: 'Rekha Gavit', role: 'admin', password_hash: 'scrypt$not-used-here', created_at: now });
  insert('awc', { code: AWC, name_mr: 'मोलगी अंगणवाडी', name_en: 'Molgi AWC', village: 'Molgi', sector: 'Sector 1', worker_name: null, worker_mobile: null });
  db.prepare('INSERT INTO state_key (id, file, fingerprint, issued_at, imported_at, imported_by) VALUES (1, ?, ?, ?, ?, ?)').run(state.text, state.keys.fingerprint, state.keys.issuedAt, now, operator);

  const records: OldRecord[] = [];
  const protect = (number: string, table: OldRecord['table'], id: string) => {
    const hash = createHmac('sha256', state.keys.dedupKey).update(number, 'ascii').digest('hex');
    records.push({ number, hash, table, id });
    return { last4: number.slice(8), hash, sealed: protectAadhaar(number, state.keys).sealed };
  };
  const snapshot = (head: { last4: string; hash: string }, name: string) =>
    JSON.stringify({ awc: AWC, headNameEn: name, aadhaar: `last4:${head.last4};hash:${head.hash}`, 'members.0.nameEn': name, 'members.0.aadhaar': '' });

  for (let h = 0; h < households; h++) {
    if (h === households - inWal) db.pragma('wal_checkpoint(TRUNCATE)');
    const householdId = randomUUID();
    const name = `Head ${h} Pawar`;
    const head = protect(aadhaarFrom(String(23456700000 + h * 101)), 'household', householdId);
    insert('household', {
      id: householdId, awc_code: AWC, head_name_mr: 'रामदास पवार', head_name_en: name, head_name_key: 'ramdas pavar', mobile: null, village: 'Molgi',
      social_category: 'ST', head_aadhaar_last4: head.last4, head_aadhaar_hash: head.hash, head_aadhaar_sealed: head.sealed, pan: null, ration_card: null,
      voter_id: null, job_card: null, status_reason: null, created_at: now, created_by: operator,
    });
    for (let m = 0; m < 2; m++) {
      const id = randomUUID();
      const member = protect(aadhaarFrom(String(34567800000 + h * 10 + m)), 'beneficiary', id);
      insert('beneficiary', {
        id, household_id: householdId, mts_id: `2714001${String(h * 10 + m + 1).padStart(8, '0')}0`, name_mr: 'सुनीता पवार', name_en: `Member ${h}-${m}`,
        name_key: `sunit pavar m${h}x${m}`, sex: 'f', dob: '1998-03-14', relation: 'spouse', lmp_date: null, delivery_date: null,
        aadhaar_last4: member.last4, aadhaar_hash: member.hash, aadhaar_sealed: member.sealed, status_reason: null, created_at: now, created_by: operator,
      });
    }
    if (h % 10 === 0) {
      const second = h % 20 === 0 ? snapshot(head, name) : null;
      db.prepare(
        `INSERT INTO form_verification (household_id, status, first_operator, first_entry, member_ids, second_operator, second_entry, fields_compared, created_at)
         VALUES (?, ?, ?, ?, '[]', ?, ?, NULL, ?)`,
      ).run(householdId, second ? 'mismatch' : 'unverified', operator, snapshot(head, name), second ? operator : null, second, now);
    }
  }
  // A hand-edited or foreign audit row that holds a raw hash: kept only as '[protected]'.
  const first = records[0]!;
  audit.run(randomUUID(), now, operator, 'household.update', 'household', first.id, JSON.stringify({ head_aadhaar_hash: first.hash }), JSON.stringify({ head_aadhaar_hash: null }), 'typo');
  // A row deleted by hand: its bytes stay in a free page.
  const gone = protect(aadhaarFrom('45678900001'), 'beneficiary', 'deleted');
  db.prepare(`INSERT INTO setting (key, value, updated_hlc) VALUES ('scratch', ?, 'x')`).run(gone.hash.repeat(40));
  db.prepare(`DELETE FROM setting WHERE key = 'scratch'`).run();

  copyFileSync(join(source, DATABASE_FILE), join(target, DATABASE_FILE));
  copyFileSync(join(source, `${DATABASE_FILE}-wal`), join(target, `${DATABASE_FILE}-wal`));
  db.close();
  return records;
}
