import { randomUUID } from 'node:crypto';
import { Problem, type FieldProblem } from '../common/problem.ts';
import type { OfficeData } from '../office/service.ts';
import { REFERRAL_KINDS, serviceCodeInfo } from '../schedule/index.ts';
import type { Actor } from '../store/write.ts';
import { ageInYears, isIsoDate, localToday } from './dates.ts';
import type { NewService, ServicePlace, ServiceSource } from './types.ts';

/** The children's schedule ends at the 19th birthday (Td at 16 may be caught up until then). */
const ADULT_FROM_YEARS = 19;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** One wrong field is named in the message itself, so the command line (which prints only that) says which. */
function invalid(fields: FieldProblem[]): Problem {
  const only = fields.length === 1 ? fields[0]! : null;
  const text = only
    ? { en: `${only.field}: ${only.message.en} Nothing was saved.`, mr: `${only.field}: ${only.message.mr} काहीही जतन झाले नाही.` }
    : { en: 'Correct the marked fields; nothing was saved.', mr: 'खूण केलेली क्षेत्रे दुरुस्त करा; काहीही जतन झाले नाही.' };
  return new Problem('invalid-input', text, fields);
}

function field(field: string, en: string, mr: string): FieldProblem {
  return { field, message: { en, mr } };
}

interface Person {
  id: string;
  sex: 'f' | 'm' | 'o';
  dob: string;
  awcCode: string;
}

function person(data: OfficeData, beneficiaryId: string): Person {
  const { store } = data;
  const row = store.first(
    store.db
      .selectFrom('beneficiary as b')
      .innerJoin('household as h', 'h.id', 'b.household_id')
      .select(['b.id', 'b.sex', 'b.dob', 'h.awc_code'])
      .where('b.id', '=', beneficiaryId),
  );
  if (!row) throw new Problem('not-found', { en: 'No such beneficiary.', mr: 'असा लाभार्थी नाही.' }, [field('beneficiaryId', 'No such beneficiary.', 'असा लाभार्थी नाही.')]);
  return { id: row.id, sex: row.sex, dob: row.dob, awcCode: row.awc_code };
}

/** A service row checked and ready to insert; problems name the input field (with `prefix` for a batch). */
function checked(input: NewService, who: Person, today: string, prefix: string, problems: FieldProblem[]) {
  const at = (name: string) => `${prefix}${name}`;
  const info = serviceCodeInfo(input.service);
  if (!info) {
    problems.push(field(at('service'), `Unknown service "${input.service}": choose one from the list (codes as printed on the MCP card).`, `"${input.service}" अशी सेवा नाही: यादीतून निवडा (MCP कार्डवर छापलेले नाव).`));
  }
  const dateOk = isIsoDate(input.date);
  if (!dateOk) problems.push(field(at('date'), 'Not a real date (YYYY-MM-DD).', 'खरी तारीख नाही (वर्ष-महिना-दिवस).'));
  else if (input.date > today) problems.push(field(at('date'), 'The date is in the future.', 'तारीख भविष्यातील आहे.'));
  else if (input.date < who.dob) problems.push(field(at('date'), 'The date is before the date of birth.', 'तारीख जन्मतारखेच्या आधीची आहे.'));
  if (info && dateOk && info.who === 'child' && input.date >= who.dob && ageInYears(who.dob, input.date) >= ADULT_FROM_YEARS) {
    problems.push(field(at('service'), `${info.label.en} is for children only; this person was an adult on that date.`, `${info.label.mr} फक्त मुलांसाठी आहे; त्या तारखेला ही व्यक्ती प्रौढ होती.`));
  }
  if (info && info.who === 'pregnancy' && who.sex !== 'f') {
    problems.push(field(at('service'), `${info.label.en} is given in pregnancy only.`, `${info.label.mr} फक्त गरोदरपणात दिले जाते.`));
  }
  const entitlement = input.service === 'THR' || input.service === 'HCM';
  let forMonth: string | null = null;
  if (entitlement) {
    forMonth = input.forMonth ?? (dateOk ? input.date.slice(0, 7) : null);
    if (forMonth !== null && !MONTH.test(forMonth)) problems.push(field(at('forMonth'), 'The month must be written YYYY-MM (e.g. 2026-11).', 'महिना वर्ष-महिना असा लिहा (उदा. 2026-11).'));
  } else if (input.forMonth) {
    problems.push(field(at('forMonth'), 'A month applies to THR and hot cooked meal only.', 'महिना फक्त घरपोच आहार व गरम आहारासाठी लागू.'));
  }
  const quantity = input.quantity ?? null;
  if (quantity !== null) {
    if (input.service === 'HCM' && (!Number.isInteger(quantity) || quantity < 0 || quantity > 31)) {
      problems.push(field(at('quantity'), 'Hot cooked meal: days in the month, 0 to 31.', 'गरम आहार: महिन्यातील दिवस, 0 ते 31.'));
    } else if (!Number.isFinite(quantity) || quantity < 0 || quantity > 1000) {
      problems.push(field(at('quantity'), 'The quantity must be between 0 and 1000.', 'प्रमाण 0 ते 1000 दरम्यान असावे.'));
    }
  }
  let detail = input.detail ?? null;
  if (input.service === 'REFERRAL') {
    if (!detail || !(REFERRAL_KINDS as readonly string[]).includes(detail)) {
      problems.push(field(at('detail'), 'Say where the person is referred: SAM to NRC, SAM to CTC, high-risk pregnancy or other.', 'कोठे संदर्भित केले ते निवडा: NRC, CTC, अतिजोखमीचे गरोदरपण किंवा इतर.'));
    }
  } else if (detail) detail = detail.slice(0, 200);
  const awcCode = input.awcCode ?? null;
  // A dose copied from the MCP card or told by the family was given somewhere else, unless said otherwise.
  const place: ServicePlace = input.place ?? (awcCode ? 'awc' : input.source === 'given' ? 'office' : 'elsewhere');
  return { info, forMonth, quantity, detail, place, awcCode: place === 'awc' ? (awcCode ?? who.awcCode) : awcCode };
}

