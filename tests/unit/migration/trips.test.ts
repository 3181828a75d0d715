import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createStateKeys } from '../../../src-main/identity/index.ts';
import { HybridClock } from '../../../src-main/store/hlc.ts';
import { applyReceivedChange } from '../../../src-main/store/received.ts';
import { DATABASE_FILE } from '../../../src-main/store/index.ts';
import { openTestOffice, type TestOffice } from '../../helpers/office.ts';
import { daysAgo, pawarForm } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();

async function officeWithFamily(): Promise<{ office: TestOffice; dir: string; householdId: string; memberIds: string[] }> {
  const dir = tempDir();
  const office = await openTestOffice(dir);
  await office.call('registry.importStateKeys', { file: createStateKeys().text });
  const saved = await office.call('registry.saveHousehold', pawarForm());
  return { office, dir, householdId: saved.householdId, memberIds: saved.beneficiaries.map((b) => b.id) };
}

function changeCount(dir: string): number {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) n FROM change_log').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The reply's problem, for calls that must be refused. */
async function refusal(office: TestOffice, name: Parameters<TestOffice['call']>[0], input: unknown) {
  const reply = await office.api.call(office.session, name, input);
  if (reply.ok) throw new Error(`${name} was accepted`);
  return reply.problem;
}

const nextSeason = {
  departureDate: daysAgo(-20),
  destinationState: 'KA',
  destinationDistrict: null,
  destinationBlock: '',
  destinationPlace: 'Belagavi, brick kiln at Hukkeri',
  workSector: 'brick-kiln' as const,
  employer: 'Shivaji Kamble',
  expectedReturn: daysAgo(-170),
};

