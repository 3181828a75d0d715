// The Aadhaar number's format and Verhoeff check digit, without any cryptography: pure, so the entry
// screen runs exactly the check the backend runs (aadhaar.ts adds the sealing, which needs node:crypto).
import { asciiDigits, type Invalid, type Message } from './messages.ts';
import { isVerhoeffValid } from './verhoeff.ts';

export type AadhaarErrorCode = 'empty' | 'non-digit' | 'wrong-length' | 'bad-first-digit' | 'bad-check-digit';

/** Success carries only the last 4 digits, so a validation result can be kept or logged safely. */
export type AadhaarValidation = { readonly ok: true; readonly last4: string } | Invalid<AadhaarErrorCode>;

const MESSAGES: Record<AadhaarErrorCode, Message> = {
  'empty': { en: 'Enter the Aadhaar number.', mr: 'आधार क्रमांक टाका.' },
  'non-digit': { en: 'An Aadhaar number has digits only.', mr: 'आधार क्रमांकात फक्त अंक असतात.' },
  'wrong-length': { en: 'An Aadhaar number has 12 digits.', mr: 'आधार क्रमांक १२ अंकी असतो.' },
  'bad-first-digit': {
    en: 'An Aadhaar number never starts with 0 or 1.',
    mr: 'आधार क्रमांक ० किंवा १ ने सुरू होत नाही.',
  },
  'bad-check-digit': {
    en: 'This Aadhaar number is not valid: a digit is wrong or two digits are swapped. Check it against the card.',
    mr: 'हा आधार क्रमांक वैध नाही: एखादा अंक चुकला आहे किंवा दोन अंकांची अदलाबदल झाली आहे. कार्डवरून पुन्हा तपासा.',
  },
};

function fail(code: AadhaarErrorCode): Invalid<AadhaarErrorCode> {
  return { ok: false, code, message: MESSAGES[code] };
}

/** The 12 digits, or an error. Spaces (as printed on the card) and hyphens are ignored. */
export function normaliseAadhaar(text: string): { digits: string } | Invalid<AadhaarErrorCode> {
  const digits = asciiDigits(String(text)).replace(/[\s\-\u00a0]/g, '');
  if (digits.length === 0) return fail('empty');
  if (!/^\d+$/.test(digits)) return fail('non-digit');
  if (digits.length !== 12) return fail('wrong-length');
  if (digits[0] === '0' || digits[0] === '1') return fail('bad-first-digit');
  if (!isVerhoeffValid(digits)) return fail('bad-check-digit');
  return { digits };
}

export function validateAadhaar(text: string): AadhaarValidation {
  const n = normaliseAadhaar(text);
  return 'digits' in n ? { ok: true, last4: n.digits.slice(8) } : n;
}

