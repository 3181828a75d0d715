import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { sql } from 'kysely';
import { openTestOffice, type TestOffice } from '../../helpers/office.ts';
import { useTempDirs } from '../../helpers/temp.ts';
import { beneficiaryCategory, type CategoryFacts } from '../../../src-main/registry/category.ts';
import { addDays } from '../../../src-main/common/calendar.ts';
import { categorySql, categoryThresholds } from '../../../src-main/reports/category-sql.ts';

const tempDir = useTempDirs();
let office: TestOffice;
beforeAll(async () => {
  office = await openTestOffice(tempDir(), { setUp: false, login: false });
}, 60_000);
afterAll(() => office?.close());

/** The category SQLite computes for these facts on `on`, through the expression the reports use. */
function sqlCategory(facts: CategoryFacts, on: string): string {
  const { store } = office.data;
  const person = sql`(SELECT ${facts.sex} AS sex, ${facts.dob} AS dob, ${facts.lmpDate} AS lmp_date, ${facts.deliveryDate} AS delivery_date)`.as('b');
  return store.first(store.db.selectFrom(person).select(categorySql(categoryThresholds(on)).as('category')))!.category;
}

/** The same calendar day `years` earlier, clamped to the month's end (29 Feb → 28 Feb). */
function yearsBack(on: string, years: number): string {
  const y = Number(on.slice(0, 4)) - years;
  const [m, d] = [on.slice(5, 7), Number(on.slice(8, 10))];
  const last = new Date(Date.UTC(y, Number(m), 0)).getUTCDate();
  return `${y}-${m}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

// Month ends, leap days and the turn of the year, where calendar arithmetic goes wrong first.
const REPORT_DAYS = ['2024-02-29', '2025-02-28', '2024-03-01', '2025-03-31', '2024-08-31', '2023-12-31', '2026-01-01', '2025-06-30'];

describe('the reports count categories in SQL exactly as the registry derives them', () => {
  it('agrees with beneficiaryCategory one day either side of every age, pregnancy and lactation threshold', () => {
    let compared = 0;
    for (const on of REPORT_DAYS) {
      const t = categoryThresholds(on);
      const around = (day: string) => [addDays(day, -1), day, addDays(day, 1)];
      const births = [3, 6, 14, 18, 19, 20, 30].flatMap((years) => around(yearsBack(on, years))).concat(around(on), ['2000-02-29', '2004-02-29']);
      const pregnancyDays = [...around(t.pregnantFrom), ...around(on), addDays(on, -100), null];
      const deliveryDays = [...around(t.lactatingFrom), ...around(on), addDays(on, -30), addDays(on, -400), null];
      for (const sex of ['f', 'm', 'o'] as const) {
        for (const dob of births) {
          const facts: CategoryFacts = { sex, dob, lmpDate: null, deliveryDate: null };
          expect(sqlCategory(facts, on), `${sex} ${dob} on ${on}`).toBe(beneficiaryCategory(facts, on));
          compared += 1;
        }
      }
      const dob = yearsBack(on, 25);
      for (const lmpDate of pregnancyDays) {
        for (const deliveryDate of [...deliveryDays, lmpDate, lmpDate && addDays(lmpDate, -1)]) {
          for (const sex of ['f', 'm'] as const) {
            const facts: CategoryFacts = { sex, dob, lmpDate, deliveryDate: deliveryDate ?? null };
            expect(sqlCategory(facts, on), `${sex} lmp ${lmpDate} delivery ${deliveryDate} on ${on}`).toBe(beneficiaryCategory(facts, on));
            compared += 1;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
