/**
 * The entry screen's model, generated from the paper form's definition: one block of values per section
 * (members repeat), visibility rules, conversion to the API input and the checks the screen can make
 * before the backend sees the form. Field paths are those the backend names in its errors:
 * `headNameMr`, `members.2.dateOfBirth`, `migration.departureDate`.
 */
import type { InputOf } from '../../src-main/api/contract.ts';
import type { HouseholdInput } from '../../src-main/api/contracts/registry.ts';
import { beneficiaryCategory, expectedDeliveryDate } from '../../src-main/registry/category.ts';
import { withHeadFromMembers } from '../../src-main/registry/head.ts';
import { checkHousehold, childbearingApplies } from '../../src-main/registry/validate.ts';
import type { BilingualText } from '../../src-main/common/problem.ts';
import type { BeneficiaryCategory } from '../../src-main/registry/types.ts';
import {
  HOUSEHOLD_REGISTRATION_FORM,
  type FormField,
  type FormSection,
} from '../../src-main/registry/form-definition.ts';
import { ageYears, digitsOnly, estimateDob, parseDisplayDate, parseNumber } from './registration-format.ts';

export const FORM = HOUSEHOLD_REGISTRATION_FORM;
export type SaveInput = InputOf<'registry.saveHousehold'>;
export type Block = Record<string, string | boolean>;

export interface Draft {
  /** Household and identity sections share one block; member 1 is the head (relation "self"). */
  head: Block;
  members: Block[];
  migration: Block;
}

/** Not on the paper form's field list, but part of the declared age (years and months) the contract takes. */
export const DECLARED_MONTHS_KEY = 'declaredAgeMonths';
/** The first-measurement fields are filled for young children only. */
export const MEASUREMENT_KEYS = new Set(['measuredOn', 'weightKg', 'heightCm', 'posture', 'muacMm', 'oedema']);
const MEASURED_UNDER_YEARS = 6;
/** Children under 6 have an MCP card with an RCH ID (form-definition `onlyFor: 'young-child'`). */
const YOUNG_CHILD_UNDER_YEARS = 6;
/** The contract requires these although the paper form leaves them unmarked. */
const REQUIRED_BY_CONTRACT = new Set(['socialCategory']);
/** Choices whose stored value is a number. */
const NUMERIC_CHOICES = new Set(['destinationDistrict']);
/** Lookups the contract offers no list for: typed as text. */
export const TEXT_LOOKUPS = new Set(['block']);


export function sectionByKey(key: string): FormSection {
  const section = FORM.sections.find((s) => s.key === key);
  if (!section) throw new Error(`form section ${key} missing`);
  return section;
}

export function emptyBlock(section: FormSection): Block {
  const block: Block = {};
  for (const field of section.fields) block[field.key] = field.kind === 'check' ? false : '';
  if (section.repeat) block[DECLARED_MONTHS_KEY] = '';
  return block;
}

export function emptyDraft(): Draft {
  const head: Block = { ...emptyBlock(sectionByKey('household')), ...emptyBlock(sectionByKey('identity')) };
  return { head, members: [newMemberBlock(0)], migration: emptyBlock(sectionByKey('migration')) };
}

/**
 * A fresh member block at position `index`: member 1 is the head (relation fixed to "self"); member 2 is
 * most often the head's wife or husband, so "spouse" is proposed (the operator types over it).
 */
export function newMemberBlock(index: number): Block {
  const block = emptyBlock(sectionByKey('member'));
  if (index === 0) block.relation = 'self';
  else if (index === 1) block.relation = 'spouse';
  return block;
}

/** Member 1 of the form is the head of household: its relation is not asked. */
export function isHeadBlock(block: Block): boolean {
  return block.relation === 'self';
}

/**
 * The sex a relation says, where it is unambiguous: a son is male, a daughter or daughter-in-law female,
 * the head's spouse the other sex than the head. Null for the rest (grandchild, parent, sibling, other).
 */