describe('migration trips through the API, on a real SQLite file', () => {
  it('registration plans the first trip with its office and nobody staying home; status is rebuilt from events', async () => {
    const { office, dir, householdId } = await officeWithFamily();
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    const row = db.prepare('SELECT office_code, staying_home FROM migration WHERE household_id = ?').get(householdId);
    db.close();
    expect(row).toEqual({ office_code: '2714', staying_home: '[]' });

    let [trip] = await office.call('migration.trips', { householdId });
    expect(trip!.state.status).toBe('planned');
    const departed = await office.call('migration.recordEvent', { householdId, event: 'departed', date: daysAgo(8) });
    expect(departed.message.mr).toMatch(/निघाल्याची/);
    expect(departed.state).toMatchObject({ status: 'departed', daysAway: 8, open: true });
    [trip] = await office.call('migration.trips', { householdId });
    expect(trip!.events).toHaveLength(1);
    expect(trip!.events[0]).toMatchObject({ event: 'departed', officeCode: '2714', recordedBy: 'Rekha Gavit' });
    expect((await office.call('registry.household', { id: householdId })).migrations[0]!.status).toBe('departed');
    // Search shows and filters by the same rebuilt status.
    const departedHits = await office.call('registry.search', { query: '', migrationStatus: 'departed' });
    expect(new Set(departedHits.hits.map((hit) => [hit.householdId, hit.migrationStatus].join()))).toEqual(new Set([`${householdId},departed`]));
    expect((await office.call('registry.search', { query: '', migrationStatus: 'planned' })).hits).toEqual([]);
    await office.call('migration.recordEvent', { householdId, event: 'arrived', date: daysAgo(8), awcCode: '27271400002' });
    await office.call('migration.recordEvent', { householdId, event: 'moved', date: daysAgo(2), reason: 'left' });
    expect((await office.call('registry.search', { query: '', migrationStatus: 'arrived' })).hits.map((hit) => hit.migrationStatus)).toEqual(['moved', 'moved', 'moved']);
    office.close();
  });

  it('refuses a new trip while one is open, in Marathi and English, and plans the next season after the return', async () => {
    const { office, dir, householdId, memberIds } = await officeWithFamily();
    await office.call('migration.recordEvent', { householdId, event: 'departed', date: daysAgo(9) });
    const before = changeCount(dir);
    const problem = await refusal(office, 'migration.plan', { householdId, ...nextSeason });
    expect(problem.code).toBe('trip-still-open');
    expect(problem.text.en).toMatch(/Record the return first/);
    expect(problem.text.mr).toMatch(/परत आल्याची नोंद करा/);
    expect(changeCount(dir)).toBe(before);

    await office.call('migration.recordEvent', { householdId, event: 'returned', date: daysAgo(1) });
    // The grandmother keeps the girl at home; she stays with the home Anganwadi.
    const planned = await office.call('migration.plan', { householdId, ...nextSeason, members: [memberIds[2]!] });
    expect(planned).toMatchObject({ state: { status: 'planned' }, stayingHome: [memberIds[2]], officeCode: '2714', workSector: 'brick_kiln' });
    const trips = await office.call('migration.trips', { householdId });
    expect(trips.map((t) => t.state.status)).toEqual(['planned', 'returned']);
    // New events go to the new season's trip.
    await office.call('migration.recordEvent', { householdId, event: 'departed', date: daysAgo(0) });
    const after = await office.call('migration.trips', { householdId });
    expect(after.map((t) => t.state.status)).toEqual(['departed', 'returned']);
    office.close();
  });

  it('refuses a future date, a date long before the trip, an unknown household and a bad plan, naming the field; nothing is written', async () => {
    const { office, dir, householdId, memberIds } = await officeWithFamily();
    const before = changeCount(dir);
    const future = await refusal(office, 'migration.recordEvent', { householdId, event: 'departed', date: daysAgo(-2) });
    expect(future.fields).toEqual([{ field: 'date', message: { en: 'The date is in the future.', mr: 'तारीख भविष्यातील आहे.' } }]);
    const early = await refusal(office, 'migration.recordEvent', { householdId, event: 'departed', date: daysAgo(400) });
    expect(early.fields[0]!.field).toBe('date');
    expect(early.text.en).toMatch(/before this trip's season/);
    expect(early.text.mr).toMatch(/हंगामाच्या आधीची/);
    const unknown = await refusal(office, 'migration.recordEvent', { householdId: 'no-such-family', event: 'departed', date: daysAgo(1) });
    expect(unknown.code).toBe('unknown-household');
    expect(unknown.fields[0]!.field).toBe('householdId');
    const notFoundWithoutReason = await refusal(office, 'migration.recordEvent', { householdId, event: 'not-found', date: daysAgo(1) });
    expect(notFoundWithoutReason.fields.map((f) => f.field)).toEqual(['reason']);
    const badAwc = await refusal(office, 'migration.recordEvent', { householdId, event: 'arrived', date: daysAgo(1), awcCode: '99999999999' });
    expect(badAwc.fields.map((f) => f.field)).toEqual(['awcCode']);
    const badDate = await refusal(office, 'migration.recordEvent', { householdId, event: 'departed', date: '2026/11/01' });
    expect(badDate.fields[0]!.field).toBe('date');
    expect(badDate.text.mr).toMatch(/क्षेत्र तपासा/);
    const badPlan = await refusal(office, 'migration.plan', {
      householdId,
      ...nextSeason,
      destinationState: 'MH',
      destinationDistrict: null,
      expectedReturn: daysAgo(30),
      members: [memberIds[0]!, 'stranger'],
    });
    expect(badPlan.fields.map((f) => f.field).sort()).toEqual(['destinationDistrict', 'expectedReturn', 'members.1']);
    expect(changeCount(dir)).toBe(before);
    office.close();
  });

  it('voids a wrong event with a reason: it stays on the timeline, marked, and the status forgets it', async () => {
    const { office, householdId } = await officeWithFamily();
    await office.call('migration.recordEvent', { householdId, event: 'departed', date: daysAgo(9) });
    const wrong = await office.call('migration.recordEvent', { householdId, event: 'returned', date: daysAgo(2) });
    expect(wrong.state.status).toBe('returned');
    expect((await refusal(office, 'migration.voidEvent', { id: wrong.id, reason: '' })).fields[0]!.field).toBe('reason');
    await office.call('migration.voidEvent', { id: wrong.id, reason: 'Typed on the wrong family' });
    const [trip] = await office.call('migration.trips', { householdId });
    expect(trip!.state.status).toBe('departed');
    expect(trip!.events.find((e) => e.id === wrong.id)).toMatchObject({ voided: true, voidReason: 'Typed on the wrong family' });
    expect((await refusal(office, 'migration.voidEvent', { id: wrong.id, reason: 'again' })).code).toBe('already-voided');
    office.close();
  });

  it('keeps an impossible sequence and flags it for review', async () => {
    const { office, householdId } = await officeWithFamily();
    const arrived = await office.call('migration.recordEvent', { householdId, event: 'arrived', date: daysAgo(3), awcCode: '27271400002' });
    expect(arrived.state).toMatchObject({ status: 'arrived', awcCode: '27271400002' });
    expect(arrived.state.flags.map((f) => f.code)).toEqual(['arrived-without-departure']);
    office.close();
  });
});

describe('the working lists', () => {
  const today = '2026-11-20';
  const MARATHI = { Arrived: 'गणेश', Overdue: 'महेश', Recent: 'सुरेश', Back: 'रमेश', Planned: 'दिनेश', Visitor: 'नरेश', Neighbour: 'उमेश' } as Record<string, string>;
  const form = (name: string, departure: string, expectedReturn: string) =>
    pawarForm({
      headNameEn: name,
      headNameMr: `${MARATHI[name]} पाटील`,
      aadhaar: '',
      rationCard: '',
      contactNumber: '',
      members: [{ nameMr: `${MARATHI[name]} बाळ`, nameEn: `${name} child`, sex: 'M', dateOfBirth: '2024-01-10', relation: 'son' }],
      migration: { departureDate: departure, destinationState: 'MH', destinationDistrict: 470, destinationBlock: 'Parli', destinationPlace: 'Sugar factory', workSector: 'sugar-factory', employer: '', expectedReturn },
    });

  async function register(office: TestOffice, name: string, departure: string, expectedReturn: string): Promise<string> {
    const saved = await office.call('registry.saveHousehold', { ...form(name, departure, expectedReturn), resolutions: [] });
    return saved.householdId;
  }

  it('departed, overdue (N from the setting), expected this month and returned, for a fixed day', async () => {
    const office = await openTestOffice(tempDir());
    const ids: Record<string, string> = {};
    const trips: [string, string, string][] = [
      ['Arrived', '2026-09-12', '2027-01-10'],
      ['Overdue', '2026-10-23', '2026-11-25'],
      ['Recent', '2026-11-10', '2027-02-10'],
      ['Back', '2026-06-01', '2026-11-01'],
      ['Planned', '2026-12-20', '2027-05-01'],
    ];
    for (const [name] of trips) ids[name] = await register(office, name, daysAgo(0), daysAgo(-30));
    // Test setup, not a write path: the registration form checks departure against the real today, so the
    // trips are moved to the fixed season afterwards.
    for (const [name, departed, expected] of trips) {
      office.data.store.run(office.data.store.db.updateTable('migration').set({ departure_date: departed, expected_return: expected }).where('household_id', '=', ids[name]!));
    }
    const record = async (name: string, event: 'departed' | 'arrived' | 'returned', date: string) => {
      const reply = await office.api.call(office.session, 'migration.recordEvent', { householdId: ids[name]!, event, date });
      if (!reply.ok) throw new Error(reply.problem.text.en);
    };
    await record('Arrived', 'departed', '2026-09-12');
    await record('Arrived', 'arrived', '2026-09-14');
    await record('Overdue', 'departed', '2026-10-23');
    await record('Recent', 'departed', '2026-11-10');
    await record('Back', 'departed', '2026-06-01');
    await record('Back', 'returned', '2026-11-02');

    const names = async (list: 'departed' | 'overdue' | 'expected' | 'returned') =>
      (await office.call('migration.lists', { list, today })).households.map((h) => h.headNameEn);
    expect(await names('departed')).toEqual(['Arrived', 'Overdue', 'Recent']);
    const departed = await office.call('migration.lists', { list: 'departed', today });
    expect(departed.households[0]).toMatchObject({ daysAway: 69, status: 'arrived', destination: { districtLgd: 470, block: 'Parli' }, travelling: 1 });
    expect(departed.households[0]!.mtsIds[0]).toMatch(/^2714\d{12}$/);
    // Overdue: departed 28 days before, no arrival; "Recent" left 10 days before.
    expect(await names('overdue')).toEqual(['Overdue']);
    await office.call('settings.setOverdueDays', { days: 30 });
    expect(await names('overdue')).toEqual([]);
    await office.call('settings.setOverdueDays', { days: 9 });
    expect(await names('overdue')).toEqual(['Overdue', 'Recent']);
    expect((await office.call('migration.lists', { list: 'overdue', today })).overdueDays).toBe(9);
    // Expected back in November 2026 and not back yet: "Back" returned already.
    expect(await names('expected')).toEqual(['Overdue']);
    expect(await names('returned')).toEqual(['Back']);
    // A family back home is listed with where it went.
    expect((await office.call('migration.lists', { list: 'returned', today })).households[0]).toMatchObject({ returnedOn: '2026-11-02', destination: { block: 'Parli' }, daysAway: 154 });
    const csv = await office.call('migration.listCsv', { list: 'returned', today });
    expect(csv.rows).toBe(1);
    expect(csv.csv.split('\r\n')[1]).toContain('02-11-2026');
    office.close();
  });

  it('incoming and present come from the hub’s routes and the events recorded here', async () => {
    const office = await openTestOffice(tempDir());
    const householdId = await register(office, 'Visitor', daysAgo(5), daysAgo(-100));
    const other = await register(office, 'Neighbour', daysAgo(5), daysAgo(-100));
    const today = daysAgo(0);
    expect((await office.call('migration.lists', { list: 'incoming', today })).households).toEqual([]);

    // The hub says: this family belongs to office 4712 and is coming to this block (2714).
    const clock = new HybridClock('hub-001');
    const { store } = office.data;
    store.transaction(() =>
      applyReceivedChange(
        store,
        {
          origin: 'hub-001',
          counter: 1,
          hlc: clock.tick(),
          entity: 'household_route',
          entityId: householdId,
          op: 'insert',
          data: JSON.stringify({ household_id: householdId, owner_office: '4712', destination_office: '2714', routed_by_hand: 0 }),
        },
        '2714',
      ),
    );
    const incoming = await office.call('migration.lists', { list: 'incoming', today });
    expect(incoming.households.map((h) => [h.householdId, h.ownerOffice, h.status])).toEqual([[householdId, '4712', 'planned']]);
    // A family owned elsewhere is not on this office's home lists.
    await office.call('migration.recordEvent', { householdId, event: 'departed', date: daysAgo(3) });
    await office.call('migration.recordEvent', { householdId: other, event: 'departed', date: daysAgo(3) });
    expect((await office.call('migration.lists', { list: 'departed', today })).households.map((h) => h.householdId)).toEqual([other]);

    // Arrival confirmed here with a local Anganwadi: off Incoming, onto Present.
    await office.call('migration.recordEvent', { householdId, event: 'arrived', date: daysAgo(1), awcCode: '27271400002' });
    expect((await office.call('migration.lists', { list: 'incoming', today })).households).toEqual([]);
    const present = await office.call('migration.lists', { list: 'present', today });
    expect(present.households.map((h) => [h.householdId, h.destinationAwcCode])).toEqual([[householdId, '27271400002']]);
    // One Anganwadi's families only: on Present the AWC serving them, on the home lists their home AWC.
    expect((await office.call('migration.lists', { list: 'present', today, awcCode: '27271400001' })).households).toEqual([]);
    expect((await office.call('migration.lists', { list: 'departed', today, awcCode: '27271400002' })).households).toEqual([]);
    expect((await office.call('migration.lists', { list: 'departed', today, awcCode: '27271400001' })).households.map((h) => h.householdId)).toEqual([other]);

    // Left the block for an unknown place: no longer present.
    await office.call('migration.recordEvent', { householdId, event: 'moved', date: daysAgo(0), reason: 'left' });
    expect((await office.call('migration.lists', { list: 'present', today })).households).toEqual([]);
    office.close();
  });

  it('the demo office seeds what happened on its trips as events, so its lists are filled', async () => {
    const office = await openTestOffice(tempDir());
    await office.call('office.seed', { households: 40, seed: 3 });
    const { store } = office.data;
    const away = store.all(store.db.selectFrom('migration').select('status').where('status', 'in', ['departed', 'arrived'])).length;
    const arrived = store.all(store.db.selectFrom('migration').select('status').where('status', '=', 'arrived')).length;
    expect(arrived).toBeGreaterThan(0);
    const departed = await office.call('migration.lists', { list: 'departed' });
    expect(departed.households).toHaveLength(away);
    expect(departed.households.filter((h) => h.status === 'arrived')).toHaveLength(arrived);
    // Arrivals the home office noted for families far away (no local Anganwadi, another block) are not "present here".
    expect((await office.call('migration.lists', { list: 'present' })).households).toEqual([]);
    office.close();
  });
});
