import { expectedDeliveryDate, isLactating, isPregnant, SAG_AGES } from '../schedule/index.ts';
import { ageInYears } from '../common/calendar.ts';
import type { BeneficiaryCategory } from './types.ts';

export { expectedDeliveryDate };
export { CATEGORY_LABELS } from './labels.ts';

/** The form refuses an LMP older than this: by then the woman has delivered and is recorded as lactating. */
export const PREGNANCY_LIMIT_DAYS = 300;

export interface CategoryFacts {
  sex: 'f' | 'm' | 'o';
  dob: string;
  lmpDate: string | null;
  deliveryDate: string | null;
}

/**
 * What makes a person an ICDS beneficiary on a given day, derived from dates and never typed: the same
 * woman is pregnant, then lactating, then neither, without anyone editing her record. Pregnancy and
 * lactation follow the schedule module's rules; children are split at 3 years because take-home ration
 * (6 months–3 years) and hot cooked meal (3–6 years) differ there. Adolescent girls are the Scheme for
 * Adolescent Girls' band (SAG_AGES, 14–18 in completed years), as the schedule counts them.
 */
export function beneficiaryCategory(facts: CategoryFacts, on: string): BeneficiaryCategory {
  const subject = { sex: facts.sex.toUpperCase() as 'F' | 'M' | 'O', dateOfBirth: facts.dob, lmp: facts.lmpDate, deliveryDate: facts.deliveryDate };
  if (facts.sex === 'f' && isPregnant(subject, on)) return 'pregnant';
  if (facts.sex === 'f' && isLactating(subject, on)) return 'lactating';
  const years = ageInYears(facts.dob, on);
  if (years < 3) return 'child-0-3';
  if (years < 6) return 'child-3-6';
  if (facts.sex === 'f' && years >= SAG_AGES.from && years <= SAG_AGES.to) return 'adolescent-girl';
  if (years < 18) return 'child-6-18';
  return facts.sex === 'f' ? 'woman' : 'other';
}

/**
 * The category printed on a card or family sheet: adults who are neither pregnant nor lactating (woman, other)
 * receive no ICDS service as such, so their card carries no category line.
 */
export function cardCategory(category: BeneficiaryCategory): BeneficiaryCategory | null {
  return category === 'woman' || category === 'other' ? null : category;
}
