/**
 * Registration from the paper form: households, beneficiaries, MTS IDs, duplicates, search, profiles.
 * Field keys are those of src-main/registry/form-definition.ts, so an error names the field the operator
 * sees on screen and on paper.
 */
import { z } from 'zod';
import type { BilingualText } from '../../common/problem.ts';
import type {
  AddedMember,
  AwcDataQuality,
  QualityNote,
  BeneficiaryProfile,
  DuplicateWarning,
  HouseholdProfile,
  SavedHousehold,
  SearchResults,
  StateKeyStatus,
} from '../../registry/types.ts';
import { NAME_MAX_CHARS, PLACE_MAX_CHARS, VILLAGE_MAX_CHARS } from '../../registry/form-definition.ts';
import { withHeadFromMembers } from '../../registry/head.ts';
import { endpoint, type Endpoint } from '../endpoint.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD');
const optionalText = (max: number) => z.string().trim().max(max).default('');
const optionalNumber = z.number().finite().nullable().default(null);

export const memberInput = z.object({
  nameMr: z.string().trim().min(1).max(NAME_MAX_CHARS),
  nameEn: z.string().trim().min(1).max(NAME_MAX_CHARS),
  sex: z.enum(['F', 'M', 'O']),
  dateOfBirth: isoDate.nullable().default(null),
  declaredAgeYears: z.number().min(0).max(110).nullable().default(null),
  declaredAgeMonths: z.number().int().min(0).max(11).nullable().default(null),
  relation: z.enum(['self', 'spouse', 'son', 'daughter', 'daughter-in-law', 'grandchild', 'parent', 'sibling', 'other']),
  pregnant: z.boolean().default(false),
  lmp: isoDate.nullable().default(null),
  lactating: z.boolean().default(false),
  deliveryDate: isoDate.nullable().default(null),
  aadhaar: optionalText(20),
  measuredOn: isoDate.nullable().default(null),
  weightKg: optionalNumber,
  heightCm: optionalNumber,
  posture: z.enum(['lying', 'standing']).nullable().default(null),
  muacMm: optionalNumber,
  oedema: z.boolean().default(false),
  /** RCH portal ID, 10–15 digits; for pregnant women, lactating mothers and children under 6. */
  rchId: optionalText(20),
});

/** A member added to a registered household: the registration form's member, plus a newborn's birth details. */
export const newMemberInput = memberInput.extend({
  birthWeightKg: z.number().finite().nullable().default(null),
  birthPlace: z.enum(['institution', 'home', 'other']).nullable().default(null),
  motherId: z.string().min(1).max(64).nullable().default(null),
});

export const migrationInput = z.object({
  departureDate: isoDate,
  destinationState: z.string().trim().min(2).max(40),
  destinationDistrict: z.number().int().positive().nullable().default(null),
  destinationBlock: optionalText(VILLAGE_MAX_CHARS),
  destinationPlace: optionalText(PLACE_MAX_CHARS),
  workSector: z.enum(['sugarcane-cutting', 'sugar-factory', 'brick-kiln', 'construction', 'stone-crushing', 'agricultural-labour', 'other']),
  employer: optionalText(PLACE_MAX_CHARS),
  expectedReturn: isoDate.nullable().default(null),
});

/** What the operator decided about one duplicate warning before saving. */
export const duplicateResolution = z.object({
  /** `household` or `members.N` — the part of the form the warning is about. */
  target: z.string().regex(/^(household|members\.\d+)$/),
  existingId: z.string().min(1),
  action: z.enum(['override', 'link']),
  reason: z.string().trim().max(300).default(''),
});

const householdFields = z.object({
  awc: z.string().trim().min(1),
  /** Blank when the head is listed as a member with relation "self" (member 1 on the form): taken from there. */
  headNameMr: optionalText(NAME_MAX_CHARS),
  headNameEn: optionalText(NAME_MAX_CHARS),
  contactNumber: optionalText(20),
  nativeVillage: z.string().trim().min(1).max(VILLAGE_MAX_CHARS),
  socialCategory: z.enum(['SC', 'ST', 'OBC', 'VJNT', 'SBC', 'GEN', 'OTHER']),
  aadhaar: optionalText(20),
  pan: optionalText(12),
  rationCard: optionalText(20),
  voterId: optionalText(12),
  mgnregaJobCard: optionalText(40),
  members: z.array(memberInput).min(1).max(20),
  migration: migrationInput.nullable().default(null),
  resolutions: z.array(duplicateResolution).default([]),
});

/** The household form; the head's names are filled from the "self" member when left blank. */
export const householdInput = householdFields.transform((form) => withHeadFromMembers(form));

/** draftId: the operator's draft of this form (src-main/drafts), removed in the same transaction as the save. */
const savedHouseholdInput = householdFields
  .extend({ draftId: z.string().min(1).max(64).nullable().default(null) })
  .transform((form) => withHeadFromMembers(form));

/** What the operator decided about a likely duplicate of the member being added (target `member`). */
const memberResolution = duplicateResolution.extend({ target: z.literal('member').default('member') });

const addMemberInput = z.object({
  householdId: z.string().min(1).max(64),
  member: newMemberInput,
  resolutions: z.array(memberResolution).default([]),
});

export type HouseholdInput = z.output<typeof householdInput>;
export type NewMemberInput = z.output<typeof newMemberInput>;
export type AddMemberInput = z.output<typeof addMemberInput>;
export type MemberInput = z.output<typeof memberInput>;
export type MigrationInput = z.output<typeof migrationInput>;

