// Dates as people in the block office read and write them: day first, DD-MM-YYYY, on every card, PDF and
// export. The renderer's registration-format.ts does the same for screens; both follow one rule so a date
// copied from a card into a search box, or from a CSV into a form, reads the same.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** `YYYY-MM-DD` (a timestamp's date part is enough) → `DD-MM-YYYY`; null when the text holds no ISO date. */
export function isoToDisplayDate(iso: string): string | null {
  const m = ISO_DATE.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
}

/** For exports: empty stays empty, anything that is not an ISO date is passed through unchanged. */
export function displayDateOrText(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return isoToDisplayDate(value) ?? value;
}

/** `DD-MM-YYYY`, `DD/MM/YYYY`, `DD.MM.YYYY` or `DDMMYYYY` → ISO; null for a day that does not exist. */
export function parseDisplayDateText(text: string): string | null {
  const raw = text.trim();
  const m = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(raw) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(raw);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
