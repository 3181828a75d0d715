import { describe, it, expect } from 'vitest';
import { assessNutrition, growthFlags, GROWTH_FLAG_LABELS, type GrowthMeasurement } from '../../../src-main/nutrition/index.ts';

const CHILD = { dateOfBirth: '2024-01-15' };
const codes = (m: readonly GrowthMeasurement[], subject: Parameters<typeof growthFlags>[1] = CHILD): string[] =>
  growthFlags(m, subject).map((f) => f.code);
const w = (date: string, weightKg: number | null): GrowthMeasurement => ({ date, weightKg });

describe('growth faltering: no weight gain in two consecutive monthly weighings', () => {
  it.each([
    ['lost, then same', [8.2, 8.0, 8.0], true],
    ['same twice', [8.0, 8.0, 8.0], true],
    ['lost twice', [8.4, 8.2, 8.1], true],
    ['gained, then lost', [8.0, 8.2, 8.1], false],
    ['lost, then gained', [8.2, 8.0, 8.1], false],
    ['gained twice', [7.8, 8.0, 8.3], false],
  ] as const)('%s (%j kg, a month apart): %s', (_case, kg, flagged) => {
    const m = [w('2025-01-10', kg[0]), w('2025-02-10', kg[1]), w('2025-03-12', kg[2])];
    expect(codes(m).includes('growth-faltering')).toBe(flagged);
  });

  it.each([
    [24, false], // too close to count as the next month
    [25, true],
    [45, true],
    [46, false], // a month missed in between: not consecutive
  ])('weighings %i days apart: flagged %s', (gap, flagged) => {
    const d1 = new Date(Date.UTC(2025, 0, 10));
    const at = (k: number): string => new Date(d1.getTime() + k * gap * 86_400_000).toISOString().slice(0, 10);
    const m = [w(at(0), 8.2), w(at(1), 8.0), w(at(2), 8.0)];
    expect(codes(m).includes('growth-faltering')).toBe(flagged);
  });

  it('needs three weighings, takes them in date order, and skips a re-weigh within the month', () => {
    expect(codes([w('2025-02-10', 8.0), w('2025-03-12', 8.0)])).toEqual([]);
    // Given out of order.
    expect(codes([w('2025-03-12', 8.0), w('2025-01-10', 8.2), w('2025-02-10', 8.1)])).toEqual(['growth-faltering']);
    // A re-weigh 7 days after the February weighing stands for February and does not break the monthly chain.
    const reweigh = [w('2025-01-10', 8.2), w('2025-02-10', 8.4), w('2025-02-17', 8.1), w('2025-03-14', 8.0)];
    expect(growthFlags(reweigh, CHILD)).toEqual([{ code: 'growth-faltering', label: GROWTH_FLAG_LABELS['growth-faltering'], date: '2025-03-14' }]);
    // Only the latest weighings count: an old faltering episode followed by gains is not flagged.
    const recovered = [w('2025-01-10', 8.2), w('2025-02-10', 8.0), w('2025-03-12', 8.0), w('2025-04-11', 8.4)];
    expect(codes(recovered)).toEqual([]);
    // A measurement without weight (MUAC only) is not a weighing.
    expect(codes([w('2025-01-10', 8.2), w('2025-02-10', 8.0), w('2025-03-12', 8.0), { date: '2025-03-20', weightKg: null, muacMm: 130 }])).toEqual([
      'growth-faltering',
    ]);
  });

  it('applies to children under 6 (AWC growth monitoring), not to older children or without a birth date', () => {
    const m = [w('2030-01-10', 18.2), w('2030-02-10', 18.0), w('2030-03-12', 18.0)];
    expect(codes(m, { dateOfBirth: '2024-03-13' })).toEqual(['growth-faltering']); // 5 years 364 days
    expect(codes(m, { dateOfBirth: '2024-03-12' })).toEqual([]); // 6th birthday
    expect(codes(m, {})).toEqual([]);
  });
});

