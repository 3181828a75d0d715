import { ensureOfficeKey } from '../keys/index.ts';
import type { OfficeData } from './service.ts';
import type { OfficeKeyStatus } from './types.ts';

/** The office key as Settings shows it: its fingerprint to compare by phone, and what protects it here. */
export function officeKeyStatus(data: OfficeData): OfficeKeyStatus {
  const { info } = ensureOfficeKey(data.dataDir, data.keyProtection);
  const protectionDescription =
    info.protection === data.keyProtection.kind
      ? data.keyProtection.description
      : `Protected by "${info.protection}": only the desktop app on this PC can sign with it.`;
  return { ...info, protectionDescription };
}
