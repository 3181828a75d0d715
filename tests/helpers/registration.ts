import type { InputOf } from '../../src-main/api/contract.ts';
import { isVerhoeffValid, verhoeffCheckDigit } from '../../src-main/identity/index.ts';

/** A valid Aadhaar-format number (Verhoeff check digit) built from an 11-digit body. */
export function aadhaarFrom(body11: string): string {
  return `${body11}${verhoeffCheckDigit(body11)}`;
}

/**
 * A valid Aadhaar-format number with the given first 7 and last 4 digits: exactly one 8th digit makes the
 * Verhoeff check pass (each position's digit is a bijection into the group), so one always exists.
 */
export function aadhaarEndingIn(first7: string, last4: string): string {
  for (let digit = 0; digit <= 9; digit++) {
    const number = `${first7}${digit}${last4}`;
    if (isVerhoeffValid(number)) return number;
  }
  throw new Error('unreachable: Verhoeff always has one digit that fits');
}

export function daysAgo(days: number, from = new Date()): string {
  return new Date(from.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/** The Pawar family's paper form, as an Anganwadi worker in Molgi would fill it. */
export function pawarForm(overrides: Partial<InputOf<'registry.saveHousehold'>> = {}): InputOf<'registry.saveHousehold'> {
  return {
    awc: '27271400001',
    headNameMr: 'रामदास विठ्ठल पवार',
    headNameEn: 'Ramdas Vitthal Pawar',
    contactNumber: '9823012345',
    nativeVillage: 'Molgi',
    socialCategory: 'ST',
    aadhaar: aadhaarFrom('23456789012'),
    rationCard: '272012345678',
    members: [
      { nameMr: 'सुनीता रामदास पवार', nameEn: 'Sunita Ramdas Pawar', sex: 'F', dateOfBirth: '1998-03-14', relation: 'spouse', pregnant: true, lmp: daysAgo(90), aadhaar: aadhaarFrom('34567890123') },
      { nameMr: 'गणेश रामदास पवार', nameEn: 'Ganesh Ramdas Pawar', sex: 'M', dateOfBirth: daysAgo(700), relation: 'son', measuredOn: daysAgo(1), weightKg: 8.1, heightCm: 76.5, posture: 'lying', muacMm: 118 },
      { nameMr: 'पूजा रामदास पवार', nameEn: 'Pooja Ramdas Pawar', sex: 'F', declaredAgeYears: 14, relation: 'daughter' },
    ],
    migration: {
      departureDate: daysAgo(10),
      destinationState: 'MH',
      destinationDistrict: 470,
      destinationPlace: 'Vaidyanath sugar factory, Parli',
      workSector: 'sugar-factory',
      employer: 'Bhagwan Sanap (mukadam)',
      expectedReturn: daysAgo(-150),
    },
    ...overrides,
  };
}
