// Format checks for the identity documents of a household head. DESIGN.md §3: these are checked at
// entry and stored as typed; `value` is the normalised form the caller may store or compare.
import { asciiDigits, invalid, type Validated } from './messages.ts';

function clean(text: string): string {
  return asciiDigits(String(text ?? '')).trim();
}

// ---------------------------------------------------------------------------------------------
// Mobile: Indian mobile numbers are 10 digits starting 6–9 (TRAI numbering plan). People type them
// with +91, 91, 0 or 091 in front and with spaces/hyphens/brackets inside.
export type MobileErrorCode = 'empty' | 'non-digit' | 'wrong-length' | 'bad-first-digit';

export function validateMobile(text: string): Validated<string, MobileErrorCode> {
  const raw = clean(text).replace(/[\s\-().\u00a0]/g, '');
  if (raw.length === 0) return invalid('empty', 'Enter the mobile number.', 'मोबाइल क्रमांक टाका.');
  let digits = raw.startsWith('+') ? raw.slice(1) : raw;
  if (!/^\d+$/.test(digits)) {
    return invalid('non-digit', 'A mobile number has digits only.', 'मोबाइल क्रमांकात फक्त अंक असतात.');
  }
  if (digits.length === 13 && digits.startsWith('091')) digits = digits.slice(3);
  else if (digits.length === 12 && digits.startsWith('91')) digits = digits.slice(2);
  else if (digits.length === 11 && digits.startsWith('0')) digits = digits.slice(1);
  if (digits.length !== 10) {
    return invalid('wrong-length', 'A mobile number has 10 digits.', 'मोबाइल क्रमांक १० अंकी असतो.');
  }
  if (!/^[6-9]/.test(digits)) {
    return invalid(
      'bad-first-digit',
      'A mobile number starts with 6, 7, 8 or 9.',
      'मोबाइल क्रमांक ६, ७, ८ किंवा ९ ने सुरू होतो.',
    );
  }
  return { ok: true, value: digits };
}

// ---------------------------------------------------------------------------------------------
// PAN: AAAAA9999A. The 4th letter is the holder type; beneficiaries and household heads are
// individuals, so it must be P.
export type PanErrorCode = 'empty' | 'bad-format' | 'not-individual';

export function validatePan(text: string): Validated<string, PanErrorCode> {
  const pan = clean(text).replace(/[\s\-]/g, '').toUpperCase();
  if (pan.length === 0) return invalid('empty', 'Enter the PAN.', 'पॅन क्रमांक टाका.');
  if (!/^[A-Z]{5}\d{4}[A-Z]$/.test(pan)) {
    return invalid(
      'bad-format',
      'A PAN has 10 characters: 5 letters, 4 digits, 1 letter (e.g. ABCPE1234F).',
      'पॅन क्रमांक १० अक्षरी असतो: ५ इंग्रजी अक्षरे, ४ अंक, १ अक्षर (उदा. ABCPE1234F).',
    );
  }
  if (pan[3] !== 'P') {
    return invalid(
      'not-individual',
      'This PAN does not belong to an individual (the 4th letter of a personal PAN is P).',
      'हा पॅन व्यक्तीचा नाही (वैयक्तिक पॅनमधील चौथे अक्षर P असते).',
    );
  }
  return { ok: true, value: pan };
}

// ---------------------------------------------------------------------------------------------
// Voter ID (EPIC): 3 letters + 7 digits, the format used for all cards issued since the 2000s.
// Older state-format numbers (with slashes) are not accepted here: they are re-issued as EPIC.
export type VoterIdErrorCode = 'empty' | 'bad-format';

