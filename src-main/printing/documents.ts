import { Writable } from 'node:stream';
import {
  renderBlankRegistrationForm,
  renderFamilySheet,
  renderFilledRegistrationForm,
} from '../cards/index.ts';
import type { OfficeData } from '../office/service.ts';
import type { Actor } from '../store/write.ts';
import { recordPrint } from './log.ts';
import { buildFamilySheetView, buildFilledFormView, localToday } from './views.ts';

export interface RenderedPdf {
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

/** The A5 family sheet of one household; logged as a 'family-sheet' job once the PDF is complete. */
export async function familySheetPdf(data: OfficeData, actor: Actor, householdId: string, today = localToday()): Promise<RenderedPdf> {
  const view = buildFamilySheetView(data, householdId, today);
  const { out, bytes } = collector();
  await renderFamilySheet(out, view);
  recordPrint(data, actor, { layout: 'family-sheet', reason: null, count: view.members.length, householdId });
  return { fileName: `mts-family-sheet-${short(householdId)}-${today}.pdf`, bytes: bytes() };
}

/** The blank paper registration form (A4), for Anganwadi workers to fill by hand. */
export async function blankFormPdf(data: OfficeData, actor: Actor): Promise<RenderedPdf> {
  const { out, bytes } = collector();
  await renderBlankRegistrationForm(out);
  recordPrint(data, actor, { layout: 'blank-form', reason: null, count: 1 });
  return { fileName: 'mts-registration-form-blank.pdf', bytes: bytes() };
}

/** The registration form filled with what is on record for one household, for checking and signature. */
export async function filledFormPdf(data: OfficeData, actor: Actor, householdId: string, today = localToday()): Promise<RenderedPdf> {
  const view = buildFilledFormView(data, householdId, today);
  const { out, bytes } = collector();
  await renderFilledRegistrationForm(out, view);
  recordPrint(data, actor, { layout: 'filled-form', reason: null, count: view.members.length, householdId });
  return { fileName: `mts-registration-form-${short(householdId)}-${today}.pdf`, bytes: bytes() };
}
