/**
 * PDFs on their way to the print window, served from the app's own scheme instead of a temporary file.
 * Each gets a one-time, unguessable address under app://mts/print/; the protocol handler hands the bytes
 * out once, from memory, and forgets them. No copy of a card sheet (names, photos) touches the disk, and
 * no file:// page is ever loaded. Plain Node (no `electron` import), so the route is unit-tested.
 */
import { randomBytes } from 'node:crypto';
import { APP_ORIGIN, isPrintRoute, PRINT_PATH } from './app-url.ts';

const DOCUMENT_PATH = /^\/print\/([0-9a-f]{64})\.pdf$/;

/**
 * Chromium applies a PDF response's Content-Security-Policy to the wrapper page of its own PDF viewer:
 * `object-src 'none'` or `default-src 'none'` (as the app's pages send) leave the print blank. So this
 * route sends only directives that cannot touch the viewer. The document is our own pdfkit output, shown
 * in a hidden, sandboxed window with no preload, which the IPC layer never trusts.
 */
export const PRINT_DOCUMENT_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/pdf',
  'content-security-policy': "base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // Never kept by Chromium's cache; and no Accept-Ranges, so the viewer reads it in one request.
  'cache-control': 'no-store',
};

export type PrintRouteAnswer =
  | { status: 200; body: Uint8Array; headers: Readonly<Record<string, string>> }
  | { status: 404 | 405; reason: string };

export class OneTimeDocuments {
  readonly #waiting = new Map<string, Uint8Array>();
  readonly #newToken: () => string;

  /** `newToken` only for tests; 256 random bits otherwise. */
  constructor(newToken: () => string = () => randomBytes(32).toString('hex')) {
    this.#newToken = newToken;
  }

  /** Keeps the bytes until they are fetched once or withdrawn; returns the address to load. */
  offer(bytes: Uint8Array): string {
    const token = this.#newToken();
    if (!/^[0-9a-f]{64}$/.test(token) || this.#waiting.has(token)) throw new Error('print route: bad or reused token');
    this.#waiting.set(token, bytes);
    return `${APP_ORIGIN}${PRINT_PATH}${token}.pdf`;
  }

  /** Forgets a document that was never fetched (the window failed to load, printing was refused). */
  withdraw(url: string): void {
    const token = tokenOf(url);
    if (token !== null) this.#waiting.delete(token);
  }

  /** How many documents wait; the print window runs one at a time, so normally 0 or 1. */
  get waiting(): number {
    return this.#waiting.size;
  }

  /**
   * The protocol handler's answer for an address on the print route. Only a GET of a waiting document
   * succeeds, once; anything else is refused without using the document up.
   */
  answer(method: string, url: string): PrintRouteAnswer {
    const token = tokenOf(url);
    const bytes = token === null ? undefined : this.#waiting.get(token);
    if (token === null || bytes === undefined) return { status: 404, reason: 'no such document' };
    if (method !== 'GET') return { status: 405, reason: 'GET only' };
    this.#waiting.delete(token);
    return { status: 200, body: bytes, headers: PRINT_DOCUMENT_HEADERS };
  }
}

/** The token of a well-formed print address; query strings and fragments are not part of it. */
function tokenOf(url: string): string | null {
  if (!isPrintRoute(url)) return null;
  return DOCUMENT_PATH.exec(new URL(url).pathname)?.[1] ?? null;
}
