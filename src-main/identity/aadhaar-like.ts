// An Aadhaar number typed into a field that is not meant for it (a name, an address, a reason) would be
// stored, synced and printed in clear. DESIGN.md §3: such a number is refused everywhere except in the
// Aadhaar field, which seals it. This finds one in any text, however the operator grouped the digits.
import { asciiDigits, type Message } from './messages.ts';
import { isVerhoeffValid } from './verhoeff.ts';

/** Where the number sits in the text (UTF-16 offsets). Deliberately not the number itself. */
export interface AadhaarLikeMatch {
  readonly start: number;
  readonly end: number;
}

export const AADHAAR_OUT_OF_PLACE: Message = {
  en: 'This looks like an Aadhaar number. Aadhaar may be typed only in the Aadhaar field, where it is protected.',
  mr: 'हा आधार क्रमांक असल्यासारखा दिसतो. आधार क्रमांक फक्त आधारच्या रकान्यातच टाका, तिथे तो सुरक्षित ठेवला जातो.',
};

// Groups of digits joined the way people split a long number: a few spaces, or one hyphen, dash or dot
// (with spaces around it or not). Slashes, commas and colons end a number: they separate dates, lists,
// times and the family number of a job card (MH-23-003-004-005/1), which would otherwise join up to 12.
const SPACE = '[ \\t\\u00a0\\u2009\\u202f]';
const JOINER = `(?:${SPACE}{0,2}[-\\u2010-\\u2015.]${SPACE}{0,2}|${SPACE}{1,3})`;
const DIGIT_GROUPS = new RegExp(`\\d+(?:${JOINER}\\d+)*`, 'g');

/**
 * The first number in `text` that would pass as an Aadhaar number: 12 digits in all (ASCII or Devanagari,
 * grouped any way), first digit 2–9, Verhoeff check digit right. A 12-digit stretch of a longer number (a
 * 16-digit MTS ID, a 13-digit anything) is not one, nor is a mobile written with its country code
 * (`+91 98765 43210`, `91-9876543210`): that is how phone numbers are written, never Aadhaar.
 */
export function findAadhaarLikeNumber(text: string): AadhaarLikeMatch | null {
  // asciiDigits maps one UTF-16 unit to one, so offsets in `ascii` are offsets in `text`.
  const ascii = asciiDigits(text);
  for (const match of ascii.matchAll(DIGIT_GROUPS)) {
    const written = match[0];
    const digits = written.replace(/\D/g, '');
    if (digits.length !== 12 || digits[0] === '0' || digits[0] === '1') continue;
    if (!isVerhoeffValid(digits)) continue;
    if (isMobileWithCountryCode(ascii, match.index, written)) continue;
    return { start: match.index, end: match.index + written.length };
  }
  return null;
}

function isMobileWithCountryCode(text: string, start: number, written: string): boolean {
  if (/\+\s?$/.test(text.slice(Math.max(0, start - 2), start))) return true;
  return /^91\D/.test(written) && /^[6-9]/.test(written.replace(/\D/g, '').slice(2));
}
