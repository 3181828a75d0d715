/**
 * The Electron files cannot run here, so these checks tie their plain-text contracts together: the
 * preload's channel names, what the preload may require, and where main.js expects its files.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../src-main/electron/channels.ts';
import { appLayout } from '../../../src-main/electron/layout.ts';

const repo = resolve(import.meta.dirname, '../../..');
const preloadSource = readFileSync(join(repo, 'src-main/electron/preload.cts'), 'utf8');
const packageJson = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { main: string };
const tsconfigMain = JSON.parse(readFileSync(join(repo, 'tsconfig.main.json'), 'utf8')) as {
  compilerOptions: { rootDir: string; outDir: string };
};

describe('preload', () => {
  it('uses exactly the channels the main process registers', () => {
    const used = new Set([...preloadSource.matchAll(/'(mts:[a-z-]+)'/g)].map((match) => match[1]));
    expect(used).toEqual(new Set(Object.values(CHANNELS)));
  });

  it('requires nothing but electron at run time (a sandboxed preload cannot)', () => {
    const runtimeImports = [...preloadSource.matchAll(/^import\s+(?!type\b)[^;]*?(?:from\s+|require\()'([^']+)'/gm)].map((match) => match[1]);
    expect(runtimeImports).toEqual(['electron']);
    expect(preloadSource).not.toMatch(/\brequire\(\s*'(?!electron')/);
  });
});

describe('appLayout', () => {
  it('finds the preload tsc emits and the renderer vite builds, from the main entry of package.json', () => {
    const mainFile = join(repo, packageJson.main);
    const layout = appLayout(pathToFileURL(mainFile).href);
    const { rootDir, outDir } = tsconfigMain.compilerOptions;
    // tsc maps src-main/x.cts to dist-main/x.cjs.
    const emittedPreload = join(repo, outDir, 'electron', 'preload.cjs');
    expect(mainFile).toBe(join(repo, outDir, 'electron', 'main.js'));
    expect(layout.preloadPath).toBe(emittedPreload);
    expect(readFileSync(join(repo, rootDir, 'electron', 'preload.cts'), 'utf8')).toBe(preloadSource);
    expect(layout.rendererDir).toBe(join(repo, 'dist-renderer'));
  });
});

describe('electron-builder.yml', () => {
  const config = readFileSync(join(repo, 'electron-builder.yml'), 'utf8');

  it('uses the app id the main process gives Windows for taskbar grouping', () => {
    const inMain = /const APP_ID = '([^']+)'/.exec(readFileSync(join(repo, 'src-main/electron/main.ts'), 'utf8'))?.[1];
    expect(/^appId: (\S+)$/m.exec(config)?.[1]).toBe('in.gov.maharashtra.mts.blockoffice');
    expect(inMain).toBe('in.gov.maharashtra.mts.blockoffice');
  });

  it('packs the folders main.js reads at run time', () => {
    for (const folder of ['dist-main', 'dist-renderer', 'migrations']) {
      expect(config).toMatch(new RegExp(`^  - ${folder}/\\*\\*/\\*$`, 'm'));
    }
  });
});

describe('print window', () => {
  const main = readFileSync(join(repo, 'src-main/electron/main.ts'), 'utf8');
  // Code only: the comments may say what the window no longer does.
  const print = readFileSync(join(repo, 'src-main/electron/print.ts'), 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');

  it('loads the PDF from the app scheme, never from a file', () => {
    expect(print).toMatch(/viewer\.loadURL\(address\)/);
    expect(print).toMatch(/printDocuments\.offer\(bytes\)/);
    expect(print).not.toMatch(/loadFile\(|file:\/\/|mkdtemp|pathToFileURL/);
  });

  it('is answered by the protocol handler before the renderer files, so a used-up address never becomes the app page', () => {
    const handler = main.slice(main.indexOf('protocol.handle(APP_SCHEME'));
    const printRoute = handler.indexOf('isPrintRoute(request.url)');
    expect(printRoute).toBeGreaterThan(0);
    expect(printRoute).toBeLessThan(handler.indexOf('resolveAsset('));
    expect(handler).toMatch(/printDocuments\.answer\(request\.method, request\.url\)/);
  });
});

describe('bundles opened from Explorer', () => {
  it('takes .mtsb paths from the command line Windows passes, never switches', async () => {
    const { bundleFilesFromArgv } = await import('../../../src-main/electron/argv.ts');
    expect(bundleFilesFromArgv(['C:\\MTS\\MTS Block Office.exe', '--data-dir', 'D:\\data', 'E:\\mts-2714-to-4712.MTSB', '--allow-file-access', 'notes.txt'])).toEqual([
      'E:\\mts-2714-to-4712.MTSB',
    ]);
  });

  it('the installer associates .mtsb with the app', () => {
    expect(readFileSync(join(repo, 'electron-builder.yml'), 'utf8')).toMatch(/fileAssociations:\n\s+- ext: mtsb/);
  });
});
