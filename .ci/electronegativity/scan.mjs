#!/usr/bin/env node
/**
 * CI gate: Doyensec's Electronegativity over the Electron code, failing on any HIGH-severity finding.
 *
 *   node .ci/electronegativity/scan.mjs [--source DIR]     (default: src-main/electron)
 *
 * Electronegativity always exits 0 and its SARIF carries no severity (its CSV is written by two racing
 * writes), so this calls its library entry and reads each finding's severity itself. It only reads
 * .js/.ts/.html, so the sources are copied to a temporary folder with `.cts`/`.mts` renamed to `.ts`
 * (the preload is a .cts).
 *
 * Electronegativity 1.10.3 never reports an explicit `nodeIntegration: true` as HIGH: its check rates HIGH
 * only a missing key under Electron < 5 defaults, and drops its finding whenever the same object has a
 * `sandbox` key. So this script adds a few house rules, counted as HIGH: no webPreferences switch may
 * turn Node, webviews or insecure content on, or isolation, sandbox or web security off.
 *
 * Before trusting a clean result it scans two canaries made from our own main.ts, one with
 * `contextIsolation: false` (must be HIGH for Electronegativity itself) and one with
 * `nodeIntegration: true` (must be caught by the house rules); if either passes, the gate is broken.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const require = createRequire(import.meta.url);

/** Needs GitHub's Electron release list (no network in CI); keeping Electron current is the upgrade routine's job. */
const EXCLUDED_CHECKS = ['availablesecurityfixesglobalcheck'];
const SCANNED = /\.(ts|tsx|cts|mts|js|cjs|mjs|html|htm)$/;

function parseArgs(argv) {
  let source = join(repo, 'src-main', 'electron');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--source' && argv[i + 1]) source = resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]} (usage: scan.mjs [--source DIR])`);
  }
  return { source };
}

/** The Electron version the app ships, so checks whose default changed across versions judge it right. */
function electronVersion() {
  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  const version = manifest.devDependencies?.electron ?? manifest.dependencies?.electron;
  if (!/^\d+\.\d+\.\d+$/.test(version ?? '')) throw new Error(`package.json pins no exact electron version (${version})`);
  return version;
}

/** Copies what Electronegativity should read, renaming the module flavours it skips to `.ts`/`.js`. */
function copySources(from, to) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (entry.isDirectory()) {
      mkdirSync(join(to, entry.name));
      copySources(source, join(to, entry.name));
    } else if (SCANNED.test(entry.name)) {
      copyFileSync(source, join(to, entry.name.replace(/\.[cm]ts$/, '.ts').replace(/\.[cm]js$/, '.js')));
    }
  }
}

/**
 * Electronegativity fetches fresh translations (and Electron's release list) over HTTPS through `got`.
 * CI has no network and the scan must not reach out: its `got` is replaced by one that fails at once,
 * so the bundled English texts are used. `offlineRequests` counts the refused attempts.
 */
let offlineRequests = 0;
function loadOffline() {
  const entry = require.resolve('@doyensec/electronegativity');
  const got = createRequire(entry).resolve('got');
  const refuse = () => {
    offlineRequests++;
    return Promise.reject(new Error('offline: the CI scan makes no network request'));
  };
  require.cache[got] = { id: got, filename: got, loaded: true, exports: refuse, children: [], paths: [] };
  return require(entry);
}

async function scan(folder, version) {
  const run = loadOffline();
  // Its translation loader logs a line when it falls back to the bundled texts.
  const log = console.log;
  console.log = () => undefined;
  try {
    return await run(
      {
        input: folder,
        output: undefined,
        isSarif: false,
        customScan: [],
        excludeFromScan: EXCLUDED_CHECKS,
        severitySet: undefined,
        confidenceSet: undefined,
        isRelative: true,
        isVerbose: true,
        electronUpgrade: undefined,
        electronVersionOverride: version,
        parserPlugins: [],
      },
      false,
    );
  } finally {
    console.log = log;
  }
}

function describe(issue) {
  const where = `${issue.file}:${issue.location?.line ?? 0}:${issue.location?.column ?? 0}`;
  const review = issue.manualReview ? ' (review)' : '';
  return `${issue.severity.name.padEnd(13)} ${issue.confidence.name.padEnd(9)} ${issue.id}${review}  ${where}  ${issue.description}`;
}