export function validateVoterId(text: string): Validated<string, VoterIdErrorCode> {
  const epic = clean(text).replace(/[\s\-]/g, '').toUpperCase();
  if (epic.length === 0) return invalid('empty', 'Enter the voter ID (EPIC) number.', 'मतदार ओळखपत्र (EPIC) क्रमांक टाका.');
  if (!/^[A-Z]{3}\d{7}$/.test(epic)) {
    return invalid(
      'bad-format',
      'A voter ID (EPIC) has 3 letters followed by 7 digits (e.g. ABC1234567).',
      'मतदार ओळखपत्र (EPIC) क्रमांकात ३ इंग्रजी अक्षरे आणि नंतर ७ अंक असतात (उदा. ABC1234567).',
    );
  }
  return { ok: true, value: epic };
}

// ---------------------------------------------------------------------------------------------
// Ration card (Maharashtra). The online RCMS number of the Food, Civil Supplies department, used by
// "One Nation One Ration Card", is 12 digits; older cards still carry a 10- or 11-digit number.
// We accept 10–12 digits (spaces and hyphens ignored) and do not guess anything more about the
// structure, since the printed numbers differ by district and card generation.
export type RationCardErrorCode = 'empty' | 'non-digit' | 'wrong-length';

export function validateRationCard(text: string): Validated<string, RationCardErrorCode> {
  const rc = clean(text).replace(/[\s\-/]/g, '');
  if (rc.length === 0) return invalid('empty', 'Enter the ration card number.', 'शिधापत्रिका क्रमांक टाका.');
  if (!/^\d+$/.test(rc)) {
    return invalid('non-digit', 'A ration card number has digits only.', 'शिधापत्रिका क्रमांकात फक्त अंक असतात.');
  }
  if (rc.length < 10 || rc.length > 12) {
    return invalid(
      'wrong-length',
      'A Maharashtra ration card number has 10 to 12 digits (12 on new cards).',
      'महाराष्ट्रातील शिधापत्रिका क्रमांक १० ते १२ अंकी असतो (नवीन कार्डवर १२ अंक).',
    );
  }
  return { ok: true, value: rc };
}

// ---------------------------------------------------------------------------------------------
// MGNREGA job card registration number, as printed by NREGASoft:
//   MH-12-003-004-005/123 = state (2 letters) - district (2) - block (3) - gram panchayat (3)
//                           - village (3) / family number (1–6 digits).
export type JobCardErrorCode = 'empty' | 'bad-format';

export interface JobCardNumber {
  readonly state: string;
  readonly district: string;
  readonly block: string;
  readonly panchayat: string;
  readonly village: string;
  readonly family: string;
}

const JOB_CARD = /^([A-Z]{2})-?(\d{2})-?(\d{3})-?(\d{3})-?(\d{3})\/(\d{1,6})$/;

export function parseJobCard(text: string): Validated<JobCardNumber, JobCardErrorCode> {
  const raw = clean(text).toUpperCase().replace(/\s*\/\s*/g, '/').replace(/[\s_]+/g, '-').replace(/-+/g, '-');
  if (raw.length === 0) return invalid('empty', 'Enter the job card number.', 'जॉब कार्ड क्रमांक टाका.');
  const m = JOB_CARD.exec(raw);
  if (m === null) {
    return invalid(
      'bad-format',
      'A job card number looks like MH-12-003-004-005/123 (state, district, block, panchayat, village / family).',
      'जॉब कार्ड क्रमांक MH-12-003-004-005/123 असा असतो (राज्य, जिल्हा, तालुका, ग्रामपंचायत, गाव / कुटुंब क्रमांक).',
    );
  }
  const [, state, district, block, panchayat, village, family] = m as unknown as [string, string, string, string, string, string, string];
  return { ok: true, value: { state, district, block, panchayat, village, family } };
}

export function validateJobCard(text: string): Validated<string, JobCardErrorCode> {
  const parsed = parseJobCard(text);
  if (!parsed.ok) return parsed;
  const p = parsed.value;
  return { ok: true, value: `${p.state}-${p.district}-${p.block}-${p.panchayat}-${p.village}/${p.family}` };
}
