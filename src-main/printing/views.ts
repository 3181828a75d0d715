import type {
  Bilingual,
  CardView,
  Destination,
  FamilyMemberView,
  FamilySheetView,
  FilledFormView,
  FormValue,
  HomePlace,
  WorkSector,
} from '../cards/index.ts';
import { maskAadhaar } from '../identity/index.ts';
import { findDistrict } from '../office/districts.ts';
import { readOffice, type OfficeData } from '../office/service.ts';
import type { OfficeInfo } from '../office/types.ts';
import { beneficiaryCategory, cardCategory, householdProfile } from '../registry/index.ts';
import type { MeasurementView, MigrationView } from '../registry/types.ts';
import { serviceCodeInfo, type RecordedService } from '../schedule/index.ts';
import { dueOptions, liveServicesOf, scheduleOf } from '../services/index.ts';
import type { MigrationTable } from '../store/schema.ts';
import {
  POSTURE_OPTIONS,
  RELATION_OPTIONS,
  SOCIAL_CATEGORY_OPTIONS,
} from '../registry/form-definition.ts';
import { stateName } from '../common/states.ts';
import { Problem } from '../common/problem.ts';

/** Today as an ISO date in the office's local time (the PC's clock). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function officeOrProblem(data: OfficeData): OfficeInfo {
  const office = readOffice(data);
  if (!office) throw new Problem('not-set-up', { en: 'This office is not set up yet.', mr: 'हे कार्यालय अजून सेट केलेले नाही.' });
  return office;
}

const same = (text: string): Bilingual => ({ mr: text, en: text });

/**
 * How long a card stays valid: until the family's expected return from the trip on the card; without one (or once
 * that date has passed), until the next 30 June. Seasonal work — cane cutting, sugar factories, brick kilns — stops
 * with the monsoon, so every trip of a season is over by the end of June and the next season's card is printed
 * from the new trip's data.
 */
export function validUntil(expectedReturn: string | null, today: string): string {
  if (expectedReturn && expectedReturn >= today) return expectedReturn;
  const year = Number(today.slice(0, 4));
  const june30 = `${year}-06-30`;
  return today <= june30 ? june30 : `${year + 1}-06-30`;
}

function workSector(stored: string): WorkSector {
  return stored.replace(/_/g, '-') as WorkSector;
}

interface MigrationFacts {
  destination_state: string;
  destination_district_lgd: number | null;
  destination_block: string | null;
  destination_place: string | null;
}

function destination(m: MigrationFacts): Destination {
  const district = m.destination_district_lgd !== null ? findDistrict(m.destination_district_lgd) : undefined;
  return {
    state: stateName(m.destination_state),
    district: district ? district.name : m.destination_district_lgd !== null ? same(String(m.destination_district_lgd)) : null,
    block: m.destination_block ? same(m.destination_block) : null,
    place: m.destination_place ? same(m.destination_place) : null,
  };
}

function home(office: OfficeInfo, village: string, awc: { code: string; nameMr: string; nameEn: string }): HomePlace {
  return {
    village: same(village),
    block: same(office.blockName),
    district: office.districtName,
    awc: { code: awc.code, name: { mr: awc.nameMr, en: awc.nameEn } },
  };
}

const upperSex = (sex: 'f' | 'm' | 'o'): 'F' | 'M' | 'O' => sex.toUpperCase() as 'F' | 'M' | 'O';

type LatestMigration = Pick<MigrationTable, 'household_id' | 'destination_state' | 'destination_district_lgd' | 'destination_block' | 'destination_place' | 'work_sector' | 'expected_return'>;

function latestMigrations(data: OfficeData, householdIds: readonly string[]): Map<string, LatestMigration> {
  const latest = new Map<string, LatestMigration>();
  if (householdIds.length === 0) return latest;
  const { store } = data;
  const rows = store.all(
    store.db
      .selectFrom('migration')
      .select(['household_id', 'destination_state', 'destination_district_lgd', 'destination_block', 'destination_place', 'work_sector', 'expected_return'])
      .where('household_id', 'in', householdIds)
      .orderBy('household_id')
      .orderBy('departure_date', 'desc')
      .orderBy('created_at', 'desc'),
  );
  for (const row of rows) if (!latest.has(row.household_id)) latest.set(row.household_id, row);
  return latest;
}

