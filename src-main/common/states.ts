/**
 * States and union territories by the ISO 3166-2:IN code stored in `migration.destination_state`: for the
 * entry screen's pick list and for the destination line of cards and forms. Pure data; Maharashtra and the
 * neighbours that receive its migrants come first. The state's master data may later supersede it.
 */
export interface IndianState {
  readonly code: string;
  readonly name: { readonly mr: string; readonly en: string };
}

export const INDIAN_STATES: readonly IndianState[] = [
  { code: 'MH', name: { mr: 'महाराष्ट्र', en: 'Maharashtra' } },
  { code: 'KA', name: { mr: 'कर्नाटक', en: 'Karnataka' } },
  { code: 'GJ', name: { mr: 'गुजरात', en: 'Gujarat' } },
  { code: 'MP', name: { mr: 'मध्य प्रदेश', en: 'Madhya Pradesh' } },
  { code: 'TG', name: { mr: 'तेलंगणा', en: 'Telangana' } },
  { code: 'AP', name: { mr: 'आंध्र प्रदेश', en: 'Andhra Pradesh' } },
  { code: 'GA', name: { mr: 'गोवा', en: 'Goa' } },
  { code: 'CT', name: { mr: 'छत्तीसगड', en: 'Chhattisgarh' } },
  { code: 'DH', name: { mr: 'दादरा नगर हवेली व दमण दीव', en: 'Dadra and Nagar Haveli and Daman and Diu' } },
  { code: 'AN', name: { mr: 'अंदमान व निकोबार बेटे', en: 'Andaman and Nicobar Islands' } },
  { code: 'AR', name: { mr: 'अरुणाचल प्रदेश', en: 'Arunachal Pradesh' } },
  { code: 'AS', name: { mr: 'आसाम', en: 'Assam' } },
  { code: 'BR', name: { mr: 'बिहार', en: 'Bihar' } },
  { code: 'CH', name: { mr: 'चंदीगड', en: 'Chandigarh' } },
  { code: 'DL', name: { mr: 'दिल्ली', en: 'Delhi' } },
  { code: 'HR', name: { mr: 'हरियाणा', en: 'Haryana' } },
  { code: 'HP', name: { mr: 'हिमाचल प्रदेश', en: 'Himachal Pradesh' } },
  { code: 'JK', name: { mr: 'जम्मू आणि काश्मीर', en: 'Jammu and Kashmir' } },
  { code: 'JH', name: { mr: 'झारखंड', en: 'Jharkhand' } },
  { code: 'KL', name: { mr: 'केरळ', en: 'Kerala' } },
  { code: 'LA', name: { mr: 'लडाख', en: 'Ladakh' } },
  { code: 'LD', name: { mr: 'लक्षद्वीप', en: 'Lakshadweep' } },
  { code: 'MN', name: { mr: 'मणिपूर', en: 'Manipur' } },
  { code: 'ML', name: { mr: 'मेघालय', en: 'Meghalaya' } },
  { code: 'MZ', name: { mr: 'मिझोराम', en: 'Mizoram' } },
  { code: 'NL', name: { mr: 'नागालँड', en: 'Nagaland' } },
  { code: 'OD', name: { mr: 'ओडिशा', en: 'Odisha' } },
  { code: 'PY', name: { mr: 'पुडुचेरी', en: 'Puducherry' } },
  { code: 'PB', name: { mr: 'पंजाब', en: 'Punjab' } },
  { code: 'RJ', name: { mr: 'राजस्थान', en: 'Rajasthan' } },
  { code: 'SK', name: { mr: 'सिक्कीम', en: 'Sikkim' } },
  { code: 'TN', name: { mr: 'तमिळनाडू', en: 'Tamil Nadu' } },
  { code: 'TR', name: { mr: 'त्रिपुरा', en: 'Tripura' } },
  { code: 'UP', name: { mr: 'उत्तर प्रदेश', en: 'Uttar Pradesh' } },
  { code: 'UK', name: { mr: 'उत्तराखंड', en: 'Uttarakhand' } },
  { code: 'WB', name: { mr: 'पश्चिम बंगाल', en: 'West Bengal' } },
];

/** The state's names; an unknown code (newer master data) is shown as the code itself. */
export function stateName(code: string): { mr: string; en: string } {
  const state = INDIAN_STATES.find((s) => s.code === code);
  return state ? { ...state.name } : { mr: code, en: code };
}
