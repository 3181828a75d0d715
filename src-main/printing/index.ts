export { previewCards, selectCardIds, EMPTY_SELECTION, MAX_CARDS_PER_JOB } from './selection.ts';
export { startCardJob, type StartCardsInput } from './service.ts';
export { printJobs, PrintJobs, PRINTS_DIR } from './jobs.ts';
export { recordPrint, printHistory, requireReprintReason, type PrintRecord } from './log.ts';
export { familySheetPdf, blankFormPdf, filledFormPdf, type RenderedPdf } from './documents.ts';
export { buildCardViews, buildFamilySheetView, buildFilledFormView, validUntil, localToday } from './views.ts';
export type * from './types.ts';
