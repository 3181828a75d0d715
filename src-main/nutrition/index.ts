/** Nutrition engine: WHO z-scores (0–19 y), ICDS statuses, quality warnings, growth curves, batch CSV. */
export {
  assessNutrition,
  type GrowthReference,
  type Measure,
  type NutritionAssessment,
  type NutritionFlag,
  type NutritionInput,
  type NutritionStatuses,
  type Sex,
  type ZScores,
} from './assess.ts';
export {
  MUAC_MAM_BELOW_MM,
  MUAC_SAM_BELOW_MM,
  NUTRITION_STATUS_LABELS,
  STATUS_COLOURS,
  type Bilingual,
  type NutritionStatus,
  type StatusBasis,
  type StatusDefinition,
  type StatusIndicator,
  type StatusSeverity,
} from './status.ts';
export {
  qualityWarnings,
  roundedReadingsReport,
  type AwcRoundingReport,
  type PreviousMeasurement,
  type QualityWarning,
  type QualityWarningCode,
} from './quality.ts';
export { CURVE_Z, growthCurves, type CurveIndicator, type CurvePoint } from './curves.ts';
export { classifyCsv, CsvFormatError, type ClassifyCsvResult } from './csv.ts';
export { ATTRIBUTION } from './who-tables.generated.ts';
export { WHO_ATTRIBUTION } from './attribution.ts';
export {
  growthFlags,
  GROWTH_FLAG_LABELS,
  MATERNAL_MUAC_BELOW_MM,
  MONTHLY_GAP_DAYS,
  OVERWEIGHT_WHZ_ABOVE,
  type GrowthFlag,
  type GrowthFlagCode,
  type GrowthMeasurement,
  type GrowthSubject,
} from './growth-flags.ts';