export function sexFromRelation(relation: string, headSex: string): 'M' | 'F' | null {
  if (relation === 'son') return 'M';
  if (relation === 'daughter' || relation === 'daughter-in-law') return 'F';
  if (relation === 'spouse') return headSex === 'M' ? 'F' : headSex === 'F' ? 'M' : null;
  return null;
}

/** WHO: children under 2 years are measured lying (length), older ones standing (height). */
export function defaultPosture(block: Block, today: string): 'lying' | 'standing' | null {
  const dob = previewDob(block, today);
  if (!dob) return null;
  const on = parseDisplayDate(String(block.measuredOn ?? ''));
  const measured = on && on !== 'invalid' ? on : today;
  return ageYears(dob.iso, measured) < 2 ? 'lying' : 'standing';
}

/** Where a section's values live in the draft, and the prefix of its field paths. */
export function blockOf(draft: Draft, section: FormSection, index = 0): Block {
  if (section.repeat) return draft.members[index]!;
  if (section.key === 'migration') return draft.migration;
  return draft.head;
}

export function pathPrefix(section: FormSection, index = 0): string {
  if (section.repeat) return `members.${index}.`;
  if (section.key === 'migration') return 'migration.';
  return '';
}

/** DOM id of a field's input, derived from its path (`members.2.dateOfBirth` → `f-members-2-dateOfBirth`). */
export function inputId(path: string): string {
  return `f-${path.replaceAll('.', '-')}`;
}

/** The member's age in years on `today`, from the date of birth or the declared age; null if neither. */
export function memberAgeYears(block: Block, today: string): number | null {
  const dob = parseDisplayDate(String(block.dateOfBirth ?? ''));
  // A birth date in the future is an error the backend reports; it makes nobody a young child.
  if (dob && dob !== 'invalid') return dob > today ? null : ageYears(dob, today);
  const years = parseNumber(String(block.declaredAgeYears ?? ''));
  if (typeof years === 'number') return years;
  return null;
}

export function isVisible(field: FormField, section: FormSection, block: Block, today: string): boolean {
  if (field.showIf) {
    const actual = block[field.showIf.key];
    if (actual !== field.showIf.equals) return false;
  }
  if (field.onlyFor) {
    const age = memberAgeYears(block, today);
    const groups = {
      pregnant: block.pregnant === true,
      lactating: block.lactating === true,
      'young-child': age !== null && age < YOUNG_CHILD_UNDER_YEARS,
      // The backend's own rule; while the age is unknown the question waits for the date of birth.
      'childbearing-woman': age !== null && block.sex === 'F' && childbearingApplies('f', age),
    };
    if (!field.onlyFor.some((group) => groups[group])) return false;
  }
  // The head's relation is "self" by position; only the other members say theirs.
  if (section.repeat?.firstIsHead && field.key === 'relation' && isHeadBlock(block)) return false;
  // A complete date of birth makes the declared age moot.
  if (field.key === 'declaredAgeYears') {
    const dob = parseDisplayDate(String(block.dateOfBirth ?? ''));
    if (dob && dob !== 'invalid') return false;
  }
  if (section.repeat && MEASUREMENT_KEYS.has(field.key)) {
    const age = memberAgeYears(block, today);
    return age !== null && age < MEASURED_UNDER_YEARS;
  }
  return true;
}

export function isRequired(field: FormField): boolean {
  return field.required === true || REQUIRED_BY_CONTRACT.has(field.key);
}

function migrationIsEmpty(block: Block): boolean {
  return Object.values(block).every((v) => v === '' || v === false);
}

