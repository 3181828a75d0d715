import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Api } from '../api/dispatch.ts';
import { Session } from '../api/session.ts';
import { CONTENT_SECURITY_POLICY } from './csp.ts';

export interface BridgeOptions {
  api: Api;
  /** The built renderer (dist-renderer/). */
  staticDir: string;
  port?: number;
}

export interface Bridge {
  /** Open this in a browser: the token travels in the fragment, which browsers never send to servers. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

// Large enough for a 20 MB measurement CSV sent for batch classification.
const MAX_BODY = 24 * 1024 * 1024;

/**
 * Serves the same handler map as Electron's IPC, for the browser mode and end-to-end tests: loopback only,
 * a random token per run on every API call, and Host/Origin checks against DNS-rebinding pages.
 */
export async function startBridge({ api, staticDir, port = 0 }: BridgeOptions): Promise<Bridge> {
  // Made here, never passed in: a token from outside would have come through a command line or a file.
  const token = randomBytes(24).toString('base64url');
  const session = new Session();
  const expected = Buffer.from(`Bearer ${token}`);
  let origin = '';

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers.host !== new URL(origin).host) return deny(response, 421, 'wrong host');
    const url = new URL(request.url ?? '/', origin);
    const path = decodePath(url.pathname);
    if (path === null) return deny(response, 400, 'bad %-encoding in the address');
    if (path.startsWith('/api/')) {
      if (request.method !== 'POST') return deny(response, 405, 'POST only');
      if (request.headers.origin && request.headers.origin !== origin) return deny(response, 403, 'wrong origin');
      const presented = Buffer.from(request.headers.authorization ?? '');
      if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return deny(response, 401, 'bad token');
      const body = await readBody(request).catch(() => null);
      if (body === null) return deny(response, 413, 'request body too large or cut off');
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        return deny(response, 400, 'body is not JSON');
      }
      const reply = await api.call(session, path.slice('/api/'.length), input);
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      response.end(JSON.stringify(reply));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return deny(response, 405, 'GET only');
    serveStatic(staticDir, path, response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${actualPort}`;
  return {
    url: `${origin}/#token=${token}`,
    port: actualPort,
    token,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function serveStatic(root: string, pathname: string, response: ServerResponse): void {
  const relative = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^[/\\]+/, '');
  let file = join(root, relative);
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
    // Unknown paths get the app itself, so a reload on any screen works.
    file = join(root, 'index.html');
    if (!existsSync(file)) return deny(response, 404, 'renderer not built: run `npm run build:renderer`');
  }
  response.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  createReadStream(file).pipe(response);
}

/** The decoded path, or null when its %-escapes are not valid UTF-8 (a client's mistake, not ours). */
function decodePath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

function deny(response: ServerResponse, status: number, reason: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(reason);
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