interface Existing {
  service: string;
  given_on: string;
  for_month: string | null;
}

/** The same dose on the same date (or THR/HCM for the same month) is keyed twice, never given twice. */
function duplicateProblem(input: { service: string; date: string }, forMonth: string | null, existing: readonly Existing[], at: string): FieldProblem | null {
  const entitlement = input.service === 'THR' || input.service === 'HCM';
  const twice = existing.some((e) => e.service === input.service && (entitlement ? e.for_month === forMonth : e.given_on === input.date));
  if (!twice) return null;
  return entitlement
    ? field(`${at}forMonth`, `${input.service} for ${forMonth} is already recorded.`, `${input.service} (${forMonth}) आधीच नोंदलेले आहे.`)
    : field(`${at}date`, `${input.service} on ${input.date} is already recorded.`, `${input.service} (${input.date}) आधीच नोंदलेले आहे.`);
}

function existingOf(data: OfficeData, beneficiaryId: string): Existing[] {
  const { store } = data;
  return store.all(store.db.selectFrom('service').select(['service', 'given_on', 'for_month']).where('beneficiary_id', '=', beneficiaryId).where('voided', '=', 0));
}

function officeCode(data: OfficeData): string {
  const office = data.store.first(data.store.db.selectFrom('office').select('code'));
  if (!office) throw new Problem('not-set-up', { en: 'This office is not set up yet.', mr: 'हे कार्यालय अजून सेट केलेले नाही.' });
  return office.code;
}

/**
 * Records services of one person in one transaction: every row is checked first, and one bad row refuses all
 * of them (an MCP card keyed in one go is saved whole or not at all). Returns the new ids in input order.
 */
export function recordServices(data: OfficeData, actor: Actor, inputs: readonly NewService[], options: { prefix?: (index: number) => string; today?: string } = {}): string[] {
  if (inputs.length === 0) return [];
  const today = options.today ?? localToday();
  const prefix = options.prefix ?? (() => '');
  const beneficiaryId = inputs[0]!.beneficiaryId;
  const who = person(data, beneficiaryId);
  const existing = existingOf(data, beneficiaryId);
  const problems: FieldProblem[] = [];
  const rows = inputs.map((input, index) => {
    if (input.beneficiaryId !== beneficiaryId) throw new Error('one person per batch');
    const at = prefix(index);
    const row = checked(input, who, today, at, problems);
    const twice = duplicateProblem(input, row.forMonth, existing, at);
    if (twice) problems.push(twice);
    existing.push({ service: input.service, given_on: input.date, for_month: row.forMonth });
    return { input, row };
  });
  if (problems.length > 0) throw invalid(problems);
  const office = officeCode(data);
  const createdAt = new Date().toISOString();
  const ids = rows.map(() => randomUUID());
  data.writer.write(actor, (batch) => {
    rows.forEach(({ input, row }, i) => {
      batch.insert('service', {
        id: ids[i]!,
        beneficiary_id: beneficiaryId,
        service: input.service,
        given_on: input.date,
        source: input.source satisfies ServiceSource,
        place: row.place,
        awc_code: row.awcCode,
        office_code: office,
        quantity: row.quantity,
        for_month: row.forMonth,
        detail: row.detail,
        note: input.note ? input.note.slice(0, 300) : null,
        void_reason: null,
        created_at: createdAt,
        created_by: actor.operatorId,
      });
    });
  });
  return ids;
}

export function recordService(data: OfficeData, actor: Actor, input: NewService, today?: string): string {
  return recordServices(data, actor, [input], today ? { today } : {})[0]!;
}

/** Services are append-only: a wrong one is voided with a reason, stays visible as voided, and never counts. */
export function voidService(data: OfficeData, actor: Actor, id: string, reason: string): void {
  const row = data.store.first(data.store.db.selectFrom('service').select(['id', 'voided']).where('id', '=', id));
  if (!row) throw new Problem('not-found', { en: 'No such service record.', mr: 'अशी सेवा नोंद नाही.' }, [field('id', 'No such service record.', 'अशी सेवा नोंद नाही.')]);
  if (row.voided === 1) throw new Problem('already-voided', { en: 'This service record is already voided.', mr: 'ही सेवा नोंद आधीच रद्द केली आहे.' });
  const why = reason.trim();
  if (why.length < 3) throw invalid([field('reason', 'Give the reason for voiding (at least 3 characters).', 'रद्द करण्याचे कारण लिहा (किमान 3 अक्षरे).')]);
  data.writer.write(actor, (batch) => {
    batch.update('service', id, { voided: 1, void_reason: why }, why);
  });
}
