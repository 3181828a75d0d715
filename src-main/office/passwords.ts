import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// ~60 ms on an old office PC: slow enough to resist guessing from a stolen file, quick enough at log-in.
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * Checked against when a login name does not exist, so an unknown name costs the same scrypt as a known one
 * and the time taken does not tell which names exist. Random key: no password matches it.
 */
const NO_SUCH_LOGIN = ['scrypt', N, R, P, randomBytes(16).toString('base64'), randomBytes(KEY_LENGTH).toString('base64')].join('$');

/** `stored` is null for a name that matches no login: the same work is done, and the answer is false. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const matches = await verifyStored(password, stored ?? NO_SUCH_LOGIN);
  return stored !== null && matches;
}

async function verifyStored(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Operators choose their own; the rule only keeps out the trivially guessable. */
export function passwordWeakness(password: string): { en: string; mr: string } | null {
  if (password.length < 8) return { en: 'Password must have at least 8 characters.', mr: 'पासवर्ड किमान 8 अक्षरांचा असावा.' };
  if (!/\d/.test(password) || !/\D/.test(password)) {
    return { en: 'Password must mix letters and digits.', mr: 'पासवर्डमध्ये अक्षरे आणि अंक दोन्ही असावेत.' };
  }
  return null;
}
