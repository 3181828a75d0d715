import { safeStorage } from 'electron';
import { UNPROTECTED, type SecretProtection } from '../keys/index.ts';

/**
 * The office's private key encrypted by the operating system (DPAPI for the Windows user on Windows,
 * the keychain on macOS, the secret service on Linux). Where none is available the key stays as the
 * command line keeps it, and Settings says so.
 */
export function osKeyProtection(): SecretProtection {
  if (!safeStorage.isEncryptionAvailable()) return UNPROTECTED;
  return {
    kind: 'electron-safe-storage',
    description: {
      en: 'Encrypted by Windows for this user account (DPAPI, through Electron safeStorage); a copy of the file is useless on another PC or account.',
      mr: 'या वापरकर्ता खात्यासाठी Windows ने कूटबद्ध केलेली (DPAPI, Electron safeStorage द्वारे); फाइलची प्रत दुसऱ्या संगणकावर किंवा खात्यावर निरुपयोगी आहे.',
    },
    protect: (secret) => safeStorage.encryptString(secret.toString('base64')),
    unprotect: (stored) => Buffer.from(safeStorage.decryptString(stored), 'base64'),
  };
}