const MSG = {
  required: { mr: 'हे भरणे आवश्यक आहे.', en: 'This is required.' },
  choose: { mr: 'यादीतून निवडा.', en: 'Pick from the list.' },
  date: { mr: 'अशी तारीख नाही. दिवस-महिना-वर्ष असे लिहा (उदा. 15-06-2019).', en: 'No such date. Write day-month-year (e.g. 15-06-2019).' },
  number: { mr: 'फक्त अंक लिहा (दशांशासाठी .).', en: 'Digits only (use . for decimals).' },
  digits: (n: number) => ({ mr: `${n} अंक लिहा.`, en: `Enter ${n} digits.` }),
  digitRange: (min: number, max: number) => ({ mr: `${min} ते ${max} अंक लिहा.`, en: `Enter ${min} to ${max} digits.` }),
  range: (min?: number, max?: number) => ({ mr: `${min ?? ''} ते ${max ?? ''} दरम्यान असावे.`, en: `Must be between ${min ?? ''} and ${max ?? ''}.` }),
  pattern: { mr: 'स्वरूप चुकीचे आहे.', en: 'The format is not right.' },
  tooLong: (n: number) => ({ mr: `जास्तीत जास्त ${n} अक्षरे.`, en: `At most ${n} characters.` }),
  dobOrAge: { mr: 'जन्मतारीख किंवा सांगितलेले वय लिहा.', en: 'Enter the date of birth or the declared age.' },
  months: { mr: 'महिने ० ते ११.', en: 'Months 0 to 11.' },
} satisfies Record<string, BilingualText | ((...a: never[]) => BilingualText)>;

export type FieldErrors = Record<string, BilingualText>;

/** The operator's decision about one duplicate warning (contract: `duplicateResolution`). */
export interface Resolution {
  target: string;
  existingId: string;
  action: 'override' | 'link';
  reason: string;
}

/** What the contract takes for a blank or hidden field: '' for texts, null for dates, numbers and choices. */
function emptyValue(field: FormField): unknown {
  if (field.kind === 'check') return false;
  if (field.kind === 'text' || field.kind === 'digits') return '';
  if (field.kind === 'choice' && TEXT_LOOKUPS.has(field.lookup ?? '')) return '';
  return null;
}

function convertField(field: FormField, raw: string | boolean, path: string, errors: FieldErrors): unknown {
  if (field.kind === 'check') return raw === true;
  const text = String(raw).trim();
  const required = isRequired(field);
  if (text === '') {
    if (required) errors[path] = field.kind === 'choice' && !TEXT_LOOKUPS.has(field.lookup ?? '') ? MSG.choose : MSG.required;
    return emptyValue(field);
  }
  switch (field.kind) {
    case 'date': {
      const iso = parseDisplayDate(text);
      if (iso === 'invalid') errors[path] = MSG.date;
      return iso === 'invalid' ? null : iso;
    }
    case 'number': {
      const n = parseNumber(text);
      if (n === 'invalid') {
        errors[path] = MSG.number;
        return null;
      }
      if (n !== null && ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max))) {
        errors[path] = MSG.range(field.min, field.max);
      }
      return n;
    }
    case 'digits': {
      const digits = digitsOnly(text);
      if (digits.length !== text.replace(/[\s-]/g, '').length) errors[path] = MSG.digits(field.length ?? 0);
      else if (field.length && digits.length !== field.length) errors[path] = MSG.digits(field.length);
      else if (field.maxLength && (digits.length < (field.minLength ?? 1) || digits.length > field.maxLength)) errors[path] = MSG.digitRange(field.minLength ?? 1, field.maxLength);
      else if (field.pattern && !new RegExp(field.pattern).test(digits)) errors[path] = field.hint ?? MSG.pattern;
      return digits;
    }
    case 'choice':
      return NUMERIC_CHOICES.has(field.key) ? Number(text) : text;
    default: {
      const value = field.pattern ? text.toUpperCase().replace(/\s/g, '') : text;
      if (field.maxChars !== undefined && value.length > field.maxChars) errors[path] = MSG.tooLong(field.maxChars);
      else if (field.pattern && !new RegExp(field.pattern).test(value)) errors[path] = field.hint ?? MSG.pattern;
      return value;
    }
  }
}

function convertSection(section: FormSection, block: Block, prefix: string, today: string, errors: FieldErrors, out: Record<string, unknown>) {
  for (const field of section.fields) {
    const path = prefix + field.key;
    const visible = isVisible(field, section, block, today);
    if (!visible) {
      out[field.key] = emptyValue(field);
      continue;
    }
    out[field.key] = convertField(field, block[field.key] ?? '', path, errors);
  }
}

