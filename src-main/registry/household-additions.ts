import { randomUUID } from 'node:crypto';
import type { AddMemberInput, NewMemberInput } from '../api/contracts/registry.ts';
import { Problem, type BilingualText, type FieldProblem } from '../common/problem.ts';
import { protectAadhaar, type ProtectedAadhaar } from '../identity/index.ts';
import { readOffice, type OfficeData } from '../office/service.ts';
import type { Actor } from '../store/write.ts';
import { beneficiaryCategory } from './category.ts';
import { ageInYears, isIsoDate, todayIso } from '../common/calendar.ts';
import { existingIdOf, findDuplicates, unansweredDuplicates } from './duplicates.ts';
import { MtsIdIssuer } from './id-issuer.ts';
import { nameSearchKey } from './name-key.ts';
import { requireStateKeys } from './state-keys.ts';
import type { AddedMember, DuplicateWarning } from './types.ts';
import { checkOneMember, RCH_ID, rchIdApplies, type CheckedMember } from './validate.ts';

/** Birth details are taken from the MCP card, which a child keeps until school age. */
const BIRTH_DETAILS_UNDER_YEARS = 6;
const MOTHER_MIN_AGE_AT_BIRTH = 12;

const notFound = (what: BilingualText) => new Problem('not-found', what);
const NO_HOUSEHOLD = { en: 'No such household.', mr: 'असे कुटुंब नाही.' };
const NO_PERSON = { en: 'No such person.', mr: 'अशी व्यक्ती नाही.' };

/** Names the first field in the message itself, for the command line, which shows only the message. */
function invalid(fields: FieldProblem[]): Problem {
  const first = fields[0]!;
  return new Problem(
    'invalid-input',
    {
      en: `The member has ${fields.length} problem(s); nothing was saved. "${first.field}": ${first.message.en}`,
      mr: `सदस्याच्या माहितीत ${fields.length} चुका आहेत; काहीही जतन झाले नाही. "${first.field}": ${first.message.mr}`,
    },
    fields,
  );
}

interface PreparedMember {
  household: { id: string; village: string; awc_code: string };
  facts: CheckedMember;
  aadhaar: ProtectedAadhaar | null;
  mother: { id: string; delivery_date: string | null; active: boolean } | null;
  warnings: DuplicateWarning[];
}

/**
 * Checks a member to be added exactly as the registration form checks one (same rules, same duplicate
 * look-ups), plus the newborn's birth details; writes nothing.
 */
function prepareMember(data: OfficeData, input: AddMemberInput, today: string): PreparedMember {
  const { store } = data;
  const household = store.first(store.db.selectFrom('household').select(['id', 'village', 'awc_code', 'status']).where('id', '=', input.householdId));
  if (!household) throw notFound(NO_HOUSEHOLD);
  if (household.status !== 'active') {
    throw new Problem('household-deactivated', {
      en: 'This household is deactivated; reactivate it before adding a member.',
      mr: 'हे कुटुंब निष्क्रिय आहे; सदस्य जोडण्यापूर्वी ते पुन्हा सक्रिय करा.',
    });
  }
  const member = input.member;
  const { value: facts, problems } = checkOneMember(member, 'member', today);
  const mother = checkBirthDetails(data, input.householdId, member, facts, today, problems);
  if (problems.length > 0) throw invalid(problems);

  let aadhaar: ProtectedAadhaar | null = null;
  if (member.aadhaar) {
    const keys = requireStateKeys(data, 'member.aadhaar');
    aadhaar = protectAadhaar(member.aadhaar, { dedupKey: keys.dedupKey, sealPublicKey: keys.sealPublicKey });
  }
  const found = findDuplicates(store, {
    input: {
      awc: household.awc_code,
      headNameMr: '',
      headNameEn: '',
      contactNumber: '',
      nativeVillage: household.village,
      socialCategory: 'OTHER',
      aadhaar: '',
      pan: '',
      rationCard: '',
      voterId: '',
      mgnregaJobCard: '',
      members: [member],
      migration: null,
      resolutions: [],
    },
    checked: { mobile: null, pan: null, rationCard: null, voterId: null, jobCard: null, members: [facts] },
    headAadhaar: null,
    memberAadhaar: [aadhaar],
  });
  const warnings = found.map((warning) => ({ ...warning, target: 'member' }));
  return { household, facts, aadhaar, mother, warnings };
}

