import type { BilingualText } from '../common/problem.ts';
import type { BeneficiaryCategory } from './types.ts';

/**
 * Category names as the operator and the Anganwadi worker know them: the one set used by every screen,
 * card, printed sheet and export. Pure data (no imports at run time), so the renderer imports it too.
 * Marathi follows the app's glossary (गरोदर for pregnant); the field itself is "लाभार्थी प्रकार".
 */
export const CATEGORY_LABELS: Readonly<Record<BeneficiaryCategory, BilingualText>> = {
  pregnant: { mr: 'गरोदर महिला', en: 'Pregnant woman' },
  lactating: { mr: 'स्तनदा माता', en: 'Lactating mother' },
  'child-0-3': { mr: 'बालक (० ते ३ वर्षे)', en: 'Child (0–3 years)' },
  'child-3-6': { mr: 'बालक (३ ते ६ वर्षे)', en: 'Child (3–6 years)' },
  'child-6-18': { mr: 'बालक (६ ते १८ वर्षे)', en: 'Child (6–18 years)' },
  'adolescent-girl': { mr: 'किशोरवयीन मुलगी', en: 'Adolescent girl' },
  woman: { mr: 'महिला', en: 'Woman' },
  other: { mr: 'इतर', en: 'Other' },
};

/** The label of the category field itself (beneficiary category, not the social category). */
export const CATEGORY_FIELD_LABEL: BilingualText = { mr: 'लाभार्थी प्रकार', en: 'Category' };

export function categoryLabel(category: BeneficiaryCategory): BilingualText {
  return CATEGORY_LABELS[category];
}
