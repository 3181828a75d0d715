import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { pawarForm } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';
import { dumpDatabase, openOffice } from '../sync/exchange-helpers.ts';
import { TestRelay } from '../sync/relay.ts';
import { ADMIN as OFFICE_ADMIN } from '../../helpers/office.ts';
import { mtsHub } from '../hub/cli-helpers.ts';

const tempDir = useTempDirs();
vi.setConfig({ testTimeout: 300_000 });
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function mts(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, MTS_PASSWORD: OFFICE_ADMIN.password };
  for (const name of ['MTS_NEW_PASSWORD', 'MTS_DATA_DIR', 'MTS_DEBUG']) delete env[name];
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', ...args], { cwd: ROOT, env, input: '', encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('mts sync', () => {
  it('export prints the files it wrote, import applies them once, status reports; a refused file is one line and changes nothing', async () => {
    const [dirA, dirB, out] = [tempDir(), tempDir(), tempDir()];
    const a = await openOffice(dirA, '2714');
    const b = await openOffice(dirB, '4712');
    const relay = await TestRelay.create();
    await relay.enrol(a.data);
    await relay.enrol(b.data);
    await a.call('registry.saveHousehold', pawarForm());
    a.close();
    b.close();

    const exported = mts(['sync', 'export', '--out', out, '--data-dir', dirA]);
    expect(exported.status, exported.stderr).toBe(0);
    const paths = exported.stdout.trim().split('\n');
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatch(/mts-2714-to-hub-\d{8}-\d{4}-[0-9a-f]{8}\.mtsb$/);
    await relay.receive(readFileSync(paths[0]!));
    const toB = join(out, 'to-b.mtsb');
    writeFileSync(toB, await relay.bundleFor('4712'));

    const imported = mts(['sync', 'import', toB, '--data-dir', dirB]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ status: 'imported', from: 'hub' });
    const again = mts(['sync', 'import', toB, '--data-dir', dirB]);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'already-imported' });
    expect(again.stderr).toContain('already imported; nothing changed');

    const damaged = join(out, 'damaged.mtsb');
    const bytes = readFileSync(toB);
    bytes[bytes.length - 5]! ^= 0xff;
    writeFileSync(damaged, bytes);
    // The command's own log-in is audited; nothing else may change.
    const withoutLogin = () => {
      const tables = JSON.parse(dumpDatabase(dirB)) as Record<string, string[]>;
      tables['audit_log'] = tables['audit_log']!.filter((row) => !row.includes('"session.login"'));
      delete tables['login_throttle'];
      return tables;
    };
    const before = withoutLogin();
    const refused = mts(['sync', 'import', damaged, '--data-dir', dirB]);
    expect(refused.status).not.toBe(0);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/^mts: The encrypted data of the bundle does not match/);
    expect(withoutLogin()).toEqual(before);

    const status = mts(['sync', 'status', '--json', '--data-dir', dirB]);
    expect(status.status, status.stderr).toBe(0);
    const parsed = JSON.parse(status.stdout) as { peers: { peer: string; lastReceived: { direction: string } | null }[]; gaps: unknown[] };
    expect(parsed.peers[0]).toMatchObject({ peer: 'hub', lastReceived: { direction: 'in' } });
    expect(parsed.gaps).toEqual([]);
  });
});

describe('mts sync with mts-hub, command line only (the state IT cell and the block office)', () => {
  it('enrol-request → hub enrol → import the answer; export → hub import → hub export → import at the other office', async () => {
    const [hubDir, dirA, dirB, out] = [tempDir(), tempDir(), tempDir(), tempDir()];
    const init = await mtsHub(['init', '--data', hubDir]);
    expect(init.code, init.stderr).toBe(0);
    const stateKeyFile = readFileSync(join(hubDir, 'state-keys.json'), 'utf8');

    for (const [dir, code] of [[dirA, '2714'], [dirB, '4712']] as const) {
      const office = await openOffice(dir, code, { stateKeyFile });
      if (code === '2714') await office.call('registry.saveHousehold', pawarForm({ migration: { ...pawarForm().migration!, destinationBlock: 'Parli' } }));
      office.close();

      const request = join(out, `request-${code}.json`);
      const written = mts(['sync', 'enrol-request', '--out', request, '--data-dir', dir]);
      expect(written.status, written.stderr).toBe(0);
      const fingerprint = /fingerprint[^:]*: (\d{5}(?: \d{5}){5})/.exec(written.stderr)?.[1];
      expect(fingerprint).toBeDefined();
      const answer = join(out, `enrol-${code}.mtsb`);
      const enrolled = await mtsHub(['enrol', request, '--out', answer, '--data', hubDir]);
      expect(enrolled.code, enrolled.stderr).toBe(0);
      // Both sides show the same fingerprint, read out by phone.
      expect(enrolled.stdout + enrolled.stderr).toContain(fingerprint!);
      const taken = mts(['sync', 'import', answer, '--data-dir', dir]);
      expect(taken.status, taken.stderr).toBe(0);
      expect(JSON.parse(taken.stdout)).toMatchObject({ status: 'imported', from: 'hub' });
    }

    const exported = mts(['sync', 'export', '--out', out, '--data-dir', dirA]);
    expect(exported.status, exported.stderr).toBe(0);
    const atHub = await mtsHub(['import', ...exported.stdout.trim().split('\n'), '--data', hubDir]);
    expect(atHub.code, atHub.stderr).toBe(0);
    const forB = await mtsHub(['export', '--office', '4712', '--out', out, '--data', hubDir]);
    expect(forB.code, forB.stderr).toBe(0);
    const atB = mts(['sync', 'import', ...forB.stdout.trim().split('\n'), '--data-dir', dirB]);
    expect(atB.status, atB.stderr).toBe(0);
    expect(JSON.parse(atB.stdout)).toMatchObject({ status: 'imported', records: { household: { inserted: 1, updated: 0 } } });

    const status = await mtsHub(['status', '--json', '--data', hubDir]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('"4712"');
  });
});
