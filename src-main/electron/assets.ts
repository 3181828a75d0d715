/**
 * Maps an `app://mts/...` request to a file of the built renderer (dist-renderer/). Pure apart from the
 * `isFile` probe the caller passes in, so path traversal is tested with both POSIX and Windows rules.
 */
import nodePath from 'node:path';
import { isAppUrl } from './app-url.ts';

type PathApi = Pick<typeof nodePath, 'resolve' | 'relative' | 'isAbsolute' | 'extname' | 'join' | 'sep'>;

export type AssetResolution =
  | { kind: 'file'; path: string; contentType: string }
  | { kind: 'refused'; status: 400 | 403 | 404; reason: string };

export interface AssetOptions {
  /** Absolute path of dist-renderer/. */
  root: string;
  isFile(path: string): boolean;
  /** `path.win32` in tests; the platform's own rules otherwise. */
  paths?: PathApi;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Module scripts are refused by Chromium unless served with a JavaScript type, so the type matters. */
export function contentTypeFor(file: string, paths: PathApi = nodePath): string {
  return CONTENT_TYPES[paths.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export function resolveAsset(requestUrl: string, { root, isFile, paths = nodePath }: AssetOptions): AssetResolution {
  if (!isAppUrl(requestUrl)) return { kind: 'refused', status: 404, reason: 'not an app URL' };

  let decoded: string;
  try {
    decoded = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return { kind: 'refused', status: 400, reason: 'malformed path' };
  }
  if (decoded.includes('\0')) return { kind: 'refused', status: 400, reason: 'malformed path' };

  // The URL parser already folds plain "/../", but encoded dots and backslashes survive it; decide on
  // the final file-system path instead of on the text.
  const relative = decoded.replace(/^[/\\]+/, '');
  const file = paths.resolve(root, relative === '' ? 'index.html' : relative);
  const inside = paths.relative(root, file);
  if (inside === '..' || inside.startsWith(`..${paths.sep}`) || paths.isAbsolute(inside)) {
    return { kind: 'refused', status: 403, reason: 'outside the app folder' };
  }

  if (inside !== '' && isFile(file)) return { kind: 'file', path: file, contentType: contentTypeFor(file, paths) };

  // A missing script or image is a real 404; answering it with the page would only hide the mistake.
  const extension = paths.extname(file).toLowerCase();
  if (extension !== '' && extension !== '.html') return { kind: 'refused', status: 404, reason: 'no such file' };

  // Any other path is a screen of the single-page app: give the app itself, so a reload works anywhere.
  const index = paths.join(root, 'index.html');
  if (!isFile(index)) return { kind: 'refused', status: 404, reason: 'renderer not built: run `npm run build:renderer`' };
  return { kind: 'file', path: index, contentType: contentTypeFor(index, paths) };
}