const category = z.enum(['pregnant', 'lactating', 'child-0-3', 'child-3-6', 'child-6-18', 'adolescent-girl', 'woman', 'other']);

export const registryContract = {
  'registry.checkDuplicates': endpoint<DuplicateWarning[]>()('operator', householdInput),
  'registry.saveHousehold': endpoint<SavedHousehold>()('operator', savedHouseholdInput),
  'registry.search': endpoint<SearchResults>()(
    'operator',
    z.object({
      query: z.string().max(120).default(''),
      awcCode: z.string().nullable().default(null),
      category: category.nullable().default(null),
      migrationStatus: z.enum(['planned', 'departed', 'arrived', 'returned', 'not_found', 'none']).nullable().default(null),
      nutritionStatus: z.enum(['sam', 'mam', 'suw', 'muw', 'stunted', 'thin', 'normal']).nullable().default(null),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).max(10_000_000).default(0),
    }),
  ),
  'registry.household': endpoint<HouseholdProfile>()('operator', z.object({ id: z.string().min(1) })),
  'registry.beneficiary': endpoint<BeneficiaryProfile>()('operator', z.object({ id: z.string().min(1) })),
  'registry.updateHousehold': endpoint<null>()(
    'operator',
    z.object({
      id: z.string().min(1),
      reason: z.string().trim().min(3).max(300),
      changes: householdFields
        .pick({ contactNumber: true, nativeVillage: true, socialCategory: true, awc: true })
        .extend({ headNameMr: z.string().trim().min(1).max(NAME_MAX_CHARS), headNameEn: z.string().trim().min(1).max(NAME_MAX_CHARS) })
        .partial(),
    }),
  ),
  'registry.updateBeneficiary': endpoint<null>()(
    'operator',
    z.object({
      id: z.string().min(1),
      reason: z.string().trim().min(3).max(300),
      changes: memberInput.pick({ nameMr: true, nameEn: true, sex: true, dateOfBirth: true, relation: true, lmp: true, deliveryDate: true }).partial(),
    }),
  ),
  'registry.deactivateBeneficiary': endpoint<null>()(
    'operator',
    z.object({ id: z.string().min(1), reason: z.enum(['moved-away', 'died', 'duplicate', 'other']), note: z.string().trim().max(300).default('') }),
  ),
  'registry.addMeasurement': endpoint<{ id: string; qualityNotes: QualityNote[] }>()(
    'operator',
    z.object({
      beneficiaryId: z.string().min(1),
      measuredOn: isoDate,
      weightKg: optionalNumber,
      heightCm: optionalNumber,
      posture: z.enum(['lying', 'standing']).nullable().default(null),
      muacMm: optionalNumber,
      oedema: z.boolean().default(false),
    }),
  ),
  'registry.voidMeasurement': endpoint<null>()('operator', z.object({ id: z.string().min(1), reason: z.string().trim().min(3).max(300) })),
  'registry.transliterate': endpoint<{ text: string }>()(
    'operator',
    z.object({ text: z.string().max(200), to: z.enum(['latin', 'devanagari']) }),
  ),
  'registry.dataQuality': endpoint<AwcDataQuality[]>()('supervisor', z.object({ sinceDays: z.number().int().min(7).max(730).default(90) })),
  'registry.setPhoto': endpoint<null>()(
    'operator',
    z.object({ beneficiaryId: z.string().min(1), jpegBase64: z.string().min(8).max(400_000) }),
  ),
  'registry.photo': endpoint<{ jpegBase64: string | null }>()('operator', z.object({ beneficiaryId: z.string().min(1) })),
  // Household page additions (issue 11): a member added later, a member who died or left, the RCH ID.
  'registry.checkMemberDuplicates': endpoint<DuplicateWarning[]>()('operator', addMemberInput),
  'registry.addMember': endpoint<AddedMember>()('operator', addMemberInput),
  'registry.recordExit': endpoint<null>()(
    'operator',
    z.object({
      beneficiaryId: z.string().min(1).max(64),
      reason: z.enum(['died', 'left']),
      date: isoDate,
      note: z.string().trim().max(300).default(''),
    }),
  ),
  'registry.undoExit': endpoint<null>()(
    'operator',
    z.object({ beneficiaryId: z.string().min(1).max(64), reason: z.string().trim().min(3).max(300) }),
  ),
  'registry.setRchId': endpoint<null>()(
    'operator',
    z.object({
      beneficiaryId: z.string().min(1).max(64),
      /** Empty clears it. */
      rchId: z.string().trim().max(20),
      /** Required when an RCH ID already on record is changed or cleared. */
      reason: z.string().trim().max(300).default(''),
    }),
  ),
  'registry.setAadhaar': endpoint<{ aadhaarMasked: string }>()(
    'operator',
    z.object({
      target: z.enum(['beneficiary', 'household']),
      id: z.string().min(1).max(64),
      aadhaar: z.string().max(20),
      reason: z.string().trim().max(300).default(''),
      duplicateReason: z.string().trim().max(300).default(''),
    }),
  ),
  'registry.stateKeys': endpoint<StateKeyStatus>()('operator', z.object({}).strict()),
  /** Reads a key file without storing it, so the administrator can check its fingerprint first. */
  'registry.previewStateKeys': endpoint<{ fingerprint: string; issuedAt: string }>()('admin', z.object({ file: z.string().max(100_000) })),
  'registry.importStateKeys': endpoint<StateKeyStatus>()('admin', z.object({ file: z.string().max(100_000) })),
} satisfies Record<string, Endpoint>;

export type CategoryCode = z.infer<typeof category>;
export type { BilingualText };
