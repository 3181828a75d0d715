export { previewCards, selectCardIds, EMPTY_SELECTION, MAX_CARDS_PER_JOB } from './selection.ts';
export { startCardJob, type StartCardsInput } from './service.ts';
export { printJobs, PrintJobs } from './jobs.ts';
export { PRINTS_DIR, removeLeftoverPrints } from './leftovers.ts';
export { recordPrint, printHistory, requireReprintReason, type PrintRecord } from './log.ts';
export { familySheetPdf, blankFormPdf, filledFormPdf, type RenderedPdf } from './documents.ts';
export { buildCardViews, buildFamilySheetView, buildFilledFormView, validUntil, localToday } from './views.ts';
export type * from './types.ts';
