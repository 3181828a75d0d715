import type { Page } from '@playwright/test';
import { createStateKeys } from '../../src-main/identity/state-keys.ts';
import { aadhaarFrom, pawarForm } from '../helpers/registration.ts';
import { expect, snap, test } from './fixtures.ts';
import { ADMIN, AWC_CSV, importStateKeyFile } from './office-setup.ts';

/** `DD-MM-YYYY` and the bare digits an operator types (`ddmmyyyy`), `days` from today. */
function day(days: number): { shown: string; typed: string } {
  const date = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const shown = `${pad(date.getDate())}-${pad(date.getMonth() + 1)}-${date.getFullYear()}`;
  return { shown, typed: shown.replaceAll('-', '') };
}

/** A household saved through the same API the screens use, in this tab's signed-in session. */
async function saveThroughApi(page: Page, input: unknown): Promise<void> {
  const reply = await page.evaluate(async (body) => {
    const token = sessionStorage.getItem('mts.bridge-token') ?? '';
    const response = await fetch('/api/registry.saveHousehold', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { ok: boolean };
  }, input);
  expect(reply.ok).toBe(true);
}

test('setup speaks plainly and signs in; Aadhaar masked and added later; dates typed day first', async ({ page, office }) => {
  test.setTimeout(120_000);
  await page.goto(office.url);
  await page.locator('#officeCode').fill('2714');
  await page.locator('#districtLgd').selectOption({ label: 'नंदुरबार — LGD 486' });
  await page.locator('#blockName').fill('Akkalkuwa');
  await page.locator('#nameMr').fill('अक्कलकुवा एकात्मिक बाल विकास प्रकल्प');
  await page.locator('#nameEn').fill('Akkalkuwa ICDS Project');
  await page.locator('#nameEn').press('Enter');
  await page.locator('#awcFile').setInputFiles({ name: 'awc.csv', mimeType: 'text/csv', buffer: Buffer.from(AWC_CSV) });
  await page.getByRole('button', { name: /पुढे/ }).click();

  // A weak password: a sentence in Marathi, never the request's field path.
  await page.locator('#adminFullName').fill(ADMIN.fullName);
  await page.locator('#adminPassword').fill('pass');
  await page.locator('#adminConfirm').fill('pass');
  await page.locator('#adminConfirm').press('Enter');
  await expect(page.getByTestId('problem')).toContainText('पासवर्ड किमान 8 अक्षरांचा असावा.');
  await expect(page.locator('#adminPassword-error')).toContainText('पासवर्ड किमान 8 अक्षरांचा असावा.');
  await expect(page.locator('main')).not.toContainText('admin.');
  await snap(page, 'dates-aadhaar-01-setup-weak-password-mr');
  await page.locator('#adminPassword').fill(ADMIN.password);
  await page.locator('#adminConfirm').fill(ADMIN.password);
  await page.locator('#adminConfirm').press('Enter');

  // Step 4 explains the state key file and shows its fingerprint before anything is stored.
  await expect(page.getByRole('heading', { name: '४. राज्याची की फाइल' })).toBeVisible();
  await expect(page.getByTestId('setup-keys')).toContainText('राज्याच्या कीने बंद (सील)');
  const keys = createStateKeys();
  await page.locator('#stateKeyFile').setInputFiles({ name: 'state.mtskeys', mimeType: 'application/json', buffer: Buffer.from(keys.text) });
  await expect(page.getByTestId('state-key-fingerprint')).toHaveText(keys.fingerprint.replaceAll(' ', ''));
  await snap(page, 'dates-aadhaar-02-setup-key-fingerprint-mr');
  await page.getByRole('button', { name: /जुळत नाही/ }).click();
  await expect(page.getByTestId('state-key-preview')).toHaveCount(0);
  await page.getByTestId('setup-open').click();
  // Signed in straight away: no second log-in.
  await expect(page.getByTestId('operator')).toContainText(ADMIN.fullName);

  // Without the key file the Aadhaar box is disabled and says why, pointing to Settings.
  await page.keyboard.press('Alt+1');
  await expect(page.locator('#f-aadhaar')).toBeDisabled();
  await expect(page.getByTestId('f-aadhaar-nokeys')).toContainText('सेटिंग्ज');
  await page.locator('#f-aadhaar').scrollIntoViewIfNeeded();
  await snap(page, 'dates-aadhaar-03-aadhaar-disabled-mr');
  await page.keyboard.press('Alt+8');
  await importStateKeyFile(page, keys.text, keys.fingerprint);
  await expect(page.getByTestId('state-keys')).toContainText(keys.fingerprint);

  // Visible while typed, masked once left, shown again with the (keyboard) toggle.
  await page.keyboard.press('Alt+1');
  const aadhaarBox = page.locator('#f-aadhaar');
  await aadhaarBox.click();
  await page.keyboard.type('23412341234');
  await expect(aadhaarBox).toHaveValue('2341 2341 234');
  // The twelfth digit fills the box: the cursor moves on and the number is masked.
  await page.keyboard.type('6');
  await expect(aadhaarBox).not.toBeFocused();
  await expect(aadhaarBox).toHaveValue('XXXX XXXX 2346');
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByTestId('f-aadhaar-toggle')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(aadhaarBox).toHaveValue('2341 2341 2346');
  await snap(page, 'dates-aadhaar-04-aadhaar-shown-mr');
  await page.keyboard.press('Enter');
  await expect(aadhaarBox).toHaveValue('XXXX XXXX 2346');

  // An Aadhaar brought later: the Pawars were registered without any.
  const form = pawarForm({ aadhaar: '', migration: null });
  form.members = form.members.map((member) => ({ ...member, aadhaar: '' }));
  await saveThroughApi(page, form);
  await page.keyboard.press('Alt+2');
  await page.locator('#search-query').fill('Ganesh Pawar');
  await page.getByTestId('search-results').getByText('Ganesh Ramdas Pawar').click();
  await page.getByTestId('aadhaar-add').click();
  const later = aadhaarFrom('56789012345');
  const wrong = `${later.slice(0, 11)}${(Number(later[11]) + 1) % 10}`;
  await expect(page.locator('#beneficiary-aadhaar-later')).toBeFocused();
  await page.keyboard.type(wrong);
  await page.keyboard.press('Enter');
  await expect(page.locator('#beneficiary-aadhaar-later-error')).toContainText('वैध नाही');
  await page.locator('#beneficiary-aadhaar-later').fill(later);
  await page.keyboard.press('Enter');
  const masked = `XXXX XXXX ${later.slice(8)}`;
  await expect(page.getByTestId('aadhaar-saved')).toContainText(masked);
  await expect(page.getByTestId('beneficiary-profile')).toContainText(masked);
  await snap(page, 'dates-aadhaar-05-beneficiary-aadhaar-added-mr');
  expect(await page.content()).not.toContain(later);

  // The household page shows the same mask, and a trip date is typed day first without separators.
  await page.getByRole('button', { name: /कुटुंब:/ }).click();
  await expect(page.getByTestId('member-aadhaar')).toHaveText(masked);
  const panel = page.getByTestId('trips-panel');
  await panel.getByTestId('plan-trip').click();
  await expect(page.locator('#plan-departureDate')).toBeFocused();
  await page.keyboard.type('31022026');
  await expect(page.locator('#plan-departureDate')).toHaveValue('31-02-2026');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('plan-departureDate-date-error')).toContainText('31-02-2026 अशी तारीख नसते');
  const departure = day(-3);
  await page.locator('#plan-departureDate').fill('');
  await page.locator('#plan-departureDate').pressSequentially(departure.typed);
  await expect(page.locator('#plan-departureDate')).toHaveValue(departure.shown);
  await page.locator('#plan-destinationDistrict').fill('बीड');
  await page.locator('#plan-destinationDistrict').press('Enter');
  await page.locator('#plan-destinationPlace').fill('Vaidyanath sugar factory');
  await page.locator('#plan-workSector').fill('ऊसतोड');
  await page.locator('#plan-workSector').press('Enter');
  await page.locator('#plan-expectedReturn').pressSequentially(day(150).typed);
  await snap(page, 'dates-aadhaar-06-trip-date-typed-mr');
  await page.getByRole('button', { name: 'प्रवास जतन करा' }).click();
  await expect(panel.getByTestId('trip')).toContainText(departure.shown);

  // Search by the last four shows the same mask.
  await page.keyboard.press('Alt+2');
  await page.locator('#search-query').fill(later.slice(8));
  await expect(page.getByTestId('search-results')).toContainText(masked);

  // The age calculator reads DD-MM-YYYY: born 05-06-2020, measured 01-07-2021 → 391 days.
  await page.keyboard.press('Alt+6');
  await page.getByTestId('report-tab-tools').click();
  await page.locator('#nutSexF').check();
  await page.locator('#nutDob').pressSequentially('05062020');
  await page.locator('#nutMeasuredOn').fill('');
  await page.locator('#nutMeasuredOn').pressSequentially('01072021');
  await page.locator('#nutWeight').fill('9');
  await expect(page.getByTestId('nutrition-result')).toContainText('391');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('#nutDob')).toHaveValue('05-06-2020');
  await expect(page.getByTestId('nutrition-result')).toContainText('391 days');
  await snap(page, 'dates-aadhaar-07-age-calculator-en');
});
