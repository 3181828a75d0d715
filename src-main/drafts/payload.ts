/**
 * What a draft holds: the registration screen's form as typed (strings and ticks per field key), with a
 * version number so that a later change of the form's shape is detected and reported instead of loaded
 * wrongly. Pure code: the renderer uses the same scrubbing before a draft leaves the screen.
 */
import { z } from 'zod';
import type { BilingualText } from '../common/problem.ts';
import { findAadhaarLikeNumber } from '../identity/aadhaar-like.ts';

/** Bump when the screen's Draft shape (src-renderer/lib/registration-form.ts) changes incompatibly. */
export const DRAFT_FORM_VERSION = 1;

export const DRAFT_KINDS = ['registration', 'add-member'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

const fieldKey = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/);
const fieldValue = z.union([z.string().max(500), z.boolean()]);
const block = z.record(fieldKey, fieldValue).refine((b) => Object.keys(b).length <= 80, 'too many fields');

/** The registration screen's values: household and identity (head), members, migration plan. */
export const registrationDraftForm = z
  .object({
    head: block,
    members: z.array(block).max(30),
    migration: block,
  })
  .strict();

export type DraftBlock = Record<string, string | boolean>;
export interface RegistrationDraftForm {
  head: DraftBlock;
  members: DraftBlock[];
  migration: DraftBlock;
}

/** A field path as the screen names it: `aadhaar`, `members.2.nameEn`, `migration.employer`. */
export const fieldPath = z.string().regex(/^(members\.\d{1,2}\.|migration\.)?[A-Za-z][A-Za-z0-9]{0,63}$/);

/** The stored JSON. `dropped` lists the fields whose typed value was not kept (Aadhaar). */
export const storedDraftPayload = z
  .object({
    version: z.number().int(),
    form: registrationDraftForm,
    dropped: z.array(fieldPath).max(200),
  })
  .strict();
export type StoredDraftPayload = z.output<typeof storedDraftPayload>;

/** Fields that hold an Aadhaar number by design: never kept in a draft, whatever was typed (even part). */
const AADHAAR_FIELD = /^aadhaar$/i;

/**
 * The form without anything from which an Aadhaar number could be read (DESIGN §3): every Aadhaar field
 * is emptied, as is any other field holding an Aadhaar-like number. Returns the paths of emptied fields
 * that had a value, so the reopened form can ask for them again.
 */
export function withoutAadhaar(form: RegistrationDraftForm): { form: RegistrationDraftForm; dropped: string[] } {
  const dropped: string[] = [];
  const scrub = (values: DraftBlock, prefix: string): DraftBlock => {
    const kept: DraftBlock = {};
    for (const [key, value] of Object.entries(values)) {
      const risky = typeof value === 'string' && value.trim() !== '' && (AADHAAR_FIELD.test(key) || findAadhaarLikeNumber(value) !== null);
      if (risky) dropped.push(prefix + key);
      kept[key] = risky || (AADHAAR_FIELD.test(key) && typeof value === 'string') ? '' : value;
    }
    return kept;
  };
  return {
    form: {
      head: scrub(form.head, ''),
      members: form.members.map((member, index) => scrub(member, `members.${index}.`)),
      migration: scrub(form.migration, 'migration.'),
    },
    dropped,
  };
}

/** What the reopened form shows on a field whose value the draft did not keep. */
export function retypeMessage(path: string): BilingualText {
  return AADHAAR_FIELD.test(path.split('.').at(-1) ?? '')
    ? {
        en: 'Aadhaar is never kept in a draft: type it again from the paper form.',
        mr: 'आधार क्रमांक मसुद्यात कधीच ठेवला जात नाही: कागदी फॉर्मवरून पुन्हा टाका.',
      }
    : {
        en: 'This field held what looks like an Aadhaar number, which a draft never keeps: type it again.',
        mr: 'या रकान्यात आधार क्रमांकासारखा क्रमांक होता, तो मसुद्यात ठेवला जात नाही: पुन्हा टाका.',
      };
}
