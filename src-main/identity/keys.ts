import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/** Decodes standard base64 strictly (Buffer.from silently skips junk, which would hide a damaged key). */
export function strictBase64(text: string): Buffer | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length % 4 !== 0) return undefined;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

/** A public key of the given type from a KeyObject or base64 SPKI DER; undefined if it is anything else. */
export function publicKeyOf(key: KeyObject | string, type: 'x25519' | 'ed25519'): KeyObject | undefined {
  try {
    let obj: KeyObject;
    if (typeof key === 'string') {
      const der = strictBase64(key);
      if (der === undefined) return undefined;
      obj = createPublicKey({ key: der, format: 'der', type: 'spki' });
    } else {
      obj = key.type === 'private' ? createPublicKey(key) : key;
    }
    return obj.type === 'public' && obj.asymmetricKeyType === type ? obj : undefined;
  } catch {
    return undefined;
  }
}

/** A private key of the given type from a KeyObject or base64 PKCS#8 DER. */
export function privateKeyOf(key: KeyObject | string, type: 'x25519' | 'ed25519'): KeyObject | undefined {
  try {
    let obj: KeyObject;
    if (typeof key === 'string') {
      const der = strictBase64(key);
      if (der === undefined) return undefined;
      obj = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    } else {
      obj = key;
    }
    return obj.type === 'private' && obj.asymmetricKeyType === type ? obj : undefined;
  } catch {
    return undefined;
  }
}

export function spkiBase64(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).toString('base64');
}

export function pkcs8Base64(key: KeyObject): string {
  return key.export({ format: 'der', type: 'pkcs8' }).toString('base64');
}

/** The 32 raw bytes of an X25519 public key (what goes on the wire in a sealed value). */
export function rawX25519(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new TypeError('not an X25519 public key');
  return Buffer.from(jwk.x, 'base64url');
}

export function x25519FromRaw(raw: Uint8Array): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(raw).toString('base64url') },
    format: 'jwk',
  });
}
