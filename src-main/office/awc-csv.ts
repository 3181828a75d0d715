import { parseCsvRecords, startsWithFormulaCharacter } from '../common/csv.ts';
import type { BilingualText } from '../common/problem.ts';
import { findAadhaarLikeNumber } from '../identity/index.ts';

export interface AwcRecord {
  code: string;
  name_mr: string;
  name_en: string;
  village: string;
  sector: string;
  worker_name: string | null;
  worker_mobile: string | null;
}

export interface AwcRowError {
  line: number;
  column: string;
  message: BilingualText;
}

export interface AwcCsvResult {
  rows: AwcRecord[];
  errors: AwcRowError[];
}

const REQUIRED = ['code', 'name_mr', 'name_en', 'village', 'sector'] as const;
const OPTIONAL = ['worker_name', 'worker_mobile'] as const;
export const AWC_CSV_COLUMNS = [...REQUIRED, ...OPTIONAL];

const DEVANAGARI = /[\u0900-\u097F]/;

/** Longest value, in characters, each text column may hold (code and mobile have exact formats). */
export const AWC_MAX_LENGTH = { name_mr: 100, name_en: 100, village: 80, sector: 60, worker_name: 80 } as const;

/** Problems of a single cell, whatever its column: a formula start, an Aadhaar number. */
function cellProblem(raw: string): BilingualText | null {
  // Strict here, unlike on export: no AWC column holds a signed number, so nothing legitimate is refused.
  const trimmed = raw.trim();
  const start = startsWithFormulaCharacter(raw) ? raw.charAt(0) : startsWithFormulaCharacter(trimmed) ? trimmed.charAt(0) : null;
  if (start !== null) {
    const shown = start === '\t' ? ['a tab', 'टॅब'] : start === '\r' ? ['a carriage return', 'कॅरेज रिटर्न'] : [`"${start}"`, `"${start}"`];
    return {
      en: `The value starts with ${shown[0]}, which a spreadsheet would run as a formula. Remove that character.`,
      mr: `मूल्य ${shown[1]} ने सुरू होते; स्प्रेडशीट ते सूत्र म्हणून चालवेल. ते अक्षर काढा.`,
    };
  }
  if (findAadhaarLikeNumber(raw)) {
    return {
      en: 'This looks like an Aadhaar number. Aadhaar does not belong in the AWC list; remove it.',
      mr: 'हा आधार क्रमांक असल्यासारखा दिसतो. अंगणवाडी यादीत आधार नसावा; तो काढा.',
    };
  }
  return null;
}

/**
 * Reads the state's AWC list as CSV (header names in any order, extra columns ignored). Every problem is
 * reported with its line and column so the operator can fix the file; the caller imports nothing unless
 * the list is free of errors.
 */
export function parseAwcCsv(text: string): AwcCsvResult {
  let records;
  try {
    records = parseCsvRecords(text);
  } catch (error) {
    return { rows: [], errors: [{ line: 0, column: '', message: { en: (error as Error).message, mr: 'CSV फाइल अपूर्ण आहे (अवतरण चिन्ह बंद झाले नाही).' } }] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [{ line: 1, column: '', message: { en: 'The file is empty.', mr: 'फाइल रिकामी आहे.' } }] };

  const names = header.fields.map((name) => name.trim().toLowerCase());
  const missing = REQUIRED.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    return {
      rows: [],
      errors: missing.map((column) => ({
        line: header.line,
        column,
        message: { en: `Column "${column}" is missing from the header row.`, mr: `शीर्ष ओळीत "${column}" स्तंभ नाही.` },
      })),
    };
  }
  const at = (fields: string[], column: string) => (fields[names.indexOf(column)] ?? '').trim();
  const columnName = (index: number) => names[index] || `column ${index + 1}`;

  const rows: AwcRecord[] = [];
  const errors: AwcRowError[] = [];
  const seen = new Map<string, number>();
  for (const [index, name] of header.fields.entries()) {
    const problem = cellProblem(name);
    if (problem) errors.push({ line: header.line, column: `column ${index + 1}`, message: problem });
  }
  for (const record of body) {
    const failed = new Set<string>();
    const fail = (column: string, en: string, mr: string) => {
      if (failed.has(column)) return;
      failed.add(column);
      errors.push({ line: record.line, column, message: { en, mr } });
    };
    if (record.fields.every((field) => field.trim() === '')) continue;
    const before = errors.length;
    // Every cell, imported or not: a formula or an Aadhaar number has no place anywhere in the file.
    for (const [index, raw] of record.fields.entries()) {
      const problem = cellProblem(raw);
      if (problem) fail(columnName(index), problem.en, problem.mr);
    }
    const row: AwcRecord = {
      code: at(record.fields, 'code'),
      name_mr: at(record.fields, 'name_mr'),
      name_en: at(record.fields, 'name_en'),
      village: at(record.fields, 'village'),
      sector: at(record.fields, 'sector'),
      worker_name: at(record.fields, 'worker_name') || null,
      worker_mobile: at(record.fields, 'worker_mobile').replace(/\s+/g, '') || null,
    };
    if (!/^\d{4,11}$/.test(row.code)) fail('code', 'AWC code must be 4 to 11 digits.', 'अंगणवाडी कोड 4 ते 11 अंकी असावा.');
    else if (seen.has(row.code)) fail('code', `AWC code ${row.code} is repeated (first on line ${seen.get(row.code)}).`, `अंगणवाडी कोड ${row.code} पुन्हा आला आहे (पहिल्यांदा ओळ ${seen.get(row.code)}).`);
    else seen.set(row.code, record.line);
    if (!row.name_mr) fail('name_mr', 'Marathi name is empty.', 'मराठी नाव रिकामे आहे.');
    else if (!DEVANAGARI.test(row.name_mr)) fail('name_mr', 'Marathi name must be in Devanagari.', 'मराठी नाव देवनागरीत असावे.');
    if (!row.name_en) fail('name_en', 'English name is empty.', 'इंग्रजी नाव रिकामे आहे.');
    if (!row.village) fail('village', 'Village is empty.', 'गाव रिकामे आहे.');
    if (!row.sector) fail('sector', 'Sector is empty.', 'बीट/सेक्टर रिकामे आहे.');
    for (const [column, max] of Object.entries(AWC_MAX_LENGTH) as [keyof typeof AWC_MAX_LENGTH, number][]) {
      const length = [...(row[column] ?? '')].length;
      if (length > max) fail(column, `Too long: ${length} characters, at most ${max}.`, `खूप लांब: ${length} अक्षरे, जास्तीत जास्त ${max}.`);
    }
    if (row.worker_mobile && !/^[6-9]\d{9}$/.test(row.worker_mobile)) {
      fail('worker_mobile', 'Worker mobile must be 10 digits starting with 6–9.', 'सेविकेचा मोबाईल 6–9 ने सुरू होणारा 10 अंकी असावा.');
    }
    if (errors.length === before) rows.push(row);
  }
  if (rows.length === 0 && errors.length === 0) {
    errors.push({ line: header.line + 1, column: '', message: { en: 'The file has a header but no AWC rows.', mr: 'फाइलमध्ये शीर्ष ओळ आहे पण अंगणवाडी नोंदी नाहीत.' } });
  }
  return { rows, errors };
}
