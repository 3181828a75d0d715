import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HandlerName, InputOf, OutputOf } from '../../../src-main/api/contract.ts';
import type { Session } from '../../../src-main/api/session.ts';
import { DRAFT_FORM_VERSION, saveDraft, type RegistrationDraftForm } from '../../../src-main/drafts/index.ts';
import { createStateKeys } from '../../../src-main/identity/index.ts';
import { DATABASE_FILE } from '../../../src-main/store/index.ts';
import { REPLICATED_TABLES } from '../../../src-main/store/schema.ts';
import { addSignedInOperator, openTestOffice, type TestOffice } from '../../helpers/office.ts';
import { aadhaarFrom, pawarForm } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();

/** Digits that appear nowhere else in a test office (the AWC list has mobiles like 9876543210). */
const AADHAAR = aadhaarFrom('52718364905');

/** The registration screen's form as an operator leaves it half-keyed: the head and one member. */
function halfKeyed(overrides: { head?: Record<string, string | boolean>; members?: Record<string, string | boolean>[] } = {}): RegistrationDraftForm {
  return {
    head: { awc: '27271400001', headNameMr: 'रामदास विठ्ठल पवार', headNameEn: 'Ramdas Vitthal Pawar', contactNumber: '9823012345', aadhaar: '', pan: 'ABCDE1234F', ...overrides.head },
    members: overrides.members ?? [
      { nameMr: 'सुनीता रामदास पवार', nameEn: 'Sunita Ramdas Pawar', sex: 'F', dateOfBirth: '14-03-1998', pregnant: true },
      { nameMr: '', nameEn: '', sex: '', dateOfBirth: '', pregnant: false },
    ],
    migration: { departureDate: '', destinationState: '', employer: '' },
  };
}

/** A call as another signed-in operator (office.call is the administrator's session). */
async function call<K extends HandlerName>(office: TestOffice, session: Session, name: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const reply = await office.api.call(session, name, input);
  if (!reply.ok) throw new Error(`${reply.problem.code}: ${reply.problem.text.en}`);
  return reply.value as OutputOf<K>;
}

