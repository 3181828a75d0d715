import { describe, expect, it } from 'vitest';
import { qualityWarnings, roundedReadingsReport, type NutritionInput } from '../../../src-main/nutrition/index.ts';
import { restrictedValue, whoRow } from './who-fixtures.ts';

const codes = (input: NutritionInput, previous: Parameters<typeof qualityWarnings>[1] = []) =>
  qualityWarnings(input, previous).map((w) => w.code);

describe('qualityWarnings', () => {
  it('reports implausible z-scores with Marathi and English messages', () => {
    const week4 = whoRow('wfa_boys_0_13_zscores.json', 4);
    const warnings = qualityWarnings({ sex: 'm', ageDays: 28, weightKg: restrictedValue(week4, -6.5) });
    expect(warnings.map((w) => w.code)).toEqual(['implausible_waz']);
    expect(warnings[0]?.field).toBe('weight');
    expect(warnings[0]?.message.mr).toMatch(/[\u0900-\u097F]/);
    expect(warnings[0]?.message.en).toMatch(/WAZ/);
    expect(codes({ sex: 'm', ageDays: 28, weightKg: week4.M })).toEqual([]);
  });

  it('reports each implausible indicator and a standing measure under 9 months', () => {
    // 3 kg at 75 cm: far below weight-for-length, weight-for-age and BMI-for-age.
    expect(codes({ sex: 'f', ageDays: 200, weightKg: 3, lengthHeightCm: 75, measure: 'h' })).toEqual(
      expect.arrayContaining(['implausible_whz', 'implausible_baz', 'standing_under_9_months']),
    );
    expect(codes({ sex: 'f', ageDays: 200, lengthHeightCm: 100, measure: 'l' })).toEqual(['implausible_haz']);
  });

  it('warns when length/height is lower than an earlier one beyond 1 cm', () => {
    const previous = [{ ageDays: 400, lengthHeightCm: 80, measure: 'l' as const }];
    const lower = qualityWarnings({ sex: 'm', ageDays: 430, lengthHeightCm: 78.5, measure: 'l' }, previous);
    expect(lower.map((w) => w.code)).toEqual(['height_decreased']);
    expect(lower[0]?.message.en).toContain('1.5 cm');
    expect(codes({ sex: 'm', ageDays: 430, lengthHeightCm: 79.5, measure: 'l' }, previous)).toEqual([]);
    // A later reading is not "earlier".
    expect(codes({ sex: 'm', ageDays: 380, lengthHeightCm: 76, measure: 'l' }, previous)).toEqual([]);
  });

  it('compares lying and standing readings on one scale', () => {
    // Standing 80.0 earlier ≈ lying 80.7; lying 80.2 now is only 0.5 cm lower.
    const previous = [{ ageDays: 700, lengthHeightCm: 80, measure: 'h' as const }];
    expect(codes({ sex: 'm', ageDays: 720, lengthHeightCm: 80.2, measure: 'l' }, previous)).toEqual([]);
    expect(codes({ sex: 'm', ageDays: 720, lengthHeightCm: 79.5, measure: 'l' }, previous)).toEqual(['height_decreased']);
  });

  it('warns on a weight change over 10 % within a month', () => {
    const previous = [{ ageDays: 680, weightKg: 10 }];
    expect(codes({ sex: 'f', ageDays: 700, weightKg: 11.5 }, previous)).toEqual(['weight_change_over_10_percent']);
    expect(codes({ sex: 'f', ageDays: 700, weightKg: 8.8 }, previous)).toEqual(['weight_change_over_10_percent']);
    expect(codes({ sex: 'f', ageDays: 700, weightKg: 10.5 }, previous)).toEqual([]);
    // More than a month apart: no comparison.
    expect(codes({ sex: 'f', ageDays: 720, weightKg: 11.5 }, previous)).toEqual([]);
    const msg = qualityWarnings({ sex: 'f', ageDays: 700, weightKg: 8.8 }, previous)[0]?.message;
    expect(msg?.en).toContain('-12%');
    expect(msg?.mr).toContain('-12%');
  });

  it('allows for expected infant growth (a newborn gains far more than 10 % in its first month)', () => {
    const birth = whoRow('wfa_boys_0_13_zscores.json', 0);
    const week4 = whoRow('wfa_boys_0_13_zscores.json', 4);
    expect(week4.M / birth.M).toBeGreaterThan(1.25);
    expect(codes({ sex: 'm', ageDays: 28, weightKg: week4.M }, [{ ageDays: 0, weightKg: birth.M }])).toEqual([]);
    // No gain at all over that month is a drop of > 10 % against the median: questioned.
    expect(codes({ sex: 'm', ageDays: 28, weightKg: birth.M }, [{ ageDays: 0, weightKg: birth.M }])).toEqual(['weight_change_over_10_percent']);
  });

  it('compares with the most recent weighing in the window', () => {
    const previous = [
      { ageDays: 671, weightKg: 8 },
      { ageDays: 695, weightKg: 11.2 },
    ];
    expect(codes({ sex: 'f', ageDays: 700, weightKg: 11.3 }, previous)).toEqual([]);
  });
});

