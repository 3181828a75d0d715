import { describe, it, expect } from 'vitest';
import {
  servicesDue,
  actionable,
  beneficiaryCategory,
  isJeEndemic,
  JE_ENDEMIC_DISTRICTS_MAHARASHTRA,
  JE_ENDEMIC_LGD_CODES,
  SERVICE_KEYS,
  type GivenService,
  type ServiceDue,
  type ServiceKey,
} from '../../../src-main/schedule/index.ts';
import { periodAround } from '../../../src-main/schedule/dates.ts';
import { MAHARASHTRA_DISTRICTS } from '../../../src-main/office/districts.ts';

// Rules checked against the MoHFW National Immunization Schedule (2023 revision: fIPV-3 at 9 months; RVV, fIPV
// and PCV "initiation 1 yr, completion 2 yrs"), the upper age limits of the Immunization Handbook for Medical
// Officers, Anaemia Mukt Bharat and National Deworming Day. Dates are counted by hand on a calendar.
const DOB = '2024-01-15'; // 6 weeks 2024-02-26, 10 weeks 2024-03-25, 14 weeks 2024-04-22, 9 months 2024-10-15

function get(list: readonly ServiceDue[], key: ServiceKey): ServiceDue {
  const s = list.find((x) => x.key === key);
  if (!s) throw new Error(`${key} not in list: ${list.map((x) => x.key).join(',')}`);
  return s;
}
const keys = (list: readonly ServiceDue[]): string[] => list.map((s) => s.key);
const on = (date: string, ...services: string[]): GivenService[] => services.map((key) => ({ key, date }));

describe('catch-up: each dose at least its minimum interval after the previous one', () => {
  // Dose 1 given late, at 10 weeks (2024-03-25): dose 2 is due that interval later, not at its nominal age.
  it.each([
    ['PENTA-1', 'PENTA-2', '2024-04-22'], // 4 weeks
    ['OPV-1', 'OPV-2', '2024-04-22'], // 4 weeks
    ['RVV-1', 'RVV-2', '2024-04-22'], // 4 weeks
    ['FIPV-1', 'FIPV-2', '2024-04-22'], // 4 weeks, and fIPV-2 is due at 14 weeks anyway
    ['PCV-1', 'PCV-2', '2024-05-20'], // 8 weeks
  ] as const)('%s at 10 weeks: %s due from %s', (first, second, dueDate) => {
    const list = servicesDue({ dateOfBirth: DOB }, on('2024-03-25', first), '2024-04-01');
    expect(get(list, first).status).toBe('given');
    expect(get(list, second)).toMatchObject({ status: 'upcoming', dueDate });
  });

  it('a child whose Penta-1 was given at 10 weeks gets Penta-2 due 4 weeks later, and Penta-3 4 weeks after that', () => {
    const given = on('2024-03-25', 'PENTA-1');
    expect(get(servicesDue({ dateOfBirth: DOB }, given, '2024-04-22'), 'PENTA-2')).toMatchObject({ status: 'due', dueDate: '2024-04-22' });
    const list = servicesDue({ dateOfBirth: DOB }, [...given, ...on('2024-04-22', 'PENTA-2')], '2024-05-01');
    expect(get(list, 'PENTA-3')).toMatchObject({ status: 'upcoming', dueDate: '2024-05-20' });
  });

  it.each([
    // [series first dose, limit for starting, limit for completing]
    ['PENTA', '2025-01-15', '2025-01-15'],
    ['RVV', '2025-01-15', '2026-01-15'],
    ['FIPV', '2025-01-15', '2026-01-15'],
    ['PCV', '2025-01-15', '2026-01-15'],
    ['OPV', '2029-01-15', '2029-01-15'],
  ] as const)('%s: started by %s, completed by %s', (series, startBy, completeBy) => {
    const list = servicesDue({ dateOfBirth: DOB }, [], '2024-03-01');
    expect(get(list, `${series}-1` as ServiceKey).lastDate).toBe(startBy);
    expect(get(list, `${series}-2` as ServiceKey).lastDate).toBe(completeBy);
  });

  it('RVV, fIPV and PCV started before the first birthday are completed after it; never started, they are missed', () => {
    // First doses at 11 months (2024-12-15); at 13 months the second doses are overdue, not missed.
    const started = on('2024-12-15', 'RVV-1', 'FIPV-1', 'PCV-1', 'PENTA-1');
    const list = servicesDue({ dateOfBirth: DOB }, started, '2025-02-20');
    expect(get(list, 'RVV-2')).toMatchObject({ status: 'overdue', dueDate: '2025-01-12', lastDate: '2026-01-15' });
    expect(get(list, 'FIPV-2')).toMatchObject({ status: 'overdue', dueDate: '2025-01-12' });
    expect(get(list, 'PCV-2')).toMatchObject({ status: 'due', dueDate: '2025-02-09' }); // 8 weeks after PCV-1
    // Pentavalent stops at the first birthday: Penta-2 is missed and DPT-2 takes its place, 4 weeks after Penta-1.
    expect(get(list, 'PENTA-2').status).toBe('missed');
    expect(get(list, 'DPT-2')).toMatchObject({ status: 'overdue', dueDate: '2025-01-15' });
    // Nothing started before the first birthday: the whole series is missed, not "waiting".
    const never = servicesDue({ dateOfBirth: DOB }, [], '2025-02-20');
    for (const key of ['RVV-1', 'RVV-2', 'RVV-3', 'FIPV-1', 'FIPV-2', 'FIPV-3', 'PCV-1', 'PCV-2', 'PCV-B'] as const) {
      expect(get(never, key).status, key).toBe('missed');
    }
    // OPV is caught up to the 5th birthday.
    expect(get(never, 'OPV-1').status).toBe('overdue');
    expect(get(never, 'OPV-2')).toMatchObject({ status: 'waiting', lastDate: '2029-01-15' });
  });

  it('MR-1 and MR-2 until the 5th birthday, MR-2 at least 4 weeks after MR-1', () => {
    const late = servicesDue({ dateOfBirth: DOB }, on('2027-03-01', 'MR-1'), '2027-03-10');
    expect(get(late, 'MR-2')).toMatchObject({ status: 'upcoming', dueDate: '2027-03-29', lastDate: '2029-01-15' });
    const five = servicesDue({ dateOfBirth: DOB }, [], '2029-01-16');
    expect(get(five, 'MR-1').status).toBe('missed');
    expect(get(five, 'MR-2').status).toBe('missed');
  });
});

