import type { BilingualText } from '../common/problem.ts';

export interface District {
  /** Local Government Directory code of the district. */
  lgd: number;
  name: BilingualText;
  /** Names still found on old paper forms and records; kept searchable. */
  formerNames: string[];
}

/**
 * Maharashtra's 36 districts with their LGD codes, under their current official names. Master data
 * from the state supersedes this list once the office is enrolled with the hub.
 */
export const MAHARASHTRA_DISTRICTS: readonly District[] = [
  { lgd: 466, name: { en: 'Ahilyanagar', mr: 'अहिल्यानगर' }, formerNames: ['Ahmednagar', 'Ahmadnagar', 'अहमदनगर'] },
  { lgd: 467, name: { en: 'Akola', mr: 'अकोला' }, formerNames: [] },
  { lgd: 468, name: { en: 'Amravati', mr: 'अमरावती' }, formerNames: [] },
  { lgd: 469, name: { en: 'Chhatrapati Sambhajinagar', mr: 'छत्रपती संभाजीनगर' }, formerNames: ['Aurangabad', 'औरंगाबाद'] },
  { lgd: 470, name: { en: 'Beed', mr: 'बीड' }, formerNames: ['Bid'] },
  { lgd: 471, name: { en: 'Bhandara', mr: 'भंडारा' }, formerNames: [] },
  { lgd: 472, name: { en: 'Buldhana', mr: 'बुलढाणा' }, formerNames: ['Buldana'] },
  { lgd: 473, name: { en: 'Chandrapur', mr: 'चंद्रपूर' }, formerNames: ['Chanda'] },
  { lgd: 474, name: { en: 'Dhule', mr: 'धुळे' }, formerNames: ['Dhulia'] },
  { lgd: 475, name: { en: 'Gadchiroli', mr: 'गडचिरोली' }, formerNames: [] },
  { lgd: 476, name: { en: 'Gondia', mr: 'गोंदिया' }, formerNames: ['Gondiya'] },
  { lgd: 477, name: { en: 'Hingoli', mr: 'हिंगोली' }, formerNames: [] },
  { lgd: 478, name: { en: 'Jalgaon', mr: 'जळगाव' }, formerNames: [] },
  { lgd: 479, name: { en: 'Jalna', mr: 'जालना' }, formerNames: [] },
  { lgd: 480, name: { en: 'Kolhapur', mr: 'कोल्हापूर' }, formerNames: [] },
  { lgd: 481, name: { en: 'Latur', mr: 'लातूर' }, formerNames: [] },
  { lgd: 482, name: { en: 'Mumbai City', mr: 'मुंबई शहर' }, formerNames: ['Mumbai', 'Bombay'] },
  { lgd: 483, name: { en: 'Mumbai Suburban', mr: 'मुंबई उपनगर' }, formerNames: [] },
  { lgd: 484, name: { en: 'Nagpur', mr: 'नागपूर' }, formerNames: [] },
  { lgd: 485, name: { en: 'Nanded', mr: 'नांदेड' }, formerNames: [] },
  { lgd: 486, name: { en: 'Nandurbar', mr: 'नंदुरबार' }, formerNames: [] },
  { lgd: 487, name: { en: 'Nashik', mr: 'नाशिक' }, formerNames: ['Nasik'] },
  { lgd: 488, name: { en: 'Dharashiv', mr: 'धाराशिव' }, formerNames: ['Osmanabad', 'उस्मानाबाद'] },
  { lgd: 489, name: { en: 'Parbhani', mr: 'परभणी' }, formerNames: [] },
  { lgd: 490, name: { en: 'Pune', mr: 'पुणे' }, formerNames: ['Poona'] },
  { lgd: 491, name: { en: 'Raigad', mr: 'रायगड' }, formerNames: ['Kolaba'] },
  { lgd: 492, name: { en: 'Ratnagiri', mr: 'रत्नागिरी' }, formerNames: [] },
  { lgd: 493, name: { en: 'Sangli', mr: 'सांगली' }, formerNames: [] },
  { lgd: 494, name: { en: 'Satara', mr: 'सातारा' }, formerNames: [] },
  { lgd: 495, name: { en: 'Sindhudurg', mr: 'सिंधुदुर्ग' }, formerNames: [] },
  { lgd: 496, name: { en: 'Solapur', mr: 'सोलापूर' }, formerNames: ['Sholapur'] },
  { lgd: 497, name: { en: 'Thane', mr: 'ठाणे' }, formerNames: [] },
  { lgd: 498, name: { en: 'Wardha', mr: 'वर्धा' }, formerNames: [] },
  { lgd: 499, name: { en: 'Washim', mr: 'वाशिम' }, formerNames: [] },
  { lgd: 500, name: { en: 'Yavatmal', mr: 'यवतमाळ' }, formerNames: ['Yeotmal'] },
  { lgd: 665, name: { en: 'Palghar', mr: 'पालघर' }, formerNames: [] },
];

export function findDistrict(lgd: number): District | undefined {
  return MAHARASHTRA_DISTRICTS.find((district) => district.lgd === lgd);
}
