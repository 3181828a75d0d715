import type { InputOf } from '../../../src-main/api/contract.ts';
import type { OfficeData } from '../../../src-main/office/service.ts';
import { openTestOffice, type TestOffice } from '../../helpers/office.ts';
import { daysAgo, pawarForm } from '../../helpers/registration.ts';

export const MOLGI = '27271400001';
export const DHADGAON = '27271400002';

/** A mother who delivered `babyDays` days ago and her son, at the given AWC. */
export function infantForm(babyDays: number, overrides: Partial<InputOf<'registry.saveHousehold'>> = {}): InputOf<'registry.saveHousehold'> {
  return pawarForm({
    aadhaar: '',
    rationCard: '',
    contactNumber: '',
    migration: null,
    members: [
      { nameMr: 'सुनीता रामदास पवार', nameEn: 'Sunita Ramdas Pawar', sex: 'F', dateOfBirth: '1998-03-14', relation: 'spouse', lactating: true, deliveryDate: daysAgo(babyDays) },
      { nameMr: 'आदित्य रामदास पवार', nameEn: 'Aditya Ramdas Pawar', sex: 'M', dateOfBirth: daysAgo(babyDays), relation: 'son' },
    ],
    ...overrides,
  });
}

export interface InfantFamily {
  office: TestOffice;
  householdId: string;
  motherId: string;
  babyId: string;
  babyDob: string;
}

export async function infantFamily(dir: string, babyDays = 80): Promise<InfantFamily> {
  const office = await openTestOffice(dir);
  const saved = await office.call('registry.saveHousehold', infantForm(babyDays));
  return { office, householdId: saved.householdId, motherId: saved.beneficiaries[0]!.id, babyId: saved.beneficiaries[1]!.id, babyDob: daysAgo(babyDays) };
}

export function plusDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Everything a service write could touch, compared before and after a refused call (log-ins of the command
 * line are on the audit trail too, and rightly so: only the services' own entries are compared).
 */
export function dump(data: OfficeData): string {
  const { store } = data;
  return JSON.stringify({
    service: store.all(store.db.selectFrom('service').selectAll().orderBy('id')),
    changes: store.all(store.db.selectFrom('change_log').selectAll().orderBy('origin').orderBy('counter')),
    audit: store.all(store.db.selectFrom('audit_log').select(['action', 'entity_id', 'after']).where('entity', '=', 'service').orderBy('at').orderBy('id')),
    settings: store.all(store.db.selectFrom('setting').selectAll().orderBy('key')),
  });
}
