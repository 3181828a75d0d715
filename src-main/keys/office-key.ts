// The office's own Ed25519 key: it signs backups and the series ledger now, and sync bundles later
// (DESIGN §6). It lives outside the database, in the data folder, so that a backup or a copied database
// never carries the key that vouches for it. Format (JSON, UTF-8, file mode 0600):
//
//   { "format": "mts-office-key/1",
//     "algorithm": "ed25519",
//     "key_id": "<16 hex digits>",                 first 8 bytes of SHA-256(SPKI DER): names the key in signatures
//     "public_key": "<base64 SPKI DER>",
//     "created_at": "2026-12-03T07:30:00.000Z",
//     "protection": "none" | "electron-safe-storage" | …,
//     "private_key": "<base64 of protect(PKCS#8 DER)>" }
//
// The public half is readable without unprotecting anything, so checking a signature works everywhere;
// only signing needs the private half, and with an OS-bound protection only the app that protected it
// (the same Windows user, through Electron) can sign.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Problem } from '../common/problem.ts';
import { writeFileAtomically } from '../common/durable-file.ts';
import { UNPROTECTED, type SecretProtection } from './secret-protection.ts';

export const OFFICE_KEY_FILE = 'office-key.json';
const FORMAT = 'mts-office-key/1';

interface OfficeKeyFile {
  format: string;
  algorithm: string;
  key_id: string;
  public_key: string;
  created_at: string;
  protection: string;
  private_key: string;
}

/** What anyone may know about the office key: shown in Settings, checked in signatures. */
export interface OfficeKeyInfo {
  keyId: string;
  /** SHA-256 of the public key as 6 groups of 5 digits, easy to read out by phone. */
  fingerprint: string;
  createdAt: string;
  protection: string;
}

export class OfficeKey {
  readonly info: OfficeKeyInfo;

  constructor(
    private readonly file: OfficeKeyFile,
    readonly publicKey: KeyObject,
    private readonly protection: SecretProtection,
  ) {
    this.info = { keyId: file.key_id, fingerprint: fingerprintOf(publicKey), createdAt: file.created_at, protection: file.protection };
  }

  get keyId(): string {
    return this.file.key_id;
  }

  sign(message: Buffer): Buffer {
    return sign(null, message, this.privateKey());
  }

  /**
   * The private half as a KeyObject, for code that signs through a library taking one (sync bundles).
   * Same checks as `sign`: only an opener holding the right protection gets it.
   */
  privateKey(): KeyObject {
    if (this.file.protection !== this.protection.kind) {
      throw new Problem('office-key-unavailable', {
        en: `The office key is protected by "${this.file.protection}", which only the desktop app on this PC can open; do this from the app.`,
        mr: `कार्यालयाची की "${this.file.protection}" ने संरक्षित आहे, जी फक्त या संगणकावरील अॅपच उघडू शकते; हे काम अॅपमधून करा.`,
      });
    }
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey({ key: this.protection.unprotect(Buffer.from(this.file.private_key, 'base64')), format: 'der', type: 'pkcs8' });
    } catch {
      throw damagedKey();
    }
    if (!createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).equals(this.publicKey.export({ format: 'der', type: 'spki' }))) {
      throw damagedKey();
    }
    return privateKey;
  }

  verify(message: Buffer, signature: Buffer): boolean {
    try {
      return verify(null, message, this.publicKey, signature);
    } catch {
      return false;
    }
  }
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16);
}

/** Six groups of five decimal digits from the SHA-256 of the SPKI DER (5 bytes per group, about 100 bits). */
export function fingerprintOf(publicKey: KeyObject): string {
  const hash = createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest();
  const groups: string[] = [];
  for (let i = 0; i < 6; i += 1) groups.push(String(hash.readUIntBE(i * 5, 5) % 100_000).padStart(5, '0'));
  return groups.join(' ');
}

/**
 * The office key of a data folder, or null when there is none yet. A file that exists but cannot be read
 * is refused, never replaced: replacing it would silently invalidate every backup signed with it.
 */
export function readOfficeKey(dataDir: string, protection: SecretProtection = UNPROTECTED): OfficeKey | null {
  const path = join(dataDir, OFFICE_KEY_FILE);
  if (!existsSync(path)) return null;
  let file: OfficeKeyFile;
  let publicKey: KeyObject;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as OfficeKeyFile;
    if (file.format !== FORMAT || file.algorithm !== 'ed25519' || typeof file.private_key !== 'string') throw new Error('format');
    publicKey = createPublicKey({ key: Buffer.from(file.public_key, 'base64'), format: 'der', type: 'spki' });
    if (publicKey.asymmetricKeyType !== 'ed25519' || keyIdOf(publicKey) !== file.key_id) throw new Error('key id');
  } catch {
    throw damagedKey();
  }
  return new OfficeKey(file, publicKey, protection);
}

/**
 * Reads the office key, creating it on first use (at setup, or the first open of an office set up before
 * offices had keys). A key kept unprotected is re-protected when an opener offers real protection (the
 * desktop app opening a folder set up from the command line).
 */
export function ensureOfficeKey(dataDir: string, protection: SecretProtection = UNPROTECTED, now = new Date()): OfficeKey {
  const existing = readOfficeKey(dataDir, protection);
  if (existing && !(existing.info.protection === UNPROTECTED.kind && protection.kind !== UNPROTECTED.kind)) return existing;

  let privateKey: KeyObject;
  let file: Omit<OfficeKeyFile, 'protection' | 'private_key'>;
  if (existing) {
    const raw = JSON.parse(readFileSync(join(dataDir, OFFICE_KEY_FILE), 'utf8')) as OfficeKeyFile;
    privateKey = createPrivateKey({ key: UNPROTECTED.unprotect(Buffer.from(raw.private_key, 'base64')), format: 'der', type: 'pkcs8' });
    file = raw;
  } else {
    const pair = generateKeyPairSync('ed25519');
    privateKey = pair.privateKey;
    file = {
      format: FORMAT,
      algorithm: 'ed25519',
      key_id: keyIdOf(pair.publicKey),
      public_key: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      created_at: now.toISOString(),
    };
  }
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  const full: OfficeKeyFile = {
    format: file.format,
    algorithm: file.algorithm,
    key_id: file.key_id,
    public_key: file.public_key,
    created_at: file.created_at,
    protection: protection.kind,
    private_key: protection.protect(pkcs8).toString('base64'),
  };
  writeFileAtomically(join(dataDir, OFFICE_KEY_FILE), JSON.stringify(full, null, 2) + '\n', 0o600);
  return readOfficeKey(dataDir, protection)!;
}

function damagedKey(): Problem {
  return new Problem('office-key-damaged', {
    en: `The office key file (${OFFICE_KEY_FILE}) is damaged or was replaced; backups cannot be signed or checked. Put back the file from the office's safe copy, or contact the state IT cell.`,
    mr: `कार्यालयाची की फाइल (${OFFICE_KEY_FILE}) खराब झाली आहे किंवा बदलली आहे; बॅकअपवर स्वाक्षरी किंवा तपासणी करता येत नाही. कार्यालयाच्या सुरक्षित प्रतीतून फाइल परत ठेवा किंवा राज्य आयटी कक्षाशी संपर्क साधा.`,
  });
}
