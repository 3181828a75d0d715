import { describe, it, expect } from 'vitest';
import {
  servicesDue,
  actionable,
  beneficiaryCategory,
  beneficiaryCategories,
  expectedDeliveryDate,
  SCHEDULE,
  type ServiceDue,
  type ServiceKey,
} from '../../../src-main/schedule/index.ts';

// Expected dates below are counted by hand on a calendar from the published UIP ages
// (birth, 6/10/14 weeks, 9 months, 16–24 months, 5 years, 10 and 16 years).
const DOB = '2024-01-15';

function byKey(list: readonly ServiceDue[]): Map<ServiceKey, ServiceDue> {
  return new Map(list.map((s) => [s.key, s]));
}
function get(list: readonly ServiceDue[], key: ServiceKey): ServiceDue {
  const s = byKey(list).get(key);
  if (!s) throw new Error(`${key} not in list: ${list.map((x) => x.key).join(',')}`);
  return s;
}

describe('children: Universal Immunisation Programme', () => {
  it('on the day of birth the three birth doses are due and the 6-week doses are upcoming', () => {
    const list = servicesDue({ dateOfBirth: DOB, sex: 'F' }, [], DOB);
    for (const key of ['BCG', 'HEPB-0', 'OPV-0'] as const) expect(get(list, key).status).toBe('due');
    expect(get(list, 'PENTA-1')).toMatchObject({ status: 'upcoming', dueDate: '2024-02-26' });
    expect(get(list, 'MR-1')).toMatchObject({ status: 'upcoming', dueDate: '2024-10-15' });
    expect(get(list, 'OPV-2').status).toBe('waiting');
  });

  it('after six weeks with nothing given: birth-only doses are missed, BCG is overdue, the 6-week doses are due', () => {
    const list = servicesDue({ dateOfBirth: DOB }, [], '2024-03-01');
    expect(get(list, 'HEPB-0').status).toBe('missed');
    expect(get(list, 'OPV-0').status).toBe('missed');
    expect(get(list, 'BCG')).toMatchObject({ status: 'overdue', lastDate: '2025-01-15' });
    for (const key of ['OPV-1', 'PENTA-1', 'RVV-1', 'FIPV-1', 'PCV-1'] as const) {
      expect(get(list, key)).toMatchObject({ status: 'due', dueDate: '2024-02-26' });
    }
    expect(get(list, 'PENTA-2').status).toBe('waiting');
  });

  it('a late dose pushes the next dose of the series back by the minimum interval of four weeks', () => {
    const given = [{ key: 'PENTA-1', date: '2024-04-01' }];
    const list = servicesDue({ dateOfBirth: DOB }, given, '2024-04-10');
    expect(get(list, 'PENTA-1')).toMatchObject({ status: 'given', givenOn: '2024-04-01' });
    expect(get(list, 'PENTA-2')).toMatchObject({ status: 'upcoming', dueDate: '2024-04-29' });
    // Without a late dose, the 10-week date stands.
    const onTime = servicesDue({ dateOfBirth: DOB }, [{ key: 'PENTA-1', date: '2024-02-26' }], '2024-03-25');
    expect(get(onTime, 'PENTA-2')).toMatchObject({ status: 'due', dueDate: '2024-03-25' });
  });

  it('catch-up limits: pentavalent only until the first birthday, OPV until the fifth', () => {
    const list = servicesDue({ dateOfBirth: DOB }, [], '2026-01-20');
    expect(get(list, 'PENTA-1').status).toBe('missed');
    expect(get(list, 'RVV-1').status).toBe('missed');
    expect(get(list, 'OPV-1').status).toBe('overdue');
    expect(get(list, 'MR-1').status).toBe('overdue');
  });

  it('MR-1 and vitamin A dose 1 are due at 9 months and overdue after 12 months', () => {
    const at10 = servicesDue({ dateOfBirth: DOB }, [], '2024-11-20');
    expect(get(at10, 'MR-1').status).toBe('due');
    expect(get(at10, 'VITA-1').status).toBe('due');
    const at13 = servicesDue({ dateOfBirth: DOB }, [], '2025-02-20');
    expect(get(at13, 'MR-1').status).toBe('overdue');
  });

  it('16–24 months: MR-2, DPT booster-1 and OPV booster after the primary series', () => {
    const given = [
      { key: 'PENTA-1', date: '2024-02-26' },
      { key: 'PENTA-2', date: '2024-03-25' },
      { key: 'PENTA-3', date: '2024-04-22' },
      { key: 'OPV-1', date: '2024-02-26' },
      { key: 'OPV-2', date: '2024-03-25' },
      { key: 'OPV-3', date: '2024-04-22' },
      { key: 'MR-1', date: '2024-10-15' },
    ];
    const list = servicesDue({ dateOfBirth: DOB }, given, '2025-06-01');
    for (const key of ['MR-2', 'DPT-B1', 'OPV-B'] as const) {
      expect(get(list, key)).toMatchObject({ status: 'due', dueDate: '2025-05-15', dueUntil: '2026-01-15' });
    }
    expect(get(list, 'DPT-B2')).toMatchObject({ status: 'waiting', dueDate: '2029-01-15' });
  });

  it('vitamin A: nine doses from 9 months, every six months, all before the fifth birthday', () => {
    const given = [
      { key: 'VITA-1', date: '2024-10-15' },
      { key: 'VITA-2', date: '2025-05-15' },
    ];
    const list = servicesDue({ dateOfBirth: DOB }, given, '2025-06-01');
    expect(get(list, 'VITA-3')).toMatchObject({ status: 'upcoming', dueDate: '2025-11-15' });
    expect(get(list, 'VITA-9')).toMatchObject({ status: 'waiting', dueDate: '2028-11-15' });
    expect(get(list, 'VITA-9').dueDate < '2029-01-15').toBe(true);
    const vitA = list.filter((s) => s.kind === 'vitamin-a');
    expect(vitA.map((s) => s.key)).toEqual(['VITA-1', 'VITA-2', 'VITA-3', 'VITA-4', 'VITA-5', 'VITA-6', 'VITA-7', 'VITA-8', 'VITA-9']);
    // A dose given late moves the next one six months after it.
    const late = servicesDue({ dateOfBirth: DOB }, [...given, { key: 'VITA-3', date: '2026-02-01' }], '2026-03-01');
    expect(get(late, 'VITA-4').dueDate).toBe('2026-08-01');
  });

  it('Td at 10 and 16 years; the infant schedule shows as missed, never as due, for a 10-year-old', () => {
    const list = servicesDue({ dateOfBirth: '2015-03-10', sex: 'M' }, [], '2025-04-01');
    expect(get(list, 'TD-10')).toMatchObject({ status: 'due', dueDate: '2025-03-10' });
    expect(get(list, 'TD-16').status).toBe('waiting');
    expect(get(list, 'PENTA-1').status).toBe('missed');
    // Besides Td, the Anaemia Mukt Bharat weekly IFA and six-monthly deworming run for 10–19 years.
    expect(actionable(list).map((s) => s.key)).toEqual(['TD-10', 'IFA', 'DEWORMING']);
  });

  it('an adult gets no children’s schedule', () => {
    expect(servicesDue({ dateOfBirth: '1990-01-01', sex: 'M' }, [], '2025-01-01')).toEqual([]);
  });
});

