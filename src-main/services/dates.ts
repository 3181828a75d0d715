/** Calendar helpers for services; dates are ISO `YYYY-MM-DD`. */
export { isIsoDate } from '../common/calendar.ts';

/**
 * Today at the office (the PC's local clock): a dose given this morning in India is not "in the future"
 * while UTC is still on yesterday.
 */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Completed years of age on `on`. */
export function ageInYears(dob: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(dob.slice(0, 4));
  return on.slice(5) < dob.slice(5) ? years - 1 : years;
}