describe('DPT: boosters and the catch-up for a child who missed pentavalent', () => {
  const twoPenta = [...on('2024-02-26', 'PENTA-1'), ...on('2024-03-25', 'PENTA-2')];

  it('a 13-month-old who missed Penta-3 sees it missed, DPT-3 overdue, and DPT booster-1 six months after it', () => {
    const list = servicesDue({ dateOfBirth: DOB }, twoPenta, '2025-02-20');
    expect(get(list, 'PENTA-3')).toMatchObject({ status: 'missed', lastDate: '2025-01-15' });
    expect(get(list, 'DPT-3')).toMatchObject({ status: 'overdue', dueDate: '2025-01-15', lastDate: '2031-01-15' });
    expect(keys(list)).not.toContain('DPT-1');
    expect(keys(list)).not.toContain('DPT-2');
    expect(get(list, 'DPT-B1')).toMatchObject({ status: 'waiting', dueDate: '2025-07-15', lastDate: '2031-01-15' });
    // Once DPT-3 is given, booster-1 is due 6 months after it.
    const after = servicesDue({ dateOfBirth: DOB }, [...twoPenta, ...on('2025-02-20', 'DPT-3')], '2025-03-01');
    expect(get(after, 'DPT-B1')).toMatchObject({ status: 'upcoming', dueDate: '2025-08-20' });
  });

  it('no pentavalent at all: a 2-year-old gets DPT-1, 2, 3 as catch-up, 4 weeks apart', () => {
    const list = servicesDue({ dateOfBirth: DOB }, [], '2026-01-20');
    for (const key of ['PENTA-1', 'PENTA-2', 'PENTA-3'] as const) expect(get(list, key).status).toBe('missed');
    expect(get(list, 'DPT-1')).toMatchObject({ status: 'overdue', dueDate: '2025-01-15', dose: 1 });
    expect(get(list, 'DPT-2')).toMatchObject({ status: 'waiting', dueDate: '2025-02-12' });
    expect(get(list, 'DPT-3')).toMatchObject({ status: 'waiting', dueDate: '2025-03-12' });
    const dpt1 = servicesDue({ dateOfBirth: DOB }, on('2026-01-20', 'DPT-1'), '2026-01-25');
    expect(get(dpt1, 'DPT-2')).toMatchObject({ status: 'upcoming', dueDate: '2026-02-17' });
  });

  it.each([
    ['2030-06-01', 'overdue', 'waiting'], // 6 years 4 months, no booster yet
    ['2031-01-15', 'overdue', 'waiting'], // the 7th birthday, the last day DPT is given
    ['2031-01-16', 'missed', 'missed'], // after it, no longer
  ] as const)('full primary series, no booster, on %s: DPT-B1 %s, DPT-B2 %s', (date, b1, b2) => {
    const primary = [...twoPenta, ...on('2024-04-22', 'PENTA-3')];
    const list = servicesDue({ dateOfBirth: DOB }, primary, date);
    expect(get(list, 'DPT-B1').status).toBe(b1);
    expect(get(list, 'DPT-B2').status).toBe(b2);
  });

  it('DPT booster-2 at least 6 months after booster-1, and still given until the 7th birthday', () => {
    const given = [...twoPenta, ...on('2024-04-22', 'PENTA-3'), ...on('2030-06-01', 'DPT-B1')];
    expect(get(servicesDue({ dateOfBirth: DOB }, given, '2030-07-01'), 'DPT-B2')).toMatchObject({ status: 'upcoming', dueDate: '2030-12-01' });
    expect(get(servicesDue({ dateOfBirth: DOB }, given, '2031-01-10'), 'DPT-B2').status).toBe('due');
    expect(get(servicesDue({ dateOfBirth: DOB }, given, '2031-01-16'), 'DPT-B2').status).toBe('missed');
  });
});

