import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures.ts';
import { ADMIN, f, keyIn, logIn, name, setUpOfficeAndLogIn } from './office-setup.ts';

/** One small paper form, keyed with the keyboard: the Padvi family of Molgi, one boy. */
async function keyPadviForm(page: Page, boyBornOn: string): Promise<void> {
  await expect(page.locator(f('awc'))).toBeFocused();
  await keyIn(page, 'मोलगी');
  await keyIn(page, null, null, 'ST'); // mobile blank; the village comes from the AWC
  // PAN, ration card, voter ID, job card: blank (Aadhaar is disabled until the state key file is imported).
  await keyIn(page, null, null, null, null);
  // Member 1 is the head, whose age alone is on the paper.
  await name(page, 'members.0.name', 'बाळू पाडवी', /^Balu Pad[vw]i$/);
  await keyIn(page, 'M', null, '40', null);
  await page.keyboard.press('Alt+M');
  await name(page, 'members.1.name', 'रोहित बाळू पाडवी', /^Rohit Balu Pad[vw]i$/);
  await keyIn(page, 'son', null); // the sex follows from the relation
  await page.keyboard.type(boyBornOn);
  await page.keyboard.press('Control+S');
}

test('double entry: a second operator re-keys blind, the supervisor resolves, error rates are counted', async ({ page, office }) => {
  await setUpOfficeAndLogIn(page, office.url);

  // The supervisor (here the administrator) switches double entry on and adds a second operator.
  await page.keyboard.press('Alt+7');
  await page.getByRole('button', { name: 'चालू करा' }).click();
  await expect(page.getByText('दुहेरी नोंदणी पडताळणी चालू आहे')).toBeVisible();
  await page.keyboard.press('Alt+8');
  await page.locator('#newUsername').fill('savita');
  await page.locator('#newFullName').fill('Savita Padvi');
  await page.locator('#newPassword').fill('Entry2024');
  await page.getByRole('button', { name: 'नवीन वापरकर्ता जोडा' }).click();
  await expect(page.getByTestId('operators')).toContainText('savita');

  // First keying by the administrator.
  await page.keyboard.press('Alt+1');
  await keyPadviForm(page, '05062016');
  await expect(page.getByTestId('saved-panel')).toBeVisible();
  await page.keyboard.press('Alt+7');
  await expect(page.getByTestId('verification-queue')).toContainText('बाळू पाडवी');
  await expect(page.getByTestId('verification-queue')).toContainText('तुम्ही पहिली नोंद केली आहे');
  await page.getByRole('button', { name: 'लॉगआउट' }).click();

  // Second keying by Savita, blind: she misreads the birth date.
  await logIn(page, 'savita', 'Entry2024');
  // A password set by the administrator is replaced at the first log-in.
  await expect(page.getByTestId('change-password')).toBeVisible();
  await page.keyboard.type('Entry2024');
  await page.locator('#firstNew').fill('Savita2025');
  await page.locator('#firstConfirm').fill('Savita2025');
  await page.locator('#firstConfirm').press('Enter');
  await expect(page.getByTestId('operator')).toContainText('Savita Padvi');
  await page.keyboard.press('Alt+7');
  await page.getByRole('button', { name: 'पुन्हा नोंदवा (न पाहता)' }).click();
  await expect(page.getByTestId('blind-keying')).toBeVisible();
  await expect(page.locator(f('members.0.nameMr'))).toHaveValue('');
  await page.locator(f('awc')).focus();
  await keyPadviForm(page, '05062015');
  const outcome = page.getByTestId('verification-outcome');
  await expect(outcome).toContainText('फरक');
  await expect(outcome).toContainText('जन्मतारीख');
  await snap(page, 'verification-mismatch');
  await page.getByRole('button', { name: 'लॉगआउट' }).click();

  // The supervisor looks at the paper and decides: the first keying was right.
  await logIn(page, ADMIN.username, ADMIN.password);
  await page.keyboard.press('Alt+7');
  await page.getByRole('button', { name: 'फरक सोडवा' }).click();
  const resolve = page.getByTestId('resolve');
  await expect(resolve).toContainText('05-06-2016');
  await expect(resolve).toContainText('05-06-2015');
  await resolve.getByRole('radio').first().check();
  await snap(page, 'verification-resolve');
  await page.getByRole('button', { name: 'निर्णय जतन करा' }).click();
  await expect(page.getByText('प्रलंबित अर्ज नाहीत.')).toBeVisible();
  const rates = page.getByTestId('keying-error-rates');
  // Columns: operator, forms, fields keyed, errors, rate.
  await expect(rates.getByRole('row', { name: /Savita Padvi/ }).getByRole('cell').nth(3)).toHaveText('1');
  await expect(rates.getByRole('row', { name: /Rekha Gavit/ }).getByRole('cell').nth(3)).toHaveText('0');
});