describe('overweight: latest WHZ above +2', () => {
  it('uses the WHZ the nutrition engine computes', () => {
    const heavy = assessNutrition({ sex: 'm', ageDays: 365, weightKg: 12.5, lengthHeightCm: 75, measure: 'l' });
    const usual = assessNutrition({ sex: 'm', ageDays: 365, weightKg: 9.6, lengthHeightCm: 75, measure: 'l' });
    expect(heavy.z.whz).toBeGreaterThan(2);
    expect(Math.abs(usual.z.whz ?? 99)).toBeLessThan(1);
    expect(codes([{ date: '2025-01-15', weightKg: 12.5, whz: heavy.z.whz }])).toEqual(['overweight']);
    expect(codes([{ date: '2025-01-15', weightKg: 9.6, whz: usual.z.whz }])).toEqual([]);
  });

  it.each([
    [2.01, true],
    [2, false], // "above +2": exactly +2 is not overweight
    [-2.5, false],
  ])('WHZ %d: flagged %s', (whz, flagged) => {
    expect(codes([{ date: '2025-01-15', weightKg: 12, whz }]).includes('overweight')).toBe(flagged);
  });

  it('looks at the latest measurement that has a WHZ', () => {
    const m: GrowthMeasurement[] = [
      { date: '2025-01-15', weightKg: 12.5, whz: 2.6 },
      { date: '2025-02-15', weightKg: 11.0, whz: 1.1 },
      { date: '2025-03-15', weightKg: 11.2 }, // weighed only, no length: no WHZ
    ];
    expect(codes(m)).toEqual([]);
    expect(growthFlags(m.slice(0, 1), CHILD)).toEqual([{ code: 'overweight', label: GROWTH_FLAG_LABELS.overweight, date: '2025-01-15' }]);
  });
});

describe('maternal MUAC below 23 cm', () => {
  const PREGNANT = { lmp: '2025-06-01' };
  const LACTATING = { lmp: '2024-06-01', deliveryDate: '2025-03-01' };
  it.each([
    ['pregnant, 225 mm', PREGNANT, '2025-08-01', 225, true],
    ['pregnant, 230 mm', PREGNANT, '2025-08-01', 230, false],
    ['lactating, 220 mm', LACTATING, '2025-05-01', 220, true],
    ['six months after delivery, 220 mm', LACTATING, '2025-09-01', 220, false],
    ['neither pregnant nor lactating, 220 mm', {}, '2025-05-01', 220, false],
  ] as const)('%s: flagged %s', (_case, subject, date, muacMm, flagged) => {
    expect(codes([{ date, weightKg: 48, muacMm }], subject).includes('maternal-muac-low')).toBe(flagged);
  });

  it('takes the latest MUAC', () => {
    const m: GrowthMeasurement[] = [
      { date: '2025-07-01', weightKg: 47, muacMm: 221 },
      { date: '2025-08-01', weightKg: 48, muacMm: 234 },
    ];
    expect(codes(m, PREGNANT)).toEqual([]);
    expect(codes(m.slice().reverse().slice(1), PREGNANT)).toEqual(['maternal-muac-low']);
  });
});

describe('input', () => {
  it('names the measurement with a malformed date', () => {
    expect(() => growthFlags([w('2025-01-10', 8), w('10/02/2025', 8)], CHILD)).toThrow(/measurements\[1\]\.date/);
    expect(() => growthFlags([w('2025-02-30', 8)], CHILD)).toThrow(RangeError);
  });

  it('labels every flag in Marathi and English', () => {
    for (const label of Object.values(GROWTH_FLAG_LABELS)) {
      expect(label.mr).toMatch(/[\u0900-\u097F]/);
      expect(label.en).toMatch(/^[\x20-\x7E—]+$/);
    }
    expect(growthFlags([], CHILD)).toEqual([]);
  });
});