/** Birth weight, place and mother: only for a young child, the mother a woman of this household. */
function checkBirthDetails(
  data: OfficeData,
  householdId: string,
  member: NewMemberInput,
  facts: CheckedMember,
  today: string,
  problems: FieldProblem[],
): { id: string; delivery_date: string | null; active: boolean } | null {
  const fail = (field: string, en: string, mr: string) => problems.push({ field: `member.${field}`, message: { en, mr } });
  const given = member.birthWeightKg !== null || member.birthPlace !== null || member.motherId !== null;
  if (!given) return null;
  if (ageInYears(facts.dob, today) >= BIRTH_DETAILS_UNDER_YEARS) {
    const field = member.motherId !== null ? 'motherId' : member.birthWeightKg !== null ? 'birthWeightKg' : 'birthPlace';
    fail(field, 'Birth details are recorded only for children under 6.', 'जन्माची माहिती फक्त ६ वर्षांखालील बालकांसाठी नोंदवली जाते.');
    return null;
  }
  if (member.birthWeightKg !== null && (member.birthWeightKg < 0.3 || member.birthWeightKg > 7)) {
    fail('birthWeightKg', 'Birth weight must be 0.3–7 kg.', 'जन्मतः वजन 0.3–7 किलो असावे.');
  }
  if (member.motherId === null) return null;
  const { store } = data;
  const mother = store.first(
    store.db
      .selectFrom('beneficiary')
      .select(['id', 'household_id', 'sex', 'dob', 'status', 'exit_reason', 'delivery_date'])
      .where('id', '=', member.motherId),
  );
  if (!mother || mother.household_id !== householdId) {
    fail('motherId', 'Choose the mother from this household’s members.', 'आई या कुटुंबातील सदस्यांमधून निवडा.');
    return null;
  }
  if (mother.sex !== 'f' || ageInYears(mother.dob, facts.dob) < MOTHER_MIN_AGE_AT_BIRTH) {
    fail('motherId', 'This member cannot be the child’s mother (sex or age).', 'ही व्यक्ती बालकाची आई असू शकत नाही (लिंग किंवा वय).');
    return null;
  }
  if (mother.exit_reason === 'left') {
    fail('motherId', 'The mother is recorded as having left the household.', 'आईने कुटुंब सोडल्याची नोंद आहे.');
    return null;
  }
  // A mother who died at the birth is still the child's mother; she just is no longer served.
  return { id: mother.id, delivery_date: mother.delivery_date, active: mother.status === 'active' };
}

export function checkMemberDuplicates(data: OfficeData, input: AddMemberInput, today = todayIso()): DuplicateWarning[] {
  return prepareMember(data, input, today).warnings;
}

/**
 * Adds a person to a registered household (a newborn, a new spouse) in one transaction: a fresh MTS ID from
 * this installation's series, the first measurement if any, and, for a child born to a mother of the
 * household, her delivery date (so she is lactating). Also allowed at an office that does not own the
 * household: an insert writes no identity field of the owner's records.
 */
