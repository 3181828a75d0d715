import { randomUUID } from 'node:crypto';
import type { HouseholdInput } from '../api/contracts/registry.ts';
import { Problem, type FieldProblem } from '../common/problem.ts';
import { protectAadhaar, type ProtectedAadhaar, type StateKeys } from '../identity/index.ts';
import { readOffice, type OfficeData } from '../office/service.ts';
import type { WorkSector } from '../store/schema.ts';
import type { Actor } from '../store/write.ts';
import { beneficiaryCategory } from './category.ts';
import { todayIso } from '../common/calendar.ts';
import { existingIdOf, findDuplicates, unansweredDuplicates } from './duplicates.ts';
import { MtsIdIssuer } from './id-issuer.ts';
import { withHeadFromMembers } from './head.ts';
import { nameSearchKey } from './name-key.ts';
import { requireStateKeys } from './state-keys.ts';
import type { DuplicateWarning, SavedHousehold } from './types.ts';
import { checkHousehold, type CheckedHousehold } from './validate.ts';
import { doubleEntryEnabled, formSnapshot, recordFirstEntry } from './verification.ts';

interface Prepared {
  checked: CheckedHousehold;
  headAadhaar: ProtectedAadhaar | null;
  memberAadhaar: (ProtectedAadhaar | null)[];
  warnings: DuplicateWarning[];
}

/** Reads and checks the form, protects Aadhaar numbers and looks for duplicates; writes nothing. */
function prepare(data: OfficeData, input: HouseholdInput, today: string): Prepared {
  const { store } = data;
  const awcExists = (code: string) =>
    store.first(store.db.selectFrom('awc').select('code').where('code', '=', code).where('active', '=', 1)) !== undefined;
  const { value: checked, problems } = checkHousehold(input, today, awcExists);
  if (problems.length > 0) throw invalidForm(problems);

  let keys: StateKeys | null = null;
  const protect = (number: string, field: string): ProtectedAadhaar | null => {
    if (!number) return null;
    keys ??= requireStateKeys(data, field);
    return protectAadhaar(number, { dedupKey: keys.dedupKey, sealPublicKey: keys.sealPublicKey });
  };
  const headAadhaar = protect(input.aadhaar, 'aadhaar');
  const memberAadhaar = input.members.map((member, index) => protect(member.aadhaar, `members.${index}.aadhaar`));
  const warnings = findDuplicates(store, {
    input,
    checked,
    headAadhaar,
    memberAadhaar,
  });
  return { checked, headAadhaar, memberAadhaar, warnings };
}

export function checkHouseholdDuplicates(data: OfficeData, input: HouseholdInput, today = todayIso()): DuplicateWarning[] {
  return prepare(data, withHeadFromMembers(input), today).warnings;
}

/**
 * Saves one paper form in one transaction: the household, its members with fresh MTS IDs, first
 * measurements and the migration plan, with change-log and audit entries. Refused as a whole while any
 * field is invalid or a likely duplicate has not been linked or overridden with a reason.
 */
