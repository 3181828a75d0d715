import { describe, expect, it } from 'vitest';
import { givenForSchedule, JE_ENDEMIC_LGD_CODES } from '../../../src-main/schedule/index.ts';
import { dueOptions } from '../../../src-main/services/index.ts';
import { openTestOffice } from '../../helpers/office.ts';
import { daysAgo, pawarForm } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';
import { DHADGAON, MOLGI, dump, infantFamily, infantForm, plusDays } from './helpers.ts';

const tempDir = useTempDirs();

describe('services given: record, void, history', () => {
  it('records a dose through the write path, lists it in the history, and voids it once with a reason', async () => {
    const { office, babyId, babyDob } = await infantFamily(tempDir());
    const bcg = await office.call('services.record', { beneficiaryId: babyId, service: 'BCG', date: plusDays(babyDob, 1), source: 'given', awcCode: MOLGI });
    expect(bcg).toMatchObject({ service: 'BCG', date: plusDays(babyDob, 1), source: 'given', place: 'awc', awcCode: MOLGI, officeCode: '2714', voided: false });
    expect(bcg.label.en).toBe('BCG');

    const { store } = office.data;
    const change = store.first(store.db.selectFrom('change_log').selectAll().where('entity', '=', 'service').where('entity_id', '=', bcg.id));
    expect(change?.op).toBe('insert');
    expect(store.first(store.db.selectFrom('audit_log').select('action').where('entity_id', '=', bcg.id))?.action).toBe('service.insert');

    const penta = await office.call('services.record', { beneficiaryId: babyId, service: 'Penta-1', date: plusDays(babyDob, 45), source: 'mcp-card' });
    expect(penta.place).toBe('elsewhere');
    let history = await office.call('services.history', { beneficiaryId: babyId });
    expect(history.records.map((r) => r.service)).toEqual(['Penta-1', 'BCG']);
    expect(history.grid.find((r) => r.service === 'Penta-1')?.givenOn).toBe(plusDays(babyDob, 45));

    await office.call('services.void', { id: penta.id, reason: 'keyed for the wrong child' });
    history = await office.call('services.history', { beneficiaryId: babyId });
    expect(history.records.find((r) => r.id === penta.id)).toMatchObject({ voided: true, voidReason: 'keyed for the wrong child' });
    expect(history.grid.find((r) => r.service === 'Penta-1')?.givenOn).toBeNull();
    expect(store.first(store.db.selectFrom('change_log').selectAll().where('entity_id', '=', penta.id).where('op', '=', 'update'))?.data).toContain('"voided":1');

    const before = dump(office.data);
    await expect(office.call('services.void', { id: penta.id, reason: 'again' })).rejects.toThrow(/already-voided/);
    expect(dump(office.data)).toBe(before);
    office.close();
  });

  it('counts only doses not voided: a voided Penta-1 is due again, a given one moves the series on', async () => {
    const { office, babyId, babyDob } = await infantFamily(tempDir(), 80);
    const penta = await office.call('services.record', { beneficiaryId: babyId, service: 'Penta-1', date: plusDays(babyDob, 45), source: 'given' });
    let due = await office.call('services.due', { beneficiaryId: babyId });
    expect(due.due.map((d) => d.service)).toContain('Penta-2');
    expect(due.due.map((d) => d.service)).not.toContain('Penta-1');
    const penta2 = due.due.find((d) => d.service === 'Penta-2')!;
    // 10 weeks from birth, but 4 weeks after the first dose given at 45 days: day 73; within its window on day 80.
    expect(penta2).toMatchObject({ dueFrom: plusDays(babyDob, 73), overdue: false, status: 'due', label: { en: 'Pentavalent-2' } });

    await office.call('services.void', { id: penta.id, reason: 'dose belongs to the twin' });
    due = await office.call('services.due', { beneficiaryId: babyId });
    expect(due.due.find((d) => d.service === 'Penta-1')).toMatchObject({ overdue: true, status: 'overdue' });
    expect(due.due.map((d) => d.service)).not.toContain('Penta-2');
    office.close();
  });
});

