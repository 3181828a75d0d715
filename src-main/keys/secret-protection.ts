/**
 * How a secret (the office's private key) is kept at rest. The desktop app passes one backed by the
 * operating system (Electron's safeStorage: DPAPI on Windows, tied to the Windows user); plain Node (the
 * command line, the browser mode, tests) has no such service and keeps the bytes as they are, in a file
 * only the owner may read.
 */
export interface SecretProtection {
  /** Written next to the protected bytes, so a reader knows which protection it needs. */
  readonly kind: string;
  /** One sentence for the administrator: what protects the key on this PC. */
  readonly description: string;
  protect(secret: Buffer): Buffer;
  unprotect(stored: Buffer): Buffer;
}

export const UNPROTECTED: SecretProtection = {
  kind: 'none',
  description: 'Stored as is, readable only by this user account (file mode 0600); anyone who can read the data folder as this user can sign with it.',
  protect: (secret) => Buffer.from(secret),
  unprotect: (stored) => Buffer.from(stored),
};
