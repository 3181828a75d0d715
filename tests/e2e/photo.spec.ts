import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, snap, test } from './fixtures.ts';
import { setUpOfficeAndLogIn } from './office-setup.ts';

/** An 8 × 10 px brown JPEG: a stand-in for a photo taken of the child. */
const TINY_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEYIx8lJCIfIiEmKzcvJik0KSEiMEExNDk7Pj4+JS5ESUM8SDc9Pjv/2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozv/wAARCAAKAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABQb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCSAFUT/9k=',
  'base64',
);

test('a photo chosen from a file is cropped to the card frame; the family sheet downloads from the household page', async ({ page, office }) => {
  await setUpOfficeAndLogIn(page, office.url, { demo: true });
  await page.keyboard.press('Alt+2');
  await page.keyboard.type('Pawar');
  await expect(page.getByTestId('search-results').locator('tbody tr').first()).toBeVisible();
  await page.keyboard.press('Enter');
  const photo = page.getByTestId('photo');
  await expect(photo).toContainText('फोटो नाही');
  await photo.locator('input[type=file]').setInputFiles({ name: 'child.jpg', mimeType: 'image/jpeg', buffer: TINY_JPEG });
  await expect(photo.locator('img')).toBeVisible();
  const stored = await photo.locator('img').getAttribute('src');
  expect(stored).toMatch(/^data:image\/jpeg;base64,\/9j\//);
  // Re-encoded at the card's 300 × 375, not the file as chosen.
  const size = await photo.locator('img').evaluate((img) => [(img as { naturalWidth: number }).naturalWidth, (img as { naturalHeight: number }).naturalHeight]);
  expect(size).toEqual([300, 375]);
  await snap(page, 'beneficiary-photo');
  // Stored in the office database: opening the record again shows it.
  await page.keyboard.press('Alt+2');
  await page.getByTestId('search-results').locator('tbody tr').first().click();
  await expect(page.getByTestId('photo').locator('img')).toBeVisible();

  // The family sheet for the destination Anganwadi, downloaded in the browser mode.
  await page.getByRole('button', { name: /कुटुंब:/ }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'कुटुंब पत्रक (A5)' }).click()]);
  const path = await download.path();
  expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(execFileSync('pdfinfo', [path]).toString()).toMatch(/Page size:\s+419\.\d+ x 595\.\d+ pts/);
});
