/**
 * Checks on what the renderer hands over for saving or printing. The renderer is trusted code, but its
 * input crosses a process boundary, so the main process still refuses anything that is not a PDF and
 * any name that could steer the save dialog outside the chosen folder.
 */

/** Card batches for a whole block run to a few MB; far above that means something is wrong. */
export const MAX_PDF_BYTES = 200 * 1024 * 1024;

const FALLBACK_NAME = 'document.pdf';
const MAX_NAME_LENGTH = 120;
// Device names Windows reserves in every folder, with or without an extension.
const RESERVED_WINDOWS_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** PDF files begin with "%PDF-" (ISO 32000-1, 7.5.2). */
export function looksLikePdf(bytes: unknown): bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array) || bytes.length < 5 || bytes.length > MAX_PDF_BYTES) return false;
  return bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46 && bytes[4] === 0x2d;
}

/**
 * A file name (never a path) that is valid on Windows and ends in `.pdf`. Marathi letters are kept: the
 * operator should recognise the file they saved.
 */
export function safePdfFileName(suggested: unknown): string {
  if (typeof suggested !== 'string') return FALLBACK_NAME;
  let base = suggested
    .normalize('NFC')
    // Separators and the characters Windows forbids in names, plus control characters.
    .replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, '_')
    .replace(/\.pdf$/i, '')
    .trim()
    // Windows silently drops trailing dots and spaces, and a leading dot hides the file elsewhere.
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (base === '' || /^_+$/.test(base)) return FALLBACK_NAME;
  if (RESERVED_WINDOWS_NAMES.test(base.split('.')[0] ?? '')) base = `_${base}`;
  base = Array.from(base).slice(0, MAX_NAME_LENGTH - '.pdf'.length).join('').replace(/[.\s]+$/, '');
  return `${base}.pdf`;
}