const isHigh = (issue) => issue.severity.name === 'HIGH';

/** Settings that must never appear in our Electron code, whatever the linter thinks of them. */
const HOUSE_RULES = [
  /\bnodeIntegration(?:InWorker|InSubFrames)?\s*:\s*(?!false\b)[^\s,}]+/,
  /\bcontextIsolation\s*:\s*(?!true\b)[^\s,}]+/,
  /\bsandbox\s*:\s*(?!true\b)[^\s,}]+/,
  /\bwebSecurity\s*:\s*(?!true\b)[^\s,}]+/,
  /\b(?:allowRunningInsecureContent|webviewTag|experimentalFeatures|enableBlinkFeatures|enableRemoteModule)\s*:\s*(?!false\b)[^\s,}]+/,
];

function houseRuleFindings(folder, base = folder) {
  const found = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const file = join(folder, entry.name);
    if (entry.isDirectory()) {
      found.push(...houseRuleFindings(file, base));
      continue;
    }
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (/^\s*(\/\/|\*)/.test(line)) return;
        for (const rule of HOUSE_RULES) {
          const match = rule.exec(line);
          if (match) {
            found.push({
              id: 'MTS_WEB_PREFERENCES_RULE',
              severity: { name: 'HIGH', value: 3 },
              confidence: { name: 'CERTAIN' },
              file: relative(base, file),
              location: { line: index + 1, column: match.index },
              description: `unsafe setting "${match[0]}" (house rule)`,
            });
          }
        }
      });
  }
  return found;
}

/** Electronegativity's findings plus the house rules, and the files it could not parse. */
async function findings(folder, version) {
  const { issues, errors } = await scan(folder, version);
  return { issues: [...issues, ...houseRuleFindings(folder)], errors };
}

/** Each canary is our main.ts with one protection switched off; each must fail the gate. */
async function checkCanaries(work, version) {
  const main = readFileSync(join(repo, 'src-main', 'electron', 'main.ts'), 'utf8');
  const canaries = [
    { name: 'contextIsolation-false', from: /contextIsolation: true/g, to: 'contextIsolation: false', by: 'CONTEXT_ISOLATION_JS_CHECK' },
    { name: 'nodeIntegration-true', from: /nodeIntegration: false/g, to: 'nodeIntegration: true', by: 'MTS_WEB_PREFERENCES_RULE' },
  ];
  for (const canary of canaries) {
    if (!canary.from.test(main)) throw new Error(`main.ts no longer sets ${canary.from.source} explicitly`);
    const folder = join(work, canary.name);
    mkdirSync(folder);
    writeFileSync(join(folder, 'main.ts'), main.replace(canary.from, canary.to));
    const { issues } = await findings(folder, version);
    if (!issues.some((issue) => isHigh(issue) && issue.id === canary.by)) {
      throw new Error(`the canary ${canary.name} was not reported as HIGH by ${canary.by}: the scanner is broken`);
    }
  }
}

async function main() {
  const { source } = parseArgs(process.argv.slice(2));
  const version = electronVersion();
  const work = mkdtempSync(join(tmpdir(), 'mts-electronegativity-'));
  try {
    await checkCanaries(work, version);

    const copy = join(work, 'source');
    mkdirSync(copy);
    copySources(source, copy);
    const { issues, errors } = await findings(copy, version);
    const unparsed = errors.filter((error) => !error.tolerable);
    for (const error of errors) console.log(`parse ${error.tolerable ? 'warning' : 'ERROR'}  ${relative(copy, error.file)}  ${error.message}`);
    const ordered = [...issues].sort((a, b) => b.severity.value - a.severity.value);
    for (const issue of ordered) console.log(describe(issue));

    const high = issues.filter(isHigh);
    const label = relative(repo, source) || '.';
    if (high.length > 0 || unparsed.length > 0) {
      console.error(
        `electronegativity: ${high.length} HIGH finding(s), ${unparsed.length} file(s) not parsed in ${label}: failing CI.`,
      );
      process.exit(1);
    }
    console.log(`electronegativity: ${label}: no HIGH finding (${issues.length} lower, listed above); both canaries caught; ${offlineRequests} network request(s) refused.`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`electronegativity: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
