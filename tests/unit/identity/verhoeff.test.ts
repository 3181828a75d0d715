import { describe, expect, it } from 'vitest';
import { isVerhoeffValid, verhoeffCheckDigit } from '../../../src-main/identity/index.ts';

describe('Verhoeff check digit', () => {
  // Worked examples published with the algorithm (Wikipedia, Rosetta Code, other implementations).
  it.each([
    ['236', 3],
    ['12345', 1],
    ['2363', 4],
    ['75872', 2],
    ['12345678901', 0],
  ])('check digit of %s is %i', (payload, digit) => {
    expect(verhoeffCheckDigit(payload)).toBe(digit);
    expect(isVerhoeffValid(payload + String(digit))).toBe(true);
  });

  it('accepts UIDAI published test Aadhaar numbers', () => {
    expect(isVerhoeffValid('999941057058')).toBe(true);
    expect(isVerhoeffValid('999971658847')).toBe(true);
  });

  it('exactly one check digit validates each payload', () => {
    for (const payload of ['0', '9', '236', '000000000000000', '271400100000042', '999999999999999']) {
      const valid = [...'0123456789'].filter((d) => isVerhoeffValid(payload + d));
      expect(valid).toEqual([String(verhoeffCheckDigit(payload))]);
    }
  });

  it('rejects non-digits and too-short input', () => {
    expect(isVerhoeffValid('')).toBe(false);
    expect(isVerhoeffValid('5')).toBe(false);
    expect(isVerhoeffValid('23a3')).toBe(false);
    expect(() => verhoeffCheckDigit('12 3')).toThrow(TypeError);
    expect(() => verhoeffCheckDigit('')).toThrow(TypeError);
  });
});
