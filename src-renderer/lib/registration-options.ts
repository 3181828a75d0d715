/** Choice lists and labels of the registration screens, in both languages. */
import type { BilingualText } from '../../src-main/common/problem.ts';
import type { DistrictOption } from '../../src-main/api/contract.ts';
import type { AwcSummary } from '../../src-main/office/types.ts';
import type { BeneficiaryCategory, DuplicateWarning } from '../../src-main/registry/types.ts';
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

/** States and union territories (ISO 3166-2:IN codes). Neighbours that receive Maharashtra's migrants first. */
export const STATES: readonly { code: string; mr: string; en: string }[] = [
  { code: 'MH', mr: 'महाराष्ट्र', en: 'Maharashtra' },
  { code: 'KA', mr: 'कर्नाटक', en: 'Karnataka' },
  { code: 'GJ', mr: 'गुजरात', en: 'Gujarat' },
  { code: 'MP', mr: 'मध्य प्रदेश', en: 'Madhya Pradesh' },
  { code: 'TG', mr: 'तेलंगणा', en: 'Telangana' },
  { code: 'AP', mr: 'आंध्र प्रदेश', en: 'Andhra Pradesh' },
  { code: 'GA', mr: 'गोवा', en: 'Goa' },
  { code: 'CT', mr: 'छत्तीसगड', en: 'Chhattisgarh' },
  { code: 'DH', mr: 'दादरा नगर हवेली व दमण दीव', en: 'Dadra and Nagar Haveli and Daman and Diu' },
  { code: 'AN', mr: 'अंदमान व निकोबार बेटे', en: 'Andaman and Nicobar Islands' },
  { code: 'AR', mr: 'अरुणाचल प्रदेश', en: 'Arunachal Pradesh' },
  { code: 'AS', mr: 'आसाम', en: 'Assam' },
  { code: 'BR', mr: 'बिहार', en: 'Bihar' },
  { code: 'CH', mr: 'चंदीगड', en: 'Chandigarh' },
  { code: 'DL', mr: 'दिल्ली', en: 'Delhi' },
  { code: 'HR', mr: 'हरियाणा', en: 'Haryana' },
  { code: 'HP', mr: 'हिमाचल प्रदेश', en: 'Himachal Pradesh' },
  { code: 'JK', mr: 'जम्मू आणि काश्मीर', en: 'Jammu and Kashmir' },
  { code: 'JH', mr: 'झारखंड', en: 'Jharkhand' },
  { code: 'KL', mr: 'केरळ', en: 'Kerala' },
  { code: 'LA', mr: 'लडाख', en: 'Ladakh' },
  { code: 'LD', mr: 'लक्षद्वीप', en: 'Lakshadweep' },
  { code: 'MN', mr: 'मणिपूर', en: 'Manipur' },
  { code: 'ML', mr: 'मेघालय', en: 'Meghalaya' },
  { code: 'MZ', mr: 'मिझोराम', en: 'Mizoram' },
  { code: 'NL', mr: 'नागालँड', en: 'Nagaland' },
  { code: 'OD', mr: 'ओडिशा', en: 'Odisha' },
  { code: 'PY', mr: 'पुडुचेरी', en: 'Puducherry' },
  { code: 'PB', mr: 'पंजाब', en: 'Punjab' },
  { code: 'RJ', mr: 'राजस्थान', en: 'Rajasthan' },
  { code: 'SK', mr: 'सिक्कीम', en: 'Sikkim' },
  { code: 'TN', mr: 'तमिळनाडू', en: 'Tamil Nadu' },
  { code: 'TR', mr: 'त्रिपुरा', en: 'Tripura' },
  { code: 'UP', mr: 'उत्तर प्रदेश', en: 'Uttar Pradesh' },
  { code: 'UK', mr: 'उत्तराखंड', en: 'Uttarakhand' },
  { code: 'WB', mr: 'पश्चिम बंगाल', en: 'West Bengal' },
];

export const STATE_OPTIONS: ChoiceOption[] = STATES.map((s) => ({ value: s.code, code: s.code, label: { mr: s.mr, en: s.en }, terms: [s.code] }));

export function stateLabel(code: string): BilingualText {
  const state = STATES.find((s) => s.code === code);
  return state ? { mr: state.mr, en: state.en } : { mr: code, en: code };
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

export const CATEGORY_LABELS: Record<BeneficiaryCategory, BilingualText> = {
  pregnant: { mr: 'गर्भवती', en: 'Pregnant' },
  lactating: { mr: 'स्तनदा माता', en: 'Lactating mother' },
  'child-0-3': { mr: 'बालक (० ते ३ वर्षे)', en: 'Child (0–3 years)' },
  'child-3-6': { mr: 'बालक (३ ते ६ वर्षे)', en: 'Child (3–6 years)' },
  'child-6-18': { mr: 'बालक (६ ते १८ वर्षे)', en: 'Child (6–18 years)' },
  'adolescent-girl': { mr: 'किशोरवयीन मुलगी', en: 'Adolescent girl' },
  woman: { mr: 'महिला', en: 'Woman' },
  other: { mr: 'इतर', en: 'Other' },
};

export const MIGRATION_STATUS_LABELS: Record<string, BilingualText> = {
  planned: { mr: 'नियोजित', en: 'Planned' },
  departed: { mr: 'निघाले', en: 'Departed' },
  arrived: { mr: 'पोहोचले', en: 'Arrived' },
  returned: { mr: 'परतले', en: 'Returned' },
  not_found: { mr: 'ठिकाणी सापडले नाहीत', en: 'Not found at destination' },
  'not-found': { mr: 'ठिकाणी सापडले नाहीत', en: 'Not found at destination' },
  none: { mr: 'स्थलांतर नोंद नाही', en: 'No migration recorded' },
};

export function migrationStatusLabel(status: string | null): BilingualText {
  return status ? (MIGRATION_STATUS_LABELS[status] ?? { mr: status, en: status }) : MIGRATION_STATUS_LABELS.none!;
}

export const DUPLICATE_REASON_LABELS: Record<DuplicateWarning['reasons'][number], BilingualText> = {
  'same-aadhaar': { mr: 'आधार क्रमांक तोच', en: 'Same Aadhaar number' },
  'same-name': { mr: 'नाव, लिंग, जन्मतारीख (±१ वर्ष) व गाव जुळते', en: 'Same name, sex, date of birth (±1 year) and village' },
  'same-mobile': { mr: 'मोबाईल क्रमांक तोच', en: 'Same mobile number' },
};

export const DEACTIVATION_REASONS: { value: 'moved-away' | 'died' | 'duplicate' | 'other'; label: BilingualText }[] = [
  { value: 'moved-away', label: { mr: 'कायमचे स्थलांतरित', en: 'Moved away' } },
  { value: 'died', label: { mr: 'मृत्यू', en: 'Died' } },
  { value: 'duplicate', label: { mr: 'दुहेरी नोंद', en: 'Duplicate record' } },
  { value: 'other', label: { mr: 'इतर', en: 'Other' } },
];
