import type { BilingualText } from '../common/problem.ts';
import { ATTRIBUTION } from './who-tables.generated.ts';

/**
 * The WHO attribution in both languages, for every place that shows z-scores or a growth chart. The English
 * text is generated with the tables (scripts/extract-who-tables.ts); the Marathi one says the same things —
 * which standard, which years, the copyright holder, the tools whose rules are followed and where the tables
 * come from — so an operator who reads only Marathi sees whose standards these are.
 */
export const WHO_ATTRIBUTION: BilingualText = {
  en: ATTRIBUTION,
  mr:
    'वाढीचे z-गुण जागतिक आरोग्य संघटनेच्या (WHO) बाल वाढ मानकांवर (२००६, ० ते ५ वर्षे) व WHO वाढ संदर्भावर ' +
    '(२००७, ५ ते १९ वर्षे) आधारित आहेत, © जागतिक आरोग्य संघटना (World Health Organization); गणना WHO Anthro / ' +
    'AnthroPlus च्या नियमांनुसार. तक्ते npm पॅकेजेस jsgrowup (BSD-3-Clause) व who-growth (ISC) मधून घेतले आहेत.',
};
