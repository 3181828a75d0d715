/**
 * Printing: migration cards in batches (worker thread, progress, print log with card versions), family sheets,
 * blank and filled registration forms. PDFs cross both transports as base64 in the reply.
 */
import { z } from 'zod';
import type { CardPreview, PdfFile, PrintHistoryEntry, PrintJobStatus } from '../../printing/types.ts';
import { endpoint, type Endpoint } from '../endpoint.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD');

export const cardSelection = z
  .object({
    notPrinted: z.boolean().default(false),
    awcCode: z.string().trim().min(1).max(20).nullable().default(null),
    registeredFrom: isoDate.nullable().default(null),
    registeredTo: isoDate.nullable().default(null),
    migrationStatus: z.enum(['planned', 'departed', 'arrived', 'returned', 'not_found']).nullable().default(null),
    destinationDistrictLgd: z.number().int().positive().nullable().default(null),
    beneficiaryIds: z.array(z.string().min(1).max(64)).max(5_000).nullable().default(null),
  })
  .strict();

const householdId = z.object({ householdId: z.string().min(1).max(64) }).strict();

export const printingContract = {
  'printing.preview': endpoint<CardPreview>()('supervisor', z.object({ selection: cardSelection }).strict()),
  'printing.start': endpoint<PrintJobStatus>()(
    'supervisor',
    z
      .object({
        selection: cardSelection,
        layout: z.enum(['a4-sheet', 'cr80']).default('a4-sheet'),
        reason: z.string().trim().max(300).default(''),
      })
      .strict(),
  ),
  'printing.job': endpoint<PrintJobStatus>()('supervisor', z.object({ jobId: z.string().uuid() }).strict()),
  'printing.download': endpoint<PdfFile>()('supervisor', z.object({ jobId: z.string().uuid() }).strict()),
  /**
   * The job's PDF (cards, family sheet, form) was saved or sent to the printer: only now is it in the print
   * log and do its cards count as printed. Confirming again changes nothing (`recorded: false`).
   */
  'printing.confirmPrinted': endpoint<{ recorded: boolean }>()('operator', z.object({ jobId: z.string().uuid() }).strict()),
  /** The operator is done with a card job (left the page, changed the selection): its PDF is removed. */
  'printing.discard': endpoint<null>()('supervisor', z.object({ jobId: z.string().uuid() }).strict()),
  'printing.history': endpoint<PrintHistoryEntry[]>()('supervisor', z.object({ limit: z.number().int().min(1).max(200).default(30) }).strict()),
  'printing.familySheet': endpoint<PdfFile>()('operator', householdId),
  'printing.blankForm': endpoint<PdfFile>()('operator', z.object({}).strict()),
  'printing.filledForm': endpoint<PdfFile>()('operator', householdId),
} satisfies Record<string, Endpoint>;
