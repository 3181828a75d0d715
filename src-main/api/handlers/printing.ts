import * as printing from '../../printing/index.ts';
import type { printingContract } from '../contracts/printing.ts';
import { actorOf, type HandlersOf } from '../handler-types.ts';

const asFile = (pdf: { jobId: string; fileName: string; bytes: Buffer }) => ({
  jobId: pdf.jobId,
  fileName: pdf.fileName,
  base64: pdf.bytes.toString('base64'),
  bytes: pdf.bytes.length,
});

export const printingHandlers: HandlersOf<typeof printingContract> = {
  'printing.preview': ({ selection }, { data }) => {
    // The operator is about to print: start the worker now so the first job does not wait for it.
    printing.printJobs(data).warm();
    return printing.previewCards(data, selection);
  },
  'printing.start': (input, context) => printing.startCardJob(context.data, actorOf(context), input),
  'printing.job': ({ jobId }, { data }) => printing.printJobs(data).status(jobId),
  // The first download deletes the file; the page may ask again (save, then print) until it discards the job.
  'printing.download': ({ jobId }, { data }) => asFile({ jobId, ...printing.printJobs(data).deliver(jobId) }),
  // The page calls this only after the save dialog wrote the file or the printer took it.
  'printing.confirmPrinted': ({ jobId }, context) => printing.printJobs(context.data).confirm(actorOf(context), jobId),
  'printing.discard': ({ jobId }, { data }) => {
    printing.printJobs(data).discard(jobId);
    return null;
  },
  'printing.history': ({ limit }, { data }) => printing.printHistory(data, limit),
  'printing.familySheet': async ({ householdId }, context) => asFile(await printing.familySheetPdf(context.data, householdId)),
  'printing.blankForm': async (_input, context) => asFile(await printing.blankFormPdf(context.data)),
  'printing.filledForm': async ({ householdId }, context) => asFile(await printing.filledFormPdf(context.data, householdId)),
};
