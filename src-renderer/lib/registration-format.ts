/** Small text conversions of the registration screens: dates as the paper writes them, digits, IDs. */

const DEVANAGARI_ZERO = 0x0966;

/** Marathi keyboards (InScript) type Devanagari digits; the backend wants ASCII ones. */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0966-\u096F]/g, (d) => String(d.charCodeAt(0) - DEVANAGARI_ZERO));
}

export function digitsOnly(text: string): string {
  return asciiDigits(text).replace(/\D/g, '');
}

/**
 * Dates are keyed as on the paper form, day first: `15062019`, `15-06-2019` or `15/6/2019` all read as
 * 15 June 2019. Typing digits only fills in the dashes as the operator goes.
 */
export function formatDateTyping(text: string): string {
  const raw = asciiDigits(text);
  // Dashes this function put in (after the day and the month) are dropped and re-inserted; anything else
  // the operator typed (1/6/2019, 2019-06-15) is left as typed.
  const withoutOurs = raw.replace(/^(\d{2})-/, '$1').replace(/^(\d{4})-/, '$1');
  if (/\D/.test(withoutOurs)) return raw.replace(/[^\d\-/. ]/g, '').slice(0, 10);
  const d = withoutOurs.slice(0, 8);
  if (d.length <= 2) return d;
  if (d.length <= 4) return `${d.slice(0, 2)}-${d.slice(2)}`;
  return `${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4)}`;
}

/** `DD-MM-YYYY` (or `/`, `.`) → ISO `YYYY-MM-DD`; `null` when empty; `'invalid'` when no such day exists. */
export function parseDisplayDate(text: string): string | null | 'invalid' {
  const raw = asciiDigits(text).trim();
  if (raw === '') return null;
  let day: number, month: number, year: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(raw);
  const dmy = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(raw);
  const packed = /^(\d{2})(\d{2})(\d{4})$/.exec(raw);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) [day, month, year] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else if (packed) [day, month, year] = [Number(packed[1]), Number(packed[2]), Number(packed[3])];
  else return 'invalid';
  if (year < 1900 || month < 1 || month > 12 || day < 1) return 'invalid';
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return 'invalid';
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO → `DD-MM-YYYY`, the way the paper and the operators write dates. */
export function displayDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
}

/** A timestamp in local time, for history lists. */
export function displayDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getDate())}-${pad(date.getMonth() + 1)}-${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const DAY_MS = 86_400_000;

export function addDaysIso(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetweenIso(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Today as the office's calendar sees it (local date, not UTC). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whole years completed, as people count birthdays. */
export function ageYears(dobIso: string, onIso: string): number {
  const [by, bm, bd] = dobIso.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = onIso.split('-').map(Number) as [number, number, number];
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}

/** Declared age → an estimated date of birth (same day of the month, years and months back). */
export function estimateDob(years: number, months: number, onIso: string): string {
  const [y, m, d] = onIso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - Math.floor(years) * 12 - months - Math.round((years % 1) * 12);
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** MTS IDs are printed and read out in groups of four: `2714 0010 0000 0421`. */
export function groupMtsId(id: string): string {
  return id.replace(/\s/g, '').replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** A scanned or typed MTS ID: 16 digits, spaces allowed between the groups. */
export function looksLikeMtsId(text: string): boolean {
  return /^\d{16}$/.test(asciiDigits(text).replace(/[\s-]/g, ''));
}

/** Numbers as the operator types them: a comma counts as the decimal point. */
export function parseNumber(text: string): number | null | 'invalid' {
  const raw = asciiDigits(text).trim().replace(',', '.');
  if (raw === '') return null;
  if (!/^\d+(\.\d+)?$/.test(raw)) return 'invalid';
  return Number(raw);
}