/**
 * Cards for the given beneficiaries, in the given order; ids no longer on record are skipped. One query for
 * up to a few hundred people rather than a profile each: the profiles also compute nutrition and audit history,
 * which a card does not show and a 1,000-card job cannot afford.
 */
export function buildCardViews(
  data: OfficeData,
  beneficiaryIds: readonly string[],
  context: { office: OfficeInfo; today: string },
): { ids: string[]; views: CardView[] } {
  if (beneficiaryIds.length === 0) return { ids: [], views: [] };
  const { store } = data;
  const rows = store.all(
    store.db
      .selectFrom('beneficiary as b')
      .innerJoin('household as h', 'h.id', 'b.household_id')
      .innerJoin('awc as a', 'a.code', 'h.awc_code')
      .leftJoin('beneficiary_photo as p', 'p.beneficiary_id', 'b.id')
      .select([
        'b.id',
        'b.household_id',
        'b.mts_id',
        'b.name_mr',
        'b.name_en',
        'b.sex',
        'b.dob',
        'b.dob_estimated',
        'b.lmp_date',
        'b.delivery_date',
        'b.aadhaar_last4',
        'h.village',
        'a.code as awc_code',
        'a.name_mr as awc_name_mr',
        'a.name_en as awc_name_en',
        'p.jpeg as photo',
      ])
      .where('b.id', 'in', beneficiaryIds as string[]),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const migrations = latestMigrations(data, [...new Set(rows.map((r) => r.household_id))]);
  const ids: string[] = [];
  const views: CardView[] = [];
  for (const id of beneficiaryIds) {
    const row = byId.get(id);
    if (!row) continue;
    const trip = migrations.get(row.household_id) ?? null;
    const category = beneficiaryCategory({ sex: row.sex, dob: row.dob, lmpDate: row.lmp_date, deliveryDate: row.delivery_date }, context.today);
    ids.push(id);
    views.push({
      mtsId: row.mts_id,
      nameMr: row.name_mr,
      nameEn: row.name_en,
      sex: upperSex(row.sex),
      dateOfBirth: row.dob,
      dobEstimated: row.dob_estimated === 1,
      category: cardCategory(category),
      maskedAadhaar: row.aadhaar_last4 ? maskAadhaar(row.aadhaar_last4) : null,
      home: home(context.office, row.village, { code: row.awc_code, nameMr: row.awc_name_mr, nameEn: row.awc_name_en }),
      destination: trip ? destination(trip) : null,
      workSector: trip ? workSector(trip.work_sector) : null,
      // A copy, not a view: the worker receives it by structured clone, which would copy a view's whole backing
      // buffer. Without a photo on record the card draws an empty box to paste one into.
      photo: row.photo ? new Uint8Array(row.photo) : null,
      validUntil: validUntil(trip?.expected_return ?? null, context.today),
    });
  }
  return { ids, views };
}

const SEVERITY_RANK = { severe: 3, moderate: 2, check: 1, normal: 0 } as const;
/** Acute malnutrition first: it is what the destination AWC must act on (referral, therapeutic food). */
const INDICATOR_RANK: Record<string, number> = { wasting: 0, wfa: 1, stunting: 2, thinness: 3 };
const NORMAL: Bilingual = { mr: 'सामान्य', en: 'Normal' };

/** The family sheet's status line: every finding of the latest measurement that is not normal, worst first. */
export function nutritionLine(m: MeasurementView | null): FamilyMemberView['nutrition'] {
  if (!m || m.statuses.length === 0) return null;
  const findings = m.statuses
    .filter((s) => s.severity !== 'normal')
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (INDICATOR_RANK[a.indicator] ?? 9) - (INDICATOR_RANK[b.indicator] ?? 9));
  const label = findings.length === 0 ? NORMAL : { mr: findings.map((s) => s.label.mr).join(' · '), en: findings.map((s) => s.label.en).join(' · ') };
  return { label, measuredOn: m.measuredOn };
}

