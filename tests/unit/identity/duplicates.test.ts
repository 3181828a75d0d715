import { describe, expect, it } from 'vitest';
import {
  createStateKeys,
  dobWithinOneYear,
  findLikelyDuplicates,
  mobileDuplicateKey,
  nameBlockKeys,
  namesMatch,
  parseStateKeyFile,
  protectAadhaar,
  type DuplicateRecord,
} from '../../../src-main/identity/index.ts';

const parsed = parseStateKeyFile(createStateKeys().text);
if (!parsed.ok) throw new Error('state keys');
const keys = parsed.value;
/** Aadhaar as the office keeps it: last 4 and bucket. */
const aadhaarOf = (uid: string): Pick<DuplicateRecord, 'aadhaarLast4' | 'aadhaarBucket'> => {
  const { last4, bucket } = protectAadhaar(uid, keys);
  return { aadhaarLast4: last4, aadhaarBucket: bucket };
};

const candidate: DuplicateRecord = {
  id: 'new',
  nameEn: 'Sunita Pawar',
  nameMr: 'सुनीता पवार',
  sex: 'F',
  dob: '1995-03-10',
  village: 'V001',
  mobile: '+91 98765 43210',
  ...aadhaarOf('999941057058'),
};

function base(id: string, over: Partial<DuplicateRecord>): DuplicateRecord {
  return { id, sex: 'F', dob: '1980-01-01', village: 'V009', ...over };
}

const existing: DuplicateRecord[] = [
  base('same-name-mr-only', { nameMr: 'सुनीता रामदास पवार', dob: '1995-11-01', village: 'V001' }),
  base('variant-spelling', { nameEn: 'Suneeta R. Powar', dob: '1994-03-10', village: 'V001' }),
  base('dob-too-far', { nameEn: 'Sunita Pawar', dob: '1994-03-09', village: 'V001' }),
  base('other-village', { nameEn: 'Sunita Pawar', dob: '1995-03-10', village: 'V002' }),
  base('other-sex', { nameEn: 'Sunita Pawar', dob: '1995-03-10', village: 'V001', sex: 'M' }),
  base('other-name', { nameEn: 'Sunil Pawar', dob: '1995-03-10', village: 'V001' }),
  base('same-mobile', { nameEn: 'Rekha Shinde', mobile: '09876543210' }),
  base('same-aadhaar', { nameEn: 'Sunanda Jadhav', ...aadhaarOf('9999 4105 7058') }),
  base('other-aadhaar', { nameEn: 'Sunanda Jadhav', ...aadhaarOf('999971658847') }),
  // Same bucket, other last 4: not the same number.
  base('same-bucket-other-last4', { nameEn: 'Sunanda Jadhav', aadhaarLast4: '8847', aadhaarBucket: aadhaarOf('999941057058').aadhaarBucket }),
  base('everything', {
    nameEn: 'Pawar Sunita',
    dob: '1995-03-10',
    village: 'V001',
    mobile: '9876543210',
    ...aadhaarOf('999941057058'),
  }),
  { ...candidate }, // the candidate itself, already saved
];

describe('findLikelyDuplicates', () => {
  const found = findLikelyDuplicates(candidate, existing);
  const byId = new Map(found.map((d) => [d.id, d.reasons]));

  it('finds same Aadhaar last 4 + bucket, same name/sex/village with DOB ±1 year, and same mobile', () => {
    expect(byId.get('same-name-mr-only')).toEqual(['same-name']);
    expect(byId.get('variant-spelling')).toEqual(['same-name']);
    expect(byId.get('same-mobile')).toEqual(['same-mobile']);
    expect(byId.get('same-aadhaar')).toEqual(['same-aadhaar-bucket']);
    expect(byId.get('everything')).toEqual(['same-aadhaar-bucket', 'same-name', 'same-mobile']);
  });

  it('does not flag a different DOB, village, sex, name or Aadhaar, nor the record itself', () => {
    for (const id of ['dob-too-far', 'other-village', 'other-sex', 'other-name', 'other-aadhaar', 'same-bucket-other-last4', 'new']) {
      expect(byId.has(id), id).toBe(false);
    }
    expect(found).toHaveLength(5);
  });

  it('orders the strongest evidence first', () => {
    expect(found.map((d) => d.id)).toEqual(['everything', 'same-aadhaar', 'same-name-mr-only', 'variant-spelling', 'same-mobile']);
  });

  it('works without optional fields', () => {
    const bare: DuplicateRecord = { id: 'x', sex: 'M', dob: '2020-01-01', village: 'V1' };
    expect(findLikelyDuplicates(bare, existing)).toEqual([]);
    expect(findLikelyDuplicates({ ...bare, nameEn: '', mobile: 'not a number', aadhaarLast4: '7058', aadhaarBucket: null }, existing)).toEqual([]);
  });
});

describe('duplicate keys', () => {
  it('DOB window is one calendar year either side, inclusive', () => {
    expect(dobWithinOneYear('1995-03-10', '1996-03-10')).toBe(true);
    expect(dobWithinOneYear('1995-03-10', '1994-03-10')).toBe(true);
    expect(dobWithinOneYear('1995-03-10', '1996-03-11')).toBe(false);
    expect(dobWithinOneYear('1995-03-10', '1994-03-09')).toBe(false);
    expect(dobWithinOneYear('2000-02-29', '2001-02-28')).toBe(true);
    expect(dobWithinOneYear('2000-02-29', '2001-03-01')).toBe(false);
    expect(dobWithinOneYear('garbage', '2001-03-01')).toBe(false);
  });

  it('mobile key normalises prefixes', () => {
    expect(mobileDuplicateKey({ mobile: '+91 98765 43210' })).toBe('9876543210');
    expect(mobileDuplicateKey({ mobile: '12345' })).toBeUndefined();
    expect(mobileDuplicateKey({})).toBeUndefined();
  });

  it('name block keys never miss a name match (so a pre-built index finds every candidate)', () => {
    const names = [
      'Sunita Ramdas Pawar', 'सुनीता पवार', 'Pawar Sunita', 'Suneeta R. Powar', 'Sunita', 'सुनीता',
      'Sunil Pawar', 'Lakshmi Dnyaneshwar Gaikwad', 'लक्ष्मी गायकवाड', 'Laxmi Gayakwad', 'Gaikwad Laxmi D.',
      'Vitthal Kamble', 'विठ्ठल कांबळे', 'Vithal Nivrutti Kambale', 'Sunitabai Ramdas Pawar',
    ];
    let matches = 0;
    for (const a of names) {
      for (const b of names) {
        const ka = nameBlockKeys({ nameEn: a, sex: 'F', village: 'V' });
        const kb = new Set(nameBlockKeys({ nameMr: b, sex: 'F', village: 'V' }));
        const share = ka.some((k) => kb.has(k));
        if (namesMatch(a, b)) {
          matches++;
          expect(share, `${a} / ${b}`).toBe(true);
        }
      }
    }
    expect(matches).toBeGreaterThan(names.length * 2);
  });

  it('block keys separate villages and sexes', () => {
    const a = nameBlockKeys({ nameEn: 'Sunita Pawar', sex: 'F', village: 'V1' });
    expect(a.some((k) => nameBlockKeys({ nameEn: 'Sunita Pawar', sex: 'F', village: 'V2' }).includes(k))).toBe(false);
    expect(a.some((k) => nameBlockKeys({ nameEn: 'Sunita Pawar', sex: 'M', village: 'V1' }).includes(k))).toBe(false);
  });
});