describe('children: ICDS entitlements', () => {
  it('take-home ration from 6 months to 3 years, monthly; hot cooked meal from 3 to 6 years, daily', () => {
    const baby = servicesDue({ dateOfBirth: DOB }, [], '2024-05-01');
    expect(get(baby, 'THR')).toMatchObject({ status: 'upcoming', dueDate: '2024-07-15', recurring: 'month' });
    const toddler = servicesDue({ dateOfBirth: DOB }, [{ key: 'THR', date: '2025-03-03' }], '2025-03-20');
    expect(get(toddler, 'THR')).toMatchObject({ status: 'given', givenOn: '2025-03-03' });
    const nextMonth = servicesDue({ dateOfBirth: DOB }, [{ key: 'THR', date: '2025-03-03' }], '2025-04-02');
    expect(get(nextMonth, 'THR').status).toBe('due');
    const four = servicesDue({ dateOfBirth: DOB }, [{ key: 'HCM', date: '2028-02-01' }], '2028-02-02');
    expect(byKey(four).has('THR')).toBe(false);
    expect(get(four, 'HCM')).toMatchObject({ status: 'due', recurring: 'day', lastDate: '2030-01-14' });
  });
});

describe('pregnancy and after delivery', () => {
  const LMP = '2025-06-01';

  it('EDD follows Naegele’s rule (LMP + 1 year − 3 months + 7 days)', () => {
    expect(expectedDeliveryDate(LMP)).toBe('2026-03-08');
  });

  it('early pregnancy: Td-1, first ANC contact and THR are due; Td-2 waits; IFA and calcium start at 14 weeks', () => {
    const list = servicesDue({ sex: 'F', dateOfBirth: '2001-05-05', lmp: LMP }, [], '2025-07-10');
    expect(get(list, 'TD-PW-1').status).toBe('due');
    expect(get(list, 'ANC-1').status).toBe('due');
    expect(get(list, 'THR').status).toBe('due');
    expect(get(list, 'TD-PW-2').status).toBe('waiting');
    expect(get(list, 'IFA')).toMatchObject({ status: 'upcoming', dueDate: '2025-09-07' });
    expect(get(list, 'CALCIUM')).toMatchObject({ status: 'upcoming', dueDate: '2025-09-07' });
    expect(byKey(list).has('TD-PW-B')).toBe(false);
  });

  it('Td-2 is due four weeks after Td-1', () => {
    const list = servicesDue({ sex: 'F', lmp: LMP }, [{ key: 'TD-PW-1', date: '2025-08-01' }], '2025-08-10');
    expect(get(list, 'TD-PW-2')).toMatchObject({ status: 'upcoming', dueDate: '2025-08-29' });
  });

  it('two Td doses in a pregnancy within the last 3 years mean one booster instead', () => {
    const earlier = [
      { key: 'TD-PW-1', date: '2023-02-01' },
      { key: 'TD-PW-2', date: '2023-03-01' },
    ];
    const list = servicesDue({ sex: 'F', lmp: LMP }, earlier, '2025-07-10');
    expect(get(list, 'TD-PW-B').status).toBe('due');
    expect(byKey(list).has('TD-PW-1')).toBe(false);
    // Doses of an earlier pregnancy never count as given in this one.
    const once = servicesDue({ sex: 'F', lmp: LMP }, [{ key: 'TD-PW-1', date: '2023-02-01' }], '2025-07-10');
    expect(get(once, 'TD-PW-1').status).toBe('due');
  });

  it('four ANC contacts in their windows: 2nd (14–26 weeks) overdue at 27 weeks, missed at 29', () => {
    const at20 = servicesDue({ sex: 'F', lmp: LMP }, [{ key: 'ANC-1', date: '2025-07-10' }], '2025-10-19');
    expect(get(at20, 'ANC-2').status).toBe('due');
    expect(get(at20, 'ANC-3')).toMatchObject({ status: 'upcoming', dueDate: '2025-12-14' });
    expect(get(servicesDue({ sex: 'F', lmp: LMP }, [], '2025-12-08'), 'ANC-2').status).toBe('overdue');
    const at29 = servicesDue({ sex: 'F', lmp: LMP }, [], '2025-12-21');
    expect(get(at29, 'ANC-2').status).toBe('missed');
    expect(get(at29, 'ANC-3').status).toBe('due');
  });

  it('after delivery: pregnancy services end; IFA, calcium and THR run for six months', () => {
    const mother = { sex: 'F' as const, lmp: LMP, deliveryDate: '2026-03-02' };
    const list = servicesDue(mother, [{ key: 'THR', date: '2026-04-05' }], '2026-04-20');
    expect(list.some((s) => s.kind === 'anc' || s.key.startsWith('TD-PW'))).toBe(false);
    expect(get(list, 'IFA').status).toBe('due');
    expect(get(list, 'CALCIUM').status).toBe('due');
    expect(get(list, 'THR')).toMatchObject({ status: 'given', lastDate: '2026-09-01' });
    expect(servicesDue(mother, [], '2026-09-02')).toEqual([]);
  });

  it('rejects malformed dates', () => {
    expect(() => servicesDue({ dateOfBirth: '15/01/2024' }, [], '2024-02-01')).toThrow();
    expect(() => servicesDue({ dateOfBirth: DOB }, [], '2024-02-30')).toThrow();
  });
});

