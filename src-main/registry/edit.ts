import { randomUUID } from 'node:crypto';
import { Problem, type FieldProblem } from '../common/problem.ts';
import { validateMobile } from '../identity/index.ts';
import type { OfficeData } from '../office/service.ts';
import type { Actor } from '../store/write.ts';
import { isIsoDate, todayIso } from '../common/calendar.ts';
import { nameSearchKey } from './name-key.ts';

const DEVANAGARI = /[\u0900-\u097F]/;

function invalid(fields: FieldProblem[]): Problem {
  return new Problem('invalid-input', { en: 'Correct the marked fields; nothing was saved.', mr: 'खूण केलेली क्षेत्रे दुरुस्त करा; काहीही जतन झाले नाही.' }, fields);
}

function requireRow<T>(row: T | undefined): T {
  if (!row) throw new Problem('not-found', { en: 'No such record.', mr: 'अशी नोंद नाही.' });
  return row;
}

export interface HouseholdChanges {
  headNameMr?: string;
  headNameEn?: string;
  contactNumber?: string;
  nativeVillage?: string;
  socialCategory?: string;
  awc?: string;
}

/** Corrections keep the old values on the audit trail with the reason; nothing is overwritten silently. */
export function updateHousehold(data: OfficeData, actor: Actor, id: string, changes: HouseholdChanges, reason: string): void {
  const { store } = data;
  const current = requireRow(store.first(store.db.selectFrom('household').selectAll().where('id', '=', id)));
  const problems: FieldProblem[] = [];
  let mobile: string | null | undefined;
  if (changes.contactNumber !== undefined) {
    if (changes.contactNumber === '') mobile = null;
    else {
      const checked = validateMobile(changes.contactNumber);
      if (checked.ok) mobile = checked.value;
      else problems.push({ field: 'contactNumber', message: checked.message });
    }
  }
  if (changes.headNameMr !== undefined && !DEVANAGARI.test(changes.headNameMr)) {
    problems.push({ field: 'headNameMr', message: { en: 'Write the name in Devanagari.', mr: 'नाव देवनागरीत लिहा.' } });
  }
  if (changes.awc !== undefined && !store.first(store.db.selectFrom('awc').select('code').where('code', '=', changes.awc))) {
    problems.push({ field: 'awc', message: { en: 'Choose the Anganwadi centre from the list.', mr: 'यादीतून अंगणवाडी केंद्र निवडा.' } });
  }
  if (problems.length > 0) throw invalid(problems);
  const headNameMr = changes.headNameMr ?? current.head_name_mr;
  const headNameEn = changes.headNameEn ?? current.head_name_en;
  data.writer.write(actor, (batch) => {
    batch.update(
      'household',
      id,
      {
        head_name_mr: changes.headNameMr,
        head_name_en: changes.headNameEn,
        head_name_key: nameSearchKey(headNameMr, headNameEn),
        mobile,
        village: changes.nativeVillage,
        social_category: changes.socialCategory,
        awc_code: changes.awc,
      },
      reason,
    );
  });
}

export interface BeneficiaryChanges {
  nameMr?: string;
  nameEn?: string;
  sex?: 'F' | 'M' | 'O';
  dateOfBirth?: string | null;
  relation?: string;
  lmp?: string | null;
  deliveryDate?: string | null;
}

export function updateBeneficiary(data: OfficeData, actor: Actor, id: string, changes: BeneficiaryChanges, reason: string, today = todayIso()): void {
  const { store } = data;
  const current = requireRow(store.first(store.db.selectFrom('beneficiary').selectAll().where('id', '=', id)));
  const problems: FieldProblem[] = [];
  const checkDate = (field: string, value: string | null | undefined) => {
    if (value && (!isIsoDate(value) || value > today)) {
      problems.push({ field, message: { en: 'Not a real date, or in the future.', mr: 'खरी तारीख नाही किंवा भविष्यातील आहे.' } });
    }
  };
  checkDate('dateOfBirth', changes.dateOfBirth);
  checkDate('lmp', changes.lmp);
  checkDate('deliveryDate', changes.deliveryDate);
  if (changes.dateOfBirth === null) problems.push({ field: 'dateOfBirth', message: { en: 'Required.', mr: 'आवश्यक.' } });
  if (changes.nameMr !== undefined && !DEVANAGARI.test(changes.nameMr)) {
    problems.push({ field: 'nameMr', message: { en: 'Write the name in Devanagari.', mr: 'नाव देवनागरीत लिहा.' } });
  }
  if (problems.length > 0) throw invalid(problems);
  const nameMr = changes.nameMr ?? current.name_mr;
  const nameEn = changes.nameEn ?? current.name_en;
  data.writer.write(actor, (batch) => {
    batch.update(
      'beneficiary',
      id,
      {
        name_mr: changes.nameMr,
        name_en: changes.nameEn,
        name_key: nameSearchKey(nameMr, nameEn),
        sex: changes.sex ? (changes.sex.toLowerCase() as 'f' | 'm' | 'o') : undefined,
        dob: changes.dateOfBirth ?? undefined,
        // A corrected date of birth is a known date, no longer an estimate.
        dob_estimated: changes.dateOfBirth ? 0 : undefined,
        relation: changes.relation,
        lmp_date: changes.lmp,
        delivery_date: changes.deliveryDate,
      },
      reason,
    );
  });
}

