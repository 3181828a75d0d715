// `mts-hub serve` as a command: a real child process. Its options are checked before anything is opened,
// and a data folder without a hub is one line of refusal with nothing started.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function mtsHub(args: string[]): Promise<Run> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MTS_HUB_') && !name.startsWith('PG')));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/hub/cli.ts', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('mts-hub serve (command line)', () => {
  const root = mkdtempSync(join(tmpdir(), 'mts-hub-serve-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('refuses a missing or impossible port, or a stray argument, with its usage and exit code 2', async () => {
    for (const args of [['serve', '--data', root], ['serve', '--port', '70000', '--data', root], ['serve', '--port', '8787', '--rate-limit', 'many'], ['serve', 'extra', '--port', '1']]) {
      const run = await mtsHub(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^mts-hub: /);
      expect(run.stderr).toContain('serve --port P');
      expect(run.stdout).toBe('');
    }
  });

  it('refuses a data folder without a hub in one line, exit code 1, starting nothing and creating nothing', async () => {
    const empty = join(root, 'empty');
    const run = await mtsHub(['serve', '--port', '0', '--data', empty]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^mts-hub: /);
    expect(readdirSync(root)).not.toContain('empty');
  });
});
