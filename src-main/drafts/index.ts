/**
 * Drafts: half-keyed forms kept per operator on this PC as they are typed, so that navigation, a reload
 * or the idle lock loses no work. Never replicated, never holding an Aadhaar number.
 */
export { saveDraft, listDrafts, openDraft, discardDraft, removeDraftOnSave, type DraftInput } from './drafts.ts';
export { DRAFT_FORM_VERSION, DRAFT_KINDS, withoutAadhaar, type DraftKind, type RegistrationDraftForm } from './payload.ts';
export type { DraftSummary, OpenedDraft, SavedDraft } from './types.ts';
