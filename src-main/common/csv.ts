/**
 * RFC 4180 CSV, the one parser of the app (AWC lists, measurement batches). Quoted fields may hold commas,
 * doubled quotes and line breaks; records end with CRLF, LF or CR. Excel on Windows saves UTF-8 with a
 * byte-order mark, which is skipped.
 */
export class CsvFormatError extends Error {
  override name = 'CsvFormatError';
}

export interface CsvRecord {
  /** 1-based line where the record starts, for messages the operator can find in the file. */
  line: number;
  fields: string[];
}

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;

export function parseCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  const endOfField = (from: number) => {
    let j = from;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === COMMA || c === CR || c === LF) break;
      j++;
    }
    return j;
  };
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === QUOTE) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) throw new CsvFormatError(`CSV ends inside a quoted field that starts on line ${recordLine} (a closing " is missing)`);
        const chunk = text.slice(from, q);
        value += chunk;
        for (let k = 0; k < chunk.length; k++) if (chunk.charCodeAt(k) === LF) line++;
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the separator is kept, as spreadsheets do.
      const j = endOfField(i);
      field = value + text.slice(i, j);
      i = j;
    } else {
      const j = endOfField(i);
      field = text.slice(i, j);
      i = j;
    }
    fields.push(field);
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      if (i >= n) fields.push('');
      continue;
    }
    records.push({ line: recordLine, fields });
    fields = [];
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    recordLine = line;
  }
  if (fields.length > 0) records.push({ line: recordLine, fields });
  return records;
}

export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).map((record) => record.fields);
}

const NEEDS_QUOTES = /[",\r\n]/;

export function formatCsvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
