/**
 * One test group per WHO Anthro / AnthroPlus rule. Expected values come from WHO table rows (read
 * from jsgrowup at test time, or quoted from the WHO 2007 expanded tables) through the LMS formulas
 * in who-fixtures.ts — never from the engine's own output.
 */
import { describe, expect, it } from 'vitest';
import { assessNutrition, NUTRITION_STATUS_LABELS, STATUS_COLOURS, type NutritionInput } from '../../../src-main/nutrition/index.ts';
import { lmsValue, lmsZ, restrictedValue, whoRow } from './who-fixtures.ts';

const boy = (over: Partial<NutritionInput> & { ageDays: number }): NutritionInput => ({ sex: 'm', ...over });

// WHO Growth Reference 2007, boys, 61 months (who-growth's wfa/hfa/bmi "z-who-2007-exp" tables).
// The SD4/SD4neg columns are WHO's own restricted values (SD3 ± the 2–3 SD gap).
const WFA2007_BOYS_61 = { SD4neg: 11.07, SD2neg: 14.367, SD0: 18.506, SD4: 31.375 };
const HFA2007_BOYS_61 = { SD5neg: 87.308, SD3neg: 96.49, SD0: 110.265 };
const BFA2007_BOYS_61 = { SD4neg: 11.204, SD2neg: 13.031, SD0: 15.264, SD4: 22.072 };
const AGE_61_MONTHS = 1857; // 61.01 months: the first whole day past 61 × 30.4375

describe('±0.7 cm posture adjustment', () => {
  it('adds 0.7 cm to a standing height under 731 days (9 months or older)', () => {
    const standing = assessNutrition(boy({ ageDays: 400, lengthHeightCm: 75, measure: 'h' }));
    const lying = assessNutrition(boy({ ageDays: 400, lengthHeightCm: 75.7, measure: 'l' }));
    expect(standing.lengthHeightCm).toBeCloseTo(75.7, 10);
    expect(standing.measureUsed).toBe('h');
    expect(standing.z.haz).toBe(lying.z.haz);
    expect(standing.flags).not.toContain('standing_under_9_months');
  });

  it('subtracts 0.7 cm from a lying length at 731 days or more', () => {
    const lying = assessNutrition(boy({ ageDays: 800, lengthHeightCm: 90, measure: 'l' }));
    const standing = assessNutrition(boy({ ageDays: 800, lengthHeightCm: 89.3, measure: 'h' }));
    expect(lying.lengthHeightCm).toBeCloseTo(89.3, 10);
    expect(lying.z.haz).toBe(standing.z.haz);
  });

  it('leaves correct postures and unknown posture unchanged', () => {
    expect(assessNutrition(boy({ ageDays: 400, lengthHeightCm: 75, measure: 'l' })).lengthHeightCm).toBe(75);
    expect(assessNutrition(boy({ ageDays: 800, lengthHeightCm: 90, measure: 'h' })).lengthHeightCm).toBe(90);
    expect(assessNutrition(boy({ ageDays: 400, lengthHeightCm: 75 })).lengthHeightCm).toBe(75);
    expect(assessNutrition(boy({ ageDays: 800, lengthHeightCm: 90, measure: null })).lengthHeightCm).toBe(90);
  });
});

