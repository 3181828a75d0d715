/**
 * Drafts of half-keyed forms, per operator and per PC. Every call acts on the signed-in operator's own
 * drafts only. The screen empties the Aadhaar field before saving (the dispatcher would refuse an
 * Aadhaar-like number in a draft anyway) and says which fields it emptied in `dropped`.
 */
import { z } from 'zod';
import { fieldPath, registrationDraftForm } from '../../drafts/payload.ts';
import type { DraftSummary, OpenedDraft, SavedDraft } from '../../drafts/types.ts';
import { endpoint } from '../endpoint.ts';

const id = z.string().min(1).max(64);

export const draftsContract = {
  'drafts.save': endpoint<SavedDraft>()(
    'operator',
    z
      .object({
        id: id.nullable().default(null),
        kind: z.literal('registration'),
        form: registrationDraftForm,
        dropped: z.array(fieldPath).max(200).default([]),
      })
      .strict(),
  ),
  'drafts.list': endpoint<DraftSummary[]>()('operator', z.object({ kind: z.enum(['registration', 'add-member']).default('registration') }).strict()),
  'drafts.open': endpoint<OpenedDraft>()('operator', z.object({ id }).strict()),
  'drafts.discard': endpoint<null>()('operator', z.object({ id }).strict()),
};
