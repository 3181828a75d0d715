import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAsset } from '../../../src-main/electron/assets.ts';

let base: string;
let root: string;

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

beforeAll(() => {
  // A built renderer, and a secret next to it that no app:// URL may reach.
  base = mkdtempSync(path.join(tmpdir(), 'mts-assets-'));
  root = path.join(base, 'dist-renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>MTS</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'export {};');
  writeFileSync(path.join(root, 'assets', 'style-1.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'मराठी.svg'), '<svg/>');
  writeFileSync(path.join(base, 'secret.txt'), 'not for the page');
  mkdirSync(path.join(base, 'dist-renderer-evil'));
  writeFileSync(path.join(base, 'dist-renderer-evil', 'x.js'), 'evil');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveAsset', () => {
  it('serves files of the renderer with a type Chromium accepts for module scripts', () => {
    expect(resolveAsset('app://mts/assets/index-abc123.js', { root, isFile })).toEqual({
      kind: 'file',
      path: path.join(root, 'assets', 'index-abc123.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAsset('app://mts/assets/style-1.css?v=2', { root, isFile })).toMatchObject({ kind: 'file', contentType: 'text/css; charset=utf-8' });
  });

  it('serves index.html for the root', () => {
    expect(resolveAsset('app://mts/', { root, isFile })).toMatchObject({ kind: 'file', path: path.join(root, 'index.html') });
  });

  it('decodes percent-encoded names, such as Marathi file names', () => {
    const url = `app://mts/assets/${encodeURIComponent('मराठी.svg')}`;
    expect(resolveAsset(url, { root, isFile })).toMatchObject({ kind: 'file', path: path.join(root, 'assets', 'मराठी.svg') });
  });

  it('falls back to index.html for screens of the single-page app', () => {
    for (const url of ['app://mts/families', 'app://mts/families/123/edit', 'app://mts/assets', 'app://mts/report.html']) {
      expect(resolveAsset(url, { root, isFile }), url).toMatchObject({ kind: 'file', path: path.join(root, 'index.html') });
    }
  });

  it('answers 404 for a missing script instead of handing out the page', () => {
    expect(resolveAsset('app://mts/assets/missing.js', { root, isFile })).toMatchObject({ kind: 'refused', status: 404 });
  });

  it('refuses encoded traversal out of the renderer folder', () => {
    for (const url of [
      'app://mts/..%2fsecret.txt',
      'app://mts/assets/..%2f..%2fsecret.txt',
      'app://mts/%2e%2e%2fsecret.txt',
      'app://mts/..%2fdist-renderer-evil%2fx.js',
    ]) {
      const result = resolveAsset(url, { root, isFile });
      expect(result, url).toMatchObject({ kind: 'refused', status: 403 });
    }
  });

  it('never resolves anything outside the folder, whatever the URL', () => {
    // Plain "../" is folded by the URL parser, and an absolute path is read relative to the root; the
    // secret file exists, so a wrong resolution would hand it out here.
    for (const url of [
      'app://mts/../secret.txt',
      'app://mts/%2e%2e/secret.txt',
      'app://mts/assets/../../secret.txt',
      `app://mts/${encodeURIComponent(path.join(base, 'secret.txt'))}`,
      `app://mts//${path.join(base, 'secret.txt')}`,
    ]) {
      const result = resolveAsset(url, { root, isFile });
      expect(result.kind === 'file' ? path.relative(root, result.path) : 'refused', url).not.toMatch(/^\.\./);
      expect(result.kind === 'file' ? result.path : '', url).not.toBe(path.join(base, 'secret.txt'));
    }
  });

  it('refuses malformed encodings and NUL bytes', () => {
    expect(resolveAsset('app://mts/%E0%A4', { root, isFile })).toMatchObject({ kind: 'refused', status: 400 });
    expect(resolveAsset('app://mts/index.html%00.js', { root, isFile })).toMatchObject({ kind: 'refused', status: 400 });
  });

  it('refuses other origins', () => {
    expect(resolveAsset('app://other/index.html', { root, isFile })).toMatchObject({ kind: 'refused', status: 404 });
  });

  it('says the renderer is not built when index.html is missing', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'mts-empty-'));
    try {
      expect(resolveAsset('app://mts/', { root: empty, isFile })).toMatchObject({ kind: 'refused', status: 404, reason: expect.stringContaining('not built') });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  describe('with Windows path rules', () => {
    const winRoot = 'C:\\Program Files\\MTS Block Office\\resources\\app.asar\\dist-renderer';
    const files = new Set([`${winRoot}\\index.html`, `${winRoot}\\assets\\app.js`, 'C:\\Windows\\win.ini']);
    const options = { root: winRoot, isFile: (file: string) => files.has(file), paths: path.win32 };

    it('serves files inside', () => {
      expect(resolveAsset('app://mts/assets/app.js', options)).toMatchObject({ kind: 'file', path: `${winRoot}\\assets\\app.js` });
    });

    it('refuses backslash, drive-letter and UNC escapes', () => {
      for (const url of [
        'app://mts/..%5c..%5c..%5c..%5c..%5cWindows%5cwin.ini',
        'app://mts/assets%5c..%5c..%5csecret',
        'app://mts/C:%5cWindows%5cwin.ini',
        'app://mts/C:/Windows/win.ini',
        'app://mts/D:%5cdata%5cmts.sqlite',
      ]) {
        expect(resolveAsset(url, options), url).toMatchObject({ kind: 'refused', status: 403 });
      }
    });

    it('reads a UNC-looking path as a name inside the folder, never as a network share', () => {
      files.add('\\\\server\\share\\x.js');
      expect(resolveAsset('app://mts/%5c%5cserver%5cshare%5cx.js', options)).toMatchObject({ kind: 'refused', status: 404 });
    });
  });
});

describe('contentTypeFor', () => {
  it('knows the types a vite build emits and falls back to octet-stream', () => {
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('a.WOFF2')).toBe('font/woff2');
    expect(contentTypeFor('logo.png')).toBe('image/png');
    expect(contentTypeFor('x.unknown')).toBe('application/octet-stream');
  });
});