describe('24-month switch between length and height curves', () => {
  const len24 = whoRow('lhfa_boys_0_2_zscores.json', 24); // recumbent length at 730.5 days
  const hgt24 = whoRow('lhfa_boys_2_5_zscores.json', 24); // standing height at 730.5 days

  it('uses the length curve up to 730 days and the height curve from 731 days, without blending', () => {
    expect(len24.M - hgt24.M).toBeGreaterThan(0.5); // the two curves really differ at 24 months
    expect(assessNutrition(boy({ ageDays: 730, lengthHeightCm: len24.M, measure: 'l' })).z.haz).toBeCloseTo(0, 1);
    expect(Math.abs(assessNutrition(boy({ ageDays: 730, lengthHeightCm: len24.M, measure: 'l' })).z.haz!)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(assessNutrition(boy({ ageDays: 731, lengthHeightCm: hgt24.M, measure: 'h' })).z.haz!)).toBeLessThanOrEqual(0.01);
    // 731 days, lying: converted to height first, so the same child scores 0 again.
    expect(Math.abs(assessNutrition(boy({ ageDays: 731, lengthHeightCm: len24.M, measure: 'l' })).z.haz!)).toBeLessThanOrEqual(0.02);
    // Same number on the height curve at 731 days is clearly above the median.
    expect(assessNutrition(boy({ ageDays: 731, lengthHeightCm: len24.M, measure: 'h' })).z.haz!).toBeGreaterThan(0.15);
  });

  it('uses weight-for-length under 731 days and weight-for-height from 731 days', () => {
    const wfl80 = whoRow('wfl_boys_0_2_zscores.json', 80);
    const wfh80 = whoRow('wfh_boys_2_5_zscores.json', 80);
    expect(assessNutrition(boy({ ageDays: 730, weightKg: wfl80.M, lengthHeightCm: 80, measure: 'l' })).z.whz).toBe(0);
    expect(assessNutrition(boy({ ageDays: 731, weightKg: wfh80.M, lengthHeightCm: 80, measure: 'h' })).z.whz).toBe(0);
    // A table row between 0.5 cm steps, checked against WHO's row directly.
    const wfl80_5 = whoRow('wfl_boys_0_2_zscores.json', 80.5);
    const y = lmsValue(wfl80_5, -2);
    expect(assessNutrition(boy({ ageDays: 500, weightKg: y, lengthHeightCm: 80.5, measure: 'l' })).z.whz).toBe(-2);
  });

  it('applies the 45–110 cm and 65–120 cm ranges after the posture adjustment', () => {
    const whz = (ageDays: number, cm: number, measure: 'l' | 'h') =>
      assessNutrition(boy({ ageDays, weightKg: 9, lengthHeightCm: cm, measure }));
    expect(whz(300, 44.9, 'l').z.whz).toBeNull();
    expect(whz(300, 44.9, 'l').flags).toContain('whz_length_out_of_range');
    expect(whz(300, 45, 'l').z.whz).not.toBeNull();
    expect(whz(700, 110, 'l').z.whz).not.toBeNull();
    expect(whz(700, 110.1, 'l').z.whz).toBeNull();
    expect(whz(800, 64.9, 'h').z.whz).toBeNull();
    expect(whz(800, 65, 'h').z.whz).not.toBeNull();
    expect(whz(800, 120, 'h').z.whz).not.toBeNull();
    expect(whz(800, 120.1, 'h').z.whz).toBeNull();
    expect(whz(800, 65.5, 'l').z.whz).toBeNull(); // 65.5 lying → 64.8 cm height: out of range
    expect(whz(700, 109.5, 'h').z.whz).toBeNull(); // 109.5 standing → 110.2 cm length: out of range
  });
});

describe('standing measurement under 9 months', () => {
  it('counts as posture unknown: no +0.7 cm, flagged', () => {
    const a = assessNutrition(boy({ ageDays: 200, lengthHeightCm: 65, measure: 'h' }));
    expect(a.measureUsed).toBeNull();
    expect(a.lengthHeightCm).toBe(65);
    expect(a.flags).toContain('standing_under_9_months');
    expect(a.z.haz).toBe(assessNutrition(boy({ ageDays: 200, lengthHeightCm: 65, measure: 'l' })).z.haz);
  });

  it('applies from 9 months (274 days = 9.002 months) as usual', () => {
    const atNine = assessNutrition(boy({ ageDays: 274, lengthHeightCm: 70, measure: 'h' }));
    expect(atNine.lengthHeightCm).toBeCloseTo(70.7, 10);
    expect(atNine.flags).not.toContain('standing_under_9_months');
    const justUnder = assessNutrition(boy({ ageDays: 273, lengthHeightCm: 70, measure: 'h' }));
    expect(justUnder.flags).toContain('standing_under_9_months');
  });
});

describe('oedema', () => {
  it('under 5: no weight-based z, HAZ still computed, SAM and SUW on the basis of oedema', () => {
    const a = assessNutrition(boy({ ageDays: 500, weightKg: 10, lengthHeightCm: 78, measure: 'l', oedema: true }));
    expect(a.z).toMatchObject({ waz: null, whz: null, baz: null });
    expect(a.z.haz).not.toBeNull();
    expect(a.flags).toContain('oedema');
    expect(a.statuses.wasting?.code).toBe('sam');
    expect(a.statuses.wasting?.basis).toEqual(['oedema']);
    expect(a.statuses.wfa?.code).toBe('suw');
    expect(a.statuses.stunting).not.toBeNull();
  });

  it('5–19 y: no WAZ/BAZ, severe thinness on the basis of oedema', () => {
    const a = assessNutrition(boy({ ageDays: 3000, weightKg: 25, lengthHeightCm: 125, oedema: true }));
    expect(a.reference).toBe('who2007');
    expect(a.z.waz).toBeNull();
    expect(a.z.baz).toBeNull();
    expect(a.z.haz).not.toBeNull();
    expect(a.statuses.thinness?.code).toBe('severe');
  });
});

