#!/usr/bin/env node
/**
 * Preflight of `npm run dist:win`: stops at once, with one line saying why, on a machine that cannot build
 * a working Windows installer. Plain JavaScript with no imports beyond Node's own, because it must run
 * (and refuse) on exactly the old Node versions that cannot run the build tools.
 *
 * The app, its tests and the command line run on Node 20.19+ (package.json `engines`); only the
 * installer build needs more: Electron 45 and electron-builder 26 refuse Node older than 22.12.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const MINIMUM_BUILD_NODE = '22.12.0';

/** [major, minor, patch] of "v22.12.0" or "22.12.0"; null for anything else. */
function parseVersion(text) {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(String(text));
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
}

function atLeast(version, minimum) {
  for (let i = 0; i < 3; i++) if (version[i] !== minimum[i]) return version[i] > minimum[i];
  return true;
}

/**
 * The first reason this machine cannot build the installer, as one line of English, or null.
 * @param {{ nodeVersion: string, platform: string, npmNodedir?: string | undefined }} machine
 * @returns {string | null}
 */
export function buildMachineProblem({ nodeVersion, platform, npmNodedir }) {
  const version = parseVersion(nodeVersion);
  if (version === null || !atLeast(version, parseVersion(MINIMUM_BUILD_NODE))) {
    return (
      `The Windows installer needs Node.js ${MINIMUM_BUILD_NODE} or newer (Electron 45 and electron-builder 26 refuse older); ` +
      `this is Node ${nodeVersion}: install Node 22 LTS or newer, run \`npm ci\`, then \`npm run dist:win\` again.`
    );
  }
  if (platform !== 'win32') {
    return `The Windows installer is built on Windows only (better-sqlite3 must be compiled for Electron there); this is ${platform}.`;
  }
  if (npmNodedir) {
    return `npm's config sets nodedir (${npmNodedir}): better-sqlite3 would silently be built for that Node instead of Electron; remove it with \`npm config delete nodedir\`.`;
  }
  return null;
}

function runDirectly() {
  try {
    return process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

// Run as a program (not imported by a test): check this machine.
if (runDirectly()) {
  const problem = buildMachineProblem({
    nodeVersion: process.version,
    platform: process.platform,
    npmNodedir: process.env.npm_config_nodedir,
  });
  if (problem !== null) {
    console.error(`dist:win: ${problem}`);
    process.exit(1);
  }
}
