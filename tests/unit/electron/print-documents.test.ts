import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../../src-main/electron/app-url.ts';
import { OneTimeDocuments, PRINT_DOCUMENT_HEADERS } from '../../../src-main/electron/print-documents.ts';

function cardSheet(): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.text('MTS 2714 0010 0000 0421');
    doc.end();
  });
}

describe('OneTimeDocuments', () => {
  it('offers an unguessable app://mts/print/ address and serves the PDF there once, then forgets it', async () => {
    const documents = new OneTimeDocuments();
    const pdf = await cardSheet();
    const address = documents.offer(pdf);
    expect(address).toMatch(/^app:\/\/mts\/print\/[0-9a-f]{64}\.pdf$/);
    expect(isAppUrl(address)).toBe(true);
    expect(documents.waiting).toBe(1);

    const first = documents.answer('GET', address);
    expect(first.status).toBe(200);
    if (first.status !== 200) throw new Error('unreachable');
    expect(first.body).toEqual(pdf);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(documents.waiting).toBe(0);

    expect(documents.answer('GET', address)).toEqual({ status: 404, reason: 'no such document' });
  });

  it('gives each document its own address', async () => {
    const documents = new OneTimeDocuments();
    const pdf = await cardSheet();
    const addresses = new Set(Array.from({ length: 50 }, () => documents.offer(pdf)));
    expect(addresses.size).toBe(50);
    expect(documents.waiting).toBe(50);
  });

  it('refuses a token it did not issue, whatever its shape', async () => {
    const documents = new OneTimeDocuments();
    const address = documents.offer(await cardSheet());
    const token = /print\/([0-9a-f]{64})\.pdf$/.exec(address)![1]!;
    const other = token.replace(/^./, token[0] === 'a' ? 'b' : 'a');
    for (const url of [
      `app://mts/print/${other}.pdf`,
      `app://mts/print/${token.toUpperCase()}.pdf`,
      `app://mts/print/${token}`,
      `app://mts/print/${token}.pdf/x`,
      `app://mts/print/../print/${other}.pdf`,
      `app://mts/print/%2e%2e%2f${token}.pdf`,
      'app://mts/print/',
      'app://mts/print/index.html',
    ]) {
      expect(documents.answer('GET', url), url).toMatchObject({ status: 404 });
    }
    // None of these used the real one up.
    expect(documents.answer('GET', address).status).toBe(200);
  });

  it('serves only to the app origin: another host or scheme with the same path gets nothing', async () => {
    const documents = new OneTimeDocuments();
    const address = documents.offer(await cardSheet());
    const path = new URL(address).pathname;
    for (const url of [`app://evil${path}`, `app://mts:1${path}`, `app://x@mts${path}`, `https://mts${path}`, `file://${path}`]) {
      expect(documents.answer('GET', url), url).toMatchObject({ status: 404 });
    }
    expect(documents.answer('GET', address).status).toBe(200);
  });

  it('answers only GET, without using the document up on other methods', async () => {
    const documents = new OneTimeDocuments();
    const address = documents.offer(await cardSheet());
    for (const method of ['HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS']) {
      expect(documents.answer(method, address), method).toEqual({ status: 405, reason: 'GET only' });
    }
    expect(documents.answer('GET', address).status).toBe(200);
  });

  it('ignores a query or fragment Chromium may add', async () => {
    const documents = new OneTimeDocuments();
    const address = documents.offer(await cardSheet());
    expect(documents.answer('GET', `${address}?download=0#page=1`).status).toBe(200);
  });

  it('forgets a withdrawn document that was never fetched', async () => {
    const documents = new OneTimeDocuments();
    const address = documents.offer(await cardSheet());
    documents.withdraw(address);
    expect(documents.waiting).toBe(0);
    expect(documents.answer('GET', address)).toMatchObject({ status: 404 });
    // Withdrawing again, or something that is no print address, is harmless.
    documents.withdraw(address);
    documents.withdraw('app://mts/index.html');
    documents.withdraw('not a url');
  });

  it('refuses a token source that would make addresses guessable or reused', () => {
    expect(() => new OneTimeDocuments(() => '1234').offer(new Uint8Array([1]))).toThrow(/token/);
    const fixed = 'ab'.repeat(32);
    const documents = new OneTimeDocuments(() => fixed);
    documents.offer(new Uint8Array([1]));
    expect(() => documents.offer(new Uint8Array([2]))).toThrow(/token/);
  });

  it('sends no CSP fetch directive that would blank Chromium\'s PDF viewer, and is never cached or sniffed', () => {
    const csp = PRINT_DOCUMENT_HEADERS['content-security-policy'] ?? '';
    expect(csp).not.toMatch(/default-src|object-src|style-src|sandbox/);
    expect(csp).toContain("base-uri 'none'");
    expect(PRINT_DOCUMENT_HEADERS['cache-control']).toBe('no-store');
    expect(PRINT_DOCUMENT_HEADERS['x-content-type-options']).toBe('nosniff');
    expect(Object.keys(PRINT_DOCUMENT_HEADERS).map((name) => name.toLowerCase())).not.toContain('accept-ranges');
  });
});
