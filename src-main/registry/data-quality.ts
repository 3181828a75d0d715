import { qualityWarnings, roundedReadingsReport, type PreviousMeasurement } from '../nutrition/index.ts';
import type { OfficeData } from '../office/service.ts';
import { addDays, daysBetween, todayIso } from '../common/calendar.ts';
import type { AwcDataQuality, MeasurementView, QualityNote } from './types.ts';

/**
 * Warnings for each measurement of one child against the ones before it: implausible z-scores, a height
 * lower than an earlier one, a weight change beyond growth within a month. Shown at entry and on the
 * child's page so a supervisor can send a doubtful reading back for re-measurement.
 */
export function withQualityNotes(measurements: MeasurementView[], sex: 'f' | 'm' | 'o'): MeasurementView[] {
  if (sex === 'o') return measurements;
  const previous: PreviousMeasurement[] = [];
  return measurements.map((m) => {
    const current = {
      sex,
      ageDays: m.ageDays,
      weightKg: m.weightKg,
      lengthHeightCm: m.heightCm,
      measure: m.posture === 'lying' ? ('l' as const) : m.posture === 'standing' ? ('h' as const) : null,
      oedema: m.oedema,
      muacMm: m.muacMm,
    };
    const notes: QualityNote[] = m.voided ? [] : qualityWarnings(current, previous).map((w) => ({ code: w.code, message: w.message }));
    if (!m.voided) previous.push({ ageDays: m.ageDays, weightKg: m.weightKg, lengthHeightCm: m.heightCm, measure: current.measure });
    return { ...m, qualityNotes: notes };
  });
}

/** The supervisor's view per AWC over recent measurements: rounding ("zero SAM") and implausible readings. */
export function awcDataQuality({ store }: OfficeData, sinceDays = 90, today = todayIso()): AwcDataQuality[] {
  const since = addDays(today, -sinceDays);
  const rows = store.all(
    store.db
      .selectFrom('measurement as m')
      .innerJoin('beneficiary as b', 'b.id', 'm.beneficiary_id')
      .innerJoin('household as h', 'h.id', 'b.household_id')
      .innerJoin('awc as a', 'a.code', 'h.awc_code')
      .select(['a.code', 'a.name_mr', 'a.name_en', 'm.weight_kg', 'm.length_cm', 'm.measure', 'm.muac_mm', 'm.oedema', 'm.measured_on', 'b.sex', 'b.dob'])
      .where('m.voided', '=', 0)
      .where('m.measured_on', '>=', since)
      .orderBy('a.code'),
  );
  const byAwc = new Map<string, typeof rows>();
  for (const row of rows) byAwc.set(row.code, [...(byAwc.get(row.code) ?? []), row]);
  return [...byAwc.entries()].map(([code, list]) => {
    const report = roundedReadingsReport(list.map((r) => ({ weightKg: r.weight_kg, lengthHeightCm: r.length_cm })));
    const implausible = list.filter((r) => {
      if (r.sex === 'o') return false;
      const warnings = qualityWarnings({
        sex: r.sex,
        ageDays: daysBetween(r.dob, r.measured_on),
        weightKg: r.weight_kg,
        lengthHeightCm: r.length_cm,
        measure: r.measure,
        oedema: r.oedema === 1,
        muacMm: r.muac_mm,
      });
      return warnings.some((w) => w.code.startsWith('implausible_'));
    }).length;
    return {
      awcCode: code,
      nameMr: list[0]!.name_mr,
      nameEn: list[0]!.name_en,
      measurements: list.length,
      roundedWeightShare: report.weights.share,
      roundedHeightShare: report.heights.share,
      implausible,
      warnings: report.warnings.map((w) => ({ code: w.code, message: w.message })),
    };
  });
}
