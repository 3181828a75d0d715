import { describe, expect, it } from 'vitest';
import type { InputOf } from '../../../src-main/api/contract.ts';
import { deactivateBeneficiary } from '../../../src-main/registry/index.ts';
import { seedOffice } from '../../../src-main/seed/index.ts';
import { buildCardViews, localToday, selectCardIds, validUntil, EMPTY_SELECTION } from '../../../src-main/printing/index.ts';
import { readOffice } from '../../../src-main/office/service.ts';
import { aadhaarFrom, daysAgo } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';
import { count, DHADGAON, MOLGI, printOffice, query } from './helpers.ts';

const tempDir = useTempDirs();

describe('card selection', () => {
  it('filters by AWC, registration dates, latest migration and explicit ids, and skips deactivated people', async () => {
    const dir = tempDir();
    const { office, pawar } = await printOffice(dir, 25);
    const { data } = office;
    const info = readOffice(data)!;
    // A batch registered on 10 January 2024, in Indian time.
    const old = data.writer.write({ operatorId: null }, (batch) =>
      seedOffice(data.store, batch, { officeCode: info.code, series: info.series, districtLgd: info.districtLgd, households: 6, seed: 5, createdBy: null, today: new Date('2024-01-10T06:30:00Z') }),
    );
    const preview = (selection: InputOf<'printing.preview'>['selection']) => office.call('printing.preview', { selection });

    const active = count(dir, `SELECT count(*) n FROM beneficiary b JOIN household h ON h.id = b.household_id WHERE b.status = 'active' AND h.status = 'active'`);
    expect((await preview({})).count).toBe(active);
    expect((await preview({ notPrinted: true })).count).toBe(active);

    const byAwc = (awc: string) => count(dir, `SELECT count(*) n FROM beneficiary b JOIN household h ON h.id = b.household_id WHERE h.awc_code = ?`, awc);
    expect((await preview({ awcCode: MOLGI })).count).toBe(byAwc(MOLGI));
    expect((await preview({ awcCode: DHADGAON })).count).toBe(byAwc(DHADGAON));
    expect(byAwc(MOLGI) + byAwc(DHADGAON)).toBe(active);

    expect((await preview({ registeredFrom: '2024-01-10', registeredTo: '2024-01-10' })).count).toBe(old.beneficiaries.length);
    expect((await preview({ registeredFrom: '2024-01-11', registeredTo: '2024-01-31' })).count).toBe(0);
    expect((await preview({ registeredFrom: '2023-12-01', registeredTo: '2024-01-09' })).count).toBe(0);
    expect((await preview({ registeredFrom: localToday() })).count).toBe(active - old.beneficiaries.length);

    // The Pawars set out again: a newer trip, departed for Kolhapur. Only the latest trip counts.
    const pawarIds = pawar.beneficiaries.map((b) => b.id);
    data.writer.write({ operatorId: null }, (batch) =>
      batch.insert('migration', {
        id: 'pawar-second-trip',
        household_id: pawar.householdId,
        departure_date: daysAgo(2),
        destination_state: 'MH',
        destination_district_lgd: 480,
        destination_block: 'Kagal',
        destination_place: 'Bamani cane camp',
        work_sector: 'sugarcane_cutting',
        employer: null,
        expected_return: null,
        status_reason: null,
        created_at: new Date().toISOString(),
        created_by: null,
        office_code: '2714',
      }),
    );
    data.writer.write({ operatorId: null }, (batch) =>
      batch.insert('migration_event', {
        id: 'pawar-second-trip-departed',
        migration_id: 'pawar-second-trip',
        household_id: pawar.householdId,
        event: 'departed',
        event_date: daysAgo(2),
        destination_state: null,
        destination_district_lgd: null,
        destination_block: null,
        destination_place: null,
        awc_code: null,
        reason: null,
        note: null,
        office_code: '2714',
        void_reason: null,
        created_at: new Date().toISOString(),
        created_by: null,
      }),
    );
    const pawarOnly = { beneficiaryIds: pawarIds };
    expect((await preview({ ...pawarOnly, destinationDistrictLgd: 480, migrationStatus: 'departed' })).count).toBe(3);
    expect((await preview({ ...pawarOnly, destinationDistrictLgd: 470 })).count).toBe(0);
    expect((await preview({ ...pawarOnly, migrationStatus: 'planned' })).count).toBe(0);

    // Across the office, against the latest trip worked out here from all trips (the seeded demo office
    // writes each trip's events and the old status column alike).
    const trips = query<{ id: string; household_id: string; departure_date: string; created_at: string; destination_district_lgd: number | null }>(
      dir,
      'SELECT id, household_id, departure_date, created_at, destination_district_lgd FROM migration',
    );
    // A trip's status is its latest event's (by date; the seed records at most one event a day per trip).
    const events = query<{ migration_id: string; event: string; event_date: string }>(dir, 'SELECT migration_id, event, event_date FROM migration_event WHERE voided = 0');
    const statusOf = (tripId: string): string => {
      const mine = events.filter((e) => e.migration_id === tripId).sort((a, b) => a.event_date.localeCompare(b.event_date));
      return mine.at(-1)?.event ?? 'planned';
    };
    const latest = new Map<string, (typeof trips)[number] & { status: string }>();
    for (const t of trips) {
      const seen = latest.get(t.household_id);
      if (!seen || t.departure_date > seen.departure_date || (t.departure_date === seen.departure_date && t.created_at > seen.created_at)) {
        latest.set(t.household_id, { ...t, status: statusOf(t.id) });
      }
    }
    const members = query<{ household_id: string }>(dir, `SELECT household_id FROM beneficiary WHERE status = 'active'`);
    let matched = 0;
    for (const status of ['planned', 'departed', 'arrived'] as const) {
      const expected = members.filter((m) => latest.get(m.household_id)?.status === status).length;
      expect((await preview({ migrationStatus: status })).count).toBe(expected);
      matched += expected;
    }
    expect(matched).toBe(members.length);
    for (const district of [469, 470, 480]) {
      const expected = members.filter((m) => latest.get(m.household_id)?.destination_district_lgd === district).length;
      expect((await preview({ destinationDistrictLgd: district })).count).toBe(expected);
    }

    const two = [pawarIds[2]!, pawarIds[0]!];
    const explicit = await preview({ beneficiaryIds: two });
    expect(explicit.count).toBe(2);
    expect(explicit.rows.map((r) => r.beneficiaryId)).toEqual([pawarIds[0], pawarIds[2]]);
    expect((await preview({ beneficiaryIds: [] })).count).toBe(0);

    deactivateBeneficiary(data, { operatorId: null }, pawarIds[1]!, 'moved-away', '');
    expect((await preview(pawarOnly)).count).toBe(2);
    expect(selectCardIds(data, { ...EMPTY_SELECTION, beneficiaryIds: pawarIds }).ids).not.toContain(pawarIds[1]);
    office.close();
  });
});