describe('restricted z beyond ±3 for weight-based indicators', () => {
  it("matches WHO's own SD4 / SD4neg columns of the 2007 reference", () => {
    const at = (weightKg: number, lengthHeightCm?: number) =>
      assessNutrition(boy({ ageDays: AGE_61_MONTHS, weightKg, lengthHeightCm: lengthHeightCm ?? null }));
    expect(at(WFA2007_BOYS_61.SD4).z.waz).toBeCloseTo(4, 1);
    expect(Math.abs(at(WFA2007_BOYS_61.SD4).z.waz! - 4)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(at(WFA2007_BOYS_61.SD4neg).z.waz! + 4)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(at(WFA2007_BOYS_61.SD2neg).z.waz! + 2)).toBeLessThanOrEqual(0.01);
    // BMI: pick the weight that gives the tabulated BMI at 1.00 m height.
    expect(Math.abs(at(BFA2007_BOYS_61.SD4, 100).z.baz! - 4)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(at(BFA2007_BOYS_61.SD4neg, 100).z.baz! + 4)).toBeLessThanOrEqual(0.01);
  });

  it('under 5: weight-for-age and weight-for-length follow the 2–3 SD gap, not the LMS tail', () => {
    const week4 = whoRow('wfa_boys_0_13_zscores.json', 4); // day 28
    const heavy = restrictedValue(week4, 4.5);
    const a = assessNutrition(boy({ ageDays: 28, weightKg: heavy }));
    expect(a.z.waz).toBe(4.5);
    expect(Math.abs(lmsZ(week4, heavy) - 4.5)).toBeGreaterThan(0.05); // the rule changes the answer
    expect(assessNutrition(boy({ ageDays: 28, weightKg: restrictedValue(week4, -3.5) })).z.waz).toBe(-3.5);

    const wfl70 = whoRow('wfl_boys_0_2_zscores.json', 70);
    expect(assessNutrition(boy({ ageDays: 300, weightKg: restrictedValue(wfl70, -3.6), lengthHeightCm: 70, measure: 'l' })).z.whz).toBe(-3.6);
  });

  it('length/height-for-age is not restricted', () => {
    expect(Math.abs(assessNutrition(boy({ ageDays: AGE_61_MONTHS, lengthHeightCm: HFA2007_BOYS_61.SD5neg })).z.haz! + 5)).toBeLessThanOrEqual(0.01);
    const week4 = whoRow('lhfa_boys_0_13_zscores.json', 4);
    expect(assessNutrition(boy({ ageDays: 28, lengthHeightCm: lmsValue(week4, -4.2), measure: 'l' })).z.haz).toBe(-4.2);
  });
});

describe('implausible-value flags', () => {
  const week4 = whoRow('wfa_boys_0_13_zscores.json', 4);
  const len4 = whoRow('lhfa_boys_0_13_zscores.json', 4);
  const wfl70 = whoRow('wfl_boys_0_2_zscores.json', 70);
  const bmiWeek4 = whoRow('bmifa_boys_0_13_zscores.json', 4);

  it('WAZ < −6 or > 5', () => {
    const waz = (z: number) => assessNutrition(boy({ ageDays: 28, weightKg: restrictedValue(week4, z) }));
    expect(waz(-6.1).flags).toContain('waz_implausible');
    expect(waz(-6.1).statuses.wfa?.code).toBe('check');
    expect(waz(-5.9).flags).not.toContain('waz_implausible');
    expect(waz(-5.9).statuses.wfa?.code).toBe('suw');
    expect(waz(5.1).flags).toContain('waz_implausible');
    expect(waz(4.9).flags).not.toContain('waz_implausible');
  });

  it('HAZ beyond ±6', () => {
    const haz = (z: number) => assessNutrition(boy({ ageDays: 28, lengthHeightCm: lmsValue(len4, z), measure: 'l' }));
    expect(haz(-6.1).flags).toContain('haz_implausible');
    expect(haz(-6.1).statuses.stunting?.code).toBe('check');
    expect(haz(6.1).flags).toContain('haz_implausible');
    expect(haz(-5.9).flags).not.toContain('haz_implausible');
    expect(haz(-5.9).statuses.stunting?.code).toBe('severe');
  });

  it('WHZ beyond ±5', () => {
    const whz = (z: number) => assessNutrition(boy({ ageDays: 300, weightKg: restrictedValue(wfl70, z), lengthHeightCm: 70, measure: 'l' }));
    expect(whz(-5.1).flags).toContain('whz_implausible');
    expect(whz(-5.1).statuses.wasting?.code).toBe('check');
    expect(whz(5.1).flags).toContain('whz_implausible');
    expect(whz(-4.9).flags).not.toContain('whz_implausible');
    expect(whz(-4.9).statuses.wasting?.code).toBe('sam');
  });

  it('BAZ beyond ±5', () => {
    // At day 28 with length 55 cm, choose the weight that gives BMI at z.
    const baz = (z: number) => {
      const bmi = restrictedValue(bmiWeek4, z);
      return assessNutrition(boy({ ageDays: 28, weightKg: bmi * 0.55 * 0.55, lengthHeightCm: 55, measure: 'l' }));
    };
    expect(baz(5.1).flags).toContain('baz_implausible');
    expect(baz(-5.1).flags).toContain('baz_implausible');
    expect(baz(4.9).flags).not.toContain('baz_implausible');
    expect(baz(4.9).z.baz).toBe(4.9);
  });
});