describe('roundedReadingsReport (the "zero SAM" detector)', () => {
  const honestWeights = [8.3, 9.1, 10.7, 11.2, 7.9, 12.4, 9.8, 10.3, 13.6, 8.4, 9.2, 11.1, 10.9, 12.3, 7.6, 14.2, 9.7, 10.1, 11.8, 12.0];
  const honestHeights = [72.3, 80.1, 85.6, 90.2, 76.8, 88.4, 79.9, 83.3, 95.1, 74.7, 81.2, 86.6, 84.4, 92.8, 71.5, 99.3, 78.2, 82.9, 87.1, 91.0];

  it('stays quiet for readings with natural last digits', () => {
    const r = roundedReadingsReport(honestWeights.map((w, i) => ({ weightKg: w, lengthHeightCm: honestHeights[i] })));
    expect(r.warnings).toEqual([]);
    expect(r.weights).toMatchObject({ n: 20, rounded: 1 });
    expect(r.heights).toMatchObject({ n: 20, rounded: 1 });
  });

  it('flags an AWC where most weights end in .0/.5', () => {
    const weights = [9.0, 10.5, 11.0, 8.5, 12.0, 9.5, 10.0, 11.5, 13.0, 7.5, 9.2, 10.7, 11.3, 8.8, 12.1, 9.4, 10.0, 11.0, 12.5, 8.0];
    const r = roundedReadingsReport(weights.map((w) => ({ weightKg: w })));
    expect(r.weights).toMatchObject({ n: 20, rounded: 14, share: 0.7 });
    expect(r.warnings.map((w) => w.code)).toEqual(['rounded_weights']);
    expect(r.warnings[0]?.message.en).toContain('14 of 20');
    expect(r.warnings[0]?.message.mr).toContain('SAM');
  });

  it('flags an AWC where many heights end in .0', () => {
    const heights = [72, 80, 85, 90, 76, 88, 79.9, 83.3, 95.1, 74.7, 81.2, 86.6, 84.4, 92.8, 71.5, 99.3, 78.2, 82.9, 87, 91];
    const r = roundedReadingsReport(heights.map((h) => ({ lengthHeightCm: h })));
    expect(r.heights.rounded).toBe(8); // 72, 80, 85, 90, 76, 88, 87, 91
    expect(r.warnings.map((w) => w.code)).toEqual(['rounded_heights']);
  });

  it('needs at least 10 readings and ignores missing ones', () => {
    const few = roundedReadingsReport([9, 10, 11, 12, 13, 14, 15, 16, 17].map((w) => ({ weightKg: w, lengthHeightCm: null })));
    expect(few.weights.n).toBe(9);
    expect(few.heights.n).toBe(0);
    expect(few.warnings).toEqual([]);
  });
});
