import { describe, expect, it } from 'vitest';
import { findAadhaarLikeNumber, formatMtsId, groupMtsId, isVerhoeffValid, verhoeffCheckDigit } from '../../../src-main/identity/index.ts';

/** Verhoeff-valid 12-digit numbers starting 2–9, the shape of every real Aadhaar number. */
const withCheck = (payload: string) => payload + String(verhoeffCheckDigit(payload));
const AADHAAR = withCheck('23456789012'); // 234567890124
const OTHER = withCheck('98765432109');
/** A mobile number with India's country code in front that also passes Verhoeff. */
const MOBILE_91 = withCheck('91987654321');
/** The same number with its last digit changed: fails the check. */
const wrongCheck = (valid: string) => valid.slice(0, 11) + String((Number(valid[11]) + 1) % 10);
const devanagari = (digits: string) => digits.replace(/\d/g, (d) => String.fromCharCode(0x0966 + Number(d)));
const spaced = (digits: string) => `${digits.slice(0, 4)} ${digits.slice(4, 8)} ${digits.slice(8)}`;

describe('findAadhaarLikeNumber', () => {
  it('finds a valid number however it is grouped or written, inside other text, and says where', () => {
    for (const text of [
      AADHAAR,
      spaced(AADHAAR),
      `${AADHAAR.slice(0, 4)}-${AADHAAR.slice(4, 8)}-${AADHAAR.slice(8)}`,
      `${AADHAAR.slice(0, 4)}.${AADHAAR.slice(4, 8)}.${AADHAAR.slice(8)}`,
      `${AADHAAR.slice(0, 4)} - ${AADHAAR.slice(4, 8)} – ${AADHAAR.slice(8)}`,
      `${AADHAAR.slice(0, 6)}  ${AADHAAR.slice(6)}`,
      devanagari(spaced(AADHAAR)),
      `${devanagari(AADHAAR.slice(0, 6))}${AADHAAR.slice(6)}`,
      `Aadhaar ${spaced(OTHER)} given`,
      `आधार: ${devanagari(OTHER)}, गाव मोलगी`,
      `ID${AADHAAR}`,
    ]) {
      const found = findAadhaarLikeNumber(text);
      expect(found, text).not.toBeNull();
      expect(text.slice(found!.start, found!.end).replace(/[^\d\u0966-\u096f]/g, '').length, text).toBe(12);
    }
    expect(findAadhaarLikeNumber(`Aadhaar ${spaced(AADHAAR)} given`)).toEqual({ start: 8, end: 22 });
  });

  it('leaves alone wrong check digits, first digits 0 and 1, MTS IDs, mobiles and other numbers', () => {
    expect(isVerhoeffValid(wrongCheck(AADHAAR))).toBe(false);
    // An MTS ID whose first 12 digits pass Verhoeff on their own: still one 16-digit number.
    let serial = 1;
    while (!isVerhoeffValid(formatMtsId({ office: '2714', series: 1, serial }).slice(0, 12))) serial += 1;
    const mtsId = formatMtsId({ office: '2714', series: 1, serial });
    for (const text of [
      '',
      'Savita Padvi',
      wrongCheck(AADHAAR),
      spaced(wrongCheck(AADHAAR)),
      withCheck('12345678901'),
      withCheck('01234567890'),
      mtsId,
      groupMtsId(mtsId),
      `card ${groupMtsId(mtsId)} reprinted`,
      '9876543210',
      '98765 43210',
      `+${MOBILE_91}`,
      `+${MOBILE_91.slice(0, 2)} ${MOBILE_91.slice(2, 7)} ${MOBILE_91.slice(7)}`,
      `${MOBILE_91.slice(0, 2)}-${MOBILE_91.slice(2)}`,
      `Mob. ${MOBILE_91.slice(0, 2)} ${MOBILE_91.slice(2)}`,
      `${AADHAAR}5`,
      `1${spaced(AADHAAR)}`,
      'MH-23-003-004-005/1',
      '23/12/2026 10:30',
      '27271400001',
    ]) {
      expect(findAadhaarLikeNumber(text), text).toBeNull();
    }
  });

  it('still finds a number that only looks like a phone number without its country code', () => {
    // 91… with no plus sign and no gap after 91 is ambiguous; refusing is the safe side.
    expect(findAadhaarLikeNumber(MOBILE_91)).not.toBeNull();
    expect(findAadhaarLikeNumber(spaced(MOBILE_91))).not.toBeNull();
  });
});