export function addMember(data: OfficeData, actor: Actor, input: AddMemberInput, today = todayIso()): AddedMember {
  const office = readOffice(data);
  if (!office) throw new Problem('not-set-up', { en: 'The office is not set up.', mr: 'कार्यालय सेट केलेले नाही.' });
  const { household, facts, aadhaar, mother, warnings } = prepareMember(data, input, today);
  const answerTo = (warning: DuplicateWarning) => input.resolutions.find((r) => r.existingId === existingIdOf(warning));
  const unresolved = unansweredDuplicates(warnings, answerTo, () => 'member');
  if (unresolved.length > 0) {
    throw new Problem(
      'possible-duplicates',
      { en: 'This person may already be registered. Link to the record or give a reason to add anyway.', mr: 'ही व्यक्ती आधीच नोंदलेली असू शकते. नोंदीला जोडा किंवा तरीही जोडण्याचे कारण लिहा.' },
      unresolved,
    );
  }
  // Every warning is answered by now: each by a link or an override with its reason.
  const decided = new Map(warnings.map((warning) => answerTo(warning)!).map((answer) => [answer.existingId, answer]));

  const member = input.member;
  const link = [...decided.values()].find((r) => r.action === 'link');
  if (link) {
    data.writer.write(actor, (batch) => {
      batch.audit('duplicate.link', { entity: 'beneficiary', entityId: link.existingId, reason: link.reason || undefined, after: { household: household.id } });
    });
    return { beneficiaryId: link.existingId, mtsId: '', category: 'other', dobEstimated: false, motherUpdated: null, linkedTo: link.existingId };
  }

  const id = randomUUID();
  const now = new Date().toISOString();
  let mtsId = '';
  // A mother's delivery date moves only forward, only on a known birth date (not one estimated from an age),
  // and only while she is served (active).
  const motherUpdate =
    mother && mother.active && !facts.dobEstimated && (mother.delivery_date === null || mother.delivery_date < facts.dob) ? mother : null;
  data.writer.write(actor, (batch) => {
    const issuer = new MtsIdIssuer(office.code, office.series, data.store);
    mtsId = issuer.next();
    batch.insert(
      'beneficiary',
      {
        id,
        household_id: household.id,
        mts_id: mtsId,
        name_mr: member.nameMr,
        name_en: member.nameEn,
        name_key: nameSearchKey(member.nameMr, member.nameEn),
        sex: facts.sex,
        dob: facts.dob,
        dob_estimated: facts.dobEstimated ? 1 : 0,
        relation: member.relation,
        lmp_date: facts.lmpDate,
        delivery_date: facts.deliveryDate,
        aadhaar_last4: aadhaar?.last4 ?? null,
        aadhaar_bucket: aadhaar?.bucket ?? null,
        aadhaar_sealed: aadhaar?.sealed ?? null,
        rch_id: facts.rchId,
        birth_weight_kg: member.birthWeightKg,
        birth_place: member.birthPlace,
        mother_id: member.motherId,
        status_reason: null,
        created_at: now,
        created_by: actor.operatorId,
      },
      'member added to a registered household',
    );
    for (const override of decided.values()) {
      batch.audit('duplicate.override', { entity: 'beneficiary', entityId: id, reason: override.reason, after: { possibleDuplicateOf: override.existingId } });
    }
    if (facts.measuredOn) {
      batch.insert('measurement', {
        id: randomUUID(),
        beneficiary_id: id,
        measured_on: facts.measuredOn,
        weight_kg: member.weightKg,
        length_cm: member.heightCm,
        measure: member.posture === null ? null : member.posture === 'lying' ? 'l' : 'h',
        muac_mm: member.muacMm === null ? null : Math.round(member.muacMm),
        oedema: member.oedema ? 1 : 0,
        void_reason: null,
        created_at: now,
        created_by: actor.operatorId,
      });
    }
    if (motherUpdate) {
      batch.update('beneficiary', motherUpdate.id, { delivery_date: facts.dob }, `birth of a child recorded (MTS ID ${mtsId})`);
    }
    issuer.commit(batch);
  });
  return {
    beneficiaryId: id,
    mtsId,
    category: beneficiaryCategory({ sex: facts.sex, dob: facts.dob, lmpDate: facts.lmpDate, deliveryDate: facts.deliveryDate }, today),
    dobEstimated: facts.dobEstimated,
    motherUpdated: motherUpdate?.id ?? null,
    linkedTo: null,
  };
}

const EXIT_TEXT = { died: 'died', left: 'left the household' } as const;

function requirePerson(data: OfficeData, id: string) {
  const row = data.store.first(
    data.store.db.selectFrom('beneficiary').select(['id', 'dob', 'sex', 'status', 'status_reason', 'exit_reason', 'lmp_date', 'delivery_date', 'rch_id']).where('id', '=', id),
  );
  if (!row) throw notFound(NO_PERSON);
  return row;
}

