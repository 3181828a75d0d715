import * as printing from '../../printing/index.ts';
import type { printingContract } from '../contracts/printing.ts';
import { actorOf, type HandlersOf } from '../handler-types.ts';

const asFile = (pdf: { fileName: string; bytes: Buffer }) => ({ fileName: pdf.fileName, base64: pdf.bytes.toString('base64'), bytes: pdf.bytes.length });

export const printingHandlers: HandlersOf<typeof printingContract> = {
  'printing.preview': ({ selection }, { data }) => {
    // The operator is about to print: start the worker now so the first job does not wait for it.
    printing.printJobs(data).warm();
    return printing.previewCards(data, selection);
  },
  'printing.start': (input, context) => printing.startCardJob(context.data, actorOf(context), input),
  'printing.job': ({ jobId }, { data }) => printing.printJobs(data).status(jobId),
  // The first download deletes the file; the page may ask again (save, then print) until it discards the job.
  'printing.download': ({ jobId }, { data }) => asFile(printing.printJobs(data).deliver(jobId)),
  'printing.discard': ({ jobId }, { data }) => {
    printing.printJobs(data).discard(jobId);
    return null;
  },
  'printing.history': ({ limit }, { data }) => printing.printHistory(data, limit),
  'printing.familySheet': async ({ householdId }, context) => asFile(await printing.familySheetPdf(context.data, actorOf(context), householdId)),
  'printing.blankForm': async (_input, context) => asFile(await printing.blankFormPdf(context.data, actorOf(context))),
  'printing.filledForm': async ({ householdId }, context) => asFile(await printing.filledFormPdf(context.data, actorOf(context), householdId)),
};
