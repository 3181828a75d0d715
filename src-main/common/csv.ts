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

/**
 * A cell a spreadsheet would run as a formula when the file is opened (OWASP "CSV injection"): one starting
 * with =, +, -, @, a tab or a carriage return.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number such as a z-score of -2.31: spreadsheets read it as a value, never as a formula. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The strict test, for imports: any value starting with one of the six characters. */
export function startsWithFormulaCharacter(text: string): boolean {
  return FORMULA_START.test(text);
}

/** The export test: could a spreadsheet take this for a formula? Plain numbers such as -2.31 are values. */
export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/**
 * One field of an exported CSV. Text that could start a formula gets a leading single quote (OWASP's rule), so
 * Excel or LibreOffice shows it as text; plain numbers, negative ones included, stay numbers a supervisor can
 * sort and sum.
 */
export function formatCsvField(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (startsLikeFormula(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
