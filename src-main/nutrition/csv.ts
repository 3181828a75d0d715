/**
 * Batch classification over CSV text, like WHO Anthro's survey module: columns found by header name
 * in any order, other columns passed through, z-scores, flags and statuses appended.
 */
import { assessNutrition, type Measure, type NutritionInput, type Sex } from './assess.ts';
import { CsvFormatError, formatCsvField as csvField, parseCsv } from '../common/csv.ts';
import { NUTRITION_STATUS_LABELS } from './status.ts';

export { CsvFormatError, parseCsv } from '../common/csv.ts';

function isBlank(fields: readonly string[]): boolean {
  for (const f of fields) if (f.trim() !== '') return false;
  return true;
}

export const INPUT_COLUMNS = ['sex', 'age_days', 'weight_kg', 'lenhei_cm', 'measure', 'oedema', 'muac_mm'] as const;
export const OUTPUT_COLUMNS = [
  'reference',
  'waz',
  'haz',
  'whz',
  'baz',
  'flags',
  'wfa_status',
  'wasting_status',
  'stunting_status',
  'thinness_status',
  'error',
] as const;

type InputColumn = (typeof INPUT_COLUMNS)[number];
type OutputColumn = (typeof OUTPUT_COLUMNS)[number];

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

type InputIndex = Record<InputColumn, number>;

function cell(fields: readonly string[], index: InputIndex, c: InputColumn): string {
  const i = index[c];
  return i < 0 ? '' : (fields[i] ?? '').trim();
}

function readNumber(raw: string, col: InputColumn, required: boolean, allowZero: boolean, errors: string[]): number | null {
  if (raw === '') {
    if (required) errors.push(`${col} is empty`);
    return null;
  }
  if (!NUMBER.test(raw)) {
    errors.push(`${col} '${raw}' is not a number`);
    return null;
  }
  const v = Number(raw);
  if (allowZero ? v < 0 : v <= 0) {
    errors.push(`${col} ${raw} must be ${allowZero ? '0 or more' : 'greater than 0'}`);
    return null;
  }
  return v;
}

/** The row as engine input, or the reasons it cannot be read (each naming its column). */
function parseRow(fields: readonly string[], index: InputIndex, errors: string[]): NutritionInput | null {
  const sexRaw = cell(fields, index, 'sex');
  const sexLower = sexRaw.toLowerCase();
  let sex: Sex | null = null;
  if (sexLower === 'm' || sexLower === '1') sex = 'm';
  else if (sexLower === 'f' || sexLower === '2') sex = 'f';
  else errors.push(sexRaw === '' ? 'sex is empty (use m or f)' : `sex '${sexRaw}' is not m or f`);

  const ageDays = readNumber(cell(fields, index, 'age_days'), 'age_days', true, true, errors);
  const weightKg = readNumber(cell(fields, index, 'weight_kg'), 'weight_kg', false, false, errors);
  const lengthHeightCm = readNumber(cell(fields, index, 'lenhei_cm'), 'lenhei_cm', false, false, errors);
  const muacMm = readNumber(cell(fields, index, 'muac_mm'), 'muac_mm', false, false, errors);

  const measureRaw = cell(fields, index, 'measure');
  const measureLower = measureRaw.toLowerCase();
  let measure: Measure | null = null;
  if (measureLower === 'l' || measureLower === 'h') measure = measureLower;
  else if (measureRaw !== '') errors.push(`measure '${measureRaw}' is not l (lying), h (standing) or empty`);

  const oedemaRaw = cell(fields, index, 'oedema');
  const oedemaLower = oedemaRaw.toLowerCase();
  let oedema = false;
  if (oedemaLower === 'y' || oedemaLower === '1') oedema = true;
  else if (oedemaRaw !== '' && oedemaLower !== 'n' && oedemaLower !== '2') errors.push(`oedema '${oedemaRaw}' is not y or n`);

  if (errors.length > 0 || sex === null || ageDays === null) return null;
  return { sex, ageDays, weightKg, lengthHeightCm, measure, oedema, muacMm };
}

