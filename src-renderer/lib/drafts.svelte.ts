/**
 * Keeps the registration form as a draft in the office database while it is typed: about a second after
 * the last change, when a field is left, before the screen locks and when the page is left. The Aadhaar
 * field is emptied before the draft leaves the screen (DESIGN §3); a reopened draft asks for it again.
 */
import type { BilingualText } from '../../src-main/common/problem.ts';
import { withoutAadhaar } from '../../src-main/drafts/payload.ts';
import type { OpenedDraft } from '../../src-main/drafts/types.ts';
import { call } from './api.ts';
import { app } from './app-state.svelte.ts';
import { emptyDraft, type Block, type Draft } from './registration-form.ts';

const QUIET_MS = 1000;

const running = new Set<DraftAutosave>();
/** The last save that may still be on its way (a page being left sends one as it goes). */
let lastSave: Promise<unknown> = Promise.resolve();

/** Before the screen locks or a list of drafts is read: every pending change is kept first. */
export async function flushDrafts(): Promise<void> {
  await Promise.all([...running].map((autosave) => autosave.flush()));
  await lastSave.catch(() => undefined);
}

export class DraftAutosave {
  /** The draft the form is kept in; null until something worth keeping is typed. */
  id = $state<string | null>(null);
  savedAt = $state<string | null>(null);
  failed = $state<BilingualText | null>(null);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sent = '';
  private sending: Promise<void> | null = null;
  /** Fields the reopened draft did not hold (Aadhaar): still owed while they stay empty. */
  private owed = new Set<string>();

  /**
   * Call while a component initialises: `read` gives the form, `enabled` says whether it may be kept
   * now (not while saving it as a registration, not after it was saved, not in the blind second keying).
   */
  constructor(
    private readonly read: () => Draft,
    private readonly enabled: () => boolean,
  ) {
    $effect(() => {
      const json = JSON.stringify(this.read());
      // Read so that a failed save while the screen was locked is tried again after unlocking.
      const locked = app.status?.locked ?? false;
      if (locked || !this.enabled() || json === this.sent) return;
      if (this.id === null && isBlankForm(this.read())) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.flush(), QUIET_MS);
    });
    $effect(() => {
      running.add(this);
      const leftField = () => void this.flush();
      window.addEventListener('focusout', leftField);
      // A reload or a closed window: the last second of typing is sent as the page goes (best effort).
      window.addEventListener('beforeunload', leftField);
      return () => {
        window.removeEventListener('focusout', leftField);
        window.removeEventListener('beforeunload', leftField);
        running.delete(this);
        void this.flush();
      };
    });
  }

  /** Sends the form now if it changed since it was last kept. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    while (this.sending) await this.sending;
    if (!this.enabled()) return;
    const form = $state.snapshot(this.read()) as Draft;
    const json = JSON.stringify(form);
    if (json === this.sent || (this.id === null && isBlankForm(form))) return;
    const { form: kept, dropped } = withoutAadhaar(form);
    const owed = [...this.owed].filter((path) => valueAt(form, path) === '');
    const request = call('drafts.save', { id: this.id, kind: 'registration', form: kept, dropped: [...new Set([...dropped, ...owed])] });
    lastSave = request;
    this.sending = request.then(
      (saved) => {
        this.id = saved.id;
        this.savedAt = saved.updatedAt;
        this.sent = json;
        this.failed = null;
      },
      (error: unknown) => {
        this.failed = (error as { text?: BilingualText }).text ?? { en: String(error), mr: String(error) };
      },
    );
    try {
      await this.sending;
    } finally {
      this.sending = null;
    }
  }

  /** Before the registration is saved: nothing more in flight; the id to remove with it. */
  async settle(): Promise<string | null> {
    clearTimeout(this.timer);
    while (this.sending) await this.sending;
    return this.id;
  }

  /** The form now shows `opened` (or a new empty form when null): keep typing into that draft. */
  adopt(opened: OpenedDraft | null, form: Draft): void {
    clearTimeout(this.timer);
    this.id = opened?.id ?? null;
    this.savedAt = opened?.updatedAt ?? null;
    this.owed = new Set(opened?.retype.map((r) => r.field) ?? []);
    this.sent = JSON.stringify(form);
    this.failed = null;
  }

  /** The registration was saved and its draft removed with it. */
  detach(): void {
    this.adopt(null, this.read());
  }
}

/** A stored draft as the screen's form: fields added to the form since the draft was kept start empty. */
export function toScreenDraft(form: OpenedDraft['form']): Draft {
  const empty = emptyDraft();
  const member = empty.members[0]!;
  return {
    head: { ...empty.head, ...form.head },
    members: (form.members.length > 0 ? form.members : [member]).map((m) => ({ ...member, ...m })),
    migration: { ...empty.migration, ...form.migration },
  };
}

/** Nothing typed yet but the AWC, which the screen keeps from one form to the next. */
export function isBlankForm(draft: Draft): boolean {
  const empty = emptyDraft();
  const typed = (block: Block, blank: Block, skip: string[] = []) =>
    Object.entries(block).some(([key, value]) => !skip.includes(key) && value !== (blank[key] ?? '') && value !== '' && value !== false);
  return !typed(draft.head, empty.head, ['awc']) && !draft.members.some((m) => typed(m, empty.members[0]!)) && !typed(draft.migration, empty.migration);
}

function valueAt(draft: Draft, path: string): string | boolean | undefined {
  const parts = path.split('.');
  if (parts[0] === 'members') return draft.members[Number(parts[1])]?.[parts[2]!];
  if (parts[0] === 'migration') return draft.migration[parts[1]!];
  return draft.head[path];
}
