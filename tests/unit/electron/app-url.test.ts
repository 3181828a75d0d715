import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  isAllowedNavigation,
  isAppUrl,
  isPrintRoute,
  isRemoteUrl,
  isTrustedSender,
} from '../../../src-main/electron/app-url.ts';

describe('isAppUrl', () => {
  it('accepts the app origin and its paths', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://mts/')).toBe(true);
    expect(isAppUrl('app://mts/assets/index-abc.js?x=1#/families')).toBe(true);
  });

  it('refuses look-alike hosts, other schemes, credentials and ports', () => {
    for (const url of [
      'app://mts.evil/index.html',
      'app://evil/index.html',
      'app://user@mts/index.html',
      'app://user:pw@mts/index.html',
      'app://mts:8080/index.html',
      'https://mts/index.html',
      'file:///C:/mts/index.html',
      'http://127.0.0.1:5173/',
      'apps://mts/',
      'blob:app://mts/0b6c3d53-8f5e-4a43-9e0e-0a1f5b2d8a10',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('isTrustedSender', () => {
  const ok = { frameUrl: 'app://mts/index.html', isMainFrame: true, fromAppWindow: true };

  it('trusts the app page in the main frame of the app window', () => {
    expect(isTrustedSender(ok)).toBe(true);
  });

  it('refuses a destroyed or navigated-away frame', () => {
    expect(isTrustedSender({ ...ok, frameUrl: null })).toBe(false);
  });

  it('refuses an iframe, even one showing an app page', () => {
    expect(isTrustedSender({ ...ok, isMainFrame: false })).toBe(false);
  });

  it('refuses other windows, such as the hidden print window', () => {
    expect(isTrustedSender({ ...ok, fromAppWindow: false })).toBe(false);
  });

  it('refuses pages that are not the app', () => {
    expect(isTrustedSender({ ...ok, frameUrl: 'file:///tmp/mts-print-x/print.pdf' })).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: 'https://example.org/' })).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: 'app://mts.evil/index.html' })).toBe(false);
  });
});

describe('isAllowedNavigation', () => {
  it('keeps the window on the app', () => {
    expect(isAllowedNavigation('app://mts/index.html#/setup')).toBe(true);
    expect(isAllowedNavigation('https://mts.maharashtra.gov.in/')).toBe(false);
    expect(isAllowedNavigation('file:///C:/Windows/win.ini')).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)')).toBe(false);
  });
});

describe('isRemoteUrl', () => {
  it('blocks network schemes', () => {
    for (const url of ['http://example.org/', 'https://fonts.googleapis.com/css', 'ws://127.0.0.1:1/', 'wss://x.y/', 'ftp://x/']) {
      expect(isRemoteUrl(url), url).toBe(true);
    }
  });

  it('lets the app, blob/data URLs, local files and Chromium internals through', () => {
    for (const url of [
      'app://mts/index.html',
      'blob:app://mts/0b6c3d53-8f5e-4a43-9e0e-0a1f5b2d8a10',
      'data:image/png;base64,AAAA',
      'file:///tmp/mts-print-x/print.pdf',
      'devtools://devtools/bundled/devtools_app.html',
      'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html',
    ]) {
      expect(isRemoteUrl(url), url).toBe(false);
    }
  });
});

describe('the print route among the app URL rules', () => {
  const address = 'app://mts/print/' + 'c'.repeat(64) + '.pdf';

  it('is recognised for any path under /print/ of the app origin only', () => {
    expect(isPrintRoute(address)).toBe(true);
    expect(isPrintRoute('app://mts/print/whatever')).toBe(true);
    expect(isPrintRoute('app://mts/index.html')).toBe(false);
    expect(isPrintRoute('app://mts/printing')).toBe(false);
    expect(isPrintRoute('app://evil/print/x.pdf')).toBe(false);
    expect(isPrintRoute('not a url')).toBe(false);
  });

  it('is never a trusted IPC sender, even in the app window', () => {
    expect(isTrustedSender({ frameUrl: address, isMainFrame: true, fromAppWindow: true })).toBe(false);
    expect(isTrustedSender({ frameUrl: address, isMainFrame: true, fromAppWindow: false })).toBe(false);
  });

  it('cannot be reached by a page-started navigation', () => {
    expect(isAllowedNavigation(address)).toBe(false);
    expect(isAllowedNavigation('app://mts/index.html#/cards')).toBe(true);
  });
});
