import type { Page } from '@playwright/test';
import { createStateKeys } from '../../src-main/identity/state-keys.ts';
import { expect } from './fixtures.ts';

export const AWC_CSV = [
  'code,name_mr,name_en,village,sector,worker_name,worker_mobile',
  '27271400001,मोलगी अंगणवाडी,Molgi AWC,Molgi,Sector 1,Sunita Valvi,9876543210',
  '27271400002,"धडगाव, गावठाण अंगणवाडी",Dhadgaon Gaothan AWC,Dhadgaon,Sector 2,Mangal Padvi,9421012345',
  '27271400003,खापर अंगणवाडी,Khapar AWC,Khapar,Sector 3,,',
].join('\n');

export const ADMIN = { username: 'admin', fullName: 'Rekha Gavit', password: 'Pass1234' };

/**
 * First-run setup through the UI with the keyboard, as first-run.spec.ts checks it step by step, then
 * log-in as the administrator. `demo` seeds the practice office instead of importing the AWC list.
 */
export async function setUpOfficeAndLogIn(page: Page, url: string, options: { demo?: boolean } = {}): Promise<void> {
  await page.goto(url);
  await expect(page.locator('#officeCode')).toBeFocused();
  await page.keyboard.type('2714');
  await page.locator('#districtLgd').selectOption({ label: 'नंदुरबार — LGD 486' });
  await page.locator('#blockName').fill('Akkalkuwa');
  await page.locator('#nameMr').fill('अक्कलकुवा एकात्मिक बाल विकास प्रकल्प');
  await page.locator('#nameEn').fill('Akkalkuwa ICDS Project');
  await page.locator('#nameEn').press('Enter');
  if (options.demo) {
    await page.getByRole('checkbox', { name: /सराव कार्यालय/ }).check();
  } else {
    await page.locator('#awcFile').setInputFiles({ name: 'awc.csv', mimeType: 'text/csv', buffer: Buffer.from(AWC_CSV) });
    await expect(page.getByTestId('awc-ok')).toContainText('3');
  }
  await page.getByRole('button', { name: /पुढे/ }).click();
  await expect(page.locator('#adminFullName')).toBeFocused();
  await page.keyboard.type(ADMIN.fullName);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press('Tab');
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press('Enter');
  // The administrator is signed in by the setup; the state key file can wait for Settings.
  await page.getByTestId('setup-open').click();
  await expect(page.getByTestId('operator')).toContainText(ADMIN.fullName);
}

export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await expect(page.locator('#username')).toBeFocused({ timeout: 30_000 });
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

/** The state's key file (tests make their own key pair), imported under Settings, so Aadhaar can be sealed. */
export async function importStateKeys(page: Page): Promise<void> {
  const keys = createStateKeys();
  await page.keyboard.press('Alt+8');
  await importStateKeyFile(page, keys.text, keys.fingerprint);
  await expect(page.getByTestId('state-keys')).toContainText(keys.fingerprint);
}

/** The key file chosen, its fingerprint checked against the state's, then stored (Setup or Settings). */
export async function importStateKeyFile(page: Page, text: string, fingerprint: string): Promise<void> {
  await page.locator('#stateKeyFile').setInputFiles({ name: 'state.mtskeys', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('state-key-fingerprint')).toHaveText(fingerprint.replaceAll(' ', ''));
  await page.getByTestId('state-key-confirm').click();
  await expect(page.getByTestId('state-key-imported')).toBeVisible();
}

/** The id of a registration-form field on screen, from its path (`members.0.nameMr` → `#f-members-0-nameMr`). */
export const f = (path: string) => `#f-${path.replaceAll('.', '-')}`;

/** Types each value into the focused field and presses Enter; `null` just moves on (blank on paper). */
export async function keyIn(page: Page, ...values: (string | null)[]): Promise<void> {
  for (const value of values) {
    if (value !== null) await page.keyboard.type(value);
    await page.keyboard.press('Enter');
  }
}

/** A Devanagari name, then the Latin spelling the screen proposes — accepted, or corrected by retyping. */
export async function name(page: Page, path: string, marathi: string, proposal: RegExp, correction?: string): Promise<void> {
  await expect(page.locator(f(`${path}Mr`))).toBeFocused();
  await page.keyboard.type(marathi);
  await page.keyboard.press('Enter');
  const latin = page.locator(f(`${path}En`));
  await expect(latin).toBeFocused();
  await expect(latin).toHaveValue(proposal);
  if (correction) {
    await page.keyboard.press('Control+A');
    await page.keyboard.type(correction);
  }
  await page.keyboard.press('Enter');
}