/** Everything SQLite has on disk for the office: the database file and its write-ahead log. */
function bytesOnDisk(office: TestOffice): string {
  const file = join(office.data.dataDir, DATABASE_FILE);
  return [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
}

function count(office: TestOffice, table: 'change_log' | 'audit_log' | 'draft'): number {
  return Number(office.data.store.first(office.data.store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')))!.n);
}

describe('drafts of half-keyed registration forms', () => {
  it('are saved, listed newest first, reopened as typed and discarded', async () => {
    const office = await openTestOffice(tempDir());
    const first = await office.call('drafts.save', { kind: 'registration', form: halfKeyed() });
    const blank = await office.call('drafts.save', { kind: 'registration', form: halfKeyed({ head: { headNameMr: '', headNameEn: '' }, members: [{ nameMr: '' }] }) });
    // Typing on: the same draft is updated, not a new one made.
    const again = await office.call('drafts.save', { id: first.id, kind: 'registration', form: halfKeyed({ head: { nativeVillage: 'Molgi' } }) });
    expect(again.id).toBe(first.id);

    const list = await office.call('drafts.list', {});
    expect(list.map((d) => d.id)).toEqual([first.id, blank.id]);
    expect(list[0]).toMatchObject({ kind: 'registration', headName: { mr: 'रामदास विठ्ठल पवार', en: 'Ramdas Vitthal Pawar' }, members: 1, readable: true });
    expect(list[1]).toMatchObject({ headName: null, members: 0, readable: true });

    const opened = await office.call('drafts.open', { id: first.id });
    expect(opened.form).toEqual(halfKeyed({ head: { nativeVillage: 'Molgi' } }));
    expect(opened.retype).toEqual([]);

    await office.call('drafts.discard', { id: first.id });
    expect((await office.call('drafts.list', {})).map((d) => d.id)).toEqual([blank.id]);
    await expect(office.call('drafts.open', { id: first.id })).rejects.toThrow(/not-found: This draft no longer exists/);
    office.close();
  });

  it('are never replicated and leave no change-log or audit entry', async () => {
    const office = await openTestOffice(tempDir());
    expect(Object.keys(REPLICATED_TABLES)).not.toContain('draft');
    const before = { changes: count(office, 'change_log'), audit: count(office, 'audit_log') };
    const saved = await office.call('drafts.save', { kind: 'registration', form: halfKeyed() });
    await office.call('drafts.save', { id: saved.id, kind: 'registration', form: halfKeyed({ head: { nativeVillage: 'Molgi' } }) });
    await office.call('drafts.discard', { id: saved.id });
    expect({ changes: count(office, 'change_log'), audit: count(office, 'audit_log') }).toEqual(before);
    office.close();
  });

  it('belong to one operator: others, the administrator included, neither list, open, overwrite nor discard them', async () => {
    const office = await openTestOffice(tempDir());
    const savita = await addSignedInOperator(office, { username: 'savita', fullName: 'Savita Padvi', role: 'operator', password: 'Entry2024' });
    const hers = await call(office, savita, 'drafts.save', { kind: 'registration', form: halfKeyed() });
    const mine = await office.call('drafts.save', { kind: 'registration', form: halfKeyed({ head: { headNameEn: 'Admin Form' } }) });

    expect((await office.call('drafts.list', {})).map((d) => d.id)).toEqual([mine.id]);
    expect((await call(office, savita, 'drafts.list', {})).map((d) => d.id)).toEqual([hers.id]);
    await expect(office.call('drafts.open', { id: hers.id })).rejects.toThrow(/not-found/);
    await expect(office.call('drafts.discard', { id: hers.id })).rejects.toThrow(/not-found/);
    // Saving under her id keeps the administrator's form as a new draft of his own; hers is untouched.
    const other = await office.call('drafts.save', { id: hers.id, kind: 'registration', form: halfKeyed({ head: { headNameEn: 'Overwrite' } }) });
    expect(other.id).not.toBe(hers.id);
    const still = await call(office, savita, 'drafts.open', { id: hers.id });
    expect(still.form.head.headNameEn).toBe('Ramdas Vitthal Pawar');
    office.close();
  });

  it('never hold an Aadhaar number: not from the screen, not through the module, not on disk', async () => {
    const office = await openTestOffice(tempDir());
    // Over the API a whole number is refused before any handler runs (the screen empties the field first).
    await expect(office.call('drafts.save', { kind: 'registration', form: halfKeyed({ head: { aadhaar: AADHAAR } }) })).rejects.toThrow(/aadhaar-out-of-place/);
    // The digits typed so far (no whole number yet) pass the dispatcher: the module empties the field.
    const partial = AADHAAR.slice(0, 8);
    const viaApi = await office.call('drafts.save', { kind: 'registration', form: halfKeyed({ head: { aadhaar: `${partial.slice(0, 4)} ${partial.slice(4)}` } }) });
    // Any other caller of the module gets the same: the whole number, and one typed into a name field.
    const direct = saveDraft(office.data.store, office.session.operatorId!, {
      id: null,
      kind: 'registration',
      form: halfKeyed({ head: { aadhaar: AADHAAR }, members: [{ nameMr: 'सुनीता', nameEn: `Sunita ${AADHAAR}` }] }),
      dropped: [],
    });

    const rows = office.data.store.all(office.data.store.db.selectFrom('draft').select('payload'));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.payload).not.toContain(partial);
      expect(row.payload.replace(/\D/g, '')).not.toContain(AADHAAR.slice(0, 8));
      expect(JSON.parse(row.payload).form.head.aadhaar).toBe('');
    }
    office.data.store.pragma('wal_checkpoint(TRUNCATE)');
    const disk = bytesOnDisk(office);
    expect(disk.includes('Ramdas Vitthal Pawar'), 'the draft is on disk').toBe(true);
    for (const digits of [AADHAAR, partial, `${partial.slice(0, 4)} ${partial.slice(4)}`]) expect(disk.includes(digits), 'Aadhaar digits on disk').toBe(false);

    // Reopened, each emptied field asks to be typed again; PAN is kept as typed (DESIGN §3).
    const opened = await office.call('drafts.open', { id: viaApi.id });
    expect(opened.form.head.pan).toBe('ABCDE1234F');
    expect(opened.retype.map((r) => r.field)).toEqual(['aadhaar']);
    expect(opened.retype[0]!.message.en).toMatch(/Aadhaar is never kept in a draft: type it again/);
    expect(opened.retype[0]!.message.mr).toContain('आधार');
    const reopened = await office.call('drafts.open', { id: direct.id });
    expect(reopened.retype.map((r) => r.field).sort()).toEqual(['aadhaar', 'members.0.nameEn']);
    expect(reopened.form.members[0]!.nameEn).toBe('');
    office.close();
  });

  it('go with the registration that saves them, in the same transaction; a refused save keeps the draft', async () => {
    const office = await openTestOffice(tempDir());
    await office.call('registry.importStateKeys', { file: createStateKeys().text });
    const draft = await office.call('drafts.save', { kind: 'registration', form: halfKeyed() });

    await expect(office.call('registry.saveHousehold', { ...pawarForm({ nativeVillage: '' }), draftId: draft.id })).rejects.toThrow(/invalid-input|nativeVillage/);
    expect(count(office, 'draft')).toBe(1);

    const saved = await office.call('registry.saveHousehold', { ...pawarForm(), draftId: draft.id });
    expect(saved.beneficiaries.length).toBeGreaterThan(0);
    expect(count(office, 'draft')).toBe(0);
    // A save without a draft, or of a draft already gone, is an ordinary save.
    await office.call('registry.saveHousehold', pawarForm({ headNameEn: 'Shankar Pawar', headNameMr: 'शंकर पवार', aadhaar: '', contactNumber: '9823099999', members: [{ nameMr: 'शंकर पवार', nameEn: 'Shankar Pawar', sex: 'M', dateOfBirth: '1980-01-01', relation: 'self' }] }));
    office.close();
  });

  it('a damaged or other-version draft is listed as unreadable, refused with a clear message and can be discarded', async () => {
    const office = await openTestOffice(tempDir());
    const { store } = office.data;
    const damaged = await office.call('drafts.save', { kind: 'registration', form: halfKeyed() });
    const newer = await office.call('drafts.save', { kind: 'registration', form: halfKeyed() });
    const wrongShape = await office.call('drafts.save', { kind: 'registration', form: halfKeyed() });
    store.run(store.db.updateTable('draft').set({ payload: '{"version":1,"form":{"head":' }).where('id', '=', damaged.id));
    store.run(store.db.updateTable('draft').set({ payload: JSON.stringify({ version: DRAFT_FORM_VERSION + 1, form: { people: [] } }) }).where('id', '=', newer.id));
    store.run(store.db.updateTable('draft').set({ payload: JSON.stringify({ version: DRAFT_FORM_VERSION, form: { head: 'x' }, dropped: [] }) }).where('id', '=', wrongShape.id));

    const list = await office.call('drafts.list', {});
    expect(list.map((d) => d.readable)).toEqual([false, false, false]);
    const problemOf = async (id: string) => {
      const reply = await office.api.call(office.session, 'drafts.open', { id });
      if (reply.ok) throw new Error('opened');
      return reply.problem;
    };
    const broken = await problemOf(damaged.id);
    expect(broken.code).toBe('draft-unreadable');
    expect(broken.text.en).toBe('This draft is damaged and cannot be opened. Discard it and key the form again from the paper.');
    expect(broken.text.mr).toContain('मसुदा');
    expect((await problemOf(wrongShape.id)).text.en).toMatch(/damaged/);
    const version = await problemOf(newer.id);
    expect(version.code).toBe('draft-unreadable');
    expect(version.text.en).toContain(`version ${DRAFT_FORM_VERSION + 1}; this program reads version ${DRAFT_FORM_VERSION}`);
    expect(version.text.mr).toContain(`आवृत्ती ${DRAFT_FORM_VERSION + 1}`);

    for (const id of [damaged.id, newer.id, wrongShape.id]) await office.call('drafts.discard', { id });
    expect(count(office, 'draft')).toBe(0);
    office.close();
  });
});