describe('handover from the 2006 standards to the 2007 reference', () => {
  it('uses the standards up to 1856 days and the 2007 reference from 1857 days', () => {
    const last = assessNutrition(boy({ ageDays: 1856, weightKg: 18, lengthHeightCm: 110, measure: 'h' }));
    expect(last.reference).toBe('who2006');
    expect(last.z.whz).not.toBeNull();
    expect(last.statuses.wasting).not.toBeNull();
    expect(last.statuses.thinness).toBeNull();

    const first = assessNutrition(boy({ ageDays: 1857, weightKg: 18, lengthHeightCm: 110, measure: 'h' }));
    expect(first.reference).toBe('who2007');
    expect(first.z.whz).toBeNull();
    expect(first.statuses.wasting).toBeNull();
    expect(first.statuses.thinness).not.toBeNull();
    expect(first.lengthHeightCm).toBe(110);
  });

  it("gives WHO's tabulated z on each side", () => {
    const m60 = whoRow('wfa_boys_0_5_zscores.json', 60); // 1826.25 days
    expect(Math.abs(assessNutrition(boy({ ageDays: 1826, weightKg: lmsValue(m60, -2) })).z.waz! + 2)).toBeLessThanOrEqual(0.01);
    const h = assessNutrition(boy({ ageDays: AGE_61_MONTHS, lengthHeightCm: HFA2007_BOYS_61.SD0 }));
    expect(Math.abs(h.z.haz!)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(assessNutrition(boy({ ageDays: AGE_61_MONTHS, lengthHeightCm: HFA2007_BOYS_61.SD3neg })).z.haz! + 3)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(assessNutrition(boy({ ageDays: AGE_61_MONTHS, weightKg: WFA2007_BOYS_61.SD0 })).z.waz!)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(assessNutrition(boy({ ageDays: AGE_61_MONTHS, weightKg: BFA2007_BOYS_61.SD2neg, lengthHeightCm: 100 })).z.baz! + 2)).toBeLessThanOrEqual(0.01);
  });

  it('ends weight-for-age at 120 months and everything at 228 months', () => {
    expect(assessNutrition(boy({ ageDays: 3652, weightKg: 30 })).z.waz).not.toBeNull();
    expect(assessNutrition(boy({ ageDays: 3653, weightKg: 30 })).z.waz).toBeNull();
    expect(assessNutrition(boy({ ageDays: 3653, weightKg: 30 })).statuses.wfa).toBeNull();
    expect(assessNutrition(boy({ ageDays: 6939, lengthHeightCm: 176 })).z.haz).not.toBeNull();
    const old = assessNutrition(boy({ ageDays: 6940, weightKg: 60, lengthHeightCm: 176 }));
    expect(old.reference).toBeNull();
    expect(old.flags).toContain('age_out_of_range');
    expect(old.z).toEqual({ waz: null, haz: null, whz: null, baz: null });
  });
});

