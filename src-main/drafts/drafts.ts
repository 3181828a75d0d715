/**
 * Drafts of one operator on this PC. Written straight to the `draft` table, not through store/write.ts:
 * the write path exists to give every replicated record a change-log entry and an audit row in the same
 * transaction, and a draft is neither replicated (it must never leave this PC) nor worth an audit row per
 * pause in typing. The saved registration carries the real audit trail (login_throttle is kept the same way).
 */
import { randomUUID } from 'node:crypto';
import { Problem, type BilingualText } from '../common/problem.ts';
import type { Store } from '../store/database.ts';
import {
  DRAFT_FORM_VERSION,
  retypeMessage,
  storedDraftPayload,
  withoutAadhaar,
  type DraftBlock,
  type DraftKind,
  type RegistrationDraftForm,
  type StoredDraftPayload,
} from './payload.ts';
import type { DraftSummary, OpenedDraft, SavedDraft } from './types.ts';

export interface DraftInput {
  /** The draft being continued; null for a form not kept yet. */
  id: string | null;
  kind: DraftKind;
  form: RegistrationDraftForm;
  /** Fields the screen already emptied before sending (it drops Aadhaar itself, so it never travels). */
  dropped: readonly string[];
}

const NOT_FOUND: BilingualText = {
  en: 'This draft no longer exists (saved as a registration or discarded).',
  mr: 'हा मसुदा आता नाही (नोंदणी म्हणून जतन झाला किंवा काढून टाकला).',
};

/**
 * Keeps the form as typed. An id that is not this operator's (another login, or a draft already saved as
 * a registration) is never overwritten: the form is kept under a new id, which is returned.
 */
export function saveDraft(store: Store, operatorId: string, input: DraftInput, now = new Date()): SavedDraft {
  const { form, dropped } = withoutAadhaar(input.form);
  const payload: StoredDraftPayload = { version: DRAFT_FORM_VERSION, form, dropped: [...new Set([...input.dropped, ...dropped])] };
  const json = JSON.stringify(payload);
  const at = now.toISOString();
  return store.transaction(() => {
    if (input.id) {
      const { changes } = store.run(
        store.db
          .updateTable('draft')
          .set({ payload: json, updated_at: at })
          .where('id', '=', input.id)
          .where('operator_id', '=', operatorId)
          .where('kind', '=', input.kind),
      );
      if (changes === 1) return { id: input.id, updatedAt: at };
    }
    const id = randomUUID();
    store.run(store.db.insertInto('draft').values({ id, operator_id: operatorId, kind: input.kind, payload: json, created_at: at, updated_at: at }));
    return { id, updatedAt: at };
  });
}

/** The operator's own drafts, newest first. Nobody, an administrator included, lists another's drafts. */
export function listDrafts(store: Store, operatorId: string, kind: DraftKind = 'registration'): DraftSummary[] {
  const rows = store.all(
    store.db
      .selectFrom('draft')
      .selectAll()
      .where('operator_id', '=', operatorId)
      .where('kind', '=', kind)
      .orderBy('updated_at', 'desc')
      .orderBy('id'),
  );
  return rows.map((row) => {
    const payload = readPayload(row.payload);
    const base = { id: row.id, kind: row.kind, createdAt: row.created_at, updatedAt: row.updated_at };
    if (!payload.ok) return { ...base, headName: null, members: 0, readable: false };
    return { ...base, headName: headName(payload.value.form), members: payload.value.form.members.filter(hasAnything).length, readable: true };
  });
}

export function openDraft(store: Store, operatorId: string, id: string): OpenedDraft {
  const row = ownRow(store, operatorId, id);
  const payload = readPayload(row.payload);
  if (!payload.ok) throw new Problem('draft-unreadable', payload.problem);
  return {
    id: row.id,
    kind: row.kind,
    updatedAt: row.updated_at,
    form: payload.value.form,
    retype: payload.value.dropped.map((field) => ({ field, message: retypeMessage(field) })),
  };
}

export function discardDraft(store: Store, operatorId: string, id: string): void {
  ownRow(store, operatorId, id);
  store.run(store.db.deleteFrom('draft').where('id', '=', id).where('operator_id', '=', operatorId));
}

/** Called inside the registration's own transaction: the saved form's draft goes with it, or neither. */
export function removeDraftOnSave(store: Store, operatorId: string, id: string): void {
  store.run(store.db.deleteFrom('draft').where('id', '=', id).where('operator_id', '=', operatorId));
}

function ownRow(store: Store, operatorId: string, id: string) {
  const row = store.first(store.db.selectFrom('draft').selectAll().where('id', '=', id).where('operator_id', '=', operatorId));
  if (!row) throw new Problem('not-found', NOT_FOUND);
  return row;
}

type Read = { ok: true; value: StoredDraftPayload } | { ok: false; problem: BilingualText };

function readPayload(json: string): Read {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ok: false, problem: damaged() };
  }
  const version = (parsed as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version !== DRAFT_FORM_VERSION) {
    return {
      ok: false,
      problem: {
        en: `This draft was kept by another version of the form (version ${version}; this program reads version ${DRAFT_FORM_VERSION}), so it cannot be opened. Discard it and key the form again from the paper.`,
        mr: `हा मसुदा फॉर्मच्या दुसऱ्या आवृत्तीने ठेवला आहे (आवृत्ती ${version}; हा प्रोग्राम आवृत्ती ${DRAFT_FORM_VERSION} वाचतो), त्यामुळे उघडता येत नाही. तो काढून टाका आणि कागदी फॉर्मवरून पुन्हा भरा.`,
      },
    };
  }
  const checked = storedDraftPayload.safeParse(parsed);
  return checked.success ? { ok: true, value: checked.data } : { ok: false, problem: damaged() };
}

function damaged(): BilingualText {
  return {
    en: 'This draft is damaged and cannot be opened. Discard it and key the form again from the paper.',
    mr: 'हा मसुदा खराब झाला आहे, उघडता येत नाही. तो काढून टाका आणि कागदी फॉर्मवरून पुन्हा भरा.',
  };
}

const text = (value: string | boolean | undefined): string => (typeof value === 'string' ? value.trim() : '');

/** The head's name, or member 1's when the form takes the head's name from the first member. */
function headName(form: RegistrationDraftForm): BilingualText | null {
  const first = form.members[0] ?? {};
  const mr = text(form.head.headNameMr) || text(first.nameMr);
  const en = text(form.head.headNameEn) || text(first.nameEn);
  return mr || en ? { mr, en } : null;
}

function hasAnything(block: DraftBlock): boolean {
  return Object.values(block).some((value) => value === true || text(value) !== '');
}