export function saveHousehold(data: OfficeData, actor: Actor, form: HouseholdInput, today = todayIso()): SavedHousehold {
  // The contract already did this; direct callers (bench, tests) may send the head only as member 1.
  const input = withHeadFromMembers(form);
  const office = readOffice(data);
  if (!office) throw new Problem('not-set-up', { en: 'The office is not set up.', mr: 'कार्यालय सेट केलेले नाही.' });
  const { checked, headAadhaar, memberAadhaar, warnings } = prepare(data, input, today);

  const problems = unansweredDuplicates(
    warnings,
    (warning) => input.resolutions.find((r) => r.target === warning.target && r.existingId === existingIdOf(warning)),
    (warning) => warning.target,
  );
  if (problems.length > 0) {
    throw new Problem(
      'possible-duplicates',
      { en: 'Some people on this form may already be registered. Link them or give a reason to save anyway.', mr: 'या अर्जातील काही व्यक्ती आधीच नोंदलेल्या असू शकतात. त्यांना जोडा किंवा तरीही जतन करण्याचे कारण लिहा.' },
      problems,
    );
  }
  const resolutionFor = (target: string) => input.resolutions.filter((r) => r.target === target && warnings.some((w) => w.target === target && existingIdOf(w) === r.existingId));

  const now = new Date().toISOString();
  const saved: SavedHousehold = { householdId: '', beneficiaries: [], linked: [] };
  data.writer.write(actor, (batch) => {
    const householdLink = resolutionFor('household').find((r) => r.action === 'link');
    const householdId = householdLink?.existingId ?? randomUUID();
    saved.householdId = householdId;
    if (householdLink) {
      batch.audit('duplicate.link', { entity: 'household', entityId: householdId, reason: householdLink.reason || undefined, after: { target: 'household' } });
      saved.linked.push({ target: 'household', existingId: householdId });
    } else {
      batch.insert('household', {
        id: householdId,
        awc_code: input.awc,
        head_name_mr: input.headNameMr,
        head_name_en: input.headNameEn,
        head_name_key: nameSearchKey(input.headNameMr, input.headNameEn),
        mobile: checked.mobile,
        village: input.nativeVillage,
        social_category: input.socialCategory,
        head_aadhaar_last4: headAadhaar?.last4 ?? null,
        head_aadhaar_bucket: headAadhaar?.bucket ?? null,
        head_aadhaar_sealed: headAadhaar?.sealed ?? null,
        pan: checked.pan,
        ration_card: checked.rationCard,
        voter_id: checked.voterId,
        job_card: checked.jobCard,
        status_reason: null,
        created_at: now,
        created_by: actor.operatorId,
      });
      for (const override of resolutionFor('household').filter((r) => r.action === 'override')) {
        batch.audit('duplicate.override', { entity: 'household', entityId: householdId, reason: override.reason, after: { possibleDuplicateOf: override.existingId } });
      }
    }

    const issuer = new MtsIdIssuer(office.code, office.series, data.store);
    const memberIds: (string | null)[] = [];
    input.members.forEach((member, index) => {
      const target = `members.${index}`;
      const link = resolutionFor(target).find((r) => r.action === 'link');
      if (link) {
        batch.audit('duplicate.link', { entity: 'beneficiary', entityId: link.existingId, reason: link.reason || undefined, after: { household: householdId } });
        saved.linked.push({ target, existingId: link.existingId });
        memberIds.push(null);
        return;
      }
      const facts = checked.members[index]!;
      const aadhaar = memberAadhaar[index] ?? null;
      const id = randomUUID();
      memberIds.push(id);
      const mtsId = issuer.next();
      batch.insert('beneficiary', {
        id,
        household_id: householdId,
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
        rch_id: facts.rchId,
        aadhaar_last4: aadhaar?.last4 ?? null,
        aadhaar_bucket: aadhaar?.bucket ?? null,
        aadhaar_sealed: aadhaar?.sealed ?? null,
        status_reason: null,
        created_at: now,
        created_by: actor.operatorId,
      });
      for (const override of resolutionFor(target).filter((r) => r.action === 'override')) {
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
      saved.beneficiaries.push({
        id,
        mtsId,
        nameMr: member.nameMr,
        nameEn: member.nameEn,
        category: beneficiaryCategory({ sex: facts.sex, dob: facts.dob, lmpDate: facts.lmpDate, deliveryDate: facts.deliveryDate }, today),
        dobEstimated: facts.dobEstimated,
      });
    });

    if (input.migration) {
      const m = input.migration;
      batch.insert('migration', {
        id: randomUUID(),
        household_id: householdId,
        departure_date: m.departureDate,
        destination_state: m.destinationState,
        destination_district_lgd: m.destinationState === 'MH' ? m.destinationDistrict : null,
        destination_block: m.destinationBlock || null,
        destination_place: m.destinationPlace || null,
        work_sector: m.workSector.replace(/-/g, '_') as WorkSector,
        employer: m.employer || null,
        expected_return: m.expectedReturn,
        status_reason: null,
        // The registration form has no "stays home" column: everyone goes until the household page says otherwise.
        staying_home: '[]',
        office_code: office.code,
        created_at: now,
        created_by: actor.operatorId,
      });
    }
    issuer.commit(batch);
    if (!householdLink && doubleEntryEnabled(data)) {
      recordFirstEntry(data.store, householdId, actor.operatorId, formSnapshot(data, input), memberIds);
    }
  });
  return saved;
}

function invalidForm(fields: FieldProblem[]): Problem {
  return new Problem(
    'invalid-input',
    {
      en: `The form has ${fields.length} problem(s); nothing was saved. Correct the marked fields.`,
      mr: `अर्जात ${fields.length} चुका आहेत; काहीही जतन झाले नाही. खूण केलेली क्षेत्रे दुरुस्त करा.`,
    },
    fields,
  );
}
