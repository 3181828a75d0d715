// The period every report covers, checked once for all of them.
import { Problem } from '../common/problem.ts';
import { addDays, isIsoDate, todayIso } from '../common/calendar.ts';
import type { Bilingual, ReportQuery } from './types.ts';

/** A report longer than this is refused: the monthly trend would have more months than a page can show. */
export const MAX_PERIOD_DAYS = 3 * 366;

export interface PeriodInput {
  from?: string | null;
  to?: string | null;
  awcCode?: string | null;
}

/** Three calendar months ending today: the current month and the two before it. */
export function defaultPeriod(today: string = todayIso()): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1 - 2, 1));
  return { from: start.toISOString().slice(0, 10), to: today };
}

export function reportQuery(input: PeriodInput, today: string = todayIso()): ReportQuery {
  const fallback = defaultPeriod(today);
  const from = input.from ?? fallback.from;
  const to = input.to ?? fallback.to;
  for (const [field, value] of [['from', from], ['to', to]] as const) {
    if (!isIsoDate(value)) {
      throw new Problem('invalid-input', { en: 'The period has a date that does not exist.', mr: 'कालावधीतील दिनांक अस्तित्वात नाही.' }, [
        { field, message: { en: 'Enter a real date as DD-MM-YYYY.', mr: 'खरा दिनांक DD-MM-YYYY असा लिहा.' } },
      ]);
    }
  }
  if (from > to) {
    throw new Problem('invalid-input', { en: 'The period ends before it starts.', mr: 'कालावधी सुरू होण्याआधीच संपतो.' }, [
      { field: 'to', message: { en: '"To" must be on or after "From".', mr: '"पर्यंत" दिनांक "पासून" दिनांकानंतरचा असावा.' } },
    ]);
  }
  if (addDays(from, MAX_PERIOD_DAYS) < to) {
    throw new Problem('invalid-input', { en: 'Choose a period of at most three years.', mr: 'जास्तीत जास्त तीन वर्षांचा कालावधी निवडा.' }, [
      { field: 'from', message: { en: 'At most three years.', mr: 'जास्तीत जास्त तीन वर्षे.' } },
    ]);
  }
  return { from, to, awcCode: input.awcCode ? input.awcCode : null };
}

/** The months the period touches, as YYYY-MM. */
export function monthsOf(query: ReportQuery): string[] {
  const months: string[] = [];
  let [y, m] = query.from.split('-').map(Number) as [number, number];
  const last = query.to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) return months;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

const MONTHS_MR = ['जानेवारी', 'फेब्रुवारी', 'मार्च', 'एप्रिल', 'मे', 'जून', 'जुलै', 'ऑगस्ट', 'सप्टेंबर', 'ऑक्टोबर', 'नोव्हेंबर', 'डिसेंबर'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function monthLabel(month: string): Bilingual {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { mr: `${MONTHS_MR[m - 1]} ${y}`, en: `${MONTHS_EN[m - 1]} ${y}` };
}

/** DD-MM-YYYY, as every date shown to people. */
export function displayDate(iso: string): string {
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
}

/** The first instant after the period, for comparing ISO timestamps such as created_at. */
export function dayAfter(iso: string): string {
  return addDays(iso, 1);
}
