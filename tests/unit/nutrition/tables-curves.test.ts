import { describe, expect, it } from 'vitest';
import { ATTRIBUTION, CURVE_Z, growthCurves } from '../../../src-main/nutrition/index.ts';
import { WHO_TABLES } from '../../../src-main/nutrition/who-tables.generated.ts';
import { whoRow, whoTable } from './who-fixtures.ts';

type Flat = readonly number[];
const rowsOf = (flat: Flat) => Array.from({ length: flat.length / 4 }, (_, i) => flat.slice(4 * i, 4 * i + 4));

describe('generated WHO tables', () => {
  it('hold every jsgrowup row unchanged (weekly rows, then monthly rows after week 13)', () => {
    for (const [sex, word] of [
      ['m', 'boys'],
      ['f', 'girls'],
    ] as const) {
      const check = (name: keyof typeof WHO_TABLES, sources: [string, (k: number) => number, (k: number) => boolean][]) => {
        const expected = sources.flatMap(([file, toX, keep]) =>
          whoTable(file)
            .filter((r) => keep(r.key))
            .map((r) => [toX(r.key), r.L, r.M, r.S]),
        );
        expect(rowsOf(WHO_TABLES[name])).toEqual(expected);
      };
      const week = (k: number) => k * 7;
      const month = (k: number) => k * 30.4375;
      const all = () => true;
      const after13Weeks = (k: number) => k * 30.4375 > 98;
      check(`wfa_${sex}`, [[`wfa_${word}_0_13_zscores.json`, week, all], [`wfa_${word}_0_5_zscores.json`, month, after13Weeks]]);
      check(`lfa_${sex}`, [[`lhfa_${word}_0_13_zscores.json`, week, all], [`lhfa_${word}_0_2_zscores.json`, month, after13Weeks]]);
      check(`hfa_${sex}`, [[`lhfa_${word}_2_5_zscores.json`, month, all]]);
      check(`bfa_len_${sex}`, [[`bmifa_${word}_0_13_zscores.json`, week, all], [`bmifa_${word}_0_2_zscores.json`, month, after13Weeks]]);
      check(`bfa_hgt_${sex}`, [[`bmifa_${word}_2_5_zscores.json`, month, all]]);
      check(`wfl_${sex}`, [[`wfl_${word}_0_2_zscores.json`, (k) => k, all]]);
      check(`wfh_${sex}`, [[`wfh_${word}_2_5_zscores.json`, (k) => k, all]]);
    }
  });

  it('hold the WHO 2007 reference, 61–228 months (weight-for-age 61–120)', () => {
    const first = (flat: Flat) => flat.slice(0, 4);
    const last = (flat: Flat) => flat.slice(-4);
    // Rows quoted from WHO's expanded z-score tables (who-growth .xlsx).
    expect(first(WHO_TABLES.hfa07_m)).toEqual([61 * 30.4375, 1, 110.2647, 0.04164]);
    expect(last(WHO_TABLES.hfa07_f)).toEqual([228 * 30.4375, 1, 163.1548, 0.04009]);
    expect(first(WHO_TABLES.wfa07_f)).toEqual([61 * 30.4375, -0.4681, 18.2579, 0.14295]);
    expect(last(WHO_TABLES.wfa07_m)).toEqual([120 * 30.4375, -0.6764, 31.1586, 0.16305]);
    expect(last(WHO_TABLES.bfa07_m)).toEqual([228 * 30.4375, -0.8419, 22.1883, 0.12948]);
    expect(WHO_TABLES.hfa07_m.length / 4).toBe(168);
    expect(WHO_TABLES.wfa07_m.length / 4).toBe(60);
  });

  it('credit WHO', () => {
    expect(ATTRIBUTION).toMatch(/World Health Organization/);
    expect(ATTRIBUTION).toMatch(/2006/);
    expect(ATTRIBUTION).toMatch(/2007/);
  });
});

describe('growthCurves', () => {
  it('gives −3…+3 SD weight-for-age per month matching WHO’s published SD columns', () => {
    const pts = growthCurves('wfa', 'f', 0, 60);
    expect(pts).toHaveLength(61);
    expect(CURVE_Z).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    for (const month of [0, 6, 24, 60]) {
      const who = whoRow('wfa_girls_0_5_zscores.json', month);
      const published = [who['SD3neg'], who['SD2neg'], who['SD1neg'], who['SD0'], who['SD1'], who['SD2'], who['SD3']];
      const p = pts[month]!;
      expect(p.ageMonths).toBe(month);
      expect(p.reference).toBe('who2006');
      p.sd.forEach((v, i) => expect(Math.abs(v - published[i]!)).toBeLessThanOrEqual(0.05 + 1e-9)); // WHO prints 0.1 kg
    }
  });

  it('steps from length to height at 24 months', () => {
    const pts = growthCurves('hfa', 'm', 23, 25);
    expect(pts.map((p) => Math.round(p.ageDays))).toEqual([700, 731, 731, 761]);
    const [, lying, standing] = pts;
    expect(lying!.sd[3]).toBeCloseTo(whoRow('lhfa_boys_0_2_zscores.json', 24).M, 4);
    expect(lying!.sd[3]! - standing!.sd[3]!).toBeGreaterThan(0.5);
  });

  it('continues with the 2007 reference from 61 months and stops where WHO stops', () => {
    const hfa = growthCurves('hfa', 'm', 60, 240);
    expect(hfa[0]?.reference).toBe('who2006');
    expect(hfa[1]?.reference).toBe('who2007');
    expect(hfa[1]?.sd[3]).toBeCloseTo(110.2647, 4);
    expect(hfa.at(-1)?.ageMonths).toBe(228);
    const wfa = growthCurves('wfa', 'm', 100, 150);
    expect(wfa.at(-1)?.ageMonths).toBe(120);
    expect(wfa).toHaveLength(21);
    for (const p of wfa) for (let i = 1; i < 7; i++) expect(p.sd[i]!).toBeGreaterThan(p.sd[i - 1]!);
  });
});
