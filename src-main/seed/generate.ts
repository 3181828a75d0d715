import type { Insertable } from 'kysely';
import type { AwcRecord } from '../office/awc-csv.ts';
import type { BeneficiaryTable, HouseholdTable, MeasurementTable, MigrationEventTable, MigrationTable, WorkSector } from '../store/schema.ts';
import { nameSearchKey } from '../registry/name-key.ts';
import { EMPLOYERS, FEMALE_NAMES, MALE_NAMES, SECTORS, SURNAMES, VILLAGES, type NamePair } from './names.ts';

type New<T> = Omit<Insertable<T>, 'updated_hlc'>;

export interface SeedOptions {
  officeCode: string;
  districtLgd: number;
  households: number;
  /** Same seed, same office: benchmarks and tests compare like with like. */
  seed?: number;
  /** The day the data is "as of"; ages and trips are placed around it. */
  today?: Date;
  createdBy: string | null;
  /** Issues the next MTS ID; the caller owns the series and serial counter. */
  nextMtsId: () => string;
  /** AWCs already on record; when empty, the generator makes some. */
  awcs?: readonly AwcRecord[];
  /** 16 random bytes mixed into every record id, so a second run (even with the same seed) adds new records
   *  instead of colliding with the first; without it ids follow the seed too. */
  idSalt?: Uint8Array;
}

export interface SeedData {
  awcs: AwcRecord[];
  households: New<HouseholdTable>[];
  beneficiaries: New<BeneficiaryTable>[];
  measurements: New<MeasurementTable>[];
  migrations: New<MigrationTable>[];
  /** What happened on the trips so far (issue 11): the status the old column names, as events. */
  migrationEvents: New<MigrationEventTable>[];
}

/** Small, fast, seedable PRNG (mulberry32): the same seed gives the same office every time. */
function randomSource(seed: number, idSalt?: Uint8Array) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
    uuid: () => {
      // The salt's nibbles are XORed in after drawing, so the same seed still gives the same names and ages.
      const hex = Array.from({ length: 32 }, (_, i) => (Math.floor(next() * 16) ^ saltNibble(idSalt, i)).toString(16));
      hex[12] = '4';
      hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
      const h = hex.join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  };
}