describe('Td at 10 and 16 years', () => {
  it('Td at 16 is given even when Td at 10 was missed', () => {
    const born = '2008-03-10';
    expect(get(servicesDue({ dateOfBirth: born }, [], '2023-04-01'), 'TD-16').status).toBe('waiting');
    const list = servicesDue({ dateOfBirth: born }, [], '2024-06-01');
    expect(get(list, 'TD-10').status).toBe('missed');
    expect(get(list, 'TD-16')).toMatchObject({ status: 'due', dueDate: '2024-03-10', lastDate: '2027-03-10' });
    expect(get(servicesDue({ dateOfBirth: born }, [], '2025-04-01'), 'TD-16').status).toBe('overdue');
  });
});

describe('fIPV-3 at 9 months (UIP 2023)', () => {
  const fipv = [...on('2024-02-26', 'FIPV-1'), ...on('2024-04-22', 'FIPV-2')];

  it('is due at 9 months with MR-1, after fIPV-2', () => {
    const list = servicesDue({ dateOfBirth: DOB }, fipv, '2024-10-20');
    expect(get(list, 'FIPV-3')).toMatchObject({ status: 'due', dueDate: '2024-10-15', dueUntil: '2025-01-15', dose: 3 });
    expect(get(list, 'MR-1')).toMatchObject({ status: 'due', dueDate: '2024-10-15' });
    expect(actionable(list).map((s) => s.key)).toEqual(expect.arrayContaining(['MR-1', 'FIPV-3']));
  });

  it('waits 4 weeks after a late fIPV-2 and stays possible until the second birthday', () => {
    const late = [...on('2024-02-26', 'FIPV-1'), ...on('2024-10-01', 'FIPV-2')];
    expect(get(servicesDue({ dateOfBirth: DOB }, late, '2024-10-20'), 'FIPV-3')).toMatchObject({ status: 'upcoming', dueDate: '2024-10-29' });
    expect(get(servicesDue({ dateOfBirth: DOB }, fipv, '2025-06-01'), 'FIPV-3')).toMatchObject({ status: 'overdue', lastDate: '2026-01-15' });
    expect(get(servicesDue({ dateOfBirth: DOB }, fipv, '2026-01-16'), 'FIPV-3').status).toBe('missed');
  });
});