const DEACTIVATION_REASON = {
  'moved-away': 'moved away',
  died: 'died',
  duplicate: 'duplicate record',
  other: 'other',
} as const;

/** Records are never deleted: a deactivated person keeps the ID, the history and the cards printed. */
export function deactivateBeneficiary(data: OfficeData, actor: Actor, id: string, reason: keyof typeof DEACTIVATION_REASON, note: string): void {
  const row = requireRow(data.store.first(data.store.db.selectFrom('beneficiary').select(['id', 'status']).where('id', '=', id)));
  if (row.status === 'deactivated') {
    throw new Problem('already-deactivated', { en: 'This person is already deactivated.', mr: 'ही व्यक्ती आधीच निष्क्रिय आहे.' });
  }
  const text = note ? `${DEACTIVATION_REASON[reason]}: ${note}` : DEACTIVATION_REASON[reason];
  data.writer.write(actor, (batch) => {
    batch.update('beneficiary', id, { status: 'deactivated', status_reason: text }, text);
  });
}

export interface NewMeasurement {
  beneficiaryId: string;
  measuredOn: string;
  weightKg: number | null;
  heightCm: number | null;
  posture: 'lying' | 'standing' | null;
  muacMm: number | null;
  oedema: boolean;
}

export function addMeasurement(data: OfficeData, actor: Actor, input: NewMeasurement, today = todayIso()): string {
  const person = requireRow(data.store.first(data.store.db.selectFrom('beneficiary').select(['id', 'dob']).where('id', '=', input.beneficiaryId)));
  const problems: FieldProblem[] = [];
  if (!isIsoDate(input.measuredOn) || input.measuredOn > today || input.measuredOn < person.dob) {
    problems.push({ field: 'measuredOn', message: { en: 'Measurement date must be between the date of birth and today.', mr: 'मोजणीची तारीख जन्मतारीख व आजच्या दरम्यान असावी.' } });
  }
  if (input.weightKg === null && input.heightCm === null && input.muacMm === null && !input.oedema) {
    problems.push({ field: 'weightKg', message: { en: 'Enter at least one reading.', mr: 'किमान एक मोजमाप लिहा.' } });
  }
  if (input.weightKg !== null && (input.weightKg < 0.5 || input.weightKg > 150)) problems.push({ field: 'weightKg', message: { en: 'Weight must be 0.5–150 kg.', mr: 'वजन 0.5–150 किलो असावे.' } });
  if (input.heightCm !== null && (input.heightCm < 35 || input.heightCm > 200)) problems.push({ field: 'heightCm', message: { en: 'Length/height must be 35–200 cm.', mr: 'लांबी/उंची 35–200 सेमी असावी.' } });
  if (input.heightCm !== null && input.posture === null) problems.push({ field: 'posture', message: { en: 'Say whether measured lying or standing.', mr: 'झोपवून की उभे करून मोजले ते निवडा.' } });
  if (input.muacMm !== null && (input.muacMm < 50 || input.muacMm > 400)) problems.push({ field: 'muacMm', message: { en: 'MUAC must be 50–400 mm.', mr: 'दंडघेर 50–400 मिमी असावा.' } });
  if (problems.length > 0) throw invalid(problems);
  const id = randomUUID();
  data.writer.write(actor, (batch) => {
    batch.insert('measurement', {
      id,
      beneficiary_id: input.beneficiaryId,
      measured_on: input.measuredOn,
      weight_kg: input.weightKg,
      length_cm: input.heightCm,
      measure: input.posture === null ? null : input.posture === 'lying' ? 'l' : 'h',
      muac_mm: input.muacMm === null ? null : Math.round(input.muacMm),
      oedema: input.oedema ? 1 : 0,
      void_reason: null,
      created_at: new Date().toISOString(),
      created_by: actor.operatorId,
    });
  });
  return id;
}

/** Measurements are append-only: a wrong one is voided with a reason and stays visible as voided. */
export function voidMeasurement(data: OfficeData, actor: Actor, id: string, reason: string): void {
  const row = requireRow(data.store.first(data.store.db.selectFrom('measurement').select(['id', 'voided']).where('id', '=', id)));
  if (row.voided === 1) throw new Problem('already-voided', { en: 'This measurement is already voided.', mr: 'हे मोजमाप आधीच रद्द केले आहे.' });
  data.writer.write(actor, (batch) => {
    batch.update('measurement', id, { voided: 1, void_reason: reason }, reason);
  });
}
