/**
 * Nutrition statuses in ICDS terms, with Marathi and English labels and a colour.
 * Cut-offs apply to z-scores rounded to 2 decimals (what the operator sees), as WHO Anthro does.
 */

export type StatusIndicator = 'wfa' | 'wasting' | 'stunting' | 'thinness';
export type StatusSeverity = 'normal' | 'moderate' | 'severe' | 'check';
/** What a status was decided on. */
export type StatusBasis = 'waz' | 'whz' | 'haz' | 'baz' | 'muac' | 'oedema';

export interface Bilingual {
  readonly mr: string;
  readonly en: string;
}

export interface StatusDefinition {
  readonly indicator: StatusIndicator;
  readonly code: string;
  readonly severity: StatusSeverity;
  readonly label: Bilingual;
  /** CSS hex colour; the same colour for the same severity across indicators. */
  readonly colour: string;
}

export interface NutritionStatus extends StatusDefinition {
  readonly basis: readonly StatusBasis[];
}

export const STATUS_COLOURS: Readonly<Record<StatusSeverity, string>> = {
  normal: '#2e7d32', // green
  moderate: '#f9a825', // yellow
  severe: '#c62828', // red
  check: '#757575', // grey: implausible value, re-measure
};

const CHECK_LABEL: Bilingual = {
  mr: 'संशयास्पद नोंद — पुन्हा मोजा',
  en: 'Implausible value — re-measure',
};

function def(indicator: StatusIndicator, code: string, severity: StatusSeverity, mr: string, en: string): StatusDefinition {
  return Object.freeze({ indicator, code, severity, label: Object.freeze({ mr, en }), colour: STATUS_COLOURS[severity] });
}

/** Every status the engine can give, by indicator and code. */
export const NUTRITION_STATUS_LABELS = {
  wfa: {
    normal: def('wfa', 'normal', 'normal', 'सामान्य वजन', 'Normal weight'),
    muw: def('wfa', 'muw', 'moderate', 'मध्यम कमी वजन (MUW)', 'Moderately underweight (MUW)'),
    suw: def('wfa', 'suw', 'severe', 'तीव्र कमी वजन (SUW)', 'Severely underweight (SUW)'),
    check: def('wfa', 'check', 'check', CHECK_LABEL.mr, CHECK_LABEL.en),
  },
  wasting: {
    normal: def('wasting', 'normal', 'normal', 'सामान्य (तीव्र कुपोषण नाही)', 'Normal (no acute malnutrition)'),
    mam: def('wasting', 'mam', 'moderate', 'मध्यम तीव्र कुपोषित (MAM)', 'Moderate acute malnutrition (MAM)'),
    sam: def('wasting', 'sam', 'severe', 'अतितीव्र कुपोषित (SAM)', 'Severe acute malnutrition (SAM)'),
    check: def('wasting', 'check', 'check', CHECK_LABEL.mr, CHECK_LABEL.en),
  },
  stunting: {
    normal: def('stunting', 'normal', 'normal', 'सामान्य उंची', 'Normal height'),
    moderate: def('stunting', 'moderate', 'moderate', 'मध्यम बुटकेपणा', 'Moderately stunted'),
    severe: def('stunting', 'severe', 'severe', 'तीव्र बुटकेपणा', 'Severely stunted'),
    check: def('stunting', 'check', 'check', CHECK_LABEL.mr, CHECK_LABEL.en),
  },
  thinness: {
    normal: def('thinness', 'normal', 'normal', 'सामान्य BMI', 'Normal BMI'),
    thin: def('thinness', 'thin', 'moderate', 'कृशता', 'Thinness'),
    severe: def('thinness', 'severe', 'severe', 'तीव्र कृशता', 'Severe thinness'),
    check: def('thinness', 'check', 'check', CHECK_LABEL.mr, CHECK_LABEL.en),
  },
} as const satisfies Record<StatusIndicator, Record<string, StatusDefinition>>;

