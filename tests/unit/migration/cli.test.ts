import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { ADMIN, openTestOffice } from '../../helpers/office.ts';
import { daysAgo, pawarForm } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();
// Each command is a fresh Node process loading TypeScript: seconds each on a busy machine.
vi.setConfig({ testTimeout: 300_000 });
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** `npm run mts -- call NAME --input FILE`, the real command line in a child process. */
function call(dir: string, name: string, input: unknown): { status: number | null; stdout: string; stderr: string } {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(input));
  const env: NodeJS.ProcessEnv = { ...process.env, MTS_PASSWORD: ADMIN.password };
  for (const variable of ['MTS_NEW_PASSWORD', 'MTS_DATA_DIR', 'MTS_DEBUG']) delete env[variable];
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', 'call', name, '--input', file, '--data-dir', dir], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('migration.* through the command line', () => {
  it('records a departure with `call migration.recordEvent --input FILE`, lists it, and refuses a future date in one line', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    const saved = await office.call('registry.saveHousehold', pawarForm({ aadhaar: '', rationCard: '', members: [pawarForm().members[1]!] }));
    office.close();

    const departed = call(dir, 'migration.recordEvent', { householdId: saved.householdId, event: 'departed', date: daysAgo(4) });
    expect(departed.stderr).toBe('');
    expect(departed.status).toBe(0);
    expect(JSON.parse(departed.stdout)).toMatchObject({ state: { status: 'departed', daysAway: 4 } });

    const list = call(dir, 'migration.lists', { list: 'departed' });
    expect(JSON.parse(list.stdout).households.map((h: { householdId: string }) => h.householdId)).toEqual([saved.householdId]);

    const future = call(dir, 'migration.recordEvent', { householdId: saved.householdId, event: 'returned', date: daysAgo(-3) });
    expect(future.status).not.toBe(0);
    expect(future.stdout).toBe('');
    expect(future.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(future.stderr).toMatch(/"date": The date is in the future\./);
    const trips = call(dir, 'migration.trips', { householdId: saved.householdId });
    expect(JSON.parse(trips.stdout)[0].events).toHaveLength(1);
  });
});
