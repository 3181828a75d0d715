// The hub's online answer (`mts-hub serve`, POST /v1/exchange): the reply bundle, or all parts of a split
// one in a single body whose part lengths travel in a header. Shared by the hub and the office's
// "Send now", which cuts the body apart again; each part still verifies alone.
import { Problem } from '../common/problem.ts';

export const REPLY_PARTS_HEADER = 'x-mts-reply-parts';
export const REPLY_PART_LENGTHS_HEADER = 'x-mts-reply-part-lengths';

/** Cuts a 200 reply body into its bundle files using `X-MTS-Reply-Part-Lengths` (absent for one file). */
export function splitReplyBody(body: Uint8Array, partLengths: string | undefined): Uint8Array[] {
  if (partLengths === undefined) return [body];
  const lengths = partLengths.split(',').map(Number);
  if (lengths.some((n) => !Number.isSafeInteger(n) || n <= 0) || lengths.reduce((a, b) => a + b, 0) !== body.length) {
    throw new Problem('reply-damaged', {
      en: "The hub's reply arrived incomplete or damaged; send again.",
      mr: 'हबचे उत्तर अपूर्ण किंवा खराब स्वरूपात आले; पुन्हा पाठवा.',
    });
  }
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const length of lengths) {
    parts.push(body.subarray(offset, offset + length));
    offset += length;
  }
  return parts;
}
