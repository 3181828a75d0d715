import { describe, expect, it } from 'vitest';
import { displayDateOrText, isoToDisplayDate, parseDisplayDateText } from '../../../src-main/common/dates.ts';
import { formatDate } from '../../../src-main/cards/format.ts';
import { ageYears, displayDate, formatDateTyping, parseDisplayDate } from '../../../src-renderer/lib/registration-format.ts';
import { openTestOffice } from '../../helpers/office.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();

describe('DD-MM-YYYY, the one date format of screens, cards and exports', () => {
  it('fills in the dashes while digits are typed (ddmmyyyy), and keeps separators the operator typed', () => {
    const typed: string[] = [];
    let box = '';
    for (const key of '05062020') typed.push((box = formatDateTyping(box + key)));
    expect(typed).toEqual(['0', '05', '05-0', '05-06', '05-06-2', '05-06-20', '05-06-202', '05-06-2020']);
    expect(formatDateTyping('०५०६२०२०')).toBe('05-06-2020');
    expect(formatDateTyping('5/6/2020')).toBe('5/6/2020');
  });

  it('reads a date with or without separators, and refuses a day that does not exist', () => {
    for (const text of ['05-06-2020', '05062020', '5/6/2020', '05.06.2020', '०५-०६-२०२०']) expect(parseDisplayDate(text)).toBe('2020-06-05');
    expect(parseDisplayDate('')).toBeNull();
    for (const text of ['31-04-2021', '29-02-2023', '00-01-2020', '12-13-2020', '1-2-20', '0506202']) expect(parseDisplayDate(text)).toBe('invalid');
    expect(parseDisplayDate('29-02-2024')).toBe('2024-02-29');
    expect(displayDate('2020-06-05')).toBe('05-06-2020');
  });

  it('prints the same format on the server side: cards, PDFs and CSV exports', () => {
    expect(isoToDisplayDate('2020-06-05')).toBe('05-06-2020');
    expect(isoToDisplayDate('2020-06-05T10:00:00.000Z')).toBe('05-06-2020');
    expect(formatDate('2026-06-30')).toBe('30-06-2026');
    expect(() => formatDate('30/06/2026')).toThrow();
    expect(displayDateOrText(null)).toBe('');
    expect(displayDateOrText('2026-11-02')).toBe('02-11-2026');
    expect(parseDisplayDateText('02112026')).toBe('2026-11-02');
    expect(parseDisplayDateText('31-11-2026')).toBeNull();
  });
});

describe('the age calculator reads DD-MM-YYYY', () => {
  it('gives the age from a date of birth typed day first, not month first', async () => {
    const office = await openTestOffice(tempDir());
    // 05-06-2020 is 5 June 2020; read month first (the old mm/dd/yyyy box) it would be 6 May 2020.
    const dob = parseDisplayDate('05062020');
    const measuredOn = parseDisplayDate('01-07-2021');
    expect(dob).toBe('2020-06-05');
    const result = await office.call('nutrition.assess', { sex: 'f', dob: dob!, measuredOn: measuredOn!, weightKg: 9, lengthHeightCm: null, measure: null, oedema: false, muacMm: null });
    expect(result.ageDays).toBe(391);
    expect(ageYears(dob!, measuredOn!)).toBe(1);
    expect(ageYears('2020-07-02', measuredOn!)).toBe(0);
    office.close();
  });
});
