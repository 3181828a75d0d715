import { z } from 'zod';
import type { CurvePoint, NutritionAssessment, QualityWarning, StatusDefinition, StatusIndicator } from '../../nutrition/index.ts';
import { endpoint, type Endpoint } from '../endpoint.ts';
import { nothing } from './office.ts';

/** Older than 19 years the engine has no reference; a little slack lets it say so itself. */
const MAX_AGE_DAYS = 7400;
/** Batch files: a whole district's survey stays well under this. */
export const MAX_CLASSIFY_CSV_CHARS = 20 * 1024 * 1024;

const sex = z.enum(['m', 'f']);
const isoDate = z.iso.date('date as YYYY-MM-DD');
const optionalReading = (max: number) => z.number().positive().max(max).nullable().default(null);

export const assessInput = z
  .object({
    sex,
    /** Either the age in days, or both dates (age = measuredOn − dob, as WHO Anthro counts it). */
    ageDays: z.number().min(0).max(MAX_AGE_DAYS).nullable().default(null),
    dob: isoDate.nullable().default(null),
    measuredOn: isoDate.nullable().default(null),
    weightKg: optionalReading(250),
    lengthHeightCm: optionalReading(250),
    measure: z.enum(['l', 'h']).nullable().default(null),
    oedema: z.boolean().default(false),
    muacMm: optionalReading(500),
  })
  .strict();

export type AssessInput = z.input<typeof assessInput>;

export interface NutritionResult extends NutritionAssessment {
  /** Bilingual data-quality warnings for this one measurement (implausible values, posture). */
  warnings: QualityWarning[];
}

export interface NutritionAbout {
  /** WHO data attribution; shown wherever z-scores are shown. */
  attribution: string;
  /** The same attribution in Marathi and English (`attribution` is its English text). */
  attributionText: { mr: string; en: string };
  /** Every status the engine can give, with labels and colours, e.g. to label batch counts. */
  statusLabels: Record<StatusIndicator, Record<string, StatusDefinition>>;
}

export interface ClassifyCsvReply {
  csv: string;
  /** `<status column>:<code>`, `flag:<code>` and `error` → number of rows. */
  counts: Record<string, number>;
  rows: number;
}

export const nutritionContract = {
  'nutrition.assess': endpoint<NutritionResult>()('operator', assessInput),
  'nutrition.curves': endpoint<CurvePoint[]>()(
    'operator',
    z
      .object({
        indicator: z.enum(['wfa', 'hfa']),
        sex,
        fromMonths: z.number().min(0).max(228).default(0),
        toMonths: z.number().min(0).max(228).default(60),
      })
      .strict(),
  ),
  'nutrition.classifyCsv': endpoint<ClassifyCsvReply>()('supervisor', z.object({ csv: z.string().max(MAX_CLASSIFY_CSV_CHARS) }).strict()),
  'nutrition.about': endpoint<NutritionAbout>()('public', nothing),
} satisfies Record<string, Endpoint>;