describe('JE only in endemic districts', () => {
  it.each([
    [undefined, false],
    [{}, false],
    [{ jeEndemic: false }, false],
    [{ jeEndemic: true }, true],
  ] as const)('options %j: JE listed %s', (options, listed) => {
    const list = servicesDue({ dateOfBirth: DOB }, [], '2024-11-20', options);
    expect(keys(list).includes('JE-1')).toBe(listed);
    expect(keys(list).includes('JE-2')).toBe(listed);
  });

  it('JE-1 at 9–12 months with MR-1, JE-2 at 16–24 months; catch-up until the 15th birthday', () => {
    const endemic = { jeEndemic: true };
    const list = servicesDue({ dateOfBirth: DOB }, [], '2024-11-20', endemic);
    expect(get(list, 'JE-1')).toMatchObject({ status: 'due', dueDate: '2024-10-15', dueUntil: '2025-01-15' });
    expect(get(list, 'JE-2')).toMatchObject({ status: 'waiting', dueDate: '2025-05-15', dueUntil: '2026-01-15' });
    const given = servicesDue({ dateOfBirth: DOB }, on('2024-10-15', 'JE-1', 'MR-1'), '2025-06-01', endemic);
    expect(get(given, 'JE-2')).toMatchObject({ status: 'due', dueDate: '2025-05-15' });
    const ten = servicesDue({ dateOfBirth: '2015-03-10' }, [], '2025-04-01', endemic);
    expect(get(ten, 'JE-1')).toMatchObject({ status: 'overdue', lastDate: '2030-03-10' });
    expect(get(servicesDue({ dateOfBirth: '2015-03-10' }, [], '2030-03-11', endemic), 'JE-1').status).toBe('missed');
  });

  it('the default list holds the 16 Maharashtra JE districts by their LGD codes', () => {
    expect(JE_ENDEMIC_DISTRICTS_MAHARASHTRA).toHaveLength(16);
    expect(new Set(JE_ENDEMIC_LGD_CODES).size).toBe(16);
    for (const d of JE_ENDEMIC_DISTRICTS_MAHARASHTRA) {
      const master = MAHARASHTRA_DISTRICTS.find((m) => m.lgd === d.lgd);
      expect(master?.name.en, `LGD ${d.lgd}`).toBe(d.name);
    }
    expect(isJeEndemic(475)).toBe(true); // Gadchiroli
    expect(isJeEndemic(490)).toBe(false); // Pune: added in 2025, through the setting
    expect(isJeEndemic(490, [...JE_ENDEMIC_LGD_CODES, 490])).toBe(true);
    expect(isJeEndemic(null)).toBe(false);
  });
});

describe('Td in pregnancy is never missed while she is pregnant', () => {
  const LMP = '2025-06-01'; // 36 weeks 2026-02-08, 37 weeks 2026-02-15, 42 weeks 2026-03-22

  it.each([
    ['nothing given', [] as GivenService[], 'TD-PW-1', 'overdue'],
    ['Td-1 at 30 weeks', on('2025-12-28', 'TD-PW-1'), 'TD-PW-2', 'overdue'],
  ] as const)('at 37 weeks, %s: %s is %s, not missed', (_case, given, key, status) => {
    const list = servicesDue({ sex: 'F', lmp: LMP }, given, '2026-02-15');
    expect(get(list, key)).toMatchObject({ status, lastDate: '2026-03-22' });
    expect(list.filter((s) => s.key.startsWith('TD-PW')).some((s) => s.status === 'missed')).toBe(false);
  });

  it('Td-2 given after Td-1 at 30 weeks is due 4 weeks later and late after 36 weeks', () => {
    const given = on('2025-12-28', 'TD-PW-1');
    expect(get(servicesDue({ sex: 'F', lmp: LMP }, given, '2026-01-30'), 'TD-PW-2')).toMatchObject({
      status: 'due',
      dueDate: '2026-01-25',
      dueUntil: '2026-02-08',
    });
  });

  it('the booster after two doses in an earlier pregnancy is overdue, not missed, at 37 weeks', () => {
    const earlier = [...on('2024-01-10', 'TD-PW-1'), ...on('2024-02-10', 'TD-PW-2')];
    expect(get(servicesDue({ sex: 'F', lmp: LMP }, earlier, '2026-02-15'), 'TD-PW-B').status).toBe('overdue');
  });
});

