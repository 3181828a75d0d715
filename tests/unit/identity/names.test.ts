import { describe, expect, it } from 'vitest';
import { devanagariToPhonemes } from '../../../src-main/identity/devanagari.ts';
import { NAME_LEXICON } from '../../../src-main/identity/name-lexicon.ts';
import { Sanscript } from '../../../src-main/identity/sanscript.ts';
import {
  nameTokens,
  namesMatch,
  phoneticKey,
  toDevanagariName,
  toLatinName,
} from '../../../src-main/identity/index.ts';

// Spelling variants met in Maharashtra records: each group is one name.
const VARIANT_GROUPS: readonly (readonly string[])[] = [
  ['Sunita', 'Suneeta', 'Sunitha', 'सुनीता', 'सुनिता'],
  ['Pawar', 'Powar', 'पवार'],
  ['Shinde', 'Scinde', 'शिंदे'],
  ['Vaishali', 'Waishali', 'वैशाली'],
  ['Laxmi', 'Lakshmi', 'लक्ष्मी'],
  ['Dnyaneshwar', 'Gyaneshwar', 'Jnaneshwar', 'Dnyaneshvar', 'ज्ञानेश्वर'],
  ['Jadhav', 'Jadhao', 'जाधव'],
  ['Gaikwad', 'Gaekwad', 'Gayakwad', 'गायकवाड'],
  ['Kamble', 'Kambale', 'कांबळे'],
  ['Vitthal', 'Vithal', 'Withal', 'विठ्ठल'],
  ['Dattatray', 'Dattatraya', 'Datatray', 'दत्तात्रय'],
  ['Ganpat', 'Ganapat', 'Ganpath', 'गणपत'],
  ['Sambhaji', 'Sambaji', 'Sanbhaji', 'संभाजी'],
  ['Pooja', 'Puja', 'पूजा'],
  ['Ashwini', 'Aswini', 'Ashvini', 'अश्विनी'],
  ['Swati', 'Swathi', 'स्वाती'],
  ['Sangita', 'Sangeeta', 'Sangeetha', 'संगीता'],
  ['Parvati', 'Parwati', 'Parvathi', 'पार्वती'],
  ['Hrishikesh', 'Rushikesh', 'Hrushikesh', 'Rishikesh', 'ऋषिकेश', 'हृषीकेश'],
  ['Krishna', 'Krushna', 'कृष्णा'],
  ['Amruta', 'Amrita', 'अमृता'],
  ['Chavan', 'Chavhan', 'चव्हाण'],
  ['Salunkhe', 'Salunke', 'साळुंखे'],
  ['Deshmukh', 'Desmukh', 'देशमुख'],
  ['Mhatre', 'म्हात्रे'],
  ['Suryavanshi', 'Suryawanshi', 'Sooryavanshi', 'सूर्यवंशी'],
  ['Yashwant', 'Yashvant', 'यशवंत'],
  ['Kailas', 'Kailash', 'कैलास'],
  ['Ramdas', 'Ramadas', 'रामदास'],
  ['Zende', 'Jhende', 'झेंडे'],
  ['Phule', 'Fule', 'फुले'],
  ['Gauri', 'Gouri', 'गौरी'],
  ['Bhimrao', 'भीमराव', 'Bhim'],
  ['Ghorpade', 'Ghorapade', 'घोरपडे'],
  ['Mangala', 'Mangla', 'मंगला'],
  ['Sunitabai', 'Sunita', 'सुनीताबाई'],
  ['Jyoti', 'Jyothi', 'ज्योती'],
  ['Sharada', 'Sharda', 'शारदा'],
  ['Sai', 'साई'],
  ['Vijay', 'Vijaya', 'विजय'],
  ['Pandurang', 'Pandhurang', 'पांडुरंग'],
  ['Patil', 'Pateel', 'पाटील'],
  ['Omkar', 'Onkar', 'ओंकार'],
  ['Balasaheb', 'Baalasaheb', 'बाळासाहेब'],
  ['Raut', 'Rawat', 'राऊत'],
  ['Sunītā', 'Sunita'], // IAST
];

const NON_MATCHES: readonly (readonly [string, string])[] = [
  ['Sunita', 'Sunil'], ['Pawar', 'Patil'], ['Kavita', 'Savita'], ['Anita', 'Amita'], ['Ganesh', 'Mahesh'],
  ['Asha', 'Usha'], ['Shinde', 'Shende'], ['Kale', 'Kole'], ['More', 'Mane'], ['Jadhav', 'Yadav'],
  ['Ramesh', 'Rajesh'], ['Suresh', 'Naresh'], ['Vijay', 'Ajay'], ['Sachin', 'Nitin'], ['Komal', 'Kamal'],
  ['Mohan', 'Madan'], ['Sangita', 'Sunita'], ['Lata', 'Latika'], ['Gita', 'Sita'], ['Santosh', 'Sanjay'],
  ['Deshmukh', 'Deshpande'], ['Kamble', 'Kale'], ['Gaikwad', 'Gawade'], ['Kiran', 'Karan'],
  ['Savita', 'Sarita'], ['Rekha', 'Rakhi'], ['Anil', 'Amol'], ['Sunanda', 'Nanda'], ['Shankar', 'Shekhar'],
  ['सुनीता', 'सुनील'], ['पवार', 'पाटील'], ['Mangesh', 'Manish'], ['Rupali', 'Dipali'], ['Vaishali', 'Vishal'],
  ['शिंदे', 'Shende'], ['Rama', 'Rima'], ['Mala', 'Nala'],
];