/**
 * The form as the API takes it, plus the errors the screen can already see. The backend checks everything
 * again (Aadhaar check digit, future dates, duplicates) and names fields the same way.
 */
export function toSaveInput(draft: Draft, today: string): { input: SaveInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const head: Record<string, unknown> = {};
  convertSection(sectionByKey('household'), draft.head, '', today, errors, head);
  convertSection(sectionByKey('identity'), draft.head, '', today, errors, head);

  const memberSection = sectionByKey('member');
  const members = draft.members.map((block, index) => toMemberInput(block, pathPrefix(memberSection, index), today, errors));

  let migration: Record<string, unknown> | null = null;
  if (!migrationIsEmpty(draft.migration)) {
    migration = {};
    convertSection(sectionByKey('migration'), draft.migration, 'migration.', today, errors, migration);
  }
  // The head is member 1: the household's head names are left blank and the backend takes them from there.
  const input = { ...head, headNameMr: '', headNameEn: '', members, migration, resolutions: [] } as unknown as SaveInput;
  return { input, errors };
}

/**
 * Every problem with the form right now: the screen's own reading of the boxes (blank, not a date, not
 * digits) and then the backend's checks — the same `checkHousehold` the server runs on save — so an error
 * shows while typing exactly as the server would word it. `awcCodes`: the AWC list the screen holds.
 */
export function formProblems(draft: Draft, today: string, awcCodes: ReadonlySet<string>): FieldErrors {
  const { input, errors } = toSaveInput(draft, today);
  // A blank choice is null on the screen; the contract would refuse it before these checks run, and the
  // screen already reports it as required, so the checks see a neutral value instead.
  const members = input.members.map((member) => ({ ...member, sex: member.sex ?? 'O', relation: member.relation ?? 'other' }));
  const form = { ...input, members } as unknown as HouseholdInput;
  const { problems } = checkHousehold(withHeadFromMembers(form), today, (code) => awcCodes.has(code));
  const found: FieldErrors = { ...errors };
  for (const problem of problems) found[problem.field] ??= problem.message;
  return found;
}

/** One member block as the contract's member (`registry.saveHousehold`, `registry.addMember`); errors under `prefix`. */
export function toMemberInput(block: Block, prefix: string, today: string, errors: FieldErrors, section: FormSection = sectionByKey('member')): Record<string, unknown> {
  const member: Record<string, unknown> = {};
  convertSection(section, block, prefix, today, errors, member);
  if (isHeadBlock(block)) member.relation = 'self';
  if (member.heightCm !== null && member.heightCm !== undefined && member.posture === null) member.posture = defaultPosture(block, today);
  const months = parseNumber(String(block[DECLARED_MONTHS_KEY] ?? ''));
  if (months === 'invalid' || (typeof months === 'number' && (months > 11 || !Number.isInteger(months)))) {
    errors[prefix + DECLARED_MONTHS_KEY] = MSG.months;
  }
  member[DECLARED_MONTHS_KEY] = typeof months === 'number' ? months : null;
  if (member.dateOfBirth === null && member.declaredAgeYears === null && member.declaredAgeMonths === null) {
    errors[prefix + 'dateOfBirth'] ??= MSG.dobOrAge;
  } else if (member.dateOfBirth === null && member.declaredAgeYears === null) {
    member.declaredAgeYears = 0;
  }
  member.aadhaar = '';
  return member;
}

/** Fields of a section outside the registration form (the newborn's birth details) as the contract takes them. */
export function toSectionValues(section: FormSection, block: Block, prefix: string, today: string, errors: FieldErrors): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  convertSection(section, block, prefix, today, errors, out);
  return out;
}

/** Every field path of the current draft in screen order (for focusing the first error). */
export function fieldOrder(draft: Draft, today: string): string[] {
  const order: string[] = [];
  for (const section of FORM.sections) {
    const count = section.repeat ? draft.members.length : 1;
    for (let index = 0; index < count; index++) {
      const block = blockOf(draft, section, index);
      for (const field of section.fields) {
        if (!isVisible(field, section, block, today)) continue;
        order.push(pathPrefix(section, index) + field.key);
        if (section.repeat && field.key === 'declaredAgeYears') order.push(pathPrefix(section, index) + DECLARED_MONTHS_KEY);
      }
    }
  }
  return order;
}

