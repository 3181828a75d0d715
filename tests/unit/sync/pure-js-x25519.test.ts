// Electron's crypto is BoringSSL. Ed25519 goes through node:crypto, which BoringSSL provides; age's X25519
// prefers WebCrypto and falls back to the audited pure-JS @noble/curves when WebCrypto refuses X25519 with
// NotSupportedError. This file (its own process under vitest's forks pool) makes WebCrypto refuse X25519,
// as a runtime without it would, and checks that bundles are still written and opened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle, writeBundle } from '../../../src-main/sync/index.ts';
import { fieldsFor, makeNode, text, trustOf, type TestNode } from './fixtures.ts';

type ImportKey = (...args: unknown[]) => Promise<unknown>;
const subtle = globalThis.crypto.subtle as unknown as { importKey: ImportKey };
const realImportKey: ImportKey = subtle.importKey.bind(subtle);
let x25519Refusals = 0;

function refuseX25519(...args: unknown[]): Promise<unknown> {
  const algorithm = args[2];
  const name = typeof algorithm === 'string' ? algorithm : (algorithm as { name?: unknown }).name;
  if (name === 'X25519') {
    x25519Refusals++;
    return Promise.reject(new DOMException('X25519 is not supported', 'NotSupportedError'));
  }
  return realImportKey(...args);
}

let office: TestNode;
let hub: TestNode;

beforeAll(async () => {
  office = await makeNode('2714', 1);
  hub = await makeNode('hub', 1);
  subtle.importKey = refuseX25519;
});

afterAll(() => {
  subtle.importKey = realImportKey;
});

describe('bundles without WebCrypto X25519', () => {
  it('write and open through the pure-JS X25519 fallback', async () => {
    const payload = text('works on BoringSSL too');
    const bytes = await writeBundle({ ...fieldsFor(office, 'hub'), payload, signingKey: office.signingKey, recipients: [hub.recipient] });
    const opened = await openBundle(bytes, { trustedKeys: trustOf(office), expectedRecipient: 'hub', identity: hub.identity });
    expect(opened.payload).toEqual(payload);
    expect(x25519Refusals).toBeGreaterThanOrEqual(2);
  });
});