describe('adolescent girls: the Scheme for Adolescent Girls, 14–18 years', () => {
  it.each([
    ['F', '2011-06-02', '2025-06-01', 'child-6-18'], // 13 years 364 days
    ['F', '2011-06-01', '2025-06-01', 'adolescent-girl'], // 14th birthday
    ['F', '2006-06-02', '2025-06-01', 'adolescent-girl'], // the day before her 19th birthday
    ['F', '2006-06-01', '2025-06-01', null], // 19th birthday
    ['M', '2010-06-01', '2025-06-01', 'child-6-18'],
  ] as const)('%s born %s on %s: %s', (sex, dateOfBirth, date, category) => {
    expect(beneficiaryCategory({ sex, dateOfBirth }, date)).toBe(category);
  });

  it('the age band is a setting', () => {
    const girl = { sex: 'F' as const, dateOfBirth: '2013-01-01' };
    expect(beneficiaryCategory(girl, '2025-06-01')).toBe('child-6-18');
    expect(beneficiaryCategory(girl, '2025-06-01', { adolescentGirlAges: { from: 11, to: 18 } })).toBe('adolescent-girl');
    expect(() => beneficiaryCategory(girl, '2025-06-01', { adolescentGirlAges: { from: 18, to: 14 } })).toThrow(/from ≤ to/);
  });
});

describe('Anaemia Mukt Bharat: IFA by age band, one record a month', () => {
  const BORN = '2014-03-10';
  it.each([
    ['2016-03-20', 'IFA syrup, twice a week (6–59 months)'], // 2 years
    ['2020-03-20', 'IFA pink tablet, weekly (5–9 years)'], // 6 years
    ['2026-03-20', 'IFA blue tablet, weekly (10–19 years)'], // 12 years
    ['2034-03-09', 'IFA blue tablet, weekly (10–19 years)'], // the day before the 20th birthday
  ])('on %s: %s', (date, en) => {
    for (const sex of ['F', 'M'] as const) {
      const list = servicesDue({ sex, dateOfBirth: BORN }, [], date);
      expect(get(list, 'IFA')).toMatchObject({ status: 'due', recurring: 'month', kind: 'supplement', dose: null });
      expect(get(list, 'IFA').label.en).toBe(en);
      expect(list.filter((s) => s.key === 'IFA')).toHaveLength(1);
    }
  });

  it('given when any IFA record falls in the current month; due again the next month; none at 20', () => {
    const given = on('2026-03-02', 'IFA');
    expect(get(servicesDue({ dateOfBirth: BORN }, given, '2026-03-31'), 'IFA')).toMatchObject({
      status: 'given',
      givenOn: '2026-03-02',
      dueDate: '2026-03-01',
      dueUntil: '2026-03-31',
    });
    expect(get(servicesDue({ dateOfBirth: BORN }, given, '2026-04-01'), 'IFA').status).toBe('due');
    expect(servicesDue({ dateOfBirth: BORN }, [], '2034-03-10')).toEqual([]);
    // A 19-year-old: only the AMB entitlements remain, no vaccines.
    expect(keys(servicesDue({ dateOfBirth: BORN }, [], '2033-06-01'))).toEqual(['IFA', 'DEWORMING']);
    // Before 6 months, IFA syrup is still to come.
    expect(get(servicesDue({ dateOfBirth: DOB }, [], '2024-05-01'), 'IFA')).toMatchObject({ status: 'upcoming', dueDate: '2024-07-15' });
  });
});

