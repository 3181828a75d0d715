import type { Bilingual } from '../cards/index.ts';

/**
 * States and union territories by the ISO 3166-2:IN code stored in `migration.destination_state`, for the
 * destination line of cards and forms. The entry screen has the same list (src-renderer/lib/registration-options.ts);
 * both should come from one shared module once the state's master data carries it.
 */
const STATES: Readonly<Record<string, Bilingual>> = {
  MH: { mr: 'महाराष्ट्र', en: 'Maharashtra' },
  KA: { mr: 'कर्नाटक', en: 'Karnataka' },
  GJ: { mr: 'गुजरात', en: 'Gujarat' },
  MP: { mr: 'मध्य प्रदेश', en: 'Madhya Pradesh' },
  TG: { mr: 'तेलंगणा', en: 'Telangana' },
  AP: { mr: 'आंध्र प्रदेश', en: 'Andhra Pradesh' },
  GA: { mr: 'गोवा', en: 'Goa' },
  CT: { mr: 'छत्तीसगड', en: 'Chhattisgarh' },
  DH: { mr: 'दादरा नगर हवेली व दमण दीव', en: 'Dadra and Nagar Haveli and Daman and Diu' },
  AN: { mr: 'अंदमान व निकोबार बेटे', en: 'Andaman and Nicobar Islands' },
  AR: { mr: 'अरुणाचल प्रदेश', en: 'Arunachal Pradesh' },
  AS: { mr: 'आसाम', en: 'Assam' },
  BR: { mr: 'बिहार', en: 'Bihar' },
  CH: { mr: 'चंदीगड', en: 'Chandigarh' },
  DL: { mr: 'दिल्ली', en: 'Delhi' },
  HR: { mr: 'हरियाणा', en: 'Haryana' },
  HP: { mr: 'हिमाचल प्रदेश', en: 'Himachal Pradesh' },
  JK: { mr: 'जम्मू आणि काश्मीर', en: 'Jammu and Kashmir' },
  JH: { mr: 'झारखंड', en: 'Jharkhand' },
  KL: { mr: 'केरळ', en: 'Kerala' },
  LA: { mr: 'लडाख', en: 'Ladakh' },
  LD: { mr: 'लक्षद्वीप', en: 'Lakshadweep' },
  MN: { mr: 'मणिपूर', en: 'Manipur' },
  ML: { mr: 'मेघालय', en: 'Meghalaya' },
  MZ: { mr: 'मिझोराम', en: 'Mizoram' },
  NL: { mr: 'नागालँड', en: 'Nagaland' },
  OD: { mr: 'ओडिशा', en: 'Odisha' },
  PY: { mr: 'पुडुचेरी', en: 'Puducherry' },
  PB: { mr: 'पंजाब', en: 'Punjab' },
  RJ: { mr: 'राजस्थान', en: 'Rajasthan' },
  SK: { mr: 'सिक्कीम', en: 'Sikkim' },
  TN: { mr: 'तमिळनाडू', en: 'Tamil Nadu' },
  TR: { mr: 'त्रिपुरा', en: 'Tripura' },
  UP: { mr: 'उत्तर प्रदेश', en: 'Uttar Pradesh' },
  UK: { mr: 'उत्तराखंड', en: 'Uttarakhand' },
  WB: { mr: 'पश्चिम बंगाल', en: 'West Bengal' },
};

/** The state's names; an unknown code (newer master data) is shown as the code itself. */
export function stateName(code: string): Bilingual {
  return STATES[code] ?? { mr: code, en: code };
}
