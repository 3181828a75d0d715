// A small office with known families, built only through the real API (registration, trips, measurements,
// services), so every report's numbers can be counted by hand.
import { createStateKeys } from '../../../src-main/identity/index.ts';
import { openTestOffice, type TestOffice } from '../../helpers/office.ts';
import { daysAgo, pawarForm } from '../../helpers/registration.ts';

export const MOLGI = '27271400001';
export const DHADGAON = '27271400002';

/** The same calendar day `years` earlier (29 Feb → 28 Feb). */
export function yearsBefore(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${y - years}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface Dataset {
  office: TestOffice;
  /** The period every default test uses: 60 days to today. */
  from: string;
  to: string;
  ids: { a: string; b: string; c: string; d: string; ganesh: string; sunita: string; baby: string; sixYearOld: string; pooja: string };
  sixYearOldDob: string;
}

export async function buildDataset(dir: string): Promise<Dataset> {
  const office = await openTestOffice(dir);
  await office.call('registry.importStateKeys', { file: createStateKeys().text });

  // A, Molgi: pregnant mother, a boy of 700 days (measured twice), a girl of 14; off to a sugar factory in
  // Beed 8 days ago; holds an MGNREGA job card.
  const a = await office.call('registry.saveHousehold', pawarForm({ aadhaar: '', rationCard: '', mgnregaJobCard: 'MH-23-003-004-005/1' }));
  const [sunita, ganesh, pooja] = a.beneficiaries.map((b) => b.id) as [string, string, string];
  await office.call('registry.addMeasurement', { beneficiaryId: ganesh, measuredOn: daysAgo(45), weightKg: 11.8, heightCm: 86, posture: 'lying', muacMm: 140 });
  await office.call('migration.recordEvent', { householdId: a.householdId, event: 'departed', date: daysAgo(8) });

  // B, Dhadgaon: a boy who turns 6 ten days before the period ends, measured at 5; to a brick kiln in
  // Karnataka 30 days ago, home again 5 days ago.
  const sixYearOldDob = yearsBefore(daysAgo(10), 6);
  const b = await office.call(
    'registry.saveHousehold',
    pawarForm({
      awc: DHADGAON,
      headNameMr: 'संजय भिका वळवी',
      headNameEn: 'Sanjay Bhika Valvi',
      contactNumber: '9823000002',
      nativeVillage: 'Dhadgaon',
      aadhaar: '',
      rationCard: '',
      members: [
        { nameMr: 'कमला संजय वळवी', nameEn: 'Kamala Sanjay Valvi', sex: 'F', dateOfBirth: '1995-06-01', relation: 'spouse' },
        { nameMr: 'अजय संजय वळवी', nameEn: 'Ajay Sanjay Valvi', sex: 'M', dateOfBirth: sixYearOldDob, relation: 'son', measuredOn: daysAgo(20), weightKg: 17.5, heightCm: 110, posture: 'standing', muacMm: 150 },
      ],
      migration: { departureDate: daysAgo(30), destinationState: 'KA', destinationDistrict: null, destinationPlace: 'Hukkeri', workSector: 'brick-kiln', employer: 'Kamble', expectedReturn: daysAgo(-100) },
    }),
  );
  await office.call('migration.recordEvent', { householdId: b.householdId, event: 'departed', date: daysAgo(30) });
  await office.call('migration.recordEvent', { householdId: b.householdId, event: 'returned', date: daysAgo(5) });

  // C, Molgi: a mother and her baby of 100 days (BCG given at 10 days); left 40 days ago, never arrived.
  const c = await office.call(
    'registry.saveHousehold',
    pawarForm({
      headNameMr: 'मोहन रामा गावित',
      headNameEn: 'Mohan Rama Gavit',
      contactNumber: '9823000003',
      aadhaar: '',
      rationCard: '',
      members: [
        { nameMr: 'सीमा मोहन गावित', nameEn: 'Seema Mohan Gavit', sex: 'F', dateOfBirth: '1999-02-11', relation: 'spouse', lactating: true, deliveryDate: daysAgo(100) },
        { nameMr: 'रोहन मोहन गावित', nameEn: 'Rohan Mohan Gavit', sex: 'M', dateOfBirth: daysAgo(100), relation: 'son' },
      ],
      migration: { departureDate: daysAgo(40), destinationState: 'MH', destinationDistrict: 470, destinationPlace: 'Parli', workSector: 'sugarcane-cutting', employer: 'Sanap', expectedReturn: daysAgo(-120) },
    }),
  );
  const baby = c.beneficiaries[1]!.id;
  await office.call('migration.recordEvent', { householdId: c.householdId, event: 'departed', date: daysAgo(40) });
  await office.call('services.record', { beneficiaryId: baby, service: 'BCG', date: daysAgo(90), source: 'given' });

  // D, Dhadgaon: a woman; left 25 days ago and was not found at the worksite 12 days ago.
  const d = await office.call(
    'registry.saveHousehold',
    pawarForm({
      awc: DHADGAON,
      headNameMr: 'रमेश दगडू पाडवी',
      headNameEn: 'Ramesh Dagdu Padvi',
      contactNumber: '9823000004',
      nativeVillage: 'Dhadgaon',
      aadhaar: '',
      rationCard: '',
      members: [{ nameMr: 'लता रमेश पाडवी', nameEn: 'Lata Ramesh Padvi', sex: 'F', dateOfBirth: '1990-01-20', relation: 'spouse' }],
      migration: { departureDate: daysAgo(25), destinationState: 'GJ', destinationDistrict: null, destinationPlace: 'Surat', workSector: 'construction', employer: 'Patel', expectedReturn: daysAgo(-60) },
    }),
  );
  await office.call('migration.recordEvent', { householdId: d.householdId, event: 'departed', date: daysAgo(25) });
  await office.call('migration.recordEvent', { householdId: d.householdId, event: 'not-found', date: daysAgo(12), reason: 'not-at-worksite' });

  // Sunita: take-home ration and an ANC visit 3 days ago.
  await office.call('services.record', { beneficiaryId: sunita, service: 'THR', date: daysAgo(3), source: 'given', forMonth: daysAgo(3).slice(0, 7) });
  await office.call('services.record', { beneficiaryId: sunita, service: 'ANC', date: daysAgo(3), source: 'given' });

  return {
    office,
    from: daysAgo(60),
    to: daysAgo(0),
    ids: { a: a.householdId, b: b.householdId, c: c.householdId, d: d.householdId, ganesh, sunita, baby, sixYearOld: b.beneficiaries[1]!.id, pooja },
    sixYearOldDob,
  };
}
