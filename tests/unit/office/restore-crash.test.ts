import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import type { RestoreStep } from '../../../src-main/office/backup.ts';
import { openOfficeData } from '../../../src-main/office/open.ts';
import { recoverInterruptedRestore } from '../../../src-main/office/restore-recovery.ts';
import { openTestOffice } from '../../helpers/office.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();
const CHILD_SOURCE = fileURLToPath(new URL('./fixtures/restore-child.ts', import.meta.url));
const MIGRATIONS_MODULE = pathToFileURL(fileURLToPath(new URL('../../../src-main/store/migrations.ts', import.meta.url))).href;

/**
 * The child is bundled once into one plain .mjs: under tsx's loader every child would spend a second or
 * more loading kysely's many modules, and two dozen children must start quickly. The native SQLite
 * driver stays outside the bundle, loaded from node_modules; the migrations folder is found from the
 * source location of the module that names it.
 */
async function bundleChild(outDir: string): Promise<string> {
  const outfile = join(outDir, 'restore-child.mjs');
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  await build({
    entryPoints: [CHILD_SOURCE],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    define: { 'import.meta.url': JSON.stringify(MIGRATIONS_MODULE) },
    plugins: [{ name: 'native-driver', setup: (b) => b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: driver, external: true })) }],
  });
  return outfile;
}
/**
 * Where each child is killed: most at a random moment from the start of the restore to past its measured
 * end; some stopped at a named step of the restore (so every step is hit on every run, whatever the
 * machine's speed); the last after it said it was done.
 */
type KillPlan = { at: 'time'; fraction: number } | { at: 'step'; step: RestoreStep } | { at: 'done' };
const STEPS: RestoreStep[] = ['verified', 'copied', 'prepared', 'live-closed', 'swapped'];
const TIMED = 18;
const PLANS: KillPlan[] = [
  ...Array.from({ length: TIMED }, (_, i): KillPlan => ({ at: 'time', fraction: (i / (TIMED - 1)) * 1.5 })),
  ...STEPS.map((step): KillPlan => ({ at: 'step', step })),
  { at: 'done' },
];
const KILLS = PLANS.length;
/** Children are started this many at a time (loading the app takes a while), then killed one by one. */
const BATCH = 6;

interface Child {
  process: ChildProcess;
  lines: AsyncIterator<string>;
  exited: Promise<void>;
}

async function startChild(script: string, dataDir: string, backupName: string, pauseAt?: RestoreStep): Promise<Child> {
  const child = spawn(process.execPath, [script, dataDir, backupName, ...(pauseAt ? [pauseAt] : [])], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.value !== 'ready') throw new Error(`the restore child did not start: ${String(first.value)}`);
  return { process: child, lines, exited };
}

function markerOf(dataDir: string): { marker: string; integrity: string } {
  const data = openOfficeData(dataDir);
  try {
    const row = data.store.first(data.store.db.selectFrom('setting').select('value').where('key', '=', 'crash-test'));
    return { marker: row?.value ?? '(none)', integrity: String(data.store.pragma('integrity_check')) };
  } finally {
    data.store.close();
  }
}

describe('restore survives kill -9 at any moment', () => {
  it(`after ${KILLS} SIGKILLs during restores the office opens with either the old or the restored data, intact, with no leftovers`, async () => {
    // A realistic office: a few hundred households, a marker row saying which state the data is in.
    const script = await bundleChild(tempDir());
    const template = tempDir();
    const office = await openTestOffice(template);
    await office.call('office.seed', { households: 300, seed: 9 });
    office.data.writer.write({ operatorId: null }, (batch) => batch.insert('setting', { key: 'crash-test', value: 'backup' }));
    const backup = await office.call('office.backup', {});
    office.data.writer.write({ operatorId: null }, (batch) => batch.update('setting', 'crash-test', { value: 'live' }));
    office.close();

    // One restore left to finish, to learn how long a restore takes on this machine.
    const calibration = tempDir();
    cpSync(template, calibration, { recursive: true });
    const timed = await startChild(script, calibration, backup.name);
    timed.process.stdin!.write('go\n');
    const done = (await timed.lines.next()).value as string;
    timed.process.kill('SIGKILL');
    await timed.exited;
    const duration = Number(/^done ([\d.]+)$/.exec(done)?.[1]);
    expect(duration).toBeGreaterThan(0);
    expect(markerOf(calibration).marker).toBe('backup');

    const outcomes: string[] = [];
    const recoveries: string[] = [];
    for (let start = 0; start < KILLS; start += BATCH) {
      const runs = await Promise.all(
        PLANS.slice(start, start + BATCH).map(async (plan) => {
          const dir = tempDir();
          cpSync(template, dir, { recursive: true });
          return { dir, plan, child: await startChild(script, dir, backup.name, plan.at === 'step' ? plan.step : undefined) };
        }),
      );
      for (const { dir, plan, child } of runs) {
        child.process.stdin!.write('go\n');
        if (plan.at === 'time') {
          const delay = Math.max(0, plan.fraction * duration + (Math.random() - 0.5) * duration * 0.1);
          await new Promise((resolve) => setTimeout(resolve, delay));
        } else {
          expect((await child.lines.next()).value).toMatch(plan.at === 'step' ? `step ${plan.step}` : /^done /);
        }
        child.process.kill('SIGKILL');
        await child.exited;

        // What the start of the app does first (openOfficeData runs it too); called here to count the paths taken.
        recoveries.push(recoverInterruptedRestore(dir));
        const { marker, integrity } = markerOf(dir);
        expect(integrity).toBe('ok');
        expect(['live', 'backup']).toContain(marker);
        if (plan.at === 'step') expect(marker).toBe(['verified', 'copied'].includes(plan.step) ? 'live' : 'backup');
        outcomes.push(marker);
        const leftovers = readdirSync(dir).filter((name) => /restore|\.tmp$|\.partial$/.test(name));
        expect(leftovers).toEqual([]);
        expect(existsSync(join(dir, 'restore-staging'))).toBe(false);
        rmSync(dir, { recursive: true, force: true });
      }
    }
    expect(outcomes).toHaveLength(KILLS);
    // A kill before anything happened leaves the old data; one after the end finds the restore done.
    expect(outcomes[0]).toBe('live');
    expect(outcomes.at(-1)).toBe('backup');
    console.log(`restore ${duration} ms; after ${KILLS} kills: ${outcomes.filter((m) => m === 'live').length} old, ${outcomes.filter((m) => m === 'backup').length} restored; recovery at start: ${['none', 'finished', 'discarded'].map((r) => `${r} ${recoveries.filter((x) => x === r).length}`).join(', ')}`);
  }, 120_000);
});
