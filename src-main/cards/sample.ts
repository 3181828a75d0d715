import { beneficiaryCategory, cardCategory } from '../registry/category.ts';
import type { CardView, HomePlace, WorkSector } from './views.ts';

/**
 * Realistic synthetic cards (names and places of Nandurbar and Beed districts) for benchmarks, demos and tests.
 * No real person: names are common combinations, IDs are made up.
 */

const GIVEN: readonly [string, string, 'F' | 'M'][] = [
  ['सुनीता', 'Sunita', 'F'],
  ['लक्ष्मी', 'Laxmi', 'F'],
  ['शालूबाई', 'Shalubai', 'F'],
  ['कविता', 'Kavita', 'F'],
  ['रेखा', 'Rekha', 'F'],
  ['पूजा', 'Pooja', 'F'],
  ['आरती', 'Arti', 'F'],
  ['गणेश', 'Ganesh', 'M'],
  ['विशाल', 'Vishal', 'M'],
  ['ज्ञानेश्वर', 'Dnyaneshwar', 'M'],
  ['सोमनाथ', 'Somnath', 'M'],
  ['आदित्य', 'Aditya', 'M'],
];
const FATHER: readonly [string, string][] = [
  ['रामदास', 'Ramdas'],
  ['शंकर', 'Shankar'],
  ['बाळू', 'Balu'],
  ['भीमराव', 'Bhimrao'],
  ['सखाराम', 'Sakharam'],
  ['दत्तात्रय', 'Dattatray'],
];
const SURNAME: readonly [string, string][] = [
  ['पवार', 'Pawar'],
  ['वळवी', 'Valvi'],
  ['पाडवी', 'Padvi'],
  ['गावित', 'Gavit'],
  ['मुंडे', 'Munde'],
  ['सानप', 'Sanap'],
  ['राठोड', 'Rathod'],
];

export const SAMPLE_HOMES: readonly HomePlace[] = [
  {
    village: { mr: 'काकरदा', en: 'Kakarda' },
    block: { mr: 'धडगाव', en: 'Dhadgaon' },
    district: { mr: 'नंदुरबार', en: 'Nandurbar' },
    awc: { code: '27351010205', name: { mr: 'काकरदा-२', en: 'Kakarda-2' } },
  },
  {
    village: { mr: 'मोलगी', en: 'Molgi' },
    block: { mr: 'अक्कलकुवा', en: 'Akkalkuwa' },
    district: { mr: 'नंदुरबार', en: 'Nandurbar' },
    awc: { code: '27351020117', name: { mr: 'मोलगी', en: 'Molgi' } },
  },
  {
    village: { mr: 'पाटोदा', en: 'Patoda' },
    block: { mr: 'पाटोदा', en: 'Patoda' },
    district: { mr: 'बीड', en: 'Beed' },
    awc: { code: '27523040311', name: { mr: 'पाटोदा-३', en: 'Patoda-3' } },
  },
];

const SECTORS: readonly WorkSector[] = ['sugarcane-cutting', 'brick-kiln', 'sugar-factory', 'construction'];
/** Categories are derived on this day, as the app does. */
export const SAMPLE_DATE = '2025-11-15';

/** A 16-digit ID with the serial in the last digits; opaque for the card, not a checked MTS ID. */
export function sampleMtsId(serial: number): string {
  return `2714001${String(serial).padStart(9, '0')}`;
}

const sexCode = (sex: 'F' | 'M' | 'O'): 'f' | 'm' | 'o' => (sex === 'F' ? 'f' : sex === 'M' ? 'm' : 'o');

export function sampleCardView(i: number): CardView {
  const [givenMr, givenEn, sex] = GIVEN[i % GIVEN.length]!;
  const [fatherMr, fatherEn] = FATHER[Math.floor(i / GIVEN.length) % FATHER.length]!;
  const [surMr, surEn] = SURNAME[i % SURNAME.length]!;
  const home = SAMPLE_HOMES[i % SAMPLE_HOMES.length]!;
  // Every third woman is a mother (pregnant or lactating); everyone else is a child or adolescent.
  const mother = sex === 'F' && i % 3 === 0;
  const dateOfBirth = mother
    ? `${1994 + (i % 9)}-0${1 + (i % 9)}-1${i % 10}`
    : `${2008 + (i % 17)}-0${1 + (i % 9)}-1${i % 10}`;
  const lmp = mother && i % 2 === 0 ? '2025-07-20' : null;
  const deliveryDate = mother && i % 2 === 1 ? '2025-09-02' : null;
  return {
    mtsId: sampleMtsId(421 + i),
    nameMr: `${givenMr} ${fatherMr} ${surMr}`,
    nameEn: `${givenEn} ${fatherEn} ${surEn}`,
    sex,
    dateOfBirth,
    dobEstimated: i % 7 === 3,
    category: cardCategory(beneficiaryCategory({ sex: sexCode(sex), dob: dateOfBirth, lmpDate: lmp, deliveryDate }, SAMPLE_DATE)),
    maskedAadhaar: i % 4 === 2 ? null : `XXXX XXXX ${String(1000 + ((i * 37) % 9000)).padStart(4, '0')}`,
    home,
    destination: {
      state: { mr: 'महाराष्ट्र', en: 'Maharashtra' },
      district: { mr: 'कोल्हापूर', en: 'Kolhapur' },
      block: { mr: 'कागल', en: 'Kagal' },
      place: { mr: 'शाहू साखर कारखाना', en: 'Shahu sugar factory' },
    },
    workSector: SECTORS[i % SECTORS.length] ?? null,
    photo: null,
    validUntil: '2026-06-30',
  };
}

export function sampleCardViews(count: number): CardView[] {
  return Array.from({ length: count }, (_, i) => sampleCardView(i));
}
