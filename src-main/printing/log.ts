import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { Problem } from '../common/problem.ts';
import type { OfficeData } from '../office/service.ts';
import type { Actor } from '../store/write.ts';
import { printCounts } from './selection.ts';
import type { PrintHistoryEntry, PrintLayout } from './types.ts';

export const MIN_REASON_LENGTH = 3;

/** A reprint without a reason is refused before anything is rendered or logged. */
export function requireReprintReason(reprints: number, reason: string): void {
  if (reprints === 0 || reason.trim().length >= MIN_REASON_LENGTH) return;
  const message = {
    en: `${reprints} of these cards were printed before. Enter the reason for the reprint in the "reason" field (at least ${MIN_REASON_LENGTH} letters).`,
    mr: `यापैकी ${reprints} कार्डे आधी छापली आहेत. पुन्हा छापण्याचे कारण "reason" (कारण) या क्षेत्रात लिहा (किमान ${MIN_REASON_LENGTH} अक्षरे).`,
  };
  throw new Problem('reprint-reason-required', message, [{ field: 'reason', message }]);
}

export interface PrintRecord {
  layout: PrintLayout;
  reason: string | null;
  count: number;
  householdId?: string | null;
  /** Cards printed, in print order; empty for sheets and forms. */
  beneficiaryIds?: readonly string[];
  printedAt?: string;
}

/**
 * Logs one finished print job through the write path (change log and audit in the same transaction). Each card
 * gets the next version of its beneficiary's card: earlier prints + 1, counted inside the transaction.
 */
export function recordPrint(data: OfficeData, actor: Actor, record: PrintRecord): string {
  const jobId = randomUUID();
  const ids = record.beneficiaryIds ?? [];
  data.writer.write(actor, (batch) => {
    batch.insert(
      'print_job',
      {
        id: jobId,
        printed_at: record.printedAt ?? new Date().toISOString(),
        printed_by: actor.operatorId,
        layout: record.layout,
        reason: record.reason?.trim() || null,
        count: record.count,
        household_id: record.householdId ?? null,
      },
      record.reason?.trim() || undefined,
    );
    if (ids.length === 0) return;
    const earlier = printCounts(data, ids);
    const seen = new Map<string, number>();
    const rows = ids.map((beneficiaryId) => {
      // The same person twice in one job (an explicit list with a repeat) gets two consecutive versions.
      const version = (earlier.get(beneficiaryId) ?? 0) + (seen.get(beneficiaryId) ?? 0) + 1;
      seen.set(beneficiaryId, (seen.get(beneficiaryId) ?? 0) + 1);
      return { id: randomUUID(), job_id: jobId, beneficiary_id: beneficiaryId, version };
    });
    batch.insertMany('card_print', rows, `print job ${jobId}`);
  });
  return jobId;
}

/** Cards listed per job in the history; the job's count says how many there were. */
export const HISTORY_CARDS_SHOWN = 50;

/** The latest print jobs, newest first, with who printed them and the first cards of each. */
export function printHistory(data: OfficeData, limit = 30): PrintHistoryEntry[] {
  const { store } = data;
  const jobs = store.all(
    store.db
      .selectFrom('print_job as j')
      .leftJoin('operator as o', 'o.id', 'j.printed_by')
      .select(['j.id', 'j.printed_at', 'o.full_name', 'j.layout', 'j.reason', 'j.count', 'j.household_id'])
      .orderBy('j.printed_at', 'desc')
      .orderBy('j.id')
      .limit(limit),
  );
  return jobs.map((job) => ({
    jobId: job.id,
    printedAt: job.printed_at,
    printedBy: job.full_name,
    layout: job.layout,
    reason: job.reason,
    count: job.count,
    householdId: job.household_id,
    cards: store
      .all(
        store.db
          .selectFrom('card_print as cp')
          .innerJoin('beneficiary as b', 'b.id', 'cp.beneficiary_id')
          .select(['cp.beneficiary_id', 'b.mts_id', 'b.name_mr', 'b.name_en', 'cp.version'])
          .where('cp.job_id', '=', job.id)
          .orderBy(sql`cp.rowid`)
          .limit(HISTORY_CARDS_SHOWN),
      )
      .map((c) => ({ beneficiaryId: c.beneficiary_id, mtsId: c.mts_id, nameMr: c.name_mr, nameEn: c.name_en, version: c.version })),
  }));
}
