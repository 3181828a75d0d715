import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures.ts';
import { setUpOfficeAndLogIn } from './office-setup.ts';

const DAY_MS = 86_400_000;
const isoDaysAgo = (days: number): string => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);
/** As an operator types a date from the card: day, month, year, digits only (the box adds the dashes). */
const typed = (iso: string): string => `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(0, 4)}`;
const shown = (iso: string): string => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

/** The family is registered through the same API the registration page uses (that page has its own spec). */
async function registerInfantFamily(page: Page, babyDob: string): Promise<void> {
  const form = {
    awc: '27271400001',
    headNameMr: 'रामदास विठ्ठल पवार',
    headNameEn: 'Ramdas Vitthal Pawar',
    nativeVillage: 'Molgi',
    socialCategory: 'ST',
    members: [
      { nameMr: 'सुनीता रामदास पवार', nameEn: 'Sunita Ramdas Pawar', sex: 'F', dateOfBirth: '1998-03-14', relation: 'spouse', lactating: true, deliveryDate: babyDob },
      { nameMr: 'आदित्य रामदास पवार', nameEn: 'Aditya Ramdas Pawar', sex: 'M', dateOfBirth: babyDob, relation: 'son' },
    ],
  };
  const reply = await page.evaluate(async (body) => {
    const token = sessionStorage.getItem('mts.bridge-token') ?? '';
    const response = await fetch('/api/registry.saveHousehold', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    return (await response.json()) as { ok: boolean };
  }, form);
  expect(reply.ok).toBe(true);
}

test('keys the doses of an MCP card by keyboard, then shows them in the history and the next dose due', async ({ page, office }) => {
  test.setTimeout(120_000);
  await setUpOfficeAndLogIn(page, office.url);
  const babyDob = isoDaysAgo(80);
  await registerInfantFamily(page, babyDob);

  // Open the child from search, keyboard only.
  await page.keyboard.press('Alt+2');
  await page.keyboard.type('Aditya');
  await expect(page.getByTestId('search-results').locator('tbody tr').first()).toBeVisible();
  await page.keyboard.press('Enter');
  const grid = page.getByTestId('mcp-grid');
  await expect(grid).toBeVisible();
  await expect(page.getByTestId('services-history')).toHaveCount(0);

  // The card's birth doses and the 6-week doses given at 45 days; Enter moves down the card.
  const penta1 = new Date(Date.parse(babyDob) + 45 * DAY_MS).toISOString().slice(0, 10);
  await page.getByTestId('mcp-BCG').focus();
  for (const date of [babyDob, babyDob, babyDob, penta1, penta1]) {
    await page.keyboard.type(typed(date));
    await page.keyboard.press('Enter');
  }
  // The sixth box (RVV-1) has focus and stays empty: not on the card.
  await expect(page.getByTestId('mcp-RVV-1')).toBeFocused();
  await snap(page, 'services-mcp-grid-typed');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('mcp-saved')).toBeVisible();

  // Saved at once: the doses are on record, in the history and in the grid, and the next dose is due.
  const history = page.getByTestId('services-history');
  await expect(history.locator('tbody tr')).toHaveCount(5);
  await expect(page.getByTestId('history-Penta-1')).toContainText(shown(penta1));
  await expect(page.getByTestId('mcp-given-Penta-1')).toHaveText(shown(penta1));
  await expect(page.getByTestId('due-PENTA-2')).toBeVisible();
  await expect(page.getByTestId('due-PENTA-1')).toHaveCount(0);
  await expect(page.getByTestId('due-RVV-1')).toBeVisible();
  await snap(page, 'services-beneficiary');

  // The family sheet for the destination Anganwadi prints the doses given and the next one due.
  await page.getByRole('button', { name: /कुटुंब:/ }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'कुटुंब पत्रक (A5)' }).click()]);
  const sheet = execFileSync('pdftotext', ['-enc', 'UTF-8', await download.path(), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const printed = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
  expect(sheet).toContain(`पेंटाव्हॅलेंट १ / Penta-1 — ${printed(penta1)}`);
  expect(sheet).toContain('पेंटाव्हॅलेंट २ / Pentavalent-2 — देय / due');
  expect(sheet).not.toContain('Pentavalent-1 — थकीत');
  await page.getByRole('button', { name: '← मागे' }).click();
  await expect(page.getByTestId('services-history')).toBeVisible();

  // Void one with a reason: it stays visible as voided and is due again.
  await page.getByTestId('history-Penta-1').getByRole('button').click();
  await page.keyboard.type('keyed from the wrong card');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('history-Penta-1')).toContainText('keyed from the wrong card');
  await expect(page.getByTestId('due-PENTA-1')).toBeVisible();
  await expect(page.getByTestId('due-PENTA-2')).toHaveCount(0);

  // The Anganwadi's due list shows the child with what is owed.
  await page.keyboard.press('Alt+9');
  await page.getByTestId('due-show').click();
  const list = page.getByTestId('due-list');
  await expect(list).toContainText('Aditya Ramdas Pawar');
  await expect(list).toContainText('पेंटाव्हॅलेंट १');
  await expect(page.getByTestId('due-csv')).toBeVisible();
  await snap(page, 'services-due-list');
});
