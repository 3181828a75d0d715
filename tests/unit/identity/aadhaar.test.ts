import { createHmac, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AadhaarError,
  createStateKeys,
  maskAadhaar,
  openSealedAadhaar,
  parseStateKeyFile,
  protectAadhaar,
  validateAadhaar,
  verhoeffCheckDigit,
  type StateKeys,
} from '../../../src-main/identity/index.ts';

// UIDAI's published sandbox test numbers (not real people).
const TEST_UID = '999941057058';
const TEST_UID_2 = '999971658847';

function stateKeys(): { keys: StateKeys; created: ReturnType<typeof createStateKeys> } {
  const created = createStateKeys();
  const parsed = parseStateKeyFile(created.text);
  if (!parsed.ok) throw new Error(parsed.message.en);
  return { keys: parsed.value, created };
}

function withCheck(payload11: string): string {
  return payload11 + String(verhoeffCheckDigit(payload11));
}

describe('validateAadhaar', () => {
  it('accepts valid numbers typed with or without the card spacing', () => {
    expect(validateAadhaar(TEST_UID)).toEqual({ ok: true, last4: '7058' });
    expect(validateAadhaar('9999 4105 7058')).toEqual({ ok: true, last4: '7058' });
    expect(validateAadhaar(' 9999-7165-8847 ')).toEqual({ ok: true, last4: '8847' });
    const devanagari = TEST_UID.replace(/\d/g, (d) => String.fromCharCode(0x0966 + Number(d)));
    expect(validateAadhaar(devanagari)).toEqual({ ok: true, last4: '7058' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['9999 4105 705O', 'non-digit'],
    ['99994105705', 'wrong-length'],
    ['9999410570581', 'wrong-length'],
    ['999941057059', 'bad-check-digit'],
    ['999914057058', 'bad-check-digit'],
  ])('rejects %j with %s', (text, code) => {
    const r = validateAadhaar(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message.mr).toMatch(/[\u0900-\u097f]/);
      expect(r.message.en).not.toMatch(/\d{5}/);
    }
  });

  it('rejects a first digit of 0 or 1 even with a valid check digit', () => {
    for (const first of ['0', '1']) {
      const n = withCheck(first + '2345678901');
      expect(validateAadhaar(n)).toMatchObject({ ok: false, code: 'bad-first-digit' });
    }
    expect(validateAadhaar(withCheck('22345678901')).ok).toBe(true);
  });

  it('catches every single-digit error and adjacent swap of a valid number', () => {
    for (const n of [TEST_UID, TEST_UID_2, withCheck('23456789012'), withCheck('87654321098')]) {
      for (let i = 0; i < 12; i++) {
        for (const d of '0123456789') {
          if (d === n[i]) continue;
          expect(validateAadhaar(n.slice(0, i) + d + n.slice(i + 1)).ok).toBe(false);
        }
        if (i < 11 && n[i] !== n[i + 1]) {
          expect(validateAadhaar(n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2)).ok).toBe(false);
        }
      }
    }
  });
});

