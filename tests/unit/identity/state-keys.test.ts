import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createStateKeys, parseStateKeyFile, stateKeyFingerprint } from '../../../src-main/identity/index.ts';

type KeyFile = Record<string, string>;

function edit(text: string, change: (file: KeyFile) => void): string {
  const file = JSON.parse(text) as KeyFile;
  change(file);
  return JSON.stringify(file);
}

/** Re-signs a file with its own (new) signing key, as a forger would, independent of the module. */
function resign(file: KeyFile): void {
  const signing = generateKeyPairSync('ed25519');
  file['sign_public_key'] = signing.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const content = JSON.stringify({
    dedup_key: file['dedup_key'],
    format: file['format'],
    issued_at: file['issued_at'],
    seal_public_key: file['seal_public_key'],
    sign_public_key: file['sign_public_key'],
  });
  file['signature'] = sign(null, Buffer.from(content), signing.privateKey).toString('base64');
}

describe('state key file', () => {
  it('round-trips: the file createStateKeys writes parses to usable keys', () => {
    const created = createStateKeys({ issuedAt: new Date('2025-06-01T10:00:00Z') });
    const parsed = parseStateKeyFile(created.text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.issuedAt).toBe('2025-06-01T10:00:00.000Z');
    expect(parsed.value.sealPublicKey.asymmetricKeyType).toBe('x25519');
    expect(parsed.value.signPublicKey.asymmetricKeyType).toBe('ed25519');
    expect(parsed.value.dedupKey).toHaveLength(32);
    expect(parsed.value.fingerprint).toBe(created.fingerprint);
    const file = JSON.parse(created.text) as KeyFile;
    expect(file['format']).toBe('mts-state-keys/1');
  });

  it('the canonical content is the sorted-key JSON of the other fields (checked with a signature made here)', () => {
    const created = createStateKeys();
    const text = edit(created.text, (f) => {
      f['issued_at'] = '2030-01-01T00:00:00Z';
      resign(f);
    });
    expect(parseStateKeyFile(text).ok).toBe(true);
  });

  it('fingerprint is SHA-256 of the sign key SPKI in 16 groups of 4 hex digits', () => {
    const created = createStateKeys();
    const file = JSON.parse(created.text) as KeyFile;
    const expected = createHash('sha256').update(Buffer.from(file['sign_public_key']!, 'base64')).digest('hex').toUpperCase();
    expect(created.fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    expect(created.fingerprint.replace(/ /g, '')).toBe(expected);
    expect(stateKeyFingerprint(file['sign_public_key']!)).toBe(created.fingerprint);
    expect(() => stateKeyFingerprint(file['seal_public_key']!)).toThrow(TypeError);
  });

  it('tells apart files that differ only in the signing key (what the phone check is for)', () => {
    const a = createStateKeys();
    const forged = edit(a.text, resign);
    const parsed = parseStateKeyFile(forged);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.fingerprint).not.toBe(a.fingerprint);
  });

  const base = createStateKeys().text;
  const cases: [string, string, string, string | undefined][] = [
    ['not JSON', '{"format": "mts-state-keys/1",', 'not-json', undefined],
    ['an array', '[]', 'not-object', undefined],
    ['another format', edit(base, (f) => (f['format'] = 'mts-state-keys/2')), 'wrong-format', 'format'],
    ['no format', edit(base, (f) => delete f['format']), 'wrong-format', 'format'],
    ['a missing dedup key', edit(base, (f) => delete f['dedup_key']), 'missing-field', 'dedup_key'],
    ['an empty signature', edit(base, (f) => (f['signature'] = '')), 'missing-field', 'signature'],
    ['an extra field', edit(base, (f) => (f['note'] = 'x')), 'unknown-field', 'note'],
    ['a bad date', edit(base, (f) => (f['issued_at'] = 'yesterday')), 'bad-issued-at', 'issued_at'],
    ['a seal key that is Ed25519', edit(base, (f) => (f['seal_public_key'] = f['sign_public_key']!)), 'bad-seal-key', 'seal_public_key'],
    ['a seal key that is junk', edit(base, (f) => (f['seal_public_key'] = 'AAAA')), 'bad-seal-key', 'seal_public_key'],
    ['a sign key that is X25519', edit(base, (f) => (f['sign_public_key'] = f['seal_public_key']!)), 'bad-sign-key', 'sign_public_key'],
    ['a 16-byte dedup key', edit(base, (f) => (f['dedup_key'] = Buffer.alloc(16, 7).toString('base64'))), 'bad-dedup-key', 'dedup_key'],
    ['a dedup key with junk', edit(base, (f) => (f['dedup_key'] = `${f['dedup_key']!.slice(0, -4)}!!!=`)), 'bad-dedup-key', 'dedup_key'],
    ['a changed dedup key', edit(base, (f) => (f['dedup_key'] = Buffer.alloc(32, 1).toString('base64'))), 'bad-signature', 'signature'],
    ['a changed seal key', edit(base, (f) => (f['seal_public_key'] = createStateKeys().text.match(/"seal_public_key": "([^"]+)"/)![1]!)), 'bad-signature', 'signature'],
    ['a changed date', edit(base, (f) => (f['issued_at'] = '2001-01-01T00:00:00Z')), 'bad-signature', 'signature'],
    ['a swapped sign key', edit(base, (f) => (f['sign_public_key'] = JSON.parse(createStateKeys().text).sign_public_key)), 'bad-signature', 'signature'],
    ['a short signature', edit(base, (f) => (f['signature'] = f['signature']!.slice(0, 40))), 'bad-signature', 'signature'],
  ];
  it.each(cases)('refuses a file with %s, naming the field', (_label, text, code, field) => {
    const r = parseStateKeyFile(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.field).toBe(field);
    if (field !== undefined) expect(r.message.en).toContain(`"${field}"`);
    expect(r.message.mr).toMatch(/[\u0900-\u097f]/);
  });
});
