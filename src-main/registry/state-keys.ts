import { Problem } from '../common/problem.ts';
import { parseStateKeyFile, type StateKeys } from '../identity/index.ts';
import type { OfficeData } from '../office/service.ts';
import type { Actor } from '../store/write.ts';
import type { StateKeyStatus } from './types.ts';

let cached: { file: string; keys: StateKeys } | null = null;

/** The state's keys for Aadhaar (seal and duplicate bucket), or null until the administrator imports them. */
export function readStateKeys({ store }: OfficeData): StateKeys | null {
  const row = store.first(store.db.selectFrom('state_key').select('file').where('id', '=', 1));
  if (!row) return null;
  if (cached?.file === row.file) return cached.keys;
  const parsed = parseStateKeyFile(row.file);
  if (!parsed.ok) return null;
  cached = { file: row.file, keys: parsed.value };
  return parsed.value;
}

export function requireStateKeys(data: OfficeData, field: string): StateKeys {
  const keys = readStateKeys(data);
  if (!keys) {
    const text = {
      en: 'Aadhaar cannot be stored until the administrator imports the state key file (Settings). Leave Aadhaar empty for now.',
      mr: 'प्रशासकाने राज्याची की फाइल (सेटिंग्ज) आयात करेपर्यंत आधार जतन करता येत नाही. आत्ता आधार रिकामा ठेवा.',
    };
    throw new Problem('state-keys-missing', text, [{ field, message: text }]);
  }
  return keys;
}

export function stateKeyStatus({ store }: OfficeData): StateKeyStatus {
  const row = store.first(store.db.selectFrom('state_key').selectAll().where('id', '=', 1));
  return {
    imported: row !== undefined,
    fingerprint: row?.fingerprint ?? null,
    issuedAt: row?.issued_at ?? null,
    importedAt: row?.imported_at ?? null,
  };
}

/** What the administrator checks (by phone with the state IT cell) before the file is stored. */
export function previewStateKeys(file: string): { fingerprint: string; issuedAt: string } {
  const parsed = parseStateKeyFile(file);
  if (!parsed.ok) {
    throw new Problem('state-keys-invalid', parsed.message, [{ field: 'file', message: parsed.message }]);
  }
  return { fingerprint: parsed.value.fingerprint, issuedAt: parsed.value.issuedAt };
}

/** Replaces the key file only with one that verifies; a bad file changes nothing. */
export function importStateKeys(data: OfficeData, actor: Actor, file: string): StateKeyStatus {
  const parsed = parseStateKeyFile(file);
  if (!parsed.ok) {
    throw new Problem('state-keys-invalid', parsed.message, [{ field: 'file', message: parsed.message }]);
  }
  const { store } = data;
  store.transaction(() => {
    store.run(store.db.deleteFrom('state_key'));
    store.run(
      store.db.insertInto('state_key').values({
        id: 1,
        file,
        fingerprint: parsed.value.fingerprint,
        issued_at: parsed.value.issuedAt,
        imported_at: new Date().toISOString(),
        imported_by: actor.operatorId,
      }),
    );
    data.writer.auditOnly(actor, 'state-keys.import', { after: { fingerprint: parsed.value.fingerprint, issued_at: parsed.value.issuedAt } });
  });
  return stateKeyStatus(data);
}
