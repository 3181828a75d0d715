/**
 * Getting a PDF from the backend to paper or disk. In Electron the preload's savePdf/printPdf open the system
 * dialogs; in the browser mode the file is downloaded (Blob + `<a download>`) or printed from a hidden frame.
 * Shared by the Cards page and the household page's "family sheet" / "filled form" buttons.
 */
import type { MtsBridge } from '../../src-main/electron/bridge-types.ts';
import { call } from './api.ts';

export interface PdfPayload {
  fileName: string;
  base64: string;
}

/** A PDF that enters the print log once it was saved or printed (printing.confirmPrinted). */
export interface PrintJobPdf extends PdfPayload {
  jobId: string;
}

/**
 * `handed-over`: the browser mode's print dialog was shown, but a page cannot see whether it printed.
 * `not-printed`: the operator said it did not print.
 */
export type PdfOutcome = 'saved' | 'downloaded' | 'printed' | 'opened' | 'cancelled' | 'failed' | 'handed-over' | 'not-printed';

/** Asked only in the browser mode, where the print dialog's answer is not visible to the page. */
const DID_IT_PRINT =
  'छपाई झाली का? OK = हो, छापलेले म्हणून नोंदवा · Cancel = नाही\n\nDid it print? OK = yes, record it as printed · Cancel = no';

/**
 * Saves or prints a PDF of the print log (cards, family sheet, forms) and records the print only once that
 * went through: the save dialog wrote the file or the browser took the download, the printer accepted the
 * job. A cancelled dialog or a failed write records nothing, so the cards stay "not printed".
 */
export async function deliverPdf(file: PrintJobPdf, how: 'save' | 'print'): Promise<PdfOutcome> {
  let outcome = how === 'save' ? await savePdf(file) : await printPdf(file);
  if (outcome === 'handed-over' || outcome === 'opened') outcome = window.confirm(DID_IT_PRINT) ? 'printed' : 'not-printed';
  if (outcome === 'saved' || outcome === 'downloaded' || outcome === 'printed') await call('printing.confirmPrinted', { jobId: file.jobId });
  return outcome;
}

export function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The Electron bridge when it has the PDF calls; null in the browser mode. */
function electron(): MtsBridge | null {
  const bridge = window.mts as Partial<MtsBridge> | undefined;
  return bridge && typeof bridge.savePdf === 'function' && typeof bridge.printPdf === 'function' ? (bridge as MtsBridge) : null;
}

function blobUrl(file: PdfPayload): string {
  return URL.createObjectURL(new Blob([bytesOf(file.base64)], { type: 'application/pdf' }));
}

export async function savePdf(file: PdfPayload): Promise<PdfOutcome> {
  const bridge = electron();
  if (bridge) {
    const result = await bridge.savePdf(file.fileName, bytesOf(file.base64));
    return result.saved ? 'saved' : result.reason === 'cancelled' ? 'cancelled' : 'failed';
  }
  downloadFile(file.fileName, bytesOf(file.base64), 'application/pdf');
  return 'downloaded';
}

/** Browser mode: hands the bytes to the browser's downloads (Blob + `<a download>`). */
export function downloadFile(fileName: string, bytes: Uint8Array<ArrayBuffer>, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once the click is handled; keep the URL a little for slow disks.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function printPdf(file: PdfPayload): Promise<PdfOutcome> {
  const bridge = electron();
  if (bridge) {
    const result = await bridge.printPdf(bytesOf(file.base64));
    return result.printed ? 'printed' : result.reason === 'cancelled' ? 'cancelled' : 'failed';
  }
  // Browser mode: Chromium's PDF viewer in a hidden frame prints with the browser's own dialog.
  const url = blobUrl(file);
  const frame = document.createElement('iframe');
  frame.style.position = 'fixed';
  frame.style.width = '1px';
  frame.style.height = '1px';
  frame.style.opacity = '0';
  frame.src = url;
  document.body.append(frame);
  await new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  try {
    frame.contentWindow?.focus();
    frame.contentWindow?.print();
    return 'handed-over';
  } catch {
    window.open(url, '_blank', 'noopener');
    return 'opened';
  } finally {
    setTimeout(() => {
      frame.remove();
      URL.revokeObjectURL(url);
    }, 60_000);
  }
}