export interface ClassifyCsvResult {
  csv: string;
  /**
   * Row counts: `<status column>:<code>` for every status code (zero included), `flag:<code>` for
   * each flag met, `error` for unreadable rows.
   */
  counts: Record<string, number>;
  /** Data rows read (blank lines skipped), including rows with an error. */
  rows: number;
}

const STATUS_COLUMNS = {
  wfa_status: 'wfa',
  wasting_status: 'wasting',
  stunting_status: 'stunting',
  thinness_status: 'thinness',
} as const;

const fmtZ = (z: number | null): string => (z === null ? '' : z.toFixed(2));

/**
 * Classifies every row. Required columns: `sex` (m/f), `age_days`; optional: `weight_kg`,
 * `lenhei_cm`, `measure` (l/h/empty), `oedema` (y/n), `muac_mm`. Header names are matched
 * case-insensitively. Appended columns are listed in OUTPUT_COLUMNS; an input column with the same
 * name is overwritten in place. A row that cannot be read gets a message in `error` and no scores.
 * Throws CsvFormatError only for a file-level problem (no header, a required column missing).
 */
export function classifyCsv(text: string): ClassifyCsvResult {
  const table = parseCsv(text);
  const header = table[0];
  if (!header || header.every((h) => h.trim() === '')) throw new CsvFormatError('The CSV has no header row');
  const names = header.map((h) => h.trim().toLowerCase());
  const inputIndex = {} as InputIndex;
  for (const c of INPUT_COLUMNS) inputIndex[c] = names.indexOf(c);
  const missing = (['sex', 'age_days'] as const).filter((c) => inputIndex[c] < 0);
  if (missing.length > 0) throw new CsvFormatError(`Required column(s) missing from the header: ${missing.join(', ')}`);

  const outHeader = [...header];
  const outIndex = {} as Record<OutputColumn, number>;
  for (const c of OUTPUT_COLUMNS) {
    const at = names.indexOf(c);
    outIndex[c] = at >= 0 ? at : outHeader.push(c) - 1;
  }

  const counts: Record<string, number> = { error: 0 };
  for (const [col, indicator] of Object.entries(STATUS_COLUMNS)) {
    for (const code of Object.keys(NUTRITION_STATUS_LABELS[indicator])) counts[`${col}:${code}`] = 0;
  }
  const bump = (key: string): void => {
    counts[key] = (counts[key] ?? 0) + 1;
  };

  const statusColumns = Object.entries(STATUS_COLUMNS) as [keyof typeof STATUS_COLUMNS, (typeof STATUS_COLUMNS)[keyof typeof STATUS_COLUMNS]][];
  const lines: string[] = [outHeader.map(csvField).join(',')];
  let rows = 0;
  for (let r = 1; r < table.length; r++) {
    const fields = table[r]!;
    if (isBlank(fields)) continue;
    rows++;
    const out: string[] = new Array<string>(outHeader.length);
    for (let i = 0; i < out.length; i++) out[i] = fields[i] ?? '';
    for (const c of OUTPUT_COLUMNS) out[outIndex[c]] = '';
    const errors: string[] = [];
    const input = parseRow(fields, inputIndex, errors);
    for (let i = header.length; i < fields.length; i++) {
      if (fields[i]!.trim() !== '') {
        errors.push(`row has ${fields.length} fields but the header has ${header.length}`);
        break;
      }
    }
    if (input === null || errors.length > 0) {
      out[outIndex.error] = errors.join('; ');
      bump('error');
    } else {
      const a = assessNutrition(input);
      out[outIndex.reference] = a.reference ?? '';
      out[outIndex.waz] = fmtZ(a.z.waz);
      out[outIndex.haz] = fmtZ(a.z.haz);
      out[outIndex.whz] = fmtZ(a.z.whz);
      out[outIndex.baz] = fmtZ(a.z.baz);
      out[outIndex.flags] = a.flags.join(';');
      for (const f of a.flags) bump(`flag:${f}`);
      for (const [col, indicator] of statusColumns) {
        const s = a.statuses[indicator];
        if (s) {
          out[outIndex[col]] = s.code;
          bump(`${col}:${s.code}`);
        }
      }
    }
    lines.push(out.map(csvField).join(','));
  }
  return { csv: lines.join('\n') + '\n', counts, rows };
}
