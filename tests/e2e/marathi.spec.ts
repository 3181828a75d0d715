import { expect, snap, test } from './fixtures.ts';
import { setUpOfficeAndLogIn } from './office-setup.ts';

// Issue 12, point 9: the glossary's words on screen (प्रकल्प कार्यालय, लाभार्थी प्रकार, गरोदर), one set of
// category labels, and the WHO attribution in Marathi as well as English.
test('Marathi wording: project office, beneficiary category and the WHO credit in both languages', async ({ page, office }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await setUpOfficeAndLogIn(page, office.url, { demo: true });
  await expect(page.getByText('स्थलांतर ट्रॅकिंग प्रणाली — प्रकल्प कार्यालय')).toBeVisible();

  // A family of the practice office: the members' category column is "लाभार्थी प्रकार".
  await page.keyboard.press('Alt+2');
  await page.keyboard.type('Pawar');
  await expect(page.getByTestId('search-results').locator('tbody tr').first()).toBeVisible();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /कुटुंब:/ }).click();
  await expect(page.getByRole('columnheader', { name: 'लाभार्थी प्रकार' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('गर्भवती');
  await snap(page, 'marathi-household-mr');

  // Settings → about: the WHO credit in Marathi, then in English.
  await page.keyboard.press('Alt+8');
  const credit = page.getByTestId('who-attribution');
  await expect(credit).toContainText('जागतिक आरोग्य संघटना');
  await expect(credit).toContainText('२००६');
  await credit.scrollIntoViewIfNeeded();
  await snap(page, 'marathi-settings-who-mr');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(credit).toContainText('WHO Child Growth Standards (2006');
  await expect(page.getByText('Migration Tracking System — Block Office')).toBeVisible();
  await snap(page, 'marathi-settings-who-en');
});