describe('phoneticKey', () => {
  it('is the same for spelling variants in either script (≥ 40 pairs)', () => {
    let pairs = 0;
    for (const group of VARIANT_GROUPS) {
      const key = phoneticKey(group[0]!);
      expect(key.length).toBeGreaterThan(0);
      for (const variant of group.slice(1)) {
        expect(phoneticKey(variant), `${group[0]} ~ ${variant}`).toBe(key);
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThanOrEqual(40);
  });

  it('differs for different names (≥ 20 pairs)', () => {
    expect(NON_MATCHES.length).toBeGreaterThanOrEqual(20);
    for (const [a, b] of NON_MATCHES) expect(phoneticKey(a), `${a} vs ${b}`).not.toBe(phoneticKey(b));
  });

  it('keys every word, ignores case, titles, punctuation and initials', () => {
    expect(phoneticKey('SUNITA  ramdas, Pawar')).toBe(phoneticKey('सुनीता रामदास पवार'));
    expect(phoneticKey('Smt. Sunita Pawar')).toBe(phoneticKey('Sunita Pawar'));
    expect(phoneticKey('श्रीमती सुनीता पवार')).toBe(phoneticKey('Sunita Pawar'));
    expect(phoneticKey('Sunita R. Pawar')).toBe(phoneticKey('Sunita Pawar'));
    expect(phoneticKey('सुनीता रा. पवार')).toBe(phoneticKey('Sunita Pawar'));
    expect(phoneticKey('S. Pawar')).toBe(phoneticKey('Pawar'));
    expect(phoneticKey('')).toBe('');
    expect(nameTokens('Kum. Pooja  S. Jadhav')).toEqual(['Pooja', 'S', 'Jadhav']);
  });
});

describe('namesMatch', () => {
  it.each([
    ['Sunita Ramdas Pawar', 'सुनीता रामदास पवार'],
    ['Sunita Ramdas Pawar', 'Suneeta Powar'], // missing middle name
    ['Pawar Sunita Ramdas', 'Sunita Ramdas Pawar'], // surname first, as on many forms
    ['Sunita R. Pawar', 'सुनीता रामदास पवार'],
    ['Lakshmi Dnyaneshwar Gaikwad', 'लक्ष्मी गायकवाड'],
    ['Sunitabai Pawar', 'Sunita Pawar'],
    ['Sunita', 'सुनीता'],
  ])('%s ≈ %s', (a, b) => {
    expect(namesMatch(a, b)).toBe(true);
    expect(namesMatch(b, a)).toBe(true);
  });

  it.each([
    ['Sunita Pawar', 'Sunil Pawar'],
    ['Sunita Pawar', 'Sunita Patil'],
    ['Sunita', 'Sunita Pawar'], // one shared word is too little
    ['Sunita Ramdas Pawar', 'Sunita Vilas Shinde'],
    ['', ''],
  ])('%s ≠ %s', (a, b) => {
    expect(namesMatch(a, b)).toBe(false);
  });
});

describe('toLatinName', () => {
  // Expected values are the spellings used in Maharashtra (documents, voter lists).
  it.each([
    ['सुनीता रामदास पवार', 'Sunita Ramdas Pawar'],
    ['ज्ञानेश्वर', 'Dnyaneshwar'],
    ['ज्ञानेश्वरी', 'Dnyaneshwari'],
    ['प्रज्ञा', 'Pradnya'],
    ['लक्ष्मी', 'Laxmi'], // क्ष्म: Maharashtra writes Laxmi, Laxman
    ['शिंदे', 'Shinde'],
    ['वैशाली', 'Vaishali'],
    ['मंगळ', 'Mangal'],
    ['काळे', 'Kale'],
    ['विठ्ठल', 'Vitthal'],
    ['कमला', 'Kamla'],
    ['यशवंत', 'Yashwant'],
    ['गणपत', 'Ganpat'],
    ['संभाजी', 'Sambhaji'],
    ['अंबादास', 'Ambadas'],
    ['चंद्रकांत', 'Chandrakant'],
    ['रामचंद्र', 'Ramchandra'],
    ['घोरपडे', 'Ghorpade'],
    ['नागरगोजे', 'Nagargoje'],
    ['ऋतुजा', 'Rutuja'],
    ['अमृता', 'Amruta'],
    ['मृणाल', 'Mrunal'],
    ['म्हात्रे', 'Mhatre'],
    ['भीमराव', 'Bhimrao'],
    ['दत्तात्रय', 'Dattatray'],
    ['भागवत', 'Bhagwat'],
    ['सहदेव', 'Sahdev'],
    ['इच्छा', 'Ichha'],
    ['ख़ान', 'Khan'],
    ['ज़ाकिर', 'Zakir'],
    ['गायकवाड', 'Gaikwad'],
    ['चव्हाण', 'Chavan'],
    ['आव्हाड', 'Awhad'],
    ['सुनीता R. पवार', 'Sunita R. Pawar'],
    ['रा. स. पवार', 'Ra. Sa. Pawar'],
  ])('%s → %s', (devanagari, latin) => {
    expect(toLatinName(devanagari)).toBe(latin);
  });

  it('handles decomposed nukta the same as precomposed', () => {
    expect(toLatinName('\u0916\u093c\u093e\u0928')).toBe(toLatinName('\u0959\u093e\u0928'));
  });

  it('romanises every lexicon name into plain Title-Case ASCII that keys like the Devanagari', () => {
    for (const line of NAME_LEXICON) {
      const devanagari = line.split('=')[0]!;
      const latin = toLatinName(devanagari);
      expect(latin, devanagari).toMatch(/^[A-Z][a-z]+$/);
      expect(phoneticKey(latin), `${devanagari} → ${latin}`).toBe(phoneticKey(devanagari));
    }
  });
});

describe('toDevanagariName', () => {
  it.each([
    ['Sunita Pawar', ['सुनीता पवार', 'सुनिता पवार']],
    ['Suneeta Pawar', ['सुनीता पवार']],
    ['Dnyaneshwar', ['ज्ञानेश्वर']],
    ['Laxmi', ['लक्ष्मी']],
    ['Waishali', ['वैशाली']],
    ['Vithal', ['विठ्ठल']],
    ['Ganpatrao Shinde', ['गणपतराव शिंदे']],
    ['Sunitabai', ['सुनीताबाई']],
    ['S. R. Pawar', ['एस. आर. पवार']],
    // Not in the lexicon: Marathi spelling rules.
    ['Tanvi', ['तन्वी']],
    ['Snehal', ['स्नेहल']],
    ['Kolhe', ['कोल्हे']],
    ['Srushti', ['सृष्टी']],
    ['Sandesh', ['संदेश']],
    ['Hemlata', ['हेमलता']],
    ['Abhay', ['अभय']],
    ['Bhosale', ['भोसले']],
    ['Prerana', ['प्रेरणा']],
  ])('%s → %s', (latin, accepted) => {
    expect(accepted).toContain(toDevanagariName(latin));
  });

  const LATIN_NAMES = [
    'Sunita Ramdas Pawar', 'Sunil Patil', 'Vilas Kamble', 'Prakash Gaikwad', 'Krushna Mhatre',
    'Amruta Deshpande', 'Rushikesh Munde', 'Sagar Bhosale', 'Bhimrao Ambedkar', 'Tanaji Malusare',
    'Yogesh Thorat', 'Pravin Kharat', 'Kiran Rane', 'Shrikant Sathe', 'Hanumant Bangar', 'Pooja Sanap',
    'Bhagyashree Ghuge', 'Omkar Kendre', 'Rutuja Nagargoje', 'Tukaram Dhakne', 'Sopan Garje',
    'Manik Khade', 'Sonali Andhale', 'Vrushali Vanjari', 'Balu Kolhe', 'Sakharam Shelar',
    'Nivrutti Darade', 'Shevanta Aavhad', 'Chandrakala Fad', 'Shobha Jagtap', 'Anjali Rathod',
    'Jijabai Shinde', 'Ganpatrao Zagade', 'Dagdu Lokhande', 'Savitribai Phule', 'Gayatri Waghmare',
    'Sushant Suryawanshi', 'Nilesh Sonawane', 'Mahadev Jadhao', 'Chhaya Gawali',
  ];
  it('proposes spellings that key like the Latin name, and romanise back to the same key', () => {
    for (const latin of LATIN_NAMES) {
      const devanagari = toDevanagariName(latin);
      expect(devanagari, latin).toMatch(/^[\u0900-\u097f ]+$/);
      expect(phoneticKey(devanagari), `${latin} → ${devanagari}`).toBe(phoneticKey(latin));
      expect(phoneticKey(toLatinName(devanagari)), `${latin} → ${devanagari}`).toBe(phoneticKey(latin));
    }
  });

  it('returns lexicon names unchanged through a round trip', () => {
    for (const line of NAME_LEXICON) {
      const devanagari = line.split('=')[0]!;
      expect(toDevanagariName(toLatinName(devanagari))).toBe(devanagari);
    }
  });
});

describe('Devanagari scanner agrees with sanscript', () => {
  it('spells every lexicon name as sanscript does in SLP1 (with schwas written)', () => {
    for (const line of NAME_LEXICON) {
      const devanagari = line.split('=')[0]!;
      const mine = devanagariToPhonemes(devanagari).replace(/@/g, 'a');
      expect(mine, devanagari).toBe(Sanscript.t(devanagari, 'devanagari', 'slp1'));
    }
  });
});
