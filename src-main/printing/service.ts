import { Problem } from '../common/problem.ts';
import type { OfficeData } from '../office/service.ts';
import type { Actor } from '../store/write.ts';
import { printJobs } from './jobs.ts';
import { requireReprintReason } from './log.ts';
import { MAX_CARDS_PER_JOB, selectCardIds } from './selection.ts';
import type { CardLayoutChoice, CardSelection, PrintJobStatus } from './types.ts';
import { localToday } from './views.ts';

export interface StartCardsInput {
  selection: CardSelection;
  layout: CardLayoutChoice;
  /** Required (at least 3 letters) when any selected card was printed before. */
  reason: string;
  today?: string;
}

/**
 * Checks the request and starts a card job in a worker thread; returns at once with the job's id and
 * progress. Refused, with nothing rendered or logged: an empty or oversized selection, a reprint without reason.
 */
export function startCardJob(data: OfficeData, actor: Actor, input: StartCardsInput): PrintJobStatus {
  const { ids, reprints } = selectCardIds(data, input.selection);
  if (ids.length === 0) {
    throw new Problem('nothing-to-print', { en: 'No cards match this selection.', mr: 'या निवडीत एकही कार्ड नाही.' });
  }
  if (ids.length > MAX_CARDS_PER_JOB) {
    throw new Problem('too-many-cards', {
      en: `${ids.length} cards selected; one job can hold at most ${MAX_CARDS_PER_JOB}. Choose one AWC or a shorter date range.`,
      mr: `${ids.length} कार्डे निवडली; एका कामात जास्तीत जास्त ${MAX_CARDS_PER_JOB} कार्डे छापता येतात. एक अंगणवाडी किंवा कमी तारखांचा कालावधी निवडा.`,
    });
  }
  requireReprintReason(reprints, input.reason);
  const reason = input.reason.trim();
  return printJobs(data).startCards(actor, {
    ids,
    layout: input.layout,
    reason: reason === '' ? null : reason,
    today: input.today ?? localToday(),
  });
}
