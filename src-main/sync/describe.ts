// What a state officer or support engineer needs to look into a bundle by hand: where its regions are,
// what its header says (not yet verified), and the shell command that opens its payload with `age`.
import { parseFrame } from './format.ts';
import type { BundleHeader } from './header.ts';

export interface BundleDescription {
  readonly formatVersion: number;
  readonly headerLength: number;
  /** 0-based offset of the payload, a standard age file running to the end of the bundle. */
  readonly payloadOffset: number;
  readonly payloadLength: number;
  /** As written in the file; `readBundleHeader` is what authenticates it. */
  readonly header: BundleHeader;
  /** Shell command that decrypts the payload with the standard `age` tool (see README.md). */
  readonly ageCommand: string;
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * Cuts a bundle into its regions without checking its signature. Refuses malformed files with the same
 * errors as reading does.
 */
export function describeBundle(bytes: Uint8Array, fileName = 'bundle.mtsb', keyFile = 'key.txt'): BundleDescription {
  const frame = parseFrame(bytes);
  const { chunk } = frame.header;
  // tail counts bytes from 1, so the payload at 0-based offset N starts at tail's byte N + 1.
  const decrypt = `tail -c +${frame.payloadOffset + 1} ${shellQuote(fileName)} | age -d -i ${shellQuote(keyFile)}`;
  const ageCommand =
    chunk.count === 1
      ? `${decrypt} | gunzip > payload.bin`
      : `${decrypt} > part-${String(chunk.index + 1).padStart(5, '0')}.gz`;
  return {
    formatVersion: frame.formatVersion,
    headerLength: frame.headerLength,
    payloadOffset: frame.payloadOffset,
    payloadLength: frame.payload.length,
    header: frame.header,
    ageCommand,
  };
}
