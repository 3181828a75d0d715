/** Formatting and guards for identifiers and dates printed on cards and forms. */
import { isoToDisplayDate } from '../common/dates.ts';

const MTS_ID = /^\d{16}$/;
/** The only Aadhaar shape a printed document may ever receive. */
const MASKED_AADHAAR = /^XXXX XXXX \d{4}$/;

export class PrintInputError extends Error {
  override name = 'PrintInputError';
}

/** MTS IDs are opaque 16-digit strings; printed in groups of four for reading aloud and keying. */
export function groupMtsId(id: string): string {
  if (!MTS_ID.test(id)) throw new PrintInputError('MTS ID must be exactly 16 digits');
  return id.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * Rejects anything but the mask `XXXX XXXX 1234`. A full Aadhaar must never reach a PDF, so the renderer refuses
 * it loudly instead of masking it itself (masking here would mean the number had already leaked this far).
 */
export function assertMaskedAadhaar(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (!MASKED_AADHAAR.test(value)) {
    throw new PrintInputError('Aadhaar must be given masked as "XXXX XXXX 1234"');
  }
  return value;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** ISO `YYYY-MM-DD` → `DD-MM-YYYY`, the one date format of the whole app (common/dates.ts). */
export function formatDate(iso: string): string {
  const shown = ISO_DATE.test(iso) ? isoToDisplayDate(iso) : null;
  if (shown === null) throw new PrintInputError(`date must be YYYY-MM-DD: ${iso}`);
  return shown;
}

export function assertImage(bytes: Uint8Array): 'jpeg' | 'png' {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length > 8 && png.every((b, i) => bytes[i] === b)) return 'png';
  throw new PrintInputError('photo must be JPEG or PNG');
}