describe('protectAadhaar', () => {
  it('keeps last 4, a 16-bit bucket of the HMAC-SHA256 with the dedup key, and a seal only the state key opens', () => {
    const { keys, created } = stateKeys();
    const p = protectAadhaar('9999 4105 7058', keys);
    expect(Object.keys(p).sort()).toEqual(['bucket', 'last4', 'sealed']);
    expect(p.last4).toBe('7058');
    expect(p.bucket).toMatch(/^[0-9a-f]{4}$/);
    expect(p.bucket).toBe(createHmac('sha256', keys.dedupKey).update(TEST_UID).digest('hex').slice(0, 4));
    expect(p.sealed).toMatch(/^mtsa1\.[A-Za-z0-9_-]+$/);
    expect(openSealedAadhaar(p.sealed, created.sealPrivateKey)).toBe(TEST_UID);
    expect(openSealedAadhaar(p.sealed, created.sealPrivateKeyPkcs8)).toBe(TEST_UID);
    expect(maskAadhaar(p.last4)).toBe('XXXX XXXX 7058');
  });

  it('returns nothing that contains the full number or a full-length hash of it', () => {
    const { keys } = stateKeys();
    const p = protectAadhaar(TEST_UID, keys);
    const text = JSON.stringify(p);
    const hmac = createHmac('sha256', keys.dedupKey).update(TEST_UID).digest();
    for (const form of [hmac.toString('hex'), hmac.toString('base64'), hmac.toString('base64url'), hmac.subarray(0, 8).toString('hex')]) {
      expect(text).not.toContain(form);
    }
    expect(text).not.toContain(TEST_UID);
    expect(text).not.toContain(TEST_UID.slice(0, 8));
    expect(Buffer.from(p.sealed.slice(6), 'base64url').toString('latin1')).not.toContain(TEST_UID.slice(0, 8));
  });

  it('gives the same bucket for the same number (dedup) and different seals (fresh ephemeral key)', () => {
    const { keys } = stateKeys();
    const a = protectAadhaar(TEST_UID, keys);
    const b = protectAadhaar('9999 4105 7058', keys);
    const c = protectAadhaar(TEST_UID_2, keys);
    expect(a.bucket).toBe(b.bucket);
    expect(a.sealed).not.toBe(b.sealed);
    expect(c.last4).not.toBe(a.last4);
  });

  it('spreads numbers over the 65,536 buckets', () => {
    const { keys } = stateKeys();
    const buckets = new Set<string>();
    for (let i = 0; i < 2000; i++) buckets.add(protectAadhaar(withCheck(String(23456780000 + i * 7919)), keys).bucket);
    // 2,000 numbers into 65,536 buckets: about 30 collisions expected; more than 100 would mean no spread.
    expect(buckets.size).toBeGreaterThan(1900);
  });

  it('buckets follow the state dedup key', () => {
    const one = stateKeys().keys;
    const two = stateKeys().keys;
    const numbers = Array.from({ length: 20 }, (_, i) => withCheck(String(34567890100 + i)));
    const under = (keys: StateKeys) => numbers.map((n) => protectAadhaar(n, keys).bucket).join();
    expect(under(one)).toBe(under(one));
    expect(under(one)).not.toBe(under(two));
  });

  it('a seal does not open with another key, and any altered byte is detected', () => {
    const { keys, created } = stateKeys();
    const other = generateKeyPairSync('x25519').privateKey;
    const sealed = protectAadhaar(TEST_UID, keys).sealed;
    expect(() => openSealedAadhaar(sealed, other)).toThrow(/cannot open/);
    const body = Buffer.from(sealed.slice(6), 'base64url');
    for (let i = 0; i < body.length; i++) {
      const tampered = Buffer.from(body);
      tampered[i] = tampered[i]! ^ 0x01;
      expect(() => openSealedAadhaar(`mtsa1.${tampered.toString('base64url')}`, created.sealPrivateKey)).toThrow();
    }
    expect(() => openSealedAadhaar(sealed.replace('mtsa1.', 'mtsa2.'), created.sealPrivateKey)).toThrow(/format/);
    expect(() => openSealedAadhaar(sealed.slice(0, -4), created.sealPrivateKey)).toThrow();
  });

  it('throws an AadhaarError without the number for invalid input', () => {
    const { keys } = stateKeys();
    const bad = '999941057059';
    let caught: unknown;
    try {
      protectAadhaar(bad, keys);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AadhaarError);
    const err = caught as AadhaarError;
    expect(err.code).toBe('bad-check-digit');
    expect(err.messages.mr).toMatch(/[\u0900-\u097f]/);
    expect(`${err.message} ${err.stack ?? ''} ${JSON.stringify(err)}`).not.toContain(bad.slice(0, 8));
  });

  it('refuses keys of the wrong kind', () => {
    const { keys } = stateKeys();
    expect(() => protectAadhaar(TEST_UID, { ...keys, sealPublicKey: keys.signPublicKey })).toThrow(TypeError);
    expect(() => protectAadhaar(TEST_UID, { ...keys, dedupKey: new Uint8Array(8) })).toThrow(TypeError);
  });

  it('maskAadhaar accepts only four digits', () => {
    expect(() => maskAadhaar(TEST_UID)).toThrow(RangeError);
    expect(() => maskAadhaar('12a4')).toThrow(RangeError);
  });
});