function saltNibble(salt: Uint8Array | undefined, index: number): number {
  if (!salt) return 0;
  const byte = salt[(index >> 1) % salt.length]!;
  return index % 2 === 0 ? byte >> 4 : byte & 0xf;
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const SECTOR_WEIGHTS: readonly WorkSector[] = [
  'sugarcane_cutting', 'sugarcane_cutting', 'sugarcane_cutting', 'sugarcane_cutting', 'sugar_factory',
  'brick_kiln', 'brick_kiln', 'construction', 'stone_crushing', 'agricultural_labour', 'other',
];

const full = (first: NamePair, father: NamePair, surname: NamePair): NamePair => [
  `${first[0]} ${father[0]} ${surname[0]}`,
  `${first[1]} ${father[1]} ${surname[1]}`,
];

/**
 * A realistic office: families of 2–7 with the mother pregnant or nursing in some, children of all ages,
 * a first measurement for young children, and this season's trip to cane fields, kilns or sites.
 */
export function generateOffice(options: SeedOptions): SeedData {
  const random = randomSource(options.seed ?? 2714, options.idSalt);
  const today = (options.today ?? new Date()).getTime();
  const now = new Date(today).toISOString();
  const awcs = options.awcs && options.awcs.length > 0 ? [...options.awcs] : makeAwcs(options, random);

  const data: SeedData = { awcs, households: [], beneficiaries: [], measurements: [], migrations: [], migrationEvents: [] };
  for (let h = 0; h < options.households; h += 1) {
    const awc = random.pick(awcs);
    const surname = random.pick(SURNAMES);
    const headFirst = random.pick(MALE_NAMES);
    const headFather = random.pick(MALE_NAMES);
    const head = full(headFirst, headFather, surname);
    const householdId = random.uuid();
    data.households.push({
      id: householdId,
      awc_code: awc.code,
      head_name_mr: head[0],
      head_name_en: head[1],
      head_name_key: nameSearchKey(head[0], head[1]),
      mobile: random.chance(0.8) ? `${random.pick(['7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}` : null,
      village: awc.village,
      social_category: random.pick(['ST', 'ST', 'ST', 'VJ/NT', 'SC', 'OBC']),
      head_aadhaar_last4: null,
      head_aadhaar_bucket: null,
      head_aadhaar_sealed: null,
      pan: null,
      ration_card: null,
      voter_id: null,
      job_card: null,
      status_reason: null,
      created_at: now,
      created_by: options.createdBy,
    });

    const member = (name: NamePair, sex: 'f' | 'm', dobMs: number, relation: string, extra: Partial<New<BeneficiaryTable>> = {}) => {
      const id = random.uuid();
      data.beneficiaries.push({
        id,
        household_id: householdId,
        mts_id: options.nextMtsId(),
        name_mr: name[0],
        name_en: name[1],
        name_key: nameSearchKey(name[0], name[1]),
        sex,
        dob: isoDay(dobMs),
        dob_estimated: random.chance(0.15) ? 1 : 0,
        relation,
        lmp_date: null,
        delivery_date: null,
        aadhaar_last4: null,
        aadhaar_bucket: null,
        aadhaar_sealed: null,
        status_reason: null,
        created_at: now,
        created_by: options.createdBy,
        ...extra,
      });
      return id;
    };

    const wifeAgeYears = random.int(19, 38);
    const motherState = random.next();
    const wifeName = full(random.pick(FEMALE_NAMES), headFirst, surname);
    const wifeDob = today - wifeAgeYears * 365.25 * DAY - random.int(0, 364) * DAY;
    if (motherState < 0.2) {
      member(wifeName, 'f', wifeDob, 'spouse', { lmp_date: isoDay(today - random.int(30, 250) * DAY) });
    } else if (motherState < 0.4) {
      const deliveredDaysAgo = random.int(5, 170);
      member(wifeName, 'f', wifeDob, 'spouse', { delivery_date: isoDay(today - deliveredDaysAgo * DAY) });
      addChild(today - deliveredDaysAgo * DAY);
    } else {
      member(wifeName, 'f', wifeDob, 'spouse');
    }
    const children = random.int(1, 4);
    for (let c = 0; c < children; c += 1) addChild(today - random.int(60, 17 * 365) * DAY);

    function addChild(dobMs: number) {
      const sex = random.chance(0.5) ? 'f' : 'm';
      const name = full(random.pick(sex === 'f' ? FEMALE_NAMES : MALE_NAMES), headFirst, surname);
      const childId = member(name, sex, dobMs, sex === 'f' ? 'daughter' : 'son');
      const ageDays = Math.floor((today - dobMs) / DAY);
      if (ageDays <= 5 * 365) {
        const ageMonths = ageDays / 30.44;
        // Roughly WHO median with spread, so a realistic share falls below −2 and −3 SD.
        const weight = Math.max(2, 3.3 + ageMonths * (ageMonths < 12 ? 0.55 : 0.2) - random.next() * 2.2);
        const length = 50 + ageMonths * (ageMonths < 12 ? 2.1 : 0.9) - random.next() * 6;
        data.measurements.push({
          id: random.uuid(),
          beneficiary_id: childId,
          measured_on: isoDay(today - random.int(0, 20) * DAY),
          weight_kg: Math.round(weight * 10) / 10,
          length_cm: Math.round(length * 10) / 10,
          measure: ageDays < 731 ? 'l' : 'h',
          muac_mm: ageDays >= 183 ? random.int(105, 150) : null,
          oedema: random.chance(0.005) ? 1 : 0,
          void_reason: null,
          created_at: now,
          created_by: options.createdBy,
        });
      }
    }

    const departed = today - random.int(5, 40) * DAY;
    const inState = random.chance(0.8);
    data.migrations.push({
      id: random.uuid(),
      household_id: householdId,
      departure_date: isoDay(departed),
      destination_state: inState ? 'MH' : random.pick(['KA', 'GJ', 'MP']),
      destination_district_lgd: inState ? random.pick([469, 470, 480, 490, 493, 494, 496]) : null,
      destination_block: null,
      destination_place: inState ? random.pick(VILLAGES)[1] : null,
      work_sector: random.pick(SECTOR_WEIGHTS),
      employer: random.pick(EMPLOYERS),
      expected_return: isoDay(departed + random.int(120, 180) * DAY),
      status: random.pick(['planned', 'departed', 'departed', 'arrived'] as const),
      status_reason: null,
      created_at: now,
      created_by: options.createdBy,
    });
    const trip = data.migrations[data.migrations.length - 1]!;
    const happened = trip.status === 'arrived' ? (['departed', 'arrived'] as const) : trip.status === 'departed' ? (['departed'] as const) : [];
    happened.forEach((event, step) => {
      data.migrationEvents.push({
        id: `${trip.id}-${event}`,
        migration_id: trip.id,
        household_id: householdId,
        event,
        event_date: isoDay(departed + step * 2 * DAY),
        destination_state: null,
        destination_district_lgd: null,
        destination_block: null,
        destination_place: null,
        awc_code: null,
        reason: null,
        note: null,
        office_code: options.officeCode,
        void_reason: null,
        created_at: now,
        created_by: options.createdBy,
      });
    });
  }
  return data;
}

function makeAwcs(options: SeedOptions, random: ReturnType<typeof randomSource>): AwcRecord[] {
  const count = Math.max(5, Math.ceil(options.households / 40));
  return Array.from({ length: count }, (_, index) => {
    const village = VILLAGES[index % VILLAGES.length]!;
    const suffix = index >= VILLAGES.length ? ` ${Math.floor(index / VILLAGES.length) + 1}` : '';
    const worker = random.pick(FEMALE_NAMES);
    const workerSurname = random.pick(SURNAMES);
    return {
      // 27 (Maharashtra) + office + serial: 11 digits, like the state's AWC codes.
      code: `27${options.officeCode}${String(index + 1).padStart(5, '0')}`,
      name_mr: `${village[0]}${suffix ? suffix : ''} अंगणवाडी`,
      name_en: `${village[1]}${suffix} AWC`,
      village: village[1],
      sector: SECTORS[index % SECTORS.length]!,
      worker_name: `${worker[1]} ${workerSurname[1]}`,
      worker_mobile: `9${String(random.int(0, 999_999_999)).padStart(9, '0')}`,
    };
  });
}
