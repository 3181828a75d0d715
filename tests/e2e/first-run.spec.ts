import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, snap, test } from './fixtures.ts';

const GOOD_CSV = [
  'code,name_mr,name_en,village,sector,worker_name,worker_mobile',
  '27271400001,मोलगी अंगणवाडी,Molgi AWC,Molgi,Sector 1,Sunita Valvi,9876543210',
  '27271400002,"धडगाव, गावठाण अंगणवाडी",Dhadgaon Gaothan AWC,Dhadgaon,Sector 2,Mangal Padvi,9421012345',
  '27271400003,खापर अंगणवाडी,Khapar AWC,Khapar,Sector 3,,',
].join('\n');

const BAD_CSV = [
  'code,name_mr,name_en,village,sector,worker_name,worker_mobile',
  '27271400001,मोलगी अंगणवाडी,Molgi AWC,Molgi,Sector 1,Sunita Valvi,9876543210',
  '2727X,Taloda AWC,Taloda AWC,Taloda,Sector 3,,12345',
].join('\n');

test('first-run setup, AWC import with a bad row, log-in, navigation and language switch', async ({ page, office }) => {
  await page.goto(office.url);

  // Step 1: the office, in Marathi by default.
  await expect(page.getByRole('heading', { name: '१. कार्यालय' })).toBeVisible();
  await expect(page.locator('#officeCode')).toBeFocused();
  await page.keyboard.type('2714');
  await page.keyboard.press('Enter');
  await expect(page.getByText('जिल्हा निवडा.')).toBeVisible();
  await page.locator('#districtLgd').selectOption({ label: 'नंदुरबार — LGD 486' });
  await page.locator('#blockName').fill('Akkalkuwa');
  await page.locator('#nameMr').fill('अक्कलकुवा एकात्मिक बाल विकास प्रकल्प');
  await page.locator('#nameEn').fill('Akkalkuwa ICDS Project');
  await snap(page, '01-setup-office-mr');
  await page.locator('#nameEn').press('Enter');

  // Step 2: a bad list is shown line by line and cannot be used.
  await expect(page.getByRole('heading', { name: '२. अंगणवाडी यादी' })).toBeVisible();
  await page.locator('#awcFile').setInputFiles({ name: 'awc-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
  const errors = page.getByTestId('awc-errors');
  await expect(errors).toContainText('अंगणवाडी कोड 4 ते 11 अंकी असावा.');
  await expect(errors).toContainText('मराठी नाव देवनागरीत असावे.');
  await expect(errors.locator('tbody tr').first()).toContainText('3');
  await snap(page, '02-setup-awc-errors-mr');
  await page.getByRole('button', { name: /पुढे/ }).click();
  await expect(page.getByTestId('problem')).toContainText('अंगणवाडी यादी निवडा');

  await page.locator('#awcFile').setInputFiles({ name: 'awc.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_CSV) });
  await expect(page.getByTestId('awc-ok')).toContainText('3');
  await page.getByRole('button', { name: /पुढे/ }).click();

  // Step 3: the first administrator.
  await expect(page.locator('#adminFullName')).toBeFocused();
  await page.keyboard.type('Rekha Gavit');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Pass1234');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Pass1234');
  await page.keyboard.press('Enter');

  // Step 4: the state key file, here left for Settings; the administrator is already signed in.
  await expect(page.getByRole('heading', { name: '४. राज्याची की फाइल' })).toBeVisible();
  await page.getByTestId('setup-open').click();
  await expect(page.getByTestId('operator')).toContainText('Rekha Gavit');
  await page.getByRole('button', { name: 'लॉगआउट' }).click();

  // Log in: a wrong password is refused, the right one opens the shell.
  await expect(page.getByRole('heading', { name: 'लॉगिन' })).toBeVisible();
  await expect(page.locator('#username')).toBeFocused();
  await page.keyboard.type('admin');
  await page.keyboard.press('Tab');
  await page.keyboard.type('wrong-pass1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('problem')).toContainText('पासवर्ड चुकीचा');
  await snap(page, '03-login-mr');
  await page.locator('#password').fill('Pass1234');
  await page.locator('#password').press('Enter');

  await expect(page.getByTestId('operator')).toContainText('Rekha Gavit');
  await expect(page.getByRole('navigation')).toContainText('नोंदणी');
  await snap(page, '04-shell-mr');

  // Navigation by keyboard and by click.
  await page.keyboard.press('Alt+8');
  await expect(page.getByRole('heading', { level: 1, name: 'सेटिंग्ज' })).toBeVisible();
  await expect(page.getByTestId('operators')).toContainText('admin');
  await expect(page.getByText('Dhadgaon')).toBeVisible();
  await page.getByRole('button', { name: /शोध/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'शोध' })).toBeVisible();

  // Language switch, remembered for this operator across a reload.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('navigation')).toContainText('Register');
  await page.keyboard.press('Alt+8');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await snap(page, '05-settings-en');

  // Backups are signed with the office key, whose fingerprint is shown to read out by phone.
  await expect(page.getByTestId('office-key-fingerprint')).toHaveText(/^\d{5}( \d{5}){5}$/);
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByTestId('backup-row')).toContainText('Signed, valid');
  // A backup from before backups were signed: offered to be re-written (after a confirmation) or deleted.
  const backups = join(office.dataDir, 'backups');
  const made = readdirSync(backups).find((name) => name.endsWith('.sqlite'))!;
  copyFileSync(join(backups, made), join(backups, 'mts-2714-2026-01-01T00-00-00-000Z.sqlite'));
  await page.getByRole('button', { name: /Search/ }).click();
  await page.keyboard.press('Alt+8');
  await expect(page.getByTestId('older-backups')).toContainText('Re-write each older backup');
  await expect(page.getByTestId('backup-row').filter({ hasText: 'Not signed' })).toContainText('Re-write');
  await snap(page, '05b-settings-older-backup-en');
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Re-write' }).click();
  await expect(page.getByTestId('older-backups')).toHaveCount(0);
  await expect(page.getByTestId('backup-row').filter({ hasText: 'Signed, valid' })).toHaveCount(2);
  await page.reload();
  await expect(page.getByRole('navigation')).toContainText('Migrations');
  await snap(page, '06-shell-en');

  // Lock and unlock.
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: /Screen locked/ })).toBeVisible();
  await page.locator('#unlockPassword').fill('Pass1234');
  await page.locator('#unlockPassword').press('Enter');
  await expect(page.getByRole('navigation')).toBeVisible();

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
});