describe('the MCP card grid', () => {
  it('has a child\'s card rows in the card\'s order and a pregnant woman\'s rows for this pregnancy, with dates on record', async () => {
    const { office, babyId, babyDob } = await infantFamily(tempDir(), 80);
    await office.call('services.recordMany', { beneficiaryId: babyId, source: 'mcp-card', doses: [{ service: 'VITA', date: babyDob }, { service: 'BCG', date: babyDob }] });
    const child = await office.call('services.history', { beneficiaryId: babyId });
    expect(child.grid.slice(0, 4).map((r) => r.service)).toEqual(['BCG', 'OPV-0', 'HepB-0', 'OPV-1']);
    expect(child.grid.filter((r) => r.service === 'VITA').map((r) => r.dose)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(child.grid.find((r) => r.service === 'VITA' && r.dose === 1)?.givenOn).toBe(babyDob);
    expect(child.grid.find((r) => r.service === 'BCG')?.givenOn).toBe(babyDob);
    expect(child.grid.some((r) => r.service.startsWith('Td'))).toBe(false);
    expect(child.applicable.map((c) => c.service)).toContain('Penta-1');
    expect(child.applicable.map((c) => c.service)).not.toContain('Td-1');
    expect(child.rchId).toBeNull();
    office.close();

    const other = await openTestOffice(tempDir());
    const saved = await other.call('registry.saveHousehold', pawarForm({ aadhaar: '', members: [{ ...pawarForm().members[0]!, aadhaar: '' }] }));
    const mother = await other.call('services.history', { beneficiaryId: saved.beneficiaries[0]!.id });
    expect(mother.category).toBe('pregnant');
    expect(mother.grid.map((r) => (r.dose ? `${r.service}-${r.dose}` : r.service))).toEqual(['Td-1', 'Td-2', 'Td-B', 'ANC-1', 'ANC-2', 'ANC-3', 'ANC-4']);
    expect(mother.applicable.map((c) => c.service)).not.toContain('BCG');
    other.close();
  });
});

describe('recorded codes as the schedule counts them', () => {
  it('numbers vitamin A doses by date and ANC visits of the current pregnancy only, and maps card codes to schedule keys', () => {
    const given = givenForSchedule(
      [
        { service: 'VITA', givenOn: '2025-03-01' },
        { service: 'VITA', givenOn: '2024-09-01' },
        { service: 'VITA', givenOn: '2024-12-01', voided: 1 },
        { service: 'ANC', givenOn: '2025-01-10' },
        { service: 'ANC', givenOn: '2025-06-20' },
        { service: 'ANC', givenOn: '2025-05-02' },
        { service: 'HepB-0', givenOn: '2024-01-01' },
        { service: 'Penta-2', givenOn: '2024-03-01' },
        { service: 'DPT-1', givenOn: '2025-03-01' },
        { service: 'fIPV-3', givenOn: '2024-10-01' },
        { service: 'Td-1', givenOn: '2025-04-01' },
        { service: 'Td-B', givenOn: '2025-04-01' },
        { service: 'Td-16', givenOn: '2025-04-01' },
        { service: 'JE-1', givenOn: '2024-10-01' },
        { service: 'THR', givenOn: '2025-04-03' },
        { service: 'DEWORMING', givenOn: '2025-04-03' },
      ],
      '2025-04-01',
    );
    const keys = Object.fromEntries(given.map((g) => [`${g.key}`, g.date]));
    expect(keys).toMatchObject({
      'VITA-1': '2024-09-01',
      'VITA-2': '2025-03-01',
      'ANC-1': '2025-05-02',
      'ANC-2': '2025-06-20',
      'HEPB-0': '2024-01-01',
      'PENTA-2': '2024-03-01',
      'DPT-1': '2025-03-01',
      'FIPV-3': '2024-10-01',
      'TD-PW-1': '2025-04-01',
      'TD-PW-B': '2025-04-01',
      'TD-16': '2025-04-01',
      'JE-1': '2024-10-01',
      THR: '2025-04-03',
      DEWORMING: '2025-04-03',
    });
    // The voided dose is not a dose; the visit before this LMP belongs to an earlier pregnancy.
    expect(given.filter((g) => g.key.startsWith('VITA'))).toHaveLength(2);
    expect(given.filter((g) => g.key.startsWith('ANC'))).toHaveLength(2);
  });

  it('counts a pregnant woman’s ANC visits from her LMP through the API', async () => {
    const office = await openTestOffice(tempDir());
    const saved = await office.call('registry.saveHousehold', pawarForm({ aadhaar: '', members: [pawarForm().members[0]!].map((m) => ({ ...m, aadhaar: '' })) }));
    const sunita = saved.beneficiaries[0]!.id;
    const lmp = daysAgo(90);
    // A visit before this LMP (an earlier pregnancy) and one in it.
    await office.call('services.record', { beneficiaryId: sunita, service: 'ANC', date: daysAgo(400), source: 'reported' });
    let due = await office.call('services.due', { beneficiaryId: sunita, all: true });
    expect(due.due.find((d) => d.key === 'ANC-1')?.givenOn).toBeNull();
    await office.call('services.record', { beneficiaryId: sunita, service: 'ANC', date: plusDays(lmp, 30), source: 'mcp-card' });
    due = await office.call('services.due', { beneficiaryId: sunita, all: true });
    expect(due.due.find((d) => d.key === 'ANC-1')).toMatchObject({ service: 'ANC', dose: 1, status: 'given', givenOn: plusDays(lmp, 30) });
    office.close();
  });
});

describe('due and overdue lists per Anganwadi and per household', () => {
  it('lists the people of one AWC with what they need, from their history, and nobody from another AWC', async () => {
    const dir = tempDir();
    const { office, babyId, babyDob, householdId } = await infantFamily(dir, 80);
    const other = await office.call('registry.saveHousehold', infantForm(200, { awc: DHADGAON, headNameMr: 'विजय पाडवी', headNameEn: 'Vijay Padvi', members: infantForm(200).members.map((m, i) => ({ ...m, nameMr: i === 0 ? 'रेखा विजय पाडवी' : 'राहुल विजय पाडवी', nameEn: i === 0 ? 'Rekha Vijay Padvi' : 'Rahul Vijay Padvi' })) }));
    await office.call('services.recordMany', {
      beneficiaryId: babyId,
      source: 'mcp-card',
      doses: [
        { service: 'BCG', date: babyDob },
        { service: 'OPV-0', date: babyDob },
        { service: 'HepB-0', date: babyDob },
        { service: 'Penta-1', date: plusDays(babyDob, 45) },
        { service: 'OPV-1', date: plusDays(babyDob, 45) },
      ],
    });
    const list = await office.call('services.dueList', { awcCode: MOLGI, dosesOnly: true });
    expect(list.people.map((p) => p.nameEn)).toEqual(['Aditya Ramdas Pawar']);
    const aditya = list.people[0]!;
    const services = aditya.due.map((d) => d.service);
    expect(services).toContain('Penta-2');
    expect(services).toContain('OPV-2');
    expect(services).not.toContain('Penta-1');
    expect(services).not.toContain('BCG');
    // Overdue first: RVV-1, fIPV-1 and PCV-1 (6–10 weeks) were not given.
    expect(aditya.due.slice(0, 3).every((d) => d.overdue)).toBe(true);
    expect(list.counts.overdue).toBe(aditya.due.filter((d) => d.overdue).length);

    const theirs = await office.call('services.dueList', { awcCode: DHADGAON, dosesOnly: true });
    expect(theirs.people.map((p) => p.nameEn)).toEqual(['Rahul Vijay Padvi']);
    expect(theirs.people[0]!.due.find((d) => d.service === 'Penta-1')?.overdue).toBe(true);

    const household = await office.call('services.dueList', { householdId });
    expect(household.people.map((p) => p.beneficiaryId)).toContain(babyId);
    expect(household.people.every((p) => p.householdId === householdId)).toBe(true);
    // With the monthly entitlements: the mother's THR for this month.
    expect(household.people.find((p) => p.nameEn === 'Sunita Ramdas Pawar')?.due.map((d) => d.service)).toContain('THR');
    expect(other.householdId).not.toBe(householdId);

    const csv = (await office.call('services.dueList', { awcCode: MOLGI, dosesOnly: true, csv: true })).csv!.split('\r\n');
    expect(csv[0]).toBe('awc_code,village,head_of_household,mts_id,name_mr,name_en,sex,date_of_birth,service,dose,label_mr,label_en,status,due_from,due_by,last_date');
    expect(csv.filter((line) => line.includes(',Penta-2,'))).toHaveLength(1);
    expect(csv.filter((line) => line.includes(',Penta-1,'))).toHaveLength(0);
    await expect(office.call('services.dueList', {})).rejects.toThrow(/invalid-input/);
    office.close();
  });
});

describe('bad input is refused, named in both languages, and changes nothing', () => {
  it('refuses each wrong record without writing anything', async () => {
    const { office, babyId, motherId, babyDob } = await infantFamily(tempDir(), 80);
    await office.call('services.record', { beneficiaryId: babyId, service: 'BCG', date: babyDob, source: 'given' });
    await office.call('services.record', { beneficiaryId: babyId, service: 'THR', date: daysAgo(1), source: 'given', forMonth: daysAgo(1).slice(0, 7) });
    const cases: [Parameters<typeof office.call<'services.record'>>[1], string, RegExp][] = [
      [{ beneficiaryId: babyId, service: 'Penta-9', date: daysAgo(1), source: 'given' }, 'service', /Unknown service/],
      [{ beneficiaryId: babyId, service: 'penta-1', date: daysAgo(1), source: 'given' }, 'service', /Unknown service/],
      [{ beneficiaryId: babyId, service: 'Penta-1', date: daysAgo(-3), source: 'given' }, 'date', /future/],
      [{ beneficiaryId: babyId, service: 'Penta-1', date: plusDays(babyDob, -1), source: 'given' }, 'date', /before the date of birth/],
      [{ beneficiaryId: babyId, service: 'Penta-1', date: '2025-02-30', source: 'given' }, 'date', /Not a real date/],
      [{ beneficiaryId: babyId, service: 'BCG', date: babyDob, source: 'mcp-card' }, 'date', /already recorded/],
      [{ beneficiaryId: motherId, service: 'BCG', date: daysAgo(1), source: 'given' }, 'service', /children only/],
      [{ beneficiaryId: babyId, service: 'Td-1', date: daysAgo(1), source: 'given' }, 'service', /pregnancy only/],
      [{ beneficiaryId: babyId, service: 'THR', date: daysAgo(1), source: 'given', forMonth: '2026-13' }, 'forMonth', /YYYY-MM/],
      [{ beneficiaryId: babyId, service: 'THR', date: daysAgo(1), source: 'given', forMonth: daysAgo(1).slice(0, 7) }, 'forMonth', /already recorded/],
      [{ beneficiaryId: babyId, service: 'HCM', date: daysAgo(1), source: 'given', quantity: 32 }, 'quantity', /0 to 31/],
      [{ beneficiaryId: babyId, service: 'REFERRAL', date: daysAgo(1), source: 'given' }, 'detail', /referred/],
    ];
    for (const [input, fieldName, text] of cases) {
      const before = dump(office.data);
      const error = (await office.call('services.record', input).then(
        () => null,
        (e: unknown) => e,
      )) as { problem: { fields: { field: string; message: { en: string; mr: string } }[] } } | null;
      expect(error, JSON.stringify(input)).not.toBeNull();
      const problem = error!.problem.fields.find((f) => f.field === fieldName);
      expect(problem, `${JSON.stringify(input)} → ${JSON.stringify(error!.problem.fields)}`).toBeDefined();
      expect(problem!.message.en).toMatch(text);
      expect(problem!.message.mr).toMatch(/[\u0900-\u097F]/);
      expect(dump(office.data)).toBe(before);
    }
    await expect(office.call('services.due', { beneficiaryId: babyId, on: '2025-02-30' })).rejects.toMatchObject({ problem: { fields: [{ field: 'on' }] } });
    await expect(office.call('services.void', { id: 'no-such-record', reason: 'typo' })).rejects.toThrow(/not-found/);
    office.close();
  });

  it('saves an MCP card all or nothing: one bad dose refuses the batch and names its row', async () => {
    const { office, babyId, babyDob } = await infantFamily(tempDir(), 80);
    const before = dump(office.data);
    const error = (await office
      .call('services.recordMany', {
        beneficiaryId: babyId,
        source: 'mcp-card',
        doses: [
          { service: 'BCG', date: babyDob },
          { service: 'OPV-0', date: babyDob },
          { service: 'Penta-1', date: daysAgo(-10) },
          { service: 'BCG', date: babyDob },
        ],
      })
      .catch((e: unknown) => e)) as { problem: { fields: { field: string }[] } };
    expect(error.problem.fields.map((f) => f.field).sort()).toEqual(['doses.2.date', 'doses.3.date']);
    expect(dump(office.data)).toBe(before);
    office.close();
  });
});

describe('JE districts setting', () => {
  it('marks the office district endemic when listed, and survives a damaged setting', async () => {
    const office = await openTestOffice(tempDir());
    expect(await office.call('services.jeDistricts', {})).toEqual({ districts: [...JE_ENDEMIC_LGD_CODES] });
    expect(dueOptions(office.data)).toEqual({ jeEndemic: false });
    expect(await office.call('services.setJeDistricts', { districts: [486, 470, 486] })).toEqual({ districts: [470, 486] });
    expect(await office.call('services.jeDistricts', {})).toEqual({ districts: [470, 486] });
    // The office is in Nandurbar (LGD 486).
    expect(dueOptions(office.data)).toEqual({ jeEndemic: true });
    await office.call('services.setJeDistricts', { districts: [470] });
    expect(dueOptions(office.data)).toEqual({ jeEndemic: false });
    office.data.writer.write({ operatorId: null }, (batch) => batch.update('setting', 'schedule.je_districts', { value: 'not json' }));
    expect(await office.call('services.jeDistricts', {})).toEqual({ districts: [...JE_ENDEMIC_LGD_CODES] });
    office.close();
  });
});

describe('JE doses follow the office district', () => {
  it('lists JE-1 for a 10-month-old only once the office district is marked endemic, and counts a JE-1 given', async () => {
    const { office, babyId, babyDob } = await infantFamily(tempDir(), 300);
    const services = async () => (await office.call('services.due', { beneficiaryId: babyId })).due.map((d) => d.service);
    expect(await services()).not.toContain('JE-1');
    await office.call('services.setJeDistricts', { districts: [486] });
    expect(await services()).toContain('JE-1');
    await office.call('services.record', { beneficiaryId: babyId, service: 'JE-1', date: plusDays(babyDob, 280), source: 'given' });
    expect(await services()).not.toContain('JE-1');
    office.close();
  });
});

describe('a migrant family is served where it is', () => {
  it('the Anganwadi a family was placed with lists the members who travelled, from arrival until they move on', async () => {
    const { office, householdId, motherId, babyId } = await infantFamily(tempDir(), 80);
    // A season at a brick kiln of this block, served by the Dhadgaon Anganwadi; the mother stays home.
    await office.call('migration.plan', {
      householdId,
      departureDate: daysAgo(20),
      destinationState: 'MH',
      destinationDistrict: 486,
      destinationBlock: 'Akkalkuwa',
      destinationPlace: 'Brick kiln, Dhadgaon',
      workSector: 'brick-kiln',
      employer: 'Kiln owner',
      expectedReturn: daysAgo(-120),
      members: [motherId],
    });
    await office.call('migration.recordEvent', { householdId, event: 'departed', date: daysAgo(19) });
    const names = async (awcCode: string) => (await office.call('services.dueList', { awcCode })).people.map((p) => [p.beneficiaryId, p.visiting]);
    expect(await names(DHADGAON)).toEqual([]);

    await office.call('migration.recordEvent', { householdId, event: 'arrived', date: daysAgo(18), awcCode: DHADGAON });
    expect(await names(DHADGAON)).toEqual([[babyId, true]]);
    // At home the family stays on its own Anganwadi's list, the mother who stayed included.
    expect((await names(MOLGI)).map(([id]) => id)).toEqual(expect.arrayContaining([motherId, babyId]));

    await office.call('migration.recordEvent', { householdId, event: 'returned', date: daysAgo(1) });
    expect(await names(DHADGAON)).toEqual([]);
    office.close();
  });
});
