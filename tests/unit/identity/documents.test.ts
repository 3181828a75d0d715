import { describe, expect, it } from 'vitest';
import {
  parseJobCard,
  validateJobCard,
  validateMobile,
  validatePan,
  validateRationCard,
  validateVoterId,
  type Validated,
} from '../../../src-main/identity/index.ts';

function expectError<T>(r: Validated<T>, code: string): void {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.code).toBe(code);
  expect(r.message.en.length).toBeGreaterThan(5);
  expect(r.message.mr).toMatch(/[\u0900-\u097f]/);
}

describe('mobile', () => {
  it.each([
    ['9876543210', '9876543210'],
    ['98765 43210', '9876543210'],
    ['+91 98765-43210', '9876543210'],
    ['+919876543210', '9876543210'],
    ['919876543210', '9876543210'],
    ['09876543210', '9876543210'],
    ['091 98765 43210', '9876543210'],
    ['(0) 98765 43210', '9876543210'],
    ['६९८७६५४३२१', '6987654321'],
    ['7000000000', '7000000000'],
  ])('accepts %j as %s', (text, value) => {
    expect(validateMobile(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'empty'],
    ['98765-4321O', 'non-digit'],
    ['987654321', 'wrong-length'],
    ['98765432101', 'wrong-length'],
    ['+92 98765 43210', 'wrong-length'],
    ['5876543210', 'bad-first-digit'],
    ['020 2612 3456', 'bad-first-digit'],
  ])('rejects %j (%s)', (text, code) => expectError(validateMobile(text), code));
});

describe('PAN', () => {
  it('accepts an individual PAN, normalised to upper case', () => {
    expect(validatePan('abcpe1234f')).toEqual({ ok: true, value: 'ABCPE1234F' });
    expect(validatePan(' ABCPE 1234 F ')).toEqual({ ok: true, value: 'ABCPE1234F' });
  });
  it('rejects other shapes and non-individual holders', () => {
    expectError(validatePan(''), 'empty');
    expectError(validatePan('ABCP1234F'), 'bad-format');
    expectError(validatePan('ABCPE12345'), 'bad-format');
    expectError(validatePan('1BCPE1234F'), 'bad-format');
    expectError(validatePan('AAACT1234F'), 'not-individual'); // a trust
    expectError(validatePan('AAACC1234F'), 'not-individual'); // a company
  });
});

describe('voter ID (EPIC)', () => {
  it('accepts 3 letters + 7 digits', () => {
    expect(validateVoterId('mhx1234567')).toEqual({ ok: true, value: 'MHX1234567' });
    expect(validateVoterId('ABC 1234567')).toEqual({ ok: true, value: 'ABC1234567' });
  });
  it('rejects other shapes', () => {
    expectError(validateVoterId(''), 'empty');
    expectError(validateVoterId('AB12345678'), 'bad-format');
    expectError(validateVoterId('ABC123456'), 'bad-format');
    expectError(validateVoterId('MH/12/345/678901'), 'bad-format');
  });
});

describe('ration card (Maharashtra)', () => {
  it('accepts 10 to 12 digits', () => {
    expect(validateRationCard('2720 1234 5678')).toEqual({ ok: true, value: '272012345678' });
    expect(validateRationCard('1234567890')).toEqual({ ok: true, value: '1234567890' });
    expect(validateRationCard('12345678901')).toEqual({ ok: true, value: '12345678901' });
  });
  it('rejects other input', () => {
    expectError(validateRationCard(''), 'empty');
    expectError(validateRationCard('MH12345678'), 'non-digit');
    expectError(validateRationCard('123456789'), 'wrong-length');
    expectError(validateRationCard('1234567890123'), 'wrong-length');
  });
});

describe('MGNREGA job card', () => {
  it('parses state, district, block, panchayat, village and family', () => {
    expect(parseJobCard('MH-12-003-004-005/123')).toEqual({
      ok: true,
      value: { state: 'MH', district: '12', block: '003', panchayat: '004', village: '005', family: '123' },
    });
  });
  it.each([
    ['MH-12-003-004-005/123', 'MH-12-003-004-005/123'],
    ['mh-12-003-004-005/123', 'MH-12-003-004-005/123'],
    ['MH 12 003 004 005 / 123', 'MH-12-003-004-005/123'],
    ['MH12003004005/7', 'MH-12-003-004-005/7'],
    ['MH-14-008-013-001/123456', 'MH-14-008-013-001/123456'],
  ])('normalises %j', (text, value) => {
    expect(validateJobCard(text)).toEqual({ ok: true, value });
  });
  it.each(['', 'MH-12-003-004-005', 'MH-1-003-004-005/12', 'MH-12-03-004-005/12', '12-12-003-004-005/12', 'MH-12-003-004-005/1234567'])(
    'rejects %j',
    (text) => expectError(validateJobCard(text), text === '' ? 'empty' : 'bad-format'),
  );
});
