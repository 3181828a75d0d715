/**
 * electron-builder.yml, checked offline: electron-builder's own schema accepts it, the Electron fuses are
 * set as the security review asked, the app ships as app.asar, and no signing secret is in the file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
const yamlText = readFileSync(join(repo, 'electron-builder.yml'), 'utf8');
// electron-builder reads its YAML with js-yaml and validates with the schema below; use the same two.
const { load } = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};
const quietLogger = { isEnabled: false, add: () => undefined };

interface BuilderConfig {
  asar?: unknown;
  asarUnpack?: string[];
  electronFuses?: Record<string, unknown>;
  win?: Record<string, unknown>;
  [key: string]: unknown;
}
const config = load(yamlText) as BuilderConfig;

describe('electron-builder.yml', () => {
  it("is valid for electron-builder 26's schema", async () => {
    await expect(validateConfiguration(structuredClone(config), quietLogger)).resolves.toBeUndefined();
  });

  it('would be refused with an option the schema does not know (the check is real)', async () => {
    // electron-builder 26 moved publisherName from `win` to `win.signtoolOptions` / `win.azureSignOptions`.
    const moved = { ...structuredClone(config), win: { ...config.win, publisherName: 'Government of Maharashtra' } };
    await expect(validateConfiguration(moved, quietLogger)).rejects.toThrow(/configuration\.win\b/);
    const typo = { ...structuredClone(config), electronFuses: { ...config.electronFuses, runAsNodes: false } };
    await expect(validateConfiguration(typo, quietLogger)).rejects.toThrow(/electronFuses/);
  });

  it('turns the Electron fuses the review asked for on or off', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app into app.asar, unpacking only the native SQLite binding', () => {
    // onlyLoadAppFromAsar and the ASAR integrity check mean nothing without an archive.
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['node_modules/better-sqlite3/build/Release/*.node']);
    expect(config.win?.['asar']).toBeUndefined();
  });

  it('holds no certificate, password or signing secret', () => {
    const secretKeys = /^(cscLink|cscKeyPassword|certificateFile|certificatePassword|certificateSha1|password|token)$/i;
    const visit = (value: unknown, path: string): void => {
      if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${path}[${index}]`));
      else if (value !== null && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          expect(key, `${path}.${key}`).not.toMatch(secretKeys);
          visit(inner, `${path}.${key}`);
        }
      } else if (typeof value === 'string') {
        expect(value, path).not.toMatch(/\.(pfx|p12|pem|key)$/i);
        // A certificate pasted as base64 (CSC_LINK accepts that) would be a long unbroken run.
        expect(value, path).not.toMatch(/[A-Za-z0-9+/=]{64,}/);
      }
    };
    visit(config, 'config');
    // Also in the comments: only the environment variables' names, never a value after them.
    expect(yamlText).not.toMatch(/-----BEGIN/);
    expect(yamlText).not.toMatch(/[A-Za-z0-9+/=]{64,}/);
    expect(yamlText).not.toMatch(/(CSC_LINK|CSC_KEY_PASSWORD)=(?!<)/);
  });

  it('documents signing from the environment in the file', () => {
    for (const name of ['CSC_LINK', 'CSC_KEY_PASSWORD', 'WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD', 'azureSignOptions', 'publisherName']) {
      expect(yamlText).toContain(name);
    }
  });
});

describe('.gitignore', () => {
  it('keeps certificate files out of the repository', () => {
    const patterns = readFileSync(join(repo, '.gitignore'), 'utf8').split('\n').map((line) => line.trim());
    for (const pattern of ['*.pfx', '*.p12']) expect(patterns).toContain(pattern);
  });
});

describe('.ci/run', () => {
  const ci = readFileSync(join(repo, '.ci/run'), 'utf8');
  const appPackage = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;

  it('installs Electronegativity from its own lock file and runs the scan before the tests', () => {
    const install = ci.indexOf('npm ci --prefix .ci/electronegativity --no-audit --no-fund --ignore-scripts');
    const scan = ci.indexOf('node .ci/electronegativity/scan.mjs');
    expect(install).toBeGreaterThan(ci.indexOf('npm ci --no-audit --no-fund'));
    expect(scan).toBeGreaterThan(install);
    expect(ci.indexOf('npm test')).toBeGreaterThan(scan);
    expect(ci).toMatch(/^set -euo pipefail$/m);
    const lock = JSON.parse(readFileSync(join(repo, '.ci/electronegativity/package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    expect(lock.packages['node_modules/@doyensec/electronegativity']?.version).toBe('1.10.3');
  });

  it('keeps the linter out of the app: no dependency of the app names it', () => {
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
      expect(Object.keys(appPackage[field] ?? {}), field).not.toContain('@doyensec/electronegativity');
    }
  });
});
