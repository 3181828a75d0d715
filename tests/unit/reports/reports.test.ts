import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { addSignedInOperator } from '../../helpers/office.ts';
import { daysAgo } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';
import type { Report, ReportRow } from '../../../src-main/reports/types.ts';
import { buildDataset, DHADGAON, MOLGI, type Dataset } from './dataset.ts';

const tempDir = useTempDirs();
let set: Dataset;

beforeAll(async () => {
  set = await buildDataset(tempDir());
}, 60_000);
afterAll(() => set?.office.close());

const run = (name: Report['name'], query: { from?: string; to?: string; awcCode?: string | null } = {}) =>
  set.office.call('reports.run', { name, from: query.from ?? set.from, to: query.to ?? set.to, awcCode: query.awcCode ?? null });

const rowOf = (report: Report, awc: string): ReportRow | undefined => report.rows.find((row) => row.awc_code === awc);

describe('reports on a crafted office (real SQLite, real registry, trips, measurements, services)', () => {
  it('registrations: per AWC and category as on the last day of the period; the boy who turns 6 in the period is 6–18', async () => {
    const report = await run('registrations');
    expect(rowOf(report, MOLGI)).toMatchObject({ households: 2, pregnant: 1, lactating: 1, 'child-0-3': 2, 'adolescent-girl': 1, 'child-3-6': 0, people: 5 });
    expect(rowOf(report, DHADGAON)).toMatchObject({ households: 2, woman: 2, 'child-6-18': 1, 'child-3-6': 0, people: 3 });
    expect(report.totals).toMatchObject({ households: 4, people: 8 });
    expect(report.chart?.series[0]!.data.reduce((a, b) => a + b, 0)).toBe(8);
    // Registered today: a period that ended yesterday has none; one AWC only shows that AWC.
    expect((await run('registrations', { to: daysAgo(1) })).rows).toEqual([]);
    const dhadgaon = await run('registrations', { awcCode: DHADGAON });
    expect(dhadgaon.rows.map((row) => row.awc_code)).toEqual([DHADGAON]);
    expect(dhadgaon.awcName?.en).toBe('Dhadgaon Gaothan AWC');
  });

  it('migration efflux by destination, sector and month, with the period filter', async () => {
    const report = await run('efflux');
    expect(report.totals).toMatchObject({ families: 4, people: 8 });
    const beed = report.rows.find((row) => String(row.destination_district).includes('Beed') && String(row.sector).includes('Sugar factory'));
    expect(beed).toMatchObject({ families: 1, people: 3, month: `${daysAgo(8).slice(0, 7)}-01` });
    expect(report.rows.find((row) => String(row.destination_state).includes('Karnataka'))).toMatchObject({ families: 1, people: 2 });
    // Up to 20 days ago: B (30), C (40) and D (25) had left, A (8) not yet.
    const earlier = await run('efflux', { to: daysAgo(20) });
    expect(earlier.totals).toMatchObject({ families: 3 });
    // One AWC: Dhadgaon's B and D.
    expect((await run('efflux', { awcCode: DHADGAON })).totals).toMatchObject({ families: 2 });
    expect(report.chart?.stacked).toBe(true);
  });

  it('returned, overdue to arrive (as on the last day), not found, and influx', async () => {
    const returned = await run('returned');
    expect(returned.rows).toEqual([expect.objectContaining({ awc_code: DHADGAON, families: 1, month: `${daysAgo(5).slice(0, 7)}-01` })]);
    const overdue = await run('overdue');
    expect(overdue.rows).toEqual([expect.objectContaining({ awc_code: MOLGI, families: 1, longest_days: 40 })]);
    // 30 days ago C had been away 10 days: not yet overdue (15), and B had just left.
    expect((await run('overdue', { to: daysAgo(30) })).rows).toEqual([]);
    const notFound = await run('not-found');
    expect(notFound.rows).toEqual([expect.objectContaining({ awc_code: DHADGAON, families: 1 })]);
    expect(String(notFound.rows[0]!.reason)).toContain('Not at the worksite');
    // No other office's family arrived here.
    expect((await run('influx')).rows).toEqual([]);
  });

  it('nutrition: latest measurement in the period per child, SAM/MAM/SUW/MUW/stunting per AWC, trend by month', async () => {
    const report = await run('nutrition');
    // Ganesh's latest (yesterday): 8.1 kg, 76.5 cm at 699 days, MUAC 118 mm.
    expect(rowOf(report, MOLGI)).toMatchObject({ measured: 1, sam: 0, mam: 1, suw: 1, muw: 0, stunted: 1 });
    // Ajay, 5 when measured 20 days ago, 17.5 kg and 110 cm: normal.
    expect(rowOf(report, DHADGAON)).toMatchObject({ measured: 1, sam: 0, mam: 0, suw: 0, muw: 0, stunted: 0 });
    const chart = report.chart!;
    const month = (iso: string) => chart.labels.findIndex((_, i) => report.query.from.slice(0, 7) <= iso.slice(0, 7) && i === monthsBetween(report.query.from, iso));
    const mam = chart.series.find((s) => s.label.en === 'MAM')!;
    // 45 days ago Ganesh was normal; yesterday MAM.
    expect(mam.data[month(daysAgo(45))]).toBe(0);
    expect(mam.data[month(daysAgo(1))]).toBe(1);
    // Before Ganesh's second measurement, his earlier (normal) one is the latest in the period.
    const earlier = await run('nutrition', { to: daysAgo(30), awcCode: MOLGI });
    expect(earlier.rows).toEqual([expect.objectContaining({ measured: 1, mam: 0, suw: 0, stunted: 0 })]);
  });

  it('services coverage: doses given and due, THR and ANC per AWC', async () => {
    // From 100 days ago, so the baby's BCG (given 90 days ago) is in the period.
    const report = await run('services', { from: daysAgo(100) });
    const molgi = rowOf(report, MOLGI)!;
    expect(molgi).toMatchObject({ doses_given: 1, thr_people: 1, anc_visits: 1, anc_people: 1, pregnant: 1, thr_eligible: 3 });
    // Doses due are counted per Anganwadi: the baby of 100 days has had only BCG, so his 6- and 10-week
    // doses are due or overdue.
    expect(molgi.doses_due).toBeNull();
    const molgiOnly = rowOf(await run('services', { from: daysAgo(100), awcCode: MOLGI }), MOLGI)!;
    expect(Number(molgiOnly.doses_due) + Number(molgiOnly.doses_overdue)).toBeGreaterThan(0);
    expect(molgiOnly).toMatchObject({ doses_given: 1, thr_eligible: 3 });
    // The default period (60 days) leaves the BCG out; THR and ANC 3 days ago stay in.
    expect(rowOf(await run('services'), MOLGI)).toMatchObject({ doses_given: 0, thr_people: 1, anc_visits: 1 });
    // Four days ago nobody here was registered yet, and nothing had been given.
    expect((await run('services', { to: daysAgo(4) })).rows).toEqual([]);
  });

  it('department lists: ANM due list by village with MCP codes, school-age children by destination, job-card holders', async () => {
    const anm = await run('health-anm');
    const babyRows = anm.rows.filter((row) => row.name_en === 'Rohan Mohan Gavit');
    expect(babyRows.map((row) => row.code)).toContain('Penta-1');
    expect(babyRows.map((row) => row.code)).not.toContain('BCG');
    expect(babyRows.every((row) => row.village === 'Molgi')).toBe(true);
    expect(anm.rows.some((row) => row.name_en === 'Sunita Ramdas Pawar' && String(row.code).startsWith('Td'))).toBe(true);

    const education = await run('education');
    const names = education.rows.map((row) => row.name_en);
    expect(names).toContain('Ajay Sanjay Valvi');
    expect(names).toContain('Pooja Ramdas Pawar');
    expect(names).not.toContain('Ganesh Ramdas Pawar');
    expect(education.rows.find((row) => row.name_en === 'Ajay Sanjay Valvi')).toMatchObject({ age: 6, age_band: '6–14', dob: set.sixYearOldDob });
    // Before his sixth birthday he is not yet school age.
    expect((await run('education', { to: daysAgo(11) })).rows.map((row) => row.name_en)).not.toContain('Ajay Sanjay Valvi');

    const mgnrega = await run('mgnrega');
    expect(mgnrega.rows).toEqual([
      expect.objectContaining({ job_card: 'MH-23-003-004-005/1', head_name_en: 'Ramdas Vitthal Pawar', expected_return: daysAgo(-150), return_month: `${daysAgo(-150).slice(0, 7)}-01` }),
    ]);
  });

  it('refuses a period that ends before it starts, in both languages naming the field, and refuses operators', async () => {
    const reply = await set.office.api.call(set.office.session, 'reports.run', { name: 'registrations', from: daysAgo(1), to: daysAgo(5), awcCode: null });
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.problem.fields.map((f) => f.field)).toEqual(['to']);
      expect(reply.problem.text.mr).toMatch(/कालावधी/);
      expect(reply.problem.text.en).toMatch(/period/);
    }
    const unknownAwc = await set.office.api.call(set.office.session, 'reports.run', { name: 'nutrition', from: null, to: null, awcCode: '99999999999' });
    expect(unknownAwc.ok).toBe(false);
    const operator = await addSignedInOperator(set.office, { username: 'savita', fullName: 'Savita Pawar', role: 'operator', password: 'Operator123' });
    const refused = await set.office.api.call(operator, 'reports.run', { name: 'registrations', from: null, to: null, awcCode: null });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problem.code).toBe('forbidden');
  });
});

function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
}