/**
 * A member who died or left: marked with the date and deactivated, never deleted, so the history and the
 * cards already printed stay explained. Deactivated people are left out of card prints and due lists.
 */
export function recordExit(data: OfficeData, actor: Actor, id: string, reason: 'died' | 'left', date: string, note: string, today = todayIso()): void {
  const person = requirePerson(data, id);
  if (person.exit_reason !== null) {
    throw new Problem('already-exited', {
      en: `This person is already recorded as ${EXIT_TEXT[person.exit_reason]}. Undo that first if it was a mistake.`,
      mr: person.exit_reason === 'died' ? 'या व्यक्तीच्या मृत्यूची नोंद आधीच आहे. चूक असल्यास आधी ती रद्द करा.' : 'या व्यक्तीने कुटुंब सोडल्याची नोंद आधीच आहे. चूक असल्यास आधी ती रद्द करा.',
    });
  }
  if (person.status !== 'active') {
    throw new Problem('already-deactivated', { en: 'This person is already deactivated.', mr: 'ही व्यक्ती आधीच निष्क्रिय आहे.' });
  }
  if (!isIsoDate(date) || date > today || date < person.dob) {
    const message = { en: 'The date must be between the date of birth and today.', mr: 'तारीख जन्मतारीख व आजच्या दरम्यान असावी.' };
    throw new Problem('invalid-input', message, [{ field: 'date', message }]);
  }
  const text = `${EXIT_TEXT[reason]} on ${date}${note ? `: ${note}` : ''}`;
  data.writer.write(actor, (batch) => {
    batch.update('beneficiary', id, { exit_reason: reason, exit_date: date, status: 'deactivated', status_reason: text }, text);
  });
}

/** A death or departure recorded by mistake: the person is active again; the mistake stays on the audit trail. */
export function undoExit(data: OfficeData, actor: Actor, id: string, reason: string): void {
  const person = requirePerson(data, id);
  if (person.exit_reason === null) {
    throw new Problem('not-exited', { en: 'This person is not recorded as died or left.', mr: 'या व्यक्तीच्या मृत्यूची किंवा कुटुंब सोडल्याची नोंद नाही.' });
  }
  data.writer.write(actor, (batch) => {
    batch.update('beneficiary', id, { exit_reason: null, exit_date: null, status: 'active', status_reason: null }, reason);
  });
}

/**
 * The RCH portal ID of a pregnant woman, a mother or a young child, as on the MCP card. Setting the first one
 * needs no reason; changing or clearing one on record is a correction and does.
 */
export function setRchId(data: OfficeData, actor: Actor, id: string, rchId: string, reason: string, today = todayIso()): void {
  const person = requirePerson(data, id);
  const value = rchId.replace(/[\s-]/g, '');
  const fail = (field: string, en: string, mr: string) => new Problem('invalid-input', { en, mr }, [{ field, message: { en, mr } }]);
  if (value !== '' && !RCH_ID.test(value)) throw fail('rchId', 'The RCH ID has 10 to 15 digits.', 'RCH आयडी १० ते १५ अंकी असतो.');
  const category = beneficiaryCategory({ sex: person.sex, dob: person.dob, lmpDate: person.lmp_date, deliveryDate: person.delivery_date }, today);
  const applies = rchIdApplies({ pregnant: category === 'pregnant', lactating: category === 'lactating', dob: person.dob }, today);
  if (value !== '' && !applies && person.rch_id === null) {
    throw fail('rchId', 'An RCH ID is kept only for pregnant women, lactating mothers and children under 6.', 'RCH आयडी फक्त गरोदर, स्तनदा माता व ६ वर्षांखालील बालकांसाठी नोंदवला जातो.');
  }
  if (person.rch_id !== null && person.rch_id !== (value || null) && reason.length < 3) {
    throw fail('reason', 'Give the reason for changing the RCH ID on record.', 'नोंदलेला RCH आयडी बदलण्याचे कारण लिहा.');
  }
  data.writer.write(actor, (batch) => {
    batch.update('beneficiary', id, { rch_id: value || null }, reason || 'RCH ID recorded');
  });
}