export type WfaStatusCode = keyof typeof NUTRITION_STATUS_LABELS.wfa;
export type WastingStatusCode = keyof typeof NUTRITION_STATUS_LABELS.wasting;
export type StuntingStatusCode = keyof typeof NUTRITION_STATUS_LABELS.stunting;
export type ThinnessStatusCode = keyof typeof NUTRITION_STATUS_LABELS.thinness;

/** MUAC cut-offs (mm) for children 6–59 months. */
export const MUAC_SAM_BELOW_MM = 115;
export const MUAC_MAM_BELOW_MM = 125;

function status(d: StatusDefinition, basis: readonly StatusBasis[]): NutritionStatus {
  return { ...d, basis };
}

/** A z-score with its plausibility flag; `null` z means not computed. */
export interface ZInput {
  readonly z: number | null;
  readonly implausible: boolean;
}

const L = NUTRITION_STATUS_LABELS;

/**
 * Weight-for-age: SUW z < −3, MUW −3 ≤ z < −2. With oedema WHO computes no weight z and counts the
 * child below −3 SD in its prevalence tables; the same is done here (SUW on the basis of oedema).
 */
export function wfaStatus(waz: ZInput, oedema: boolean, wfaInRange: boolean): NutritionStatus | null {
  if (oedema && wfaInRange) return status(L.wfa.suw, ['oedema']);
  if (waz.z === null) return null;
  if (waz.implausible) return status(L.wfa.check, ['waz']);
  if (waz.z < -3) return status(L.wfa.suw, ['waz']);
  if (waz.z < -2) return status(L.wfa.muw, ['waz']);
  return status(L.wfa.normal, ['waz']);
}

/**
 * Wasting (0–5 y): SAM if WHZ < −3, MUAC < 115 mm (6–59 months) or bilateral oedema; MAM if
 * −3 ≤ WHZ < −2 or MUAC 115–124 mm. Any SAM criterion wins over MAM; all criteria met are listed.
 */
export function wastingStatus(whz: ZInput, muacMm: number | null, oedema: boolean): NutritionStatus | null {
  const plausibleWhz = whz.z !== null && !whz.implausible ? whz.z : null;
  const sam: StatusBasis[] = [];
  if (oedema) sam.push('oedema');
  if (plausibleWhz !== null && plausibleWhz < -3) sam.push('whz');
  if (muacMm !== null && muacMm < MUAC_SAM_BELOW_MM) sam.push('muac');
  if (sam.length > 0) return status(L.wasting.sam, sam);
  const mam: StatusBasis[] = [];
  if (plausibleWhz !== null && plausibleWhz < -2) mam.push('whz');
  if (muacMm !== null && muacMm < MUAC_MAM_BELOW_MM) mam.push('muac');
  if (mam.length > 0) return status(L.wasting.mam, mam);
  if (whz.z !== null && whz.implausible) return status(L.wasting.check, ['whz']);
  const normal: StatusBasis[] = [];
  if (plausibleWhz !== null) normal.push('whz');
  if (muacMm !== null) normal.push('muac');
  return normal.length > 0 ? status(L.wasting.normal, normal) : null;
}

/** Stunting by length/height-for-age: severe z < −3, moderate −3 ≤ z < −2. */
export function stuntingStatus(haz: ZInput): NutritionStatus | null {
  if (haz.z === null) return null;
  if (haz.implausible) return status(L.stunting.check, ['haz']);
  if (haz.z < -3) return status(L.stunting.severe, ['haz']);
  if (haz.z < -2) return status(L.stunting.moderate, ['haz']);
  return status(L.stunting.normal, ['haz']);
}

/** Thinness (5–19 y) by BMI-for-age: severe z < −3, thinness −3 ≤ z < −2; oedema counts as severe. */
export function thinnessStatus(baz: ZInput, oedema: boolean): NutritionStatus | null {
  if (oedema) return status(L.thinness.severe, ['oedema']);
  if (baz.z === null) return null;
  if (baz.implausible) return status(L.thinness.check, ['baz']);
  if (baz.z < -3) return status(L.thinness.severe, ['baz']);
  if (baz.z < -2) return status(L.thinness.thin, ['baz']);
  return status(L.thinness.normal, ['baz']);
}
