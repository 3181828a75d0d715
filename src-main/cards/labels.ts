import { WORK_SECTOR_OPTIONS, SEX_OPTIONS } from '../registry/form-definition.ts';
import { CATEGORY_FIELD_LABEL, categoryLabel } from '../registry/labels.ts';
import type { Bilingual } from '../schedule/index.ts';
import type { Destination, WorkSector } from './views.ts';

export const HEADING = {
  government: { mr: 'महाराष्ट्र शासन — एकात्मिक बाल विकास सेवा', en: 'Government of Maharashtra — ICDS' },
  card: { mr: 'स्थलांतर कार्ड', en: 'Migration Card' },
  familySheet: { mr: 'स्थलांतरित कुटुंब — सेवा पत्रक', en: 'Migrant family — service sheet' },
} as const;

export const L = {
  mtsId: { mr: 'एमटीएस क्रमांक', en: 'MTS ID' },
  category: CATEGORY_FIELD_LABEL,
  dob: { mr: 'जन्मतारीख', en: 'Date of birth' },
  estimated: { mr: 'अंदाजे', en: 'est.' },
  sex: { mr: 'लिंग', en: 'Sex' },
  home: { mr: 'मूळ गाव', en: 'Home' },
  awc: { mr: 'अंगणवाडी', en: 'AWC' },
  destination: { mr: 'स्थलांतर', en: 'Destination' },
  work: { mr: 'काम', en: 'Work' },
  aadhaar: { mr: 'आधार', en: 'Aadhaar' },
  validUntil: { mr: 'वैधता', en: 'Valid until' },
  photo: { mr: 'छायाचित्र', en: 'Photo' },
  head: { mr: 'कुटुंबप्रमुख', en: 'Head of household' },
  contact: { mr: 'संपर्क', en: 'Contact' },
  sourceAwcContact: { mr: 'मूळ अंगणवाडी संपर्क', en: 'Home AWC contact' },
  employer: { mr: 'मालक / मुकादम', en: 'Employer / mukadam' },
  departure: { mr: 'निघाले', en: 'Left on' },
  expectedReturn: { mr: 'परत येणे अपेक्षित', en: 'Expected return' },
  members: { mr: 'सदस्य', en: 'Members' },
  nutrition: { mr: 'पोषण स्थिती', en: 'Nutrition status' },
  notMeasured: { mr: 'मोजमाप नाही', en: 'not measured' },
  servicesDue: { mr: 'थकीत, देय व लवकरच येणाऱ्या सेवा', en: 'Services overdue, due and coming up' },
  none: { mr: 'काही नाही', en: 'none' },
  overdue: { mr: 'थकीत', en: 'overdue' },
  due: { mr: 'देय', en: 'due' },
  since: { mr: 'पासून', en: 'since' },
  dueOn: { mr: 'देय दिनांक', en: 'due on' },
  printedOn: { mr: 'छपाई दिनांक', en: 'Printed on' },
  office: { mr: 'कार्यालय', en: 'Office' },
} as const satisfies Record<string, Bilingual>;

export function bi(label: Bilingual): string {
  return `${label.mr} / ${label.en}`;
}

export function sectorLabel(sector: WorkSector): Bilingual {
  const option = WORK_SECTOR_OPTIONS.find((o) => o.value === sector);
  if (!option) throw new RangeError(`unknown work sector: ${sector}`);
  return option.label;
}

export function sexLabel(sex: 'F' | 'M' | 'O'): Bilingual {
  const option = SEX_OPTIONS.find((o) => o.value === sex);
  if (!option) throw new RangeError(`unknown sex: ${sex}`);
  return option.label;
}

/** Category names come from the registry's one set (CATEGORY_LABELS), as on the screens. */
export { categoryLabel };

/** "place, block, district, state" in one script, skipping what is not known. */
export function destinationText(d: Destination, script: 'mr' | 'en'): string {
  return [d.place, d.block, d.district, d.state]
    .filter((p): p is Bilingual => !!p)
    .map((p) => p[script])
    .join(', ');
}

/**
 * Parts in Marathi, then " / " and the parts that read differently in English. A part typed once (a worksite,
 * a block name) is the same in both scripts and is printed once, not twice.
 */
export function bothScripts(parts: readonly (Bilingual | null | undefined)[]): string {
  const known = parts.filter((p): p is Bilingual => !!p);
  const mr = known.map((p) => p.mr).join(', ');
  const en = known.filter((p) => p.en !== p.mr).map((p) => p.en).join(', ');
  return en ? `${mr} / ${en}` : mr;
}

/** The destination for the card: place, block, district, state, each shown once. */
export function destinationBothScripts(d: Destination): string {
  return bothScripts([d.place, d.block, d.district, d.state]);
}
