// The hub command line as the state IT cell runs it: a real child process (tsx), its exit code and output.
import { spawn } from 'node:child_process';
import { expect } from 'vitest';

export interface Run {
  pid: number | undefined;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI without MTS_HUB_* or PG* variables from the outer environment, plus `env`. */
export function mtsHub(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('MTS_HUB_') && !name.startsWith('PG')),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/hub/cli.ts', ...args], {
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ pid: child.pid, code, stdout, stderr }));
  });
}

/** An expected refusal: exit 1, one line on stderr, no stack trace, nothing on stdout. */
export function expectOneLineRefusal(run: Run, pattern: RegExp): void {
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/^mts-hub: /);
  expect(run.stderr).toMatch(pattern);
}

