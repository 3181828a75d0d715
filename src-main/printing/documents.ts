import { Writable } from 'node:stream';
import {
  renderBlankRegistrationForm,
  renderFamilySheet,
  renderFilledRegistrationForm,
} from '../cards/index.ts';
import type { OfficeData } from '../office/service.ts';
import { printJobs } from './jobs.ts';
import { buildFamilySheetView, buildFilledFormView, localToday } from './views.ts';

export interface RenderedPdf {
  /** Confirm it (PrintJobs.confirm) once saved or printed; only then is it in the print log. */
  jobId: string;
  fileName: string;
  bytes: Buffer;
}

/** A Writable that keeps what it is given: single household documents are a few pages and go straight back. */
function collector(): { out: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { out, bytes: () => Buffer.concat(chunks) };
}

/** Household ids are UUIDs; the file name carries only a short piece of one, never a name. */
const short = (id: string): string => id.replace(/[^0-9a-f]/gi, '').slice(0, 8);

/** The A5 family sheet of one household; a 'family-sheet' job in the print log once saved or printed. */
export async function familySheetPdf(data: OfficeData, householdId: string, today = localToday()): Promise<RenderedPdf> {
  const view = buildFamilySheetView(data, householdId, today);
  const { out, bytes } = collector();
  await renderFamilySheet(out, view);
  const fileName = `mts-family-sheet-${short(householdId)}-${today}.pdf`;
  const jobId = printJobs(data).holdDocument({ layout: 'family-sheet', reason: null, count: view.members.length, householdId }, fileName);
  return { jobId, fileName, bytes: bytes() };
}

/** The blank paper registration form (A4), for Anganwadi workers to fill by hand. */
export async function blankFormPdf(data: OfficeData): Promise<RenderedPdf> {
  const { out, bytes } = collector();
  await renderBlankRegistrationForm(out);
  const fileName = 'mts-registration-form-blank.pdf';
  const jobId = printJobs(data).holdDocument({ layout: 'blank-form', reason: null, count: 1 }, fileName);
  return { jobId, fileName, bytes: bytes() };
}

/** The registration form filled with what is on record for one household, for checking and signature. */
export async function filledFormPdf(data: OfficeData, householdId: string, today = localToday()): Promise<RenderedPdf> {
  const view = buildFilledFormView(data, householdId, today);
  const { out, bytes } = collector();
  await renderFilledRegistrationForm(out, view);
  const fileName = `mts-registration-form-${short(householdId)}-${today}.pdf`;
  const jobId = printJobs(data).holdDocument({ layout: 'filled-form', reason: null, count: view.members.length, householdId }, fileName);
  return { jobId, fileName, bytes: bytes() };
}