/** The field's label for an error path, e.g. "Member 2 · Date of birth". */
export function describePath(path: string): BilingualText {
  const member = /^members\.(\d+)\.(\w+)/.exec(path);
  const find = (section: FormSection, key: string) => section.fields.find((f) => f.key === key)?.label;
  if (member) {
    const n = Number(member[1]) + 1;
    const key = member[2]!;
    const label = key === DECLARED_MONTHS_KEY ? { mr: 'वय (महिने)', en: 'Age (months)' } : (find(sectionByKey('member'), key) ?? { mr: key, en: key });
    return { mr: `सदस्य ${n} · ${label.mr}`, en: `Member ${n} · ${label.en}` };
  }
  const migration = /^migration\.(\w+)/.exec(path);
  if (migration) {
    const section = sectionByKey('migration');
    const label = find(section, migration[1]!) ?? { mr: migration[1]!, en: migration[1]! };
    return { mr: `${section.label.mr} · ${label.mr}`, en: `${section.label.en} · ${label.en}` };
  }
  // The backend names the head's name `headNameMr`/`headNameEn`; on this form it is member 1's name.
  const head = /^headName(Mr|En)$/.exec(path);
  if (head) return describePath(`members.0.name${head[1]!}`);
  for (const key of ['household', 'identity']) {
    const label = find(sectionByKey(key), path);
    if (label) return { mr: label.mr, en: label.en };
  }
  return { mr: path, en: path };
}

/** The category the backend will derive today, shown to the operator while typing (never typed). */
export function previewCategory(block: Block, today: string): { category: BeneficiaryCategory; dobEstimated: boolean } | null {
  const dob = previewDob(block, today);
  if (!dob) return null;
  const sex = String(block.sex ?? '');
  const date = (key: string) => {
    const parsed = parseDisplayDate(String(block[key] ?? ''));
    return parsed && parsed !== 'invalid' ? parsed : null;
  };
  // The backend's own rule (pure code shared with the screen), so the preview never disagrees with the save.
  const category = beneficiaryCategory(
    {
      sex: sex === 'F' ? 'f' : sex === 'M' ? 'm' : 'o',
      dob: dob.iso,
      lmpDate: block.pregnant === true ? date('lmp') : null,
      deliveryDate: block.lactating === true ? date('deliveryDate') : null,
    },
    today,
  );
  return { category, dobEstimated: dob.estimated };
}

/** The member's date of birth as typed, or estimated from the declared age; null while neither is usable. */
export function previewDob(block: Block, today: string): { iso: string; estimated: boolean } | null {
  const typed = parseDisplayDate(String(block.dateOfBirth ?? ''));
  if (typed && typed !== 'invalid') return typed > today ? null : { iso: typed, estimated: false };
  const years = parseNumber(String(block.declaredAgeYears ?? ''));
  const months = parseNumber(String(block[DECLARED_MONTHS_KEY] ?? ''));
  if (typeof years !== 'number' && typeof months !== 'number') return null;
  return { iso: estimateDob(typeof years === 'number' ? years : 0, typeof months === 'number' ? months : 0, today), estimated: true };
}

/** Expected date of delivery (Naegele: LMP + 280 days) as ISO, or null while the LMP is incomplete. */
export function expectedDelivery(lmpText: string): string | null {
  const lmp = parseDisplayDate(lmpText);
  return lmp && lmp !== 'invalid' ? expectedDeliveryDate(lmp) : null;
}

/** The Latin/Devanagari partner of a name field (`headNameMr` ↔ `headNameEn`), if any. */
export function namePartner(key: string): { key: string; to: 'latin' | 'devanagari' } | null {
  if (key.endsWith('Mr')) return { key: key.slice(0, -2) + 'En', to: 'latin' };
  if (key.endsWith('En')) return { key: key.slice(0, -2) + 'Mr', to: 'devanagari' };
  return null;
}
