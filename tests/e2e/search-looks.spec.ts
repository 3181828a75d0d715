import { expect, snap, test } from './fixtures.ts';
import { f, keyIn, setUpOfficeAndLogIn } from './office-setup.ts';
import type { Page } from '@playwright/test';

/** "50 of 431" → [50, 431]. */
async function shownAndTotal(page: Page): Promise<[number, number]> {
  const text = (await page.getByTestId('search-count').textContent()) ?? '';
  const numbers = [...text.matchAll(/[\d,]+/g)].map((m) => Number(m[0].replace(/,/g, '')));
  return [numbers[0]!, numbers[1]!];
}

test('search pages "50 of N" and narrows by each filter; the duplicate dialog shows the MTS ID in the web font; a card counts once saved', async ({ page, office }) => {
  test.setTimeout(240_000);
  const fontFiles: string[] = [];
  page.on('response', (response) => {
    if (/NotoSansDevanagari.*\.ttf$/.test(new URL(response.url()).pathname) && response.ok()) fontFiles.push(new URL(response.url()).pathname);
  });
  // The practice office: 120 seeded households, about 430 people.
  await setUpOfficeAndLogIn(page, office.url, { demo: true });
  await page.getByRole('button', { name: 'English' }).click();

  // ---- Search: the whole office, 50 at a time.
  await page.keyboard.press('Alt+2');
  const box = page.locator('#search-query');
  await expect(box).toBeFocused();
  const count = page.getByTestId('search-count');
  await expect(count).toHaveText(/^50 of [\d,]+$/);
  const [, everyone] = await shownAndTotal(page);
  expect(everyone).toBeGreaterThan(100);
  const firstPageFirst = await page.locator('#search-results tbody tr').first().locator('.mts').textContent();
  await expect(page.getByTestId('search-range')).toHaveText('(1–50)');
  await page.getByTestId('search-next').click();
  await expect(page.getByTestId('search-range')).toHaveText('(51–100)');
  await expect(page.locator('#search-results tbody tr').first().locator('.mts')).not.toHaveText(firstPageFirst!);
  // PgDn from the box turns the page too.
  await box.focus();
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('search-range')).toHaveText('(101–150)');
  await snap(page, 'search-page-3-en');

  // ---- Each filter narrows the list; with empty text the filter alone lists.
  const narrowsTo = async (label: string, pick: () => Promise<void>, reset: () => Promise<void>) => {
    await pick();
    await expect.poll(async () => (await shownAndTotal(page))[1], { message: label }).toBeLessThan(everyone);
    const [shown, total] = await shownAndTotal(page);
    expect(total, label).toBeGreaterThan(0);
    expect(shown).toBe(Math.min(50, total));
    await reset();
    await expect.poll(async () => (await shownAndTotal(page))[1]).toBe(everyone);
  };
  await narrowsTo(
    'category',
    async () => void (await page.locator('#filter-category').selectOption('child-0-3')),
    async () => void (await page.locator('#filter-category').selectOption('')),
  );
  await expect(page.getByTestId('search-range')).toHaveText('(1–50)');
  await narrowsTo(
    'migration',
    async () => void (await page.locator('#filter-migration').selectOption('planned')),
    async () => void (await page.locator('#filter-migration').selectOption('')),
  );
  await narrowsTo(
    'nutrition',
    async () => void (await page.locator('#filter-nutrition').selectOption('normal')),
    async () => void (await page.locator('#filter-nutrition').selectOption('')),
  );
  const awcCode = (await page.locator('#search-results tbody tr').first().locator('td .code').first().textContent())!.trim();
  await narrowsTo(
    'AWC',
    async () => {
      await page.locator('#filter-awc').fill(awcCode);
      await page.locator('#filter-awc').press('Enter');
    },
    async () => {
      await page.locator('#filter-awc').fill('');
      await page.locator('#filter-awc').press('Enter');
    },
  );
  // A filter with text: a name, then only its children under 3.
  await page.locator('#filter-category').selectOption('child-0-3');
  const childName = (await page.locator('#search-results tbody tr').first().locator('[lang=en]').textContent())!.trim();
  await box.fill(childName.split(' ')[0]!);
  await expect(count).toHaveText(/of/);
  await expect.poll(async () => (await shownAndTotal(page))[1]).toBeGreaterThan(0);
  for (const cell of await page.locator('#search-results tbody tr td:nth-child(4)').allTextContents()) expect(cell).toMatch(/0–3/);
  await snap(page, 'search-filtered-en');
  await page.getByRole('button', { name: 'मराठी' }).click();
  await expect(count).toHaveText(/पैकी/);
  await snap(page, 'search-filtered-mr');
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('#filter-category').selectOption('');
  await box.fill('');

  // ---- The duplicate dialog: a member added again to their own household.
  await expect(count).toHaveText(/^50 of/);
  const adult = page.locator('#search-results tbody tr').filter({ hasText: 'Pregnant' }).first();
  const mtsId = (await adult.locator('.mts').textContent())!.trim();
  const nameMr = (await adult.locator('[lang=mr]').textContent())!.trim();
  const dob = (await adult.locator('td:nth-child(3) .secondary').textContent())!.trim();
  await adult.getByRole('button').click();
  await page.getByTestId('add-member').click();
  await expect(page.locator(f('member.nameMr'))).toBeFocused();
  await page.keyboard.type(nameMr);
  await page.keyboard.press('Enter');
  await expect(page.locator(f('member.nameEn'))).not.toHaveValue('');
  await page.keyboard.press('Enter');
  await keyIn(page, 'daughter-in', null); // relation; the sex follows from it
  await page.keyboard.type(dob.replace(/\D/g, ''));
  await page.getByTestId('save-member').click();
  const dialog = page.getByTestId('duplicate-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('duplicate-mts-id').first()).toHaveText(mtsId);
  expect(mtsId).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
  // The bundled font, not a system one: its files were fetched, its faces are loaded, and the dialog's
  // Devanagari is set in it.
  // Run in the page as source text (this file is type-checked without the DOM library).
  const fonts = await page.evaluate<{ loaded: string[]; check: boolean; family: string }>(`(async () => {
    await document.fonts.ready;
    const faces = [...document.fonts].filter((face) => face.family.replace(/"/g, '') === 'Noto Sans Devanagari');
    const name = document.querySelector('[data-testid=duplicate-dialog] [lang=mr]');
    return {
      loaded: faces.filter((face) => face.status === 'loaded').map((face) => face.weight),
      check: document.fonts.check('16px "Noto Sans Devanagari"', 'सुनीता पवार'),
      family: name ? getComputedStyle(name).fontFamily : '',
    };
  })()`);
  expect(fonts.loaded).toEqual(expect.arrayContaining(['400', '600']));
  expect(fonts.check).toBe(true);
  expect(fonts.family.startsWith('"Noto Sans Devanagari"') || fonts.family.startsWith('Noto Sans Devanagari')).toBe(true);
  expect(fontFiles.some((file) => file.includes('400Regular') || /NotoSansDevanagari_400Regular/.test(file))).toBe(true);
  await page.screenshot({ path: 'test-results/screenshots/search-looks-duplicate.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // ---- Cards: printed only once the PDF was saved or the printer took it.
  await page.getByRole('button', { name: 'English' }).click();
  await page.keyboard.press('Alt+4');
  await page.locator('#printAwc').selectOption(awcCode);
  const cardCount = page.getByTestId('card-count');
  await expect(cardCount).toContainText('Cards selected');
  const selected = Number(await cardCount.locator('strong').textContent());
  expect(selected).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Make the PDF' }).click();
  await expect(page.getByRole('status')).toContainText('The PDF is ready.', { timeout: 60_000 });
  const history = page.getByTestId('print-history');
  await expect(history.locator('tbody tr')).toHaveCount(0);
  // Made but not saved (the operator cancelled, or left it): nothing recorded, the cards are still to print.
  await expect(cardCount.locator('strong')).toHaveText(String(selected));
  await snap(page, 'search-looks-print-made-not-saved-en');
  // Saved: the download completed, and now the cards are printed, once.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PDF' }).click()]);
  expect(await file.failure()).toBeNull();
  await expect(history.locator('tbody tr')).toHaveCount(1);
  await expect(history.locator('tbody tr').first()).toContainText(String(selected));
  await expect(cardCount.locator('strong')).toHaveText('0');
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PDF' }).click()]);
  await expect(page.getByRole('status')).toContainText('File downloaded');
  await expect(history.locator('tbody tr')).toHaveCount(1);
  await snap(page, 'search-looks-print-saved-en');
});
