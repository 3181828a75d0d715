import type { BeneficiaryCategory } from './types.ts';

/** Category names as the operator and the Anganwadi worker know them. Pure data, shared with the screens. */
export const CATEGORY_LABELS: Record<BeneficiaryCategory, { mr: string; en: string }> = {
  pregnant: { mr: 'गर्भवती', en: 'Pregnant' },
  lactating: { mr: 'स्तनदा माता', en: 'Lactating mother' },
  'child-0-3': { mr: 'बालक (० ते ३ वर्षे)', en: 'Child (0–3 years)' },
  'child-3-6': { mr: 'बालक (३ ते ६ वर्षे)', en: 'Child (3–6 years)' },
  'child-6-18': { mr: 'बालक (६ ते १८ वर्षे)', en: 'Child (6–18 years)' },
  'adolescent-girl': { mr: 'किशोरवयीन मुलगी', en: 'Adolescent girl' },
  woman: { mr: 'महिला', en: 'Woman' },
  other: { mr: 'इतर', en: 'Other' },
};
