import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Page } from '@playwright/test';

export const SCREENSHOTS = 'test-results/screenshots';

interface Office {
  url: string;
  dataDir: string;
  /** Everything the server printed so far, to check that no personal data reaches the logs. */
  output(): string;
}

/**
 * Each test gets its own office: a fresh data folder and its own browser-mode server on a random port. The
 * server makes its own token and prints it in the URL; it never takes one on its command line.
 */
export const test = base.extend<{ office: Office }>({
  office: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mts-e2e-'));
    const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src-main/bridge/serve.ts', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    let printed = '';
    server.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    server.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`bridge did not start:\n${output}\n${errors}`)), 30_000);
      server.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Open: (\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      server.once('exit', (code) => reject(new Error(`bridge exited with ${code}:\n${errors}`)));
    });
    await use({ url, dataDir, output: () => printed + errors });
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';

export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