describe('deworming every six months from the first birthday', () => {
  it.each([
    ['2024-12-01', [], 'upcoming', '2025-01-15', '2044-01-14'], // before 1 year: the entitlement starts at 1
    ['2025-01-15', [], 'due', '2025-01-15', '2025-07-14'], // 1 year
    ['2025-05-01', on('2025-02-10', 'DEWORMING'), 'given', '2025-01-15', '2025-07-14'],
    ['2025-07-15', on('2025-02-10', 'DEWORMING'), 'due', '2025-07-15', '2026-01-14'], // 6 months later
    ['2025-09-01', on('2025-02-10', 'DEWORMING').concat(on('2025-08-10', 'DEWORMING')), 'given', '2025-07-15', '2026-01-14'],
  ] as const)('on %s with %j: %s for %s–%s', (date, given, status, dueDate, dueUntil) => {
    const list = servicesDue({ dateOfBirth: DOB }, given, date);
    expect(get(list, 'DEWORMING')).toMatchObject({ status, dueDate, dueUntil, recurring: 'half-year' });
  });

  it('half-years step from the start date, month ends clamped', () => {
    expect(periodAround('2024-08-31', 6, '2025-02-27')).toEqual({ from: '2024-08-31', until: '2025-02-27' });
    expect(periodAround('2024-08-31', 6, '2025-02-28')).toEqual({ from: '2025-02-28', until: '2025-08-30' });
    expect(periodAround('2024-08-31', 6, '2031-09-01')).toEqual({ from: '2031-08-31', until: '2032-02-28' });
  });
});

describe('history given: nothing overdue that was given', () => {
  const history = [
    ...on('2024-01-15', 'BCG', 'OPV-0', 'HEPB-0'),
    ...on('2024-02-26', 'OPV-1', 'PENTA-1', 'RVV-1', 'FIPV-1', 'PCV-1'),
    ...on('2024-03-25', 'OPV-2', 'PENTA-2', 'RVV-2'),
    ...on('2024-04-22', 'OPV-3', 'PENTA-3', 'RVV-3', 'FIPV-2', 'PCV-2'),
    ...on('2024-10-15', 'MR-1', 'FIPV-3', 'PCV-B', 'VITA-1'),
  ];

  it('at 14 months with nothing given many doses are overdue; with the history, none is', () => {
    const nothing = servicesDue({ dateOfBirth: DOB }, [], '2025-03-20');
    expect(nothing.filter((s) => s.status === 'overdue').map((s) => s.key)).toEqual(
      expect.arrayContaining(['OPV-1', 'DPT-1', 'MR-1', 'VITA-1']),
    );
    const list = servicesDue({ dateOfBirth: DOB }, history, '2025-03-20');
    expect(list.filter((s) => s.status === 'overdue' || s.status === 'missed')).toEqual([]);
    for (const g of history) expect(get(list, g.key as ServiceKey)).toMatchObject({ status: 'given', givenOn: g.date });
    expect(keys(list)).not.toContain('DPT-1');
    // What is left to act on are the monthly and six-monthly entitlements; the boosters come at 16 months.
    expect(actionable(list).map((s) => s.key)).toEqual(['THR', 'IFA', 'DEWORMING']);
    expect(get(list, 'MR-2')).toMatchObject({ status: 'upcoming', dueDate: '2025-05-15' });
  });
});

describe('dose numbers and keys', () => {
  it('gives the dose number where the series has one', () => {
    const list = servicesDue({ dateOfBirth: DOB }, [], '2024-01-15');
    expect(get(list, 'OPV-0').dose).toBe(0);
    expect(get(list, 'PENTA-2').dose).toBe(2);
    expect(get(list, 'VITA-5').dose).toBe(5);
    expect(get(list, 'DPT-B1').dose).toBe(null);
    expect(get(list, 'PCV-B').dose).toBe(null);
    const pregnant = servicesDue({ sex: 'F', lmp: '2025-06-01' }, [], '2025-07-10');
    expect(get(pregnant, 'ANC-3').dose).toBe(3);
    expect(get(pregnant, 'TD-PW-2').dose).toBe(2);
    expect(get(pregnant, 'THR').dose).toBe(null);
  });

  it('lists every service key once, new keys included', () => {
    expect(new Set(SERVICE_KEYS).size).toBe(SERVICE_KEYS.length);
    expect(SERVICE_KEYS).toEqual(expect.arrayContaining(['FIPV-3', 'JE-1', 'JE-2', 'DPT-1', 'DPT-2', 'DPT-3', 'DEWORMING', 'IFA']));
  });
});
