import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, SCREENSHOTS, snap, test } from './fixtures.ts';
import { setUpOfficeAndLogIn } from './office-setup.ts';

test('prints the not-yet-printed cards of one AWC as an A4 sheet, with progress, download and the print log', async ({ page, office }) => {
  test.setTimeout(120_000);
  // The demo office: 120 seeded households.
  await setUpOfficeAndLogIn(page, office.url, { demo: true });

  // Cards page from the keyboard, in Marathi first.
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { level: 1, name: 'कार्डे' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'स्थलांतर कार्डे छापा' })).toBeVisible();

  // One AWC, only cards not printed yet.
  await expect(page.getByRole('radio', { name: 'एक अंगणवाडी' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: /फक्त अजून न छापलेली कार्डे/ })).toBeChecked();
  const awc = page.locator('#printAwc');
  await awc.focus();
  await awc.selectOption({ index: 1 });
  const awcCode = await awc.inputValue();
  expect(awcCode).toMatch(/^\d+$/);
  const count = page.getByTestId('card-count');
  await expect(count).toContainText('निवडलेली कार्डे');
  await snap(page, 'cards-page-mr');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cards' })).toBeVisible();
  await expect(count).toContainText('Cards selected');
  const selected = Number(await count.locator('strong').textContent());
  expect(selected).toBeGreaterThan(10);
  await expect(page.getByRole('radio', { name: /A4 sheet of 10/ })).toBeChecked();
  await expect(page.locator('#printReason')).toHaveCount(0);

  // Make the PDF and watch the progress bar fill up.
  await page.getByRole('button', { name: 'Make the PDF' }).click();
  const progress = page.getByTestId('print-progress');
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('max', String(selected));
  await expect(page.getByTestId('print-progress-text')).toHaveText(`${selected} / ${selected}`, { timeout: 60_000 });
  await expect(page.getByRole('status')).toContainText('The PDF is ready.');
  const download = page.getByRole('button', { name: 'Download PDF' });
  await expect(download).toBeFocused();

  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(file.suggestedFilename()).toMatch(/^mts-cards-a4-\d{4}-\d{2}-\d{2}-\d{4}\.pdf$/);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const pdf = join('test-results', 'cards-e2e.pdf');
  await file.saveAs(pdf);
  expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  expect(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])).toBe(Math.ceil(selected / 10));
  execFileSync('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, join(SCREENSHOTS, 'cards-sheet')]);

  // The PDF left the data folder at its first download; saving it again is served from memory.
  const printsLeft = () => (existsSync(join(office.dataDir, 'prints')) ? readdirSync(join(office.dataDir, 'prints'), { recursive: true }).filter((f) => String(f).endsWith('.pdf')) : []);
  expect(printsLeft()).toEqual([]);
  const [again] = await Promise.all([page.waitForEvent('download'), download.click()]);
  const pdfAgain = join('test-results', 'cards-e2e-again.pdf');
  await again.saveAs(pdfAgain);
  expect(readFileSync(pdfAgain).equals(readFileSync(pdf))).toBe(true);

  // The print log names who printed how many, version 1 each; nothing is left to print for this AWC.
  const history = page.getByTestId('print-history');
  await expect(history.locator('tbody tr')).toHaveCount(1);
  await expect(history.locator('tbody tr').first()).toContainText('Rekha Gavit');
  await expect(history.locator('tbody tr').first()).toContainText(String(selected));
  await expect(history.locator('tbody tr').first()).toContainText('v1');
  await expect(count.locator('strong')).toHaveText('0');
  await snap(page, 'cards-page');

  // Reprinting the same AWC needs a reason before the button works.
  await page.getByRole('checkbox', { name: /Only cards not printed yet/ }).uncheck();
  await expect(count).toContainText(`${selected} of them printed before`);
  const make = page.getByRole('button', { name: 'Make the PDF' });
  await expect(make).toBeDisabled();
  await page.locator('#printReason').fill('Cards damaged in the rain');
  await expect(make).toBeEnabled();

  // Nothing personal reached the server's log.
  const names = await page.locator('table.rows td').allTextContents().catch(() => []);
  for (const name of names.filter((n) => /[A-Za-z]{3}/.test(n))) expect(office.output()).not.toContain(name);
});
