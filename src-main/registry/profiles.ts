import { Problem } from '../common/problem.ts';
import { maskAadhaar } from '../identity/index.ts';
import { householdTrips } from '../migration/index.ts';
import { growthFlags } from '../nutrition/index.ts';
import type { OfficeData } from '../office/service.ts';
import type { BeneficiaryTable } from '../store/schema.ts';
import { beneficiaryCategory, expectedDeliveryDate } from './category.ts';
import { todayIso } from '../common/calendar.ts';
import { withQualityNotes } from './data-quality.ts';
import { measurementView } from './measurement-view.ts';
import type { AuditEntry, BeneficiaryProfile, HouseholdProfile, MemberView, MigrationView } from './types.ts';

const notFound = () => new Problem('not-found', { en: 'No such record.', mr: 'अशी नोंद नाही.' });

type BeneficiaryRow = Omit<BeneficiaryTable, 'dob_estimated' | 'status' | 'name_key'> & { dob_estimated: number; status: string };

function measurementColumns() {
  return ['id', 'measured_on', 'weight_kg', 'length_cm', 'measure', 'muac_mm', 'oedema', 'voided', 'void_reason'] as const;
}

function memberView(data: OfficeData, row: BeneficiaryRow, today: string): MemberView {
  const { store } = data;
  const latest = store.first(
    store.db
      .selectFrom('measurement')
      .select(measurementColumns())
      .where('beneficiary_id', '=', row.id)
      .where('voided', '=', 0)
      .orderBy('measured_on', 'desc')
      .orderBy('created_at', 'desc')
      .limit(1),
  );
  const category = beneficiaryCategory({ sex: row.sex, dob: row.dob, lmpDate: row.lmp_date, deliveryDate: row.delivery_date }, today);
  return {
    id: row.id,
    mtsId: row.mts_id,
    nameMr: row.name_mr,
    nameEn: row.name_en,
    sex: row.sex,
    dob: row.dob,
    dobEstimated: row.dob_estimated === 1,
    relation: row.relation,
    category,
    edd: category === 'pregnant' && row.lmp_date ? expectedDeliveryDate(row.lmp_date) : null,
    aadhaarMasked: row.aadhaar_last4 ? maskAadhaar(row.aadhaar_last4) : null,
    active: row.status === 'active',
    statusReason: row.status_reason,
    latestNutrition: latest ? measurementView(latest, row) : null,
    rchId: row.rch_id,
    exit: row.exit_reason ? { reason: row.exit_reason, date: row.exit_date } : null,
    birth:
      row.birth_weight_kg !== null || row.birth_place !== null || row.mother_id !== null
        ? { weightKg: row.birth_weight_kg, place: row.birth_place, motherId: row.mother_id }
        : null,
  };
}

/** Who did what to these records, newest first, with the operator's name rather than an id. */
export function auditHistory({ store }: OfficeData, entityIds: string[]): AuditEntry[] {
  if (entityIds.length === 0) return [];
  return store
    .all(
      store.db
        .selectFrom('audit_log as a')
        .leftJoin('operator as o', 'o.id', 'a.operator_id')
        .select(['a.at', 'o.full_name', 'a.action', 'a.entity', 'a.entity_id', 'a.before', 'a.after', 'a.reason'])
        .where('a.entity_id', 'in', entityIds)
        .orderBy('a.at', 'desc')
        .limit(500),
    )
    .map((row) => ({
      at: row.at,
      operator: row.full_name,
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      before: row.before ? (JSON.parse(row.before) as Record<string, unknown>) : null,
      after: row.after ? (JSON.parse(row.after) as Record<string, unknown>) : null,
      reason: row.reason,
    }));
}

export function householdProfile(data: OfficeData, id: string, today = todayIso()): HouseholdProfile {
  const { store } = data;
  const household = store.first(store.db.selectFrom('household').selectAll().where('id', '=', id));
  if (!household) throw notFound();
  const awc = store.first(store.db.selectFrom('awc').selectAll().where('code', '=', household.awc_code))!;
  const members = store
    .all(store.db.selectFrom('beneficiary').selectAll().where('household_id', '=', id).orderBy('dob'))
    .map((row) => memberView(data, row, today));
  // A trip's status is rebuilt from its events (migration/status.ts); the old status column is no longer written.
  const trips = householdTrips(data, id, today);
  const tripStates = new Map(trips.map((trip) => [trip.id, trip.state.status]));
  const migrations: MigrationView[] = store
    .all(store.db.selectFrom('migration').selectAll().where('household_id', '=', id).orderBy('departure_date', 'desc'))
    .map((m) => ({
      id: m.id,
      departureDate: m.departure_date,
      destinationState: m.destination_state,
      destinationDistrictLgd: m.destination_district_lgd,
      destinationBlock: m.destination_block,
      destinationPlace: m.destination_place,
      workSector: m.work_sector,
      employer: m.employer,
      expectedReturn: m.expected_return,
      status: tripStates.get(m.id) ?? 'planned',
    }));
  return {
    id,
    awc: { code: awc.code, nameMr: awc.name_mr, nameEn: awc.name_en, workerName: awc.worker_name, workerMobile: awc.worker_mobile },
    headNameMr: household.head_name_mr,
    headNameEn: household.head_name_en,
    mobile: household.mobile,
    village: household.village,
    socialCategory: household.social_category,
    aadhaarMasked: household.head_aadhaar_last4 ? maskAadhaar(household.head_aadhaar_last4) : null,
    documents: { pan: household.pan, rationCard: household.ration_card, voterId: household.voter_id, jobCard: household.job_card },
    createdAt: household.created_at,
    members,
    migrations,
    history: auditHistory(data, [id, ...members.map((m) => m.id), ...migrations.map((m) => m.id), ...trips.flatMap((trip) => trip.events.map((e) => e.id))]),
  };
}

export function beneficiaryProfile(data: OfficeData, id: string, today = todayIso()): BeneficiaryProfile {
  const { store } = data;
  const row = store.first(store.db.selectFrom('beneficiary').selectAll().where('id', '=', id));
  if (!row) throw notFound();
  const household = store.first(store.db.selectFrom('household').select(['head_name_en', 'head_name_mr']).where('id', '=', row.household_id))!;
  const measurements = withQualityNotes(
    store.all(store.db.selectFrom('measurement').select(measurementColumns()).where('beneficiary_id', '=', id).orderBy('measured_on')).map((m) => measurementView(m, row)),
    row.sex,
  );
  return {
    member: memberView(data, row, today),
    householdId: row.household_id,
    householdHeadEn: household.head_name_en,
    householdHeadMr: household.head_name_mr,
    measurements,
    growthFlags: growthFlags(
      measurements.filter((m) => !m.voided).map((m) => ({ date: m.measuredOn, weightKg: m.weightKg, whz: m.z.whz, muacMm: m.muacMm })),
      { dateOfBirth: row.dob, lmp: row.lmp_date, deliveryDate: row.delivery_date },
    ).map((flag) => ({ code: flag.code, label: flag.label, date: flag.date })),
    history: auditHistory(data, [id, ...measurements.map((m) => m.id)]),
  };
}
