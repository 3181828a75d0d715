/**
 * The preflight of `npm run dist:win` (scripts/check-build-machine.mjs): this machine runs Node 20, which
 * the app and its tests support but the installer build does not, so the real script must refuse here.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildMachineProblem, MINIMUM_BUILD_NODE } from '../../../scripts/check-build-machine.mjs';

const repo = resolve(import.meta.dirname, '../../..');
const script = join(repo, 'scripts', 'check-build-machine.mjs');
const packageJson = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  engines: { node: string };
  scripts: Record<string, string>;
};
const windows = { platform: 'win32', npmNodedir: undefined };

describe('check-build-machine, run as npm run dist:win runs it', () => {
  it('refuses this machine (Node 20, Linux) with one clear line and exit code 1', () => {
    const run = spawnSync(process.execPath, [script], { cwd: repo, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    // The Node check comes first: under Node < 22.12 (this machine) that is the line; on a newer Node,
    // Linux is still refused.
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    const oldNode = major < 22 || (major === 22 && minor < 12);
    expect(lines[0]).toBe(
      oldNode
        ? `dist:win: The Windows installer needs Node.js 22.12.0 or newer (Electron 45 and electron-builder 26 refuse older); ` +
            `this is Node ${process.version}: install Node 22 LTS or newer, run \`npm ci\`, then \`npm run dist:win\` again.`
        : `dist:win: The Windows installer is built on Windows only (better-sqlite3 must be compiled for Electron there); this is ${process.platform}.`,
    );
  });

  it('passes a machine that can build, and exits 0 silently', () => {
    // The same module, imported, says nothing; run as a program on a good machine it prints nothing either.
    const fine = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `import { buildMachineProblem } from ${JSON.stringify(pathToFileURL(script).href)};
       process.exit(buildMachineProblem({ nodeVersion: 'v22.12.0', platform: 'win32' }) === null ? 0 : 3);`],
      { cwd: repo, encoding: 'utf8' },
    );
    expect(fine.stderr).toBe('');
    expect(fine.status).toBe(0);
  });

  it('runs before anything is built', () => {
    expect(packageJson.scripts['dist:win']).toMatch(/^node scripts\/check-build-machine\.mjs && npm run build && electron-builder --win nsis$/);
  });
});

describe('buildMachineProblem', () => {
  it('accepts Node 22.12 and newer on Windows', () => {
    expect(MINIMUM_BUILD_NODE).toBe('22.12.0');
    for (const nodeVersion of ['v22.12.0', 'v22.12.1', 'v22.20.0', 'v23.0.0', 'v24.11.1', '30.0.0']) {
      expect(buildMachineProblem({ nodeVersion, ...windows }), nodeVersion).toBeNull();
    }
  });

  it('refuses anything older, or a version it cannot read', () => {
    for (const nodeVersion of ['v22.11.9', 'v22.0.0', 'v21.7.3', 'v20.19.5', 'v18.20.0', 'v8.0.0', 'nonsense', '']) {
      expect(buildMachineProblem({ nodeVersion, ...windows }), nodeVersion).toMatch(/needs Node\.js 22\.12\.0 or newer/);
    }
  });

  it('refuses to build the Windows installer elsewhere than on Windows', () => {
    expect(buildMachineProblem({ nodeVersion: 'v22.12.0', platform: 'linux' })).toMatch(/built on Windows only.*linux/);
  });

  it('refuses when npm would compile the native module for another Node (nodedir set)', () => {
    expect(buildMachineProblem({ nodeVersion: 'v22.12.0', platform: 'win32', npmNodedir: 'C:\\node' })).toMatch(/nodedir \(C:\\node\)/);
  });

  it('gives one line in every case', () => {
    const problems = [
      buildMachineProblem({ nodeVersion: 'v20.19.0', ...windows }),
      buildMachineProblem({ nodeVersion: 'v22.12.0', platform: 'darwin' }),
      buildMachineProblem({ nodeVersion: 'v22.12.0', platform: 'win32', npmNodedir: '/usr' }),
    ];
    for (const problem of problems) expect(problem).toMatch(/^[^\n]+$/);
  });
});

describe('package.json engines', () => {
  it('states what npm ci, the tests and the CLI need (Node 20.19+), not the installer build', () => {
    // vite 8 and @sveltejs/vite-plugin-svelte 7 want ^20.19 || ^22.12 || >=24; vitest 4 skips Node 23.
    expect(packageJson.engines.node).toBe('^20.19.0 || ^22.12.0 || >=24.0.0');
    const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: unknown }> };
    expect(lock.packages['']?.engines).toEqual(packageJson.engines);
  });
});