/** What the profile leaves out and the printed household documents need. */
function memberFacts(data: OfficeData, householdId: string) {
  const { store } = data;
  const rows = store.all(
    store.db.selectFrom('beneficiary').select(['id', 'lmp_date', 'delivery_date', 'relation']).where('household_id', '=', householdId),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

function latestTrip(migrations: readonly MigrationView[]): MigrationView | null {
  // The profile lists trips newest departure first.
  return migrations[0] ?? null;
}

function tripFacts(m: MigrationView): MigrationFacts {
  return {
    destination_state: m.destinationState,
    destination_district_lgd: m.destinationDistrictLgd,
    destination_block: m.destinationBlock,
    destination_place: m.destinationPlace,
  };
}

/** How many of the latest services given the family sheet prints per member. */
const GIVEN_ON_SHEET = 8;

/** The latest services given, newest first, as the sheet prints them (a dose's code and its date). */
function lastGiven(records: readonly RecordedService[]): { label: Bilingual; date: string }[] {
  return [...records]
    .sort((a, b) => (a.givenOn > b.givenOn ? -1 : a.givenOn < b.givenOn ? 1 : 0))
    .slice(0, GIVEN_ON_SHEET)
    .map((r) => ({ label: serviceCodeInfo(r.service)?.label ?? same(r.service), date: r.givenOn }));
}

/**
 * The A5 family sheet of one household from its profile. What is due comes from the UIP schedule and each
 * member's services on record (voided ones never count), so a dose given is listed as given, with its date,
 * and the next one as due.
 */
export function buildFamilySheetView(data: OfficeData, householdId: string, today: string = localToday()): FamilySheetView {
  const office = officeOrProblem(data);
  const profile = householdProfile(data, householdId, today);
  const facts = memberFacts(data, householdId);
  const trip = latestTrip(profile.migrations);
  const active = profile.members.filter((m) => m.active);
  const history = liveServicesOf(data, active.map((m) => m.id));
  const options = dueOptions(data);
  const members: FamilyMemberView[] = active.map((m) => {
    const f = facts.get(m.id);
    const records = history.get(m.id) ?? [];
    const person = { sex: m.sex, dob: m.dob, lmp_date: f?.lmp_date ?? null, delivery_date: f?.delivery_date ?? null };
    return {
      mtsId: m.mtsId,
      nameMr: m.nameMr,
      nameEn: m.nameEn,
      sex: upperSex(m.sex),
      dateOfBirth: m.dob,
      dobEstimated: m.dobEstimated,
      category: cardCategory(m.category),
      nutrition: nutritionLine(m.latestNutrition),
      services: scheduleOf(person, records, today, options),
      given: lastGiven(records),
    };
  });
  return {
    headNameMr: profile.headNameMr,
    headNameEn: profile.headNameEn,
    contactNumber: profile.mobile,
    home: home(office, profile.village, profile.awc),
    sourceAwcContact: { workerName: same(profile.awc.workerName ?? '—'), phone: profile.awc.workerMobile },
    destination: trip ? destination(tripFacts(trip)) : null,
    workSector: trip ? workSector(trip.workSector) : null,
    employer: trip?.employer ?? null,
    departureDate: trip?.departureDate ?? null,
    expectedReturn: trip?.expectedReturn ?? null,
    members,
    printedOn: today,
    issuingOffice: office.name,
  };
}

const optionValue = (options: readonly { value: string }[], value: string | null | undefined): string | null =>
  value && options.some((o) => o.value === value) ? value : null;

function completedYears(dob: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(dob.slice(0, 4));
  return on.slice(5) < dob.slice(5) ? years - 1 : years;
}

/**
 * The registration form filled with what is on record for one household, for the family to check and sign.
 * Values that no longer fit the paper form's boxes (an old-format mobile number) are left blank, not refused.
 */
export function buildFilledFormView(data: OfficeData, householdId: string, today: string = localToday()): FilledFormView {
  const office = officeOrProblem(data);
  const profile = householdProfile(data, householdId, today);
  const facts = memberFacts(data, householdId);
  const { store } = data;
  const firstMeasurements = new Map<string, { measured_on: string; weight_kg: number | null; length_cm: number | null; measure: 'l' | 'h' | null; muac_mm: number | null; oedema: number }>();
  const memberIds = profile.members.filter((m) => m.active).map((m) => m.id);
  if (memberIds.length > 0) {
    const rows = store.all(
      store.db
        .selectFrom('measurement')
        .select(['beneficiary_id', 'measured_on', 'weight_kg', 'length_cm', 'measure', 'muac_mm', 'oedema'])
        .where('beneficiary_id', 'in', memberIds)
        .where('voided', '=', 0)
        .orderBy('measured_on')
        .orderBy('created_at'),
    );
    for (const row of rows) if (!firstMeasurements.has(row.beneficiary_id)) firstMeasurements.set(row.beneficiary_id, row);
  }
  const registeredOn = profile.createdAt.slice(0, 10);
  const members = profile.members
    .filter((m) => m.active)
    .map((m): Record<string, FormValue> => {
      const f = facts.get(m.id);
      const first = firstMeasurements.get(m.id);
      return {
        nameMr: m.nameMr,
        nameEn: m.nameEn,
        sex: upperSex(m.sex),
        // An estimated birth date came from a declared age: the paper form shows the age that was declared.
        dateOfBirth: m.dobEstimated ? null : m.dob,
        declaredAgeYears: m.dobEstimated ? completedYears(m.dob, registeredOn) : null,
        relation: optionValue(RELATION_OPTIONS, f?.relation),
        pregnant: m.category === 'pregnant',
        lmp: m.category === 'pregnant' ? (f?.lmp_date ?? null) : null,
        lactating: m.category === 'lactating',
        deliveryDate: m.category === 'lactating' ? (f?.delivery_date ?? null) : null,
        rchId: m.rchId,
        measuredOn: first?.measured_on ?? null,
        weightKg: first?.weight_kg ?? null,
        heightCm: first?.length_cm ?? null,
        posture: first?.measure ? optionValue(POSTURE_OPTIONS, first.measure === 'l' ? 'lying' : 'standing') : null,
        muacMm: first?.muac_mm ?? null,
        oedema: first ? first.oedema === 1 : null,
      };
    });
  // Member 1 of the form is the head; a household whose head is not a registered member (saved before
  // the head was keyed as member 1) still shows the head's name there.
  const headListed = members.some((m) => m.relation === 'self');
  const headBlock: Record<string, FormValue> = { nameMr: profile.headNameMr, nameEn: profile.headNameEn, relation: 'self' };
  const trip = latestTrip(profile.migrations);
  const district = trip?.destinationDistrictLgd ? findDistrict(trip.destinationDistrictLgd) : undefined;
  const state = trip ? stateName(trip.destinationState) : null;
  const values: Record<string, FormValue> = {
    awc: `${profile.awc.code} — ${profile.awc.nameMr} / ${profile.awc.nameEn}`,
    contactNumber: profile.mobile && /^\d{10}$/.test(profile.mobile) ? profile.mobile : null,
    nativeVillage: profile.village,
    socialCategory: optionValue(SOCIAL_CATEGORY_OPTIONS, profile.socialCategory),
    aadhaar: profile.aadhaarMasked,
    pan: profile.documents.pan,
    rationCard: profile.documents.rationCard,
    voterId: profile.documents.voterId,
    mgnregaJobCard: profile.documents.jobCard,
    departureDate: trip?.departureDate ?? null,
    destinationState: state ? `${state.mr} / ${state.en}` : null,
    destinationDistrict: district ? `${district.name.mr} / ${district.name.en}` : null,
    destinationBlock: trip?.destinationBlock ?? null,
    destinationPlace: trip?.destinationPlace ?? null,
    workSector: trip ? workSector(trip.workSector) : null,
    employer: trip?.employer ?? null,
    expectedReturn: trip?.expectedReturn ?? null,
  };
  const mtsIds = profile.members.filter((m) => m.active).map((m) => m.mtsId);
  return {
    values,
    members: headListed ? members : [headBlock, ...members],
    memberIds: headListed ? mtsIds : [null, ...mtsIds],
    printedOn: today,
    office: office.name,
  };
}
