// MTS ID: 16 digits = office code (4) + series (3) + serial (8) + Verhoeff check digit (1).
// Uniqueness without coordination: the office code is state-issued, the series is opened afresh by
// each installation / restore / re-enrolment, and the serial only grows inside a series.
import { asciiDigits, invalid, type Invalid, type Message } from './messages.ts';
import { isVerhoeffValid, verhoeffCheckDigit } from './verhoeff.ts';

export const MTS_ID_LENGTH = 16;
export const MAX_SERIES = 999;
export const MAX_SERIAL = 99_999_999;

export interface MtsIdParts {
  /** State-issued office code, '0001'–'9999'. */
  readonly office: string;
  /** 1–999. */
  readonly series: number;
  /** 1–99,999,999. */
  readonly serial: number;
}

export type MtsIdErrorCode =
  | 'empty'
  | 'non-digit'
  | 'wrong-length'
  | 'bad-check-digit'
  | 'bad-office'
  | 'bad-series'
  | 'bad-serial';

export type ParsedMtsId = { readonly ok: true; readonly id: string; readonly parts: MtsIdParts } | Invalid<MtsIdErrorCode>;

export function isValidOfficeCode(office: string): boolean {
  return /^\d{4}$/.test(office) && office !== '0000';
}

/** The 16-digit ID (no spaces) for the given parts. Throws RangeError on parts outside their ranges. */
export function formatMtsId(parts: MtsIdParts): string {
  const { office, series, serial } = parts;
  if (!isValidOfficeCode(office)) throw new RangeError('MTS ID: office code must be 4 digits, 0001–9999');
  if (!Number.isInteger(series) || series < 1 || series > MAX_SERIES) throw new RangeError('MTS ID: series must be 1–999');
  if (!Number.isInteger(serial) || serial < 1 || serial > MAX_SERIAL) throw new RangeError('MTS ID: serial must be 1–99999999');
  const payload = office + String(series).padStart(3, '0') + String(serial).padStart(8, '0');
  return payload + String(verhoeffCheckDigit(payload));
}

const MESSAGES: Record<MtsIdErrorCode, Message> = {
  'empty': { en: 'Enter the MTS ID.', mr: 'MTS आयडी टाका.' },
  'non-digit': { en: 'An MTS ID has digits only.', mr: 'MTS आयडीमध्ये फक्त अंक असतात.' },
  'wrong-length': { en: 'An MTS ID has 16 digits.', mr: 'MTS आयडी १६ अंकी असतो.' },
  'bad-check-digit': {
    en: 'This MTS ID is not valid: a digit is wrong or two digits are swapped.',
    mr: 'हा MTS आयडी वैध नाही: एखादा अंक चुकला आहे किंवा दोन अंकांची अदलाबदल झाली आहे.',
  },
  'bad-office': { en: 'The office code in this MTS ID is not valid.', mr: 'या MTS आयडीमधील कार्यालय कोड वैध नाही.' },
  'bad-series': { en: 'The series in this MTS ID is not valid.', mr: 'या MTS आयडीमधील मालिका क्रमांक वैध नाही.' },
  'bad-serial': { en: 'The serial number in this MTS ID is not valid.', mr: 'या MTS आयडीमधील अनुक्रमांक वैध नाही.' },
};

function fail(code: MtsIdErrorCode): Invalid<MtsIdErrorCode> {
  const m = MESSAGES[code];
  return invalid(code, m.en, m.mr);
}

function compact(text: string): string {
  return asciiDigits(text).replace(/[\s\-\u00a0]/g, '');
}

/** Splits a 16-digit string into parts without checking the check digit or the ranges. */
function splitDigits(digits: string): MtsIdParts {
  return {
    office: digits.slice(0, 4),
    series: Number(digits.slice(4, 7)),
    serial: Number(digits.slice(7, 15)),
  };
}

/** Parses typed or scanned text (spaces and hyphens allowed; Devanagari digits accepted). */
export function parseMtsId(text: string): ParsedMtsId {
  const digits = compact(text);
  if (digits.length === 0) return fail('empty');
  if (!/^\d+$/.test(digits)) return fail('non-digit');
  if (digits.length !== MTS_ID_LENGTH) return fail('wrong-length');
  if (!isVerhoeffValid(digits)) return fail('bad-check-digit');
  const parts = splitDigits(digits);
  if (!isValidOfficeCode(parts.office)) return fail('bad-office');
  if (parts.series < 1) return fail('bad-series');
  if (parts.serial < 1) return fail('bad-serial');
  return { ok: true, id: digits, parts };
}

export function isValidMtsId(text: string): boolean {
  return parseMtsId(text).ok;
}

/** Display form in four groups of four: "2714 0010 0000 0421". Accepts an ID with or without separators. */
export function groupMtsId(id: string): string {
  const digits = compact(id);
  if (!/^\d{16}$/.test(digits)) throw new RangeError('groupMtsId: expected 16 digits');
  return `${digits.slice(0, 4)} ${digits.slice(4, 8)} ${digits.slice(8, 12)} ${digits.slice(12, 16)}`;
}

/**
 * Valid MTS IDs one typing error away from `text`: one digit replaced, or two adjacent digits swapped.
 * For a mistyped ID this lists about one candidate per position (a Verhoeff code leaves exactly one
 * repair per position), so the caller should keep only IDs that exist in its data. An ID that is
 * already valid yields nothing: no single error turns one valid ID into another.
 */
export function suggestMtsIdCorrections(text: string): string[] {
  const digits = compact(text);
  if (!/^\d{16}$/.test(digits) || isValidMtsId(digits)) return [];
  const found = new Set<string>();
  for (let i = 0; i < MTS_ID_LENGTH; i++) {
    for (let d = 0; d <= 9; d++) {
      const c = String(d);
      if (c === digits[i]) continue;
      const candidate = digits.slice(0, i) + c + digits.slice(i + 1);
      if (isValidMtsId(candidate)) found.add(candidate);
    }
  }
  for (let i = 0; i + 1 < MTS_ID_LENGTH; i++) {
    if (digits[i] === digits[i + 1]) continue;
    const candidate = digits.slice(0, i) + digits[i + 1]! + digits[i]! + digits.slice(i + 2);
    if (isValidMtsId(candidate)) found.add(candidate);
  }
  return [...found];
}
