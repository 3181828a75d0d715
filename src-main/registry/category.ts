import type { BeneficiaryCategory } from './types.ts';
import { addDays, ageInYears, daysBetween } from './dates.ts';

/** Naegele's rule: the expected date of delivery is 280 days after the last menstrual period. */
export const GESTATION_DAYS = 280;
/** Pregnancy is taken as still running up to 300 days after LMP (post-term), then the record needs review. */
export const PREGNANCY_LIMIT_DAYS = 300;
/** ICDS counts a mother as lactating for six months after delivery. */
export const LACTATION_DAYS = 183;

export function expectedDeliveryDate(lmp: string): string {
  return addDays(lmp, GESTATION_DAYS);
}

export interface CategoryFacts {
  sex: 'f' | 'm' | 'o';
  dob: string;
  lmpDate: string | null;
  deliveryDate: string | null;
}

/**
 * What makes a person an ICDS beneficiary on a given day, derived from dates and never typed: the same
 * woman is pregnant, then lactating, then neither, without anyone editing her record.
 */
export function beneficiaryCategory(facts: CategoryFacts, on: string): BeneficiaryCategory {
  if (facts.sex === 'f') {
    const sinceDelivery = facts.deliveryDate ? daysBetween(facts.deliveryDate, on) : null;
    const sinceLmp = facts.lmpDate ? daysBetween(facts.lmpDate, on) : null;
    const deliveredAfterLmp = facts.deliveryDate !== null && facts.lmpDate !== null && facts.deliveryDate >= facts.lmpDate;
    if (sinceLmp !== null && sinceLmp >= 0 && sinceLmp <= PREGNANCY_LIMIT_DAYS && !deliveredAfterLmp) return 'pregnant';
    if (sinceDelivery !== null && sinceDelivery >= 0 && sinceDelivery <= LACTATION_DAYS) return 'lactating';
  }
  const years = ageInYears(facts.dob, on);
  if (years < 3) return 'child-0-3';
  if (years < 6) return 'child-3-6';
  if (facts.sex === 'f' && years >= 11 && years < 19) return 'adolescent-girl';
  if (years < 18) return 'child-6-18';
  return facts.sex === 'f' ? 'woman' : 'other';
}

export const CATEGORY_LABELS: Record<BeneficiaryCategory, { mr: string; en: string }> = {
  pregnant: { mr: 'गर्भवती', en: 'Pregnant' },
  lactating: { mr: 'स्तनदा माता', en: 'Lactating mother' },
  'child-0-3': { mr: 'बालक (0–3 वर्षे)', en: 'Child (0–3 years)' },
  'child-3-6': { mr: 'बालक (3–6 वर्षे)', en: 'Child (3–6 years)' },
  'child-6-18': { mr: 'बालक (6–18 वर्षे)', en: 'Child (6–18 years)' },
  'adolescent-girl': { mr: 'किशोरवयीन मुलगी', en: 'Adolescent girl' },
  woman: { mr: 'महिला', en: 'Woman' },
  other: { mr: 'इतर', en: 'Other' },
};