describe('MUAC rules (6–59 months)', () => {
  const wasting = (muacMm: number, ageDays = 400) => assessNutrition(boy({ ageDays, muacMm })).statuses.wasting;

  it('< 115 mm is SAM, 115–124 mm MAM, 125 mm normal', () => {
    expect(wasting(114)?.code).toBe('sam');
    expect(wasting(114)?.basis).toEqual(['muac']);
    expect(wasting(115)?.code).toBe('mam');
    expect(wasting(124)?.code).toBe('mam');
    expect(wasting(125)?.code).toBe('normal');
  });

  it('is used from 6 months (183 days) to under 60 months only', () => {
    expect(wasting(100, 182)).toBeNull();
    expect(assessNutrition(boy({ ageDays: 182, muacMm: 100 })).flags).toContain('muac_age_out_of_range');
    expect(wasting(100, 183)?.code).toBe('sam');
    expect(wasting(100, 1826)?.code).toBe('sam'); // 59.99 months
    expect(wasting(100, 1827)).toBeNull(); // 60.03 months
  });

  it('any SAM criterion wins; the basis lists what was met', () => {
    const wfl75 = whoRow('wfl_boys_0_2_zscores.json', 75);
    const normalWeight = wfl75.M;
    const samWeight = restrictedValue(wfl75, -3.5);
    const a = assessNutrition(boy({ ageDays: 400, weightKg: normalWeight, lengthHeightCm: 75, measure: 'l', muacMm: 110 }));
    expect(a.statuses.wasting?.code).toBe('sam');
    expect(a.statuses.wasting?.basis).toEqual(['muac']);
    const b = assessNutrition(boy({ ageDays: 400, weightKg: samWeight, lengthHeightCm: 75, measure: 'l', muacMm: 120 }));
    expect(b.statuses.wasting?.code).toBe('sam');
    expect(b.statuses.wasting?.basis).toEqual(['whz']);
    const c = assessNutrition(boy({ ageDays: 400, weightKg: samWeight, lengthHeightCm: 75, measure: 'l', muacMm: 110, oedema: true }));
    expect(c.statuses.wasting?.basis).toEqual(['oedema', 'muac']);
  });

  it('WHZ bands: −3 ≤ z < −2 is MAM, z < −3 SAM', () => {
    const wfl75 = whoRow('wfl_boys_0_2_zscores.json', 75);
    const at = (z: number) => assessNutrition(boy({ ageDays: 400, weightKg: restrictedValue(wfl75, z), lengthHeightCm: 75, measure: 'l' })).statuses.wasting?.code;
    expect(at(-2.01)).toBe('mam');
    expect(at(-2)).toBe('normal');
    expect(at(-3)).toBe('mam');
    expect(at(-3.01)).toBe('sam');
  });
});

describe('statuses', () => {
  it('every status has Marathi and English labels and its severity colour', () => {
    for (const group of Object.values(NUTRITION_STATUS_LABELS)) {
      for (const s of Object.values(group)) {
        expect(s.label.mr).toMatch(/[\u0900-\u097F]/);
        expect(s.label.en.length).toBeGreaterThan(3);
        expect(s.colour).toBe(STATUS_COLOURS[s.severity]);
      }
    }
  });

  it('weight-for-age, stunting and thinness bands', () => {
    const week4 = whoRow('wfa_boys_0_13_zscores.json', 4);
    const code = (z: number) => assessNutrition(boy({ ageDays: 28, weightKg: restrictedValue(week4, z) })).statuses.wfa?.code;
    expect([code(-1.99), code(-2.01), code(-3), code(-3.01)]).toEqual(['normal', 'muw', 'muw', 'suw']);
    const len4 = whoRow('lhfa_boys_0_13_zscores.json', 4);
    const st = (z: number) => assessNutrition(boy({ ageDays: 28, lengthHeightCm: lmsValue(len4, z), measure: 'l' })).statuses.stunting?.code;
    expect([st(-1.5), st(-2.5), st(-3.5)]).toEqual(['normal', 'moderate', 'severe']);
    // 5–19 y thinness at 61 months, BMI from WHO's 2007 table with 1.00 m height.
    const th = (bmi: number) => assessNutrition(boy({ ageDays: AGE_61_MONTHS, weightKg: bmi, lengthHeightCm: 100 })).statuses.thinness?.code;
    expect([th(BFA2007_BOYS_61.SD0), th(12.5), th(BFA2007_BOYS_61.SD4neg)]).toEqual(['normal', 'thin', 'severe']);
  });

  it('rejects impossible input instead of guessing', () => {
    expect(() => assessNutrition({ sex: 'x' as 'm', ageDays: 10 })).toThrow(/sex/);
    expect(() => assessNutrition(boy({ ageDays: -1 }))).toThrow(/ageDays/);
    expect(() => assessNutrition(boy({ ageDays: Number.NaN }))).toThrow(/ageDays/);
  });
});
