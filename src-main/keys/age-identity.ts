// The office's age X25519 identity: sync bundles addressed to this office are encrypted to its recipient
// (DESIGN §6). Like the Ed25519 office key it lives outside the database, next to office-key.json, with
// the same SecretProtection, so a backup or a copied database never carries what opens the bundles.
// A file of its own keeps office-key.json exactly as issue 9 wrote it; it is created on first need
// (the first export or import), so offices set up before sync get one without a migration step.
//
//   { "format": "mts-office-age-identity/1",
//     "recipient": "age1…",                        public: what senders encrypt to
//     "created_at": "2026-12-03T07:30:00.000Z",
//     "protection": "none" | "electron-safe-storage" | …,
//     "identity": "<base64 of protect(UTF-8 AGE-SECRET-KEY-1…)>" }
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { Problem } from '../common/problem.ts';
import { writeFileAtomically } from '../common/durable-file.ts';
import { UNPROTECTED, type SecretProtection } from './secret-protection.ts';

export const OFFICE_AGE_IDENTITY_FILE = 'office-age-identity.json';
const FORMAT = 'mts-office-age-identity/1';
const IDENTITY = /^AGE-SECRET-KEY-1[0-9A-Z]{58}$/;
const RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

interface AgeIdentityFile {
  format: string;
  recipient: string;
  created_at: string;
  protection: string;
  identity: string;
}

export class OfficeAgeIdentity {
  constructor(
    private readonly file: AgeIdentityFile,
    private readonly protection: SecretProtection,
  ) {}

  /** Public: `age1…`, given to the hub at enrolment so bundles can be encrypted to this office. */
  get recipient(): string {
    return this.file.recipient;
  }

  get protectionKind(): string {
    return this.file.protection;
  }

  /** Secret: `AGE-SECRET-KEY-1…`, only for opening bundles. */
  identity(): string {
    if (this.file.protection !== this.protection.kind) {
      throw new Problem('office-key-unavailable', {
        en: `The office's sync key is protected by "${this.file.protection}", which only the desktop app on this PC can open; do this from the app.`,
        mr: `कार्यालयाची सिंक की "${this.file.protection}" ने संरक्षित आहे, जी फक्त या संगणकावरील अॅपच उघडू शकते; हे काम अॅपमधून करा.`,
      });
    }
    let identity: string;
    try {
      identity = this.protection.unprotect(Buffer.from(this.file.identity, 'base64')).toString('utf8');
    } catch {
      throw damagedIdentity();
    }
    if (!IDENTITY.test(identity)) throw damagedIdentity();
    return identity;
  }
}

/** The identity of a data folder, or null when there is none yet; a damaged file is refused, never replaced. */
export function readOfficeAgeIdentity(dataDir: string, protection: SecretProtection = UNPROTECTED): OfficeAgeIdentity | null {
  const path = join(dataDir, OFFICE_AGE_IDENTITY_FILE);
  if (!existsSync(path)) return null;
  let file: AgeIdentityFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as AgeIdentityFile;
    if (file.format !== FORMAT || !RECIPIENT.test(file.recipient) || typeof file.identity !== 'string') throw new Error('format');
  } catch {
    throw damagedIdentity();
  }
  return new OfficeAgeIdentity(file, protection);
}

/**
 * Reads the identity, creating it on first need. One kept unprotected is re-protected when an opener
 * offers real protection, as the office key is.
 */
export async function ensureOfficeAgeIdentity(
  dataDir: string,
  protection: SecretProtection = UNPROTECTED,
  now = new Date(),
): Promise<OfficeAgeIdentity> {
  const existing = readOfficeAgeIdentity(dataDir, protection);
  if (existing && !(existing.protectionKind === UNPROTECTED.kind && protection.kind !== UNPROTECTED.kind)) return existing;

  let identity: string;
  let createdAt = now.toISOString();
  if (existing) {
    identity = readOfficeAgeIdentity(dataDir, UNPROTECTED)!.identity();
    createdAt = (JSON.parse(readFileSync(join(dataDir, OFFICE_AGE_IDENTITY_FILE), 'utf8')) as AgeIdentityFile).created_at;
  } else {
    identity = await generateX25519Identity();
  }
  const recipient = await identityToRecipient(identity);
  const file: AgeIdentityFile = {
    format: FORMAT,
    recipient,
    created_at: createdAt,
    protection: protection.kind,
    identity: protection.protect(Buffer.from(identity, 'utf8')).toString('base64'),
  };
  writeFileAtomically(join(dataDir, OFFICE_AGE_IDENTITY_FILE), JSON.stringify(file, null, 2) + '\n', 0o600);
  return readOfficeAgeIdentity(dataDir, protection)!;
}

function damagedIdentity(): Problem {
  return new Problem('office-key-damaged', {
    en: `The office's sync key file (${OFFICE_AGE_IDENTITY_FILE}) is damaged or was replaced; bundles addressed to this office cannot be opened. Put back the file from the office's safe copy, or contact the state IT cell.`,
    mr: `कार्यालयाची सिंक की फाइल (${OFFICE_AGE_IDENTITY_FILE}) खराब झाली आहे किंवा बदलली आहे; या कार्यालयासाठी आलेल्या बंडल उघडता येत नाहीत. कार्यालयाच्या सुरक्षित प्रतीतून फाइल परत ठेवा किंवा राज्य आयटी कक्षाशी संपर्क साधा.`,
  });
}
