import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { ADMIN } from '../../helpers/office.ts';
import { useTempDirs } from '../../helpers/temp.ts';
import { dump, infantFamily, plusDays } from './helpers.ts';
import { openTestOffice } from '../../helpers/office.ts';

const tempDir = useTempDirs();
vi.setConfig({ testTimeout: 300_000 });
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** `npm run mts -- call …` as a real child process, the password from the environment only. */
function mts(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, MTS_PASSWORD: ADMIN.password };
  for (const name of ['MTS_NEW_PASSWORD', 'MTS_DATA_DIR', 'MTS_DEBUG']) delete env[name];
  return spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', ...args], { cwd: ROOT, env, input: '', encoding: 'utf8', timeout: 120_000 });
}

describe('services through the command line', () => {
  it('records a dose from an input file, then shows it in services.due; a bad code is refused and changes nothing', async () => {
    const dir = tempDir();
    const { office, babyId, babyDob } = await infantFamily(dir, 80);
    office.close();
    const input = join(dir, 'dose.json');
    writeFileSync(input, JSON.stringify({ beneficiaryId: babyId, service: 'Penta-1', date: plusDays(babyDob, 45), source: 'mcp-card' }));
    const recorded = mts(['call', 'services.record', '--input', input, '--data-dir', dir]);
    expect(recorded.status, recorded.stderr).toBe(0);
    expect(JSON.parse(recorded.stdout)).toMatchObject({ service: 'Penta-1', source: 'mcp-card', voided: false });

    const query = join(dir, 'due.json');
    writeFileSync(query, JSON.stringify({ beneficiaryId: babyId }));
    const due = mts(['call', 'services.due', '--input', query, '--data-dir', dir]);
    expect(due.status, due.stderr).toBe(0);
    const services = (JSON.parse(due.stdout) as { due: { service: string }[] }).due.map((d) => d.service);
    expect(services).toContain('Penta-2');
    expect(services).not.toContain('Penta-1');

    const reopened = await openTestOffice(dir, { setUp: false });
    const before = dump(reopened.data);
    reopened.close();
    writeFileSync(input, JSON.stringify({ beneficiaryId: babyId, service: 'PENTA1', date: plusDays(babyDob, 45), source: 'given' }));
    const refused = mts(['call', 'services.record', '--input', input, '--data-dir', dir]);
    expect(refused.status).not.toBe(0);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/service: Unknown service "PENTA1".*\/ service: "PENTA1" अशी सेवा नाही/);
    const after = await openTestOffice(dir, { setUp: false });
    expect(dump(after.data)).toBe(before);
    after.close();
  });
});
