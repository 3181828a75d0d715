import { fieldProblem, Problem } from '../../common/problem.ts';
import {
  assessNutrition,
  ATTRIBUTION,
  WHO_ATTRIBUTION,
  classifyCsv,
  CsvFormatError,
  growthCurves,
  NUTRITION_STATUS_LABELS,
  qualityWarnings,
  type NutritionInput,
} from '../../nutrition/index.ts';
import type { nutritionContract } from '../contracts/nutrition.ts';
import type { HandlersOf } from '../handler-types.ts';

const DAY_MS = 86_400_000;

export const nutritionHandlers: HandlersOf<typeof nutritionContract> = {
  'nutrition.assess': (input) => {
    const measurement: NutritionInput = {
      sex: input.sex,
      ageDays: ageInDays(input),
      weightKg: input.weightKg,
      lengthHeightCm: input.lengthHeightCm,
      measure: input.measure,
      oedema: input.oedema,
      muacMm: input.muacMm,
    };
    const assessment = assessNutrition(measurement);
    return { ...assessment, warnings: qualityWarnings(measurement, [], assessment) };
  },

  'nutrition.curves': ({ indicator, sex, fromMonths, toMonths }) => {
    if (fromMonths > toMonths) {
      throw fieldProblem('toMonths', 'The end age must not be before the start age.', 'शेवटचे वय सुरुवातीच्या वयापेक्षा कमी नसावे.');
    }
    return growthCurves(indicator, sex, fromMonths, toMonths);
  },

  'nutrition.classifyCsv': ({ csv }) => {
    try {
      return classifyCsv(csv);
    } catch (error) {
      if (error instanceof CsvFormatError) throw csvProblem(error);
      throw error;
    }
  },

  'nutrition.about': () => ({ attribution: ATTRIBUTION, attributionText: WHO_ATTRIBUTION, statusLabels: NUTRITION_STATUS_LABELS }),
};

/** Age as WHO Anthro counts it: whole calendar days from birth to the measurement. */
function ageInDays(input: { ageDays: number | null; dob: string | null; measuredOn: string | null }): number {
  if (input.dob !== null && input.measuredOn !== null) {
    const days = (Date.parse(input.measuredOn) - Date.parse(input.dob)) / DAY_MS;
    if (days < 0) {
      throw fieldProblem('measuredOn', 'The date of measurement is before the date of birth.', 'मोजमापाची तारीख जन्मतारखेच्या आधीची आहे.');
    }
    return days;
  }
  if (input.ageDays !== null) return input.ageDays;
  const missing = input.dob === null ? 'dob' : 'measuredOn';
  throw fieldProblem(
    missing,
    'Give the age in days, or both the date of birth and the date of measurement.',
    'वय (दिवस) द्या, किंवा जन्मतारीख आणि मोजमापाची तारीख दोन्ही द्या.',
  );
}

/** The engine's file-level message in both languages, naming the column the operator must add. */
function csvProblem(error: CsvFormatError): Problem {
  const en = error.message;
  const missing = /missing from the header: (.+)$/.exec(en);
  let mr: string;
  if (missing) mr = `CSV च्या पहिल्या (शीर्षक) ओळीत आवश्यक स्तंभ नाही: ${missing[1]}.`;
  else if (/no header row/.test(en)) mr = 'CSV फाइलमध्ये शीर्षक ओळ नाही (पहिल्या ओळीत स्तंभांची नावे हवीत).';
  else if (/quoted field/.test(en)) mr = 'CSV फाइल अवतरण चिन्हाच्या आतच संपते (बंद करणारे " नाही).';
  else mr = `CSV फाइल वाचता आली नाही: ${en}`;
  const text = { en: `${en}.`.replace(/\.\.$/, '.'), mr };
  return new Problem('csv-format', text, [{ field: 'csv', message: text }]);
}
