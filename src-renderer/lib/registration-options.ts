/** Choice lists and labels of the registration screens, in both languages. */
import type { BilingualText } from '../../src-main/common/problem.ts';
import { INDIAN_STATES, stateName } from '../../src-main/common/states.ts';
import type { DistrictOption } from '../../src-main/api/contract.ts';
import type { AwcSummary } from '../../src-main/office/types.ts';
import type { DuplicateWarning } from '../../src-main/registry/types.ts';
import {
  POSTURE_OPTIONS,
  RELATION_OPTIONS,
  SEX_OPTIONS,
  SOCIAL_CATEGORY_OPTIONS,
  WORK_SECTOR_OPTIONS,
  type FormOption,
} from '../../src-main/registry/form-definition.ts';

/** One entry of a pick list: what is stored, what is shown, and what the operator may type to find it. */
export interface ChoiceOption {
  value: string;
  label: BilingualText;
  /** Shown before the label (AWC code, state code). */
  code?: string;
  /** Shown small after the label (village, sector). */
  detail?: string;
  /** Extra words that find the option: codes, former names. */
  terms?: string[];
}

export function fromFormOptions(options: readonly FormOption[]): ChoiceOption[] {
  return options.map((o) => ({ value: o.value, label: { mr: o.label.mr, en: o.label.en }, terms: [o.value] }));
}

export function awcOptions(list: readonly AwcSummary[]): ChoiceOption[] {
  return list.map((a) => ({
    value: a.code,
    code: a.code,
    label: { mr: a.nameMr, en: a.nameEn },
    detail: [a.village, a.sector].filter(Boolean).join(' · '),
    terms: [a.code, a.village, a.sector],
  }));
}

export function districtOptions(list: readonly DistrictOption[]): ChoiceOption[] {
  return list.map((d) => ({ value: String(d.lgd), label: d.name, detail: `LGD ${d.lgd}`, terms: [String(d.lgd), ...d.formerNames] }));
}

export const STATE_OPTIONS: ChoiceOption[] = INDIAN_STATES.map((s) => ({ value: s.code, code: s.code, label: { ...s.name }, terms: [s.code] }));

export function stateLabel(code: string): BilingualText {
  return stateName(code);
}

/** Fixed choices of the paper form by field key; lookups (AWC, district) are added by the page. */
export const FIXED_CHOICES: Record<string, ChoiceOption[]> = {
  socialCategory: fromFormOptions(SOCIAL_CATEGORY_OPTIONS),
  sex: fromFormOptions(SEX_OPTIONS),
  relation: fromFormOptions(RELATION_OPTIONS),
  posture: fromFormOptions(POSTURE_OPTIONS),
  workSector: fromFormOptions(WORK_SECTOR_OPTIONS),
  destinationState: STATE_OPTIONS,
};

function labelOf(options: readonly FormOption[], value: string): BilingualText {
  // The store writes some codes with underscores (sugar_factory) where the form has dashes.
  const wanted = value.toLowerCase().replaceAll('_', '-');
  const hit = options.find((o) => o.value.toLowerCase() === wanted);
  return hit ? { mr: hit.label.mr, en: hit.label.en } : { mr: value, en: value };
}

export const sexLabel = (value: string) => labelOf(SEX_OPTIONS, value);
export const relationLabel = (value: string) => labelOf(RELATION_OPTIONS, value);
export const workSectorLabel = (value: string) => labelOf(WORK_SECTOR_OPTIONS, value);
export const socialCategoryLabel = (value: string) => labelOf(SOCIAL_CATEGORY_OPTIONS, value);

export { CATEGORY_LABELS } from '../../src-main/registry/labels.ts';

export const MIGRATION_STATUS_LABELS: Record<string, BilingualText> = {
  planned: { mr: 'नियोजित', en: 'Planned' },
  departed: { mr: 'निघाले', en: 'Departed' },
  arrived: { mr: 'पोहोचले', en: 'Arrived' },
  moved: { mr: 'ठिकाण बदलले', en: 'Moved' },
  returned: { mr: 'परतले', en: 'Returned' },
  not_found: { mr: 'ठिकाणी सापडले नाहीत', en: 'Not found at destination' },
  'not-found': { mr: 'ठिकाणी सापडले नाहीत', en: 'Not found at destination' },
  none: { mr: 'स्थलांतर नोंद नाही', en: 'No migration recorded' },
};

export function migrationStatusLabel(status: string | null): BilingualText {
  return status ? (MIGRATION_STATUS_LABELS[status] ?? { mr: status, en: status }) : MIGRATION_STATUS_LABELS.none!;
}

export const DUPLICATE_REASON_LABELS: Record<DuplicateWarning['reasons'][number], BilingualText> = {
  // Possible, not certain: the office keeps only the last 4 digits and a 16-bit bucket of the number.
  'same-aadhaar-bucket': {
    mr: 'आधारचे शेवटचे ४ अंक व गट (बकेट) समान: बहुधा तोच आधार क्रमांक',
    en: 'Same last 4 digits and same bucket: probably the same Aadhaar',
  },
  'same-name': { mr: 'नाव, लिंग, जन्मतारीख (±१ वर्ष) व गाव जुळते', en: 'Same name, sex, date of birth (±1 year) and village' },
  'same-mobile': { mr: 'मोबाईल क्रमांक तोच', en: 'Same mobile number' },
};

export const DEACTIVATION_REASONS: { value: 'moved-away' | 'died' | 'duplicate' | 'other'; label: BilingualText }[] = [
  { value: 'moved-away', label: { mr: 'कायमचे स्थलांतरित', en: 'Moved away' } },
  { value: 'died', label: { mr: 'मृत्यू', en: 'Died' } },
  { value: 'duplicate', label: { mr: 'दुहेरी नोंद', en: 'Duplicate record' } },
  { value: 'other', label: { mr: 'इतर', en: 'Other' } },
];
