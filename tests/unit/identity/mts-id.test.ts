import { describe, expect, it } from 'vitest';
import {
  formatMtsId,
  groupMtsId,
  isValidMtsId,
  parseMtsId,
  suggestMtsIdCorrections,
  validateAadhaar,
  verhoeffCheckDigit,
  type MtsIdParts,
} from '../../../src-main/identity/index.ts';

// Deterministic pseudo-random sample so a failure can be reproduced.
function sampler(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sampleParts(count: number, seed = 1): MtsIdParts[] {
  const rnd = sampler(seed);
  const out: MtsIdParts[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      office: String(1 + Math.floor(rnd() * 9999)).padStart(4, '0'),
      series: 1 + Math.floor(rnd() * 999),
      serial: 1 + Math.floor(rnd() * 99_999_999),
    });
  }
  return out;
}

describe('MTS ID format', () => {
  it('is 16 digits: office, series, serial, check digit', () => {
    const id = formatMtsId({ office: '2714', series: 1, serial: 42 });
    expect(id).toMatch(/^\d{16}$/);
    expect(id.slice(0, 4)).toBe('2714');
    expect(id.slice(4, 7)).toBe('001');
    expect(id.slice(7, 15)).toBe('00000042');
    expect(groupMtsId(id)).toBe(`2714 0010 0000 042${id[15]}`);
  });

  it('round-trips through parse, with spaces, hyphens or Devanagari digits', () => {
    for (const parts of sampleParts(500)) {
      const id = formatMtsId(parts);
      const grouped = groupMtsId(id);
      expect(grouped).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
      for (const text of [id, grouped, grouped.replace(/ /g, '-'), ` ${grouped} `]) {
        const parsed = parseMtsId(text);
        expect(parsed).toEqual({ ok: true, id, parts });
      }
    }
    const id = formatMtsId({ office: '0456', series: 7, serial: 1234 });
    const devanagari = id.replace(/\d/g, (d) => String.fromCharCode(0x0966 + Number(d)));
    expect(parseMtsId(devanagari)).toMatchObject({ ok: true, id });
  });

  it('never has 12 digits and is never taken for an Aadhaar number', () => {
    for (const parts of sampleParts(300, 9)) {
      const id = formatMtsId(parts);
      expect(id).toHaveLength(16);
      expect(validateAadhaar(id).ok).toBe(false);
    }
    expect(isValidMtsId('999941057058')).toBe(false); // a (test) Aadhaar number
  });

  it('refuses parts outside their ranges', () => {
    expect(() => formatMtsId({ office: '0000', series: 1, serial: 1 })).toThrow(RangeError);
    expect(() => formatMtsId({ office: '123', series: 1, serial: 1 })).toThrow(RangeError);
    expect(() => formatMtsId({ office: '1234', series: 0, serial: 1 })).toThrow(RangeError);
    expect(() => formatMtsId({ office: '1234', series: 1000, serial: 1 })).toThrow(RangeError);
    expect(() => formatMtsId({ office: '1234', series: 1, serial: 0 })).toThrow(RangeError);
    expect(() => formatMtsId({ office: '1234', series: 1, serial: 100_000_000 })).toThrow(RangeError);
    expect(() => formatMtsId({ office: '1234', series: 1.5, serial: 1 })).toThrow(RangeError);
  });

  it('gives a reason for each kind of bad input, in both languages', () => {
    const id = formatMtsId({ office: '2714', series: 3, serial: 99 });
    const cases: [string, string][] = [
      ['', 'empty'],
      ['2714 0030 0000 09A1', 'non-digit'],
      [id.slice(0, 15), 'wrong-length'],
      [id + '0', 'wrong-length'],
      [id.slice(0, 15) + String((Number(id[15]) + 1) % 10), 'bad-check-digit'],
    ];
    for (const [text, code] of cases) {
      const r = parseMtsId(text);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe(code);
        expect(r.message.en.length).toBeGreaterThan(5);
        expect(r.message.mr).toMatch(/[\u0900-\u097f]/);
      }
    }
    // A check digit can be valid over a payload whose parts are not.
    const zeroOffice = '0000' + '001' + '00000001';
    const withCheck = (payload: string): string => payload + String(verhoeffCheckDigit(payload));
    expect(parseMtsId(withCheck(zeroOffice))).toMatchObject({ ok: false, code: 'bad-office' });
    expect(parseMtsId(withCheck('2714' + '000' + '00000001'))).toMatchObject({ ok: false, code: 'bad-series' });
    expect(parseMtsId(withCheck('2714' + '001' + '00000000'))).toMatchObject({ ok: false, code: 'bad-serial' });
  });
});

