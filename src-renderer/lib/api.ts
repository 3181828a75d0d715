/**
 * The renderer's only way to the backend. In Electron the preload exposes `window.mts` (IPC); in the
 * browser mode the same calls go to the loopback HTTP bridge with the token from the URL fragment.
 */
import type { BilingualText, FieldProblem } from '../../src-main/common/problem.ts';
import type { HandlerName, InputOf, OutputOf, Reply } from '../../src-main/api/contract.ts';

interface PreloadBridge {
  names: readonly string[];
  call(name: string, input: unknown): Promise<Reply<unknown>>;
}

declare global {
  interface Window {
    mts?: PreloadBridge;
  }
}

export class ApiProblem extends Error {
  constructor(
    readonly code: string,
    readonly text: BilingualText,
    readonly fields: FieldProblem[],
  ) {
    super(text.en);
  }
}

const TOKEN_KEY = 'mts.bridge-token';

function bridgeToken(): string {
  const match = /token=([\w-]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]!);
    // Keep the token out of the address bar, history and screenshots.
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

let token: string | null = null;

async function viaHttp(name: string, input: unknown): Promise<Reply<unknown>> {
  token ??= bridgeToken();
  const response = await fetch(`/api/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input ?? {}),
  });
  if (response.status === 401) {
    return { ok: false, problem: { code: 'bad-token', text: { en: 'This browser tab is not connected to the app. Open the address printed by `npm run start:web`.', mr: 'हा टॅब ॲपशी जोडलेला नाही. `npm run start:web` ने दिलेला पत्ता उघडा.' }, fields: [] } };
  }
  return (await response.json()) as Reply<unknown>;
}

export const lockListeners = new Set<() => void>();

export async function call<K extends HandlerName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const reply = window.mts ? await window.mts.call(name, input) : await viaHttp(name, input);
  if (reply.ok) return reply.value as OutputOf<K>;
  if (reply.problem.code === 'locked') lockListeners.forEach((listener) => listener());
  throw new ApiProblem(reply.problem.code, reply.problem.text, reply.problem.fields);
}

export function initBridge(): void {
  if (!window.mts) token = bridgeToken();
}