describe('what goes on a card', () => {
  it('builds the card from the records: masked Aadhaar, office home, latest trip, category and validity', async () => {
    const dir = tempDir();
    const { office, pawar } = await printOffice(dir, 0);
    const info = readOffice(office.data)!;
    const today = localToday();
    const { ids, views } = buildCardViews(office.data, pawar.beneficiaries.map((b) => b.id), { office: info, today });
    expect(ids).toEqual(pawar.beneficiaries.map((b) => b.id));
    const [sunita, ganesh, pooja] = views;
    expect(sunita).toMatchObject({
      mtsId: pawar.beneficiaries[0]!.mtsId,
      nameMr: 'सुनीता रामदास पवार',
      nameEn: 'Sunita Ramdas Pawar',
      sex: 'F',
      dateOfBirth: '1998-03-14',
      category: 'pregnant',
      maskedAadhaar: `XXXX XXXX ${aadhaarFrom('34567890123').slice(-4)}`,
      workSector: 'sugar-factory',
      validUntil: daysAgo(-150),
      photo: null,
    });
    // Home: the office's block (Akkalkuwa) and district (Nandurbar, LGD 486), the household's AWC and village.
    expect(sunita!.home).toEqual({
      village: { mr: 'Molgi', en: 'Molgi' },
      block: { mr: 'Akkalkuwa', en: 'Akkalkuwa' },
      district: { mr: 'नंदुरबार', en: 'Nandurbar' },
      awc: { code: MOLGI, name: { mr: 'मोलगी अंगणवाडी', en: 'Molgi AWC' } },
    });
    expect(sunita!.destination).toEqual({
      state: { mr: 'महाराष्ट्र', en: 'Maharashtra' },
      district: { mr: 'बीड', en: 'Beed' },
      block: null,
      place: { mr: 'Vaidyanath sugar factory, Parli', en: 'Vaidyanath sugar factory, Parli' },
    });
    expect(ganesh).toMatchObject({ category: 'child-0-3', maskedAadhaar: null, dobEstimated: false });
    expect(pooja).toMatchObject({ category: 'adolescent-girl', dobEstimated: true });
    // Nothing on a card view could carry a full Aadhaar.
    expect(JSON.stringify(views)).not.toContain(aadhaarFrom('34567890123'));
    office.close();
  });

  it('is valid until the expected return, else until the next 30 June', () => {
    expect(validUntil('2026-04-15', '2025-11-15')).toBe('2026-04-15');
    expect(validUntil(null, '2025-11-15')).toBe('2026-06-30');
    expect(validUntil(null, '2026-06-30')).toBe('2026-06-30');
    expect(validUntil(null, '2026-07-01')).toBe('2027-06-30');
    expect(validUntil(null, '2026-01-02')).toBe('2026-06-30');
    // A return date already past (the family stayed on) does not make a card that is expired when printed.
    expect(validUntil('2025-10-01', '2025-11-15')).toBe('2026-06-30');
  });
});
