import { assessNutrition } from '../nutrition/index.ts';
import type { MeasurementTable } from '../store/schema.ts';
import { daysBetween } from '../common/calendar.ts';
import type { MeasurementView } from './types.ts';

type MeasurementRow = Pick<MeasurementTable, 'id' | 'measured_on' | 'weight_kg' | 'length_cm' | 'measure' | 'muac_mm' | 'void_reason'> & {
  oedema: number;
  voided: number;
};

/** A stored measurement with its WHO z-scores and ICDS statuses, computed when shown (never stored). */
export function measurementView(row: MeasurementRow, person: { sex: 'f' | 'm' | 'o'; dob: string }): MeasurementView {
  const ageDays = daysBetween(person.dob, row.measured_on);
  const assessment =
    person.sex === 'o' || ageDays < 0
      ? null
      : assessNutrition({
          sex: person.sex,
          ageDays,
          weightKg: row.weight_kg,
          lengthHeightCm: row.length_cm,
          measure: row.measure,
          oedema: row.oedema === 1,
          muacMm: row.muac_mm,
        });
  return {
    id: row.id,
    measuredOn: row.measured_on,
    ageDays,
    weightKg: row.weight_kg,
    heightCm: row.length_cm,
    posture: row.measure === 'l' ? 'lying' : row.measure === 'h' ? 'standing' : null,
    muacMm: row.muac_mm,
    oedema: row.oedema === 1,
    voided: row.voided === 1,
    voidReason: row.void_reason,
    z: assessment?.z ?? { waz: null, haz: null, whz: null, baz: null },
    statuses: assessment
      ? Object.values(assessment.statuses)
          .filter((status) => status !== null)
          .map((status) => ({ indicator: status.indicator, code: status.code, label: status.label, colour: status.colour, severity: status.severity }))
      : [],
    flags: assessment?.flags ?? [],
    qualityNotes: [],
  };
}