describe('MTS ID check digit catches typing errors', () => {
  it('detects every single-digit substitution and every adjacent transposition (exhaustive over a sample)', () => {
    let substitutions = 0;
    let transpositions = 0;
    for (const parts of sampleParts(400, 42)) {
      const id = formatMtsId(parts);
      for (let i = 0; i < 16; i++) {
        for (const d of '0123456789') {
          if (d === id[i]) continue;
          const typo = id.slice(0, i) + d + id.slice(i + 1);
          expect(isValidMtsId(typo), `${id} → ${typo}`).toBe(false);
          substitutions++;
        }
        if (i < 15 && id[i] !== id[i + 1]) {
          const typo = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
          expect(isValidMtsId(typo), `${id} → ${typo}`).toBe(false);
          transpositions++;
        }
      }
    }
    expect(substitutions).toBe(400 * 16 * 9);
    expect(transpositions).toBeGreaterThan(400 * 10);
  });

  it('suggests the intended ID for every single error', () => {
    for (const parts of sampleParts(60, 5)) {
      const id = formatMtsId(parts);
      for (let i = 0; i < 16; i++) {
        const d = String((Number(id[i]) + 3) % 10);
        const typo = id.slice(0, i) + d + id.slice(i + 1);
        const suggestions = suggestMtsIdCorrections(typo);
        expect(suggestions).toContain(id);
        for (const s of suggestions) expect(isValidMtsId(s)).toBe(true);
        if (i < 15 && id[i] !== id[i + 1]) {
          const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
          expect(suggestMtsIdCorrections(groupMtsId(swapped))).toContain(id);
        }
      }
    }
  });

  it('suggests nothing for a valid ID or for text that is not 16 digits', () => {
    const id = formatMtsId({ office: '1111', series: 2, serial: 3 });
    expect(suggestMtsIdCorrections(id)).toEqual([]);
    expect(suggestMtsIdCorrections('12345')).toEqual([]);
    expect(suggestMtsIdCorrections('abcd efgh ijkl mnop')).toEqual([]);
  });
});

describe('MTS IDs never collide across offices or series', () => {
  // Each office/series owns the IDs whose first 7 digits are its code and series; the parse of any
  // valid ID gives back exactly one (office, series, serial).
  it('different offices → disjoint ID sets; same office, different series → disjoint', () => {
    const seen = new Map<string, string>();
    const offices = ['0001', '2714', '2715', '9999'];
    const series = [1, 2, 999];
    const serials = [1, 2, 3, 10, 99, 100, 12345678, 99_999_999];
    for (const office of offices) {
      for (const s of series) {
        for (const serial of serials) {
          const id = formatMtsId({ office, series: s, serial });
          const owner = `${office}/${s}/${serial}`;
          expect(seen.get(id), `${id} issued twice`).toBeUndefined();
          seen.set(id, owner);
          const parsed = parseMtsId(id);
          expect(parsed.ok && `${parsed.parts.office}/${parsed.parts.series}/${parsed.parts.serial}`).toBe(owner);
        }
      }
    }
    expect(seen.size).toBe(offices.length * series.length * serials.length);
  });

  it('a large run of serials in two series of two offices yields no shared ID', () => {
    const a = new Set<string>();
    for (const office of ['2714', '2741']) {
      for (const s of [1, 10]) {
        for (let serial = 1; serial <= 2500; serial++) a.add(formatMtsId({ office, series: s, serial }));
      }
    }
    expect(a.size).toBe(2 * 2 * 2500);
  });
});