describe('categories derived from dates', () => {
  it('pregnant, lactating, child 0–6, adolescent girl, child 6–18, none', () => {
    expect(beneficiaryCategory({ sex: 'F', dateOfBirth: '2000-01-01', lmp: '2025-06-01' }, '2025-08-01')).toBe('pregnant');
    expect(beneficiaryCategory({ sex: 'F', lmp: '2025-06-01', deliveryDate: '2026-03-02' }, '2026-04-01')).toBe('lactating');
    expect(beneficiaryCategory({ sex: 'F', deliveryDate: '2026-03-02' }, '2026-09-02')).toBe(null);
    expect(beneficiaryCategory({ sex: 'M', dateOfBirth: '2020-06-01' }, '2026-05-31')).toBe('child-0-6');
    expect(beneficiaryCategory({ sex: 'M', dateOfBirth: '2020-06-01' }, '2026-06-01')).toBe('child-6-18');
    // Adolescent girl is the Scheme for Adolescent Girls' 14–18 years (13-year-olds were counted before).
    expect(beneficiaryCategory({ sex: 'F', dateOfBirth: '2011-06-01' }, '2025-06-01')).toBe('adolescent-girl');
    expect(beneficiaryCategory({ sex: 'F', dateOfBirth: '2012-06-01' }, '2025-06-01')).toBe('child-6-18');
    expect(beneficiaryCategory({ sex: 'M', dateOfBirth: '1985-06-01' }, '2025-06-01')).toBe(null);
    // A pregnant adolescent is both; pregnancy is printed first.
    expect(beneficiaryCategories({ sex: 'F', dateOfBirth: '2008-01-01', lmp: '2025-06-01' }, '2025-08-01')).toEqual([
      'pregnant',
      'adolescent-girl',
    ]);
  });
});

describe('the table', () => {
  it('has unique dose keys, bilingual labels, and series that refer to earlier entries', () => {
    const doses = SCHEDULE.filter((e) => !e.recurring);
    expect(new Set(doses.map((e) => e.key)).size).toBe(doses.length);
    for (const [i, e] of SCHEDULE.entries()) {
      expect(e.label.mr).toMatch(/[\u0900-\u097F]/);
      expect(e.label.en).toMatch(/^[\x20-\x7E–]+$/);
      for (const key of e.after?.keys ?? []) expect(SCHEDULE.slice(0, i).some((p) => p.key === key)).toBe(true);
      if (e.replaces) expect(SCHEDULE.slice(0, i).some((p) => p.key === e.replaces)).toBe(true);
    }
  });
});
