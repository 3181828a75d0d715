import type { Page } from '@playwright/test';
import { verhoeffCheckDigit } from '../../src-main/identity/verhoeff.ts';
import { expect, snap, test } from './fixtures.ts';
import { f, importStateKeys, setUpOfficeAndLogIn } from './office-setup.ts';

/** Day-month-year typed without separators, `days` from today and `years` on (negative = past). */
function dmy(days: number, years = 0): string {
  const d = new Date();
  d.setFullYear(d.getFullYear() + years);
  d.setDate(d.getDate() + days);
  return `${String(d.getDate()).padStart(2, '0')}${String(d.getMonth() + 1).padStart(2, '0')}${d.getFullYear()}`;
}

/**
 * The operator's keyboard, counted: every character typed and every key pressed is one key; every Enter
 * is also an Enter stop (a field the operator had to pass). Nothing else touches the page while counting.
 */
class CountedKeyboard {
  keys = 0;
  enters = 0;
  constructor(private readonly page: Page) {}
  async type(text: string) {
    this.keys += [...text].length;
    await this.page.keyboard.type(text);
  }
  async press(key: string, times = 1) {
    for (let i = 0; i < times; i++) {
      this.keys += 1;
      if (key === 'Enter') this.enters += 1;
      await this.page.keyboard.press(key);
    }
  }
  /** Types into the focused field and moves on with Enter. */
  async enter(text = '') {
    if (text) await this.type(text);
    await this.press('Enter');
  }
}

const KEY_BUDGET = 250;

test('the standard four-member household keyed by keyboard alone within the key budget, then one round of errors', async ({ page, office }) => {
  test.setTimeout(180_000);
  await setUpOfficeAndLogIn(page, office.url);
  await importStateKeys(page);
  await page.keyboard.press('Alt+1');
  await expect(page.locator(f('awc'))).toBeFocused();
  const awcOfMolgi = page.getByRole('option', { name: /27271400001/ });

  const kb = new CountedKeyboard(page);
  const headAadhaar = '23412341234' + String(verhoeffCheckDigit('23412341234'));

  // ---- Household: the AWC's village fills the native village; full boxes (mobile, Aadhaar) move on.
  await kb.type('Molgi');
  await expect(awcOfMolgi).toBeVisible();
  await kb.press('Enter');
  await expect(page.locator(f('contactNumber'))).toBeFocused();
  await expect(page.locator(f('nativeVillage'))).toHaveValue('Molgi');
  await kb.type('9876501234');
  await expect(page.locator(f('nativeVillage'))).toBeFocused();
  await kb.enter();
  await kb.enter('ST');
  await expect(page.locator(f('aadhaar'))).toBeFocused();
  await kb.type(headAadhaar);
  await expect(page.locator(f('pan'))).toBeFocused();
  await kb.press('Enter', 4); // PAN, ration card, voter ID, job card: not on this paper

  // ---- Member 1 is the head: his name is typed once, his relation is not asked.
  await expect(page.locator(f('members.0.nameMr'))).toBeFocused();
  await expect(page.getByTestId('head-tag')).toBeVisible();
  await expect(page.locator(f('members.0.relation'))).toHaveCount(0);
  await kb.enter('रामदास विठ्ठल पवार');
  await expect(page.locator(f('members.0.nameEn'))).toHaveValue('Ramdas Vitthal Pawar');
  await kb.enter();
  await expect(page.locator(f('members.0.sex'))).toBeFocused();
  await kb.enter('M');
  await kb.type('01061988');
  // An adult man: not a beneficiary, no pregnancy, RCH or measurement fields.
  await expect(page.getByTestId('derived-category-0')).toContainText('लाभार्थी नाही (कुटुंबप्रमुख)');
  await expect(page.locator(f('members.0.declaredAgeYears'))).toHaveCount(0);
  await expect(page.locator(f('members.0.weightKg'))).toHaveCount(0);
  await expect(page.locator(f('members.0.pregnant'))).toHaveCount(0);
  await expect(page.locator(f('migration.departureDate'))).toBeFocused();

  // ---- Member 2, his wife: "spouse" is proposed, the sex follows from it; she is a lactating mother.
  await kb.press('Alt+M');
  await expect(page.locator(f('members.1.nameMr'))).toBeFocused();
  await kb.enter('सुनीता रामदास पवार');
  await expect(page.locator(f('members.1.nameEn'))).toHaveValue('Sunita Ramdas Pawar');
  await kb.enter();
  await expect(page.locator(f('members.1.relation'))).toHaveValue(/Husband|पती/);
  await kb.enter();
  await expect(page.locator(f('members.1.sex'))).toHaveValue(/स्त्री|Female/);
  await kb.enter();
  await kb.type('14031996');
  await expect(page.locator(f('members.1.pregnant'))).toBeFocused();
  await kb.enter();
  await kb.press('Space');
  await kb.enter();
  await kb.type(dmy(-45));
  await expect(page.locator(f('members.1.rchId'))).toBeFocused();
  await kb.enter();
  await expect(page.getByTestId('derived-category-1')).toContainText('स्तनदा माता');
  await expect(page.locator(f('members.1.weightKg'))).toHaveCount(0);

  // ---- Member 3, a boy of about two, with his first measurement (date: today, posture from the age).
  await kb.press('Alt+M');
  await kb.enter('गणेश रामदास पवार');
  await expect(page.locator(f('members.2.nameEn'))).toHaveValue('Ganesh Ramdas Pawar');
  await kb.enter();
  await kb.enter('so');
  await expect(page.locator(f('members.2.sex'))).toHaveValue(/पुरुष|Male/);
  await kb.enter();
  await kb.type(dmy(-40, -2));
  await expect(page.locator(f('members.2.rchId'))).toBeFocused();
  await kb.enter();
  await expect(page.getByTestId('f-members-2-measuredOn-note')).toContainText('आजची तारीख');
  await kb.enter();
  await kb.enter('11.2');
  await kb.enter('84.5');
  await expect(page.getByTestId('f-members-2-posture-note')).toContainText('उभे');
  await kb.enter();
  await kb.enter('138');
  await kb.enter(); // oedema: no
  await expect(page.getByTestId('nutrition-preview-2')).toBeVisible();

  // ---- Member 4, a girl of about five, measured too.
  await kb.press('Alt+M');
  await kb.enter('पूजा रामदास पवार');
  await expect(page.locator(f('members.3.nameEn'))).toHaveValue('Pooja Ramdas Pawar');
  await kb.enter();
  await kb.enter('d');
  await expect(page.locator(f('members.3.sex'))).toHaveValue(/स्त्री|Female/);
  await kb.enter();
  await kb.type(dmy(-300, -4)); // 4 years 10 months: MUAC still applies (6–59 months)
  await kb.enter(); // RCH ID
  await kb.enter(); // measured today
  await kb.enter('16.4');
  await kb.enter('106.2');
  await kb.enter();
  await kb.enter('150');
  await kb.enter();
  await expect(page.getByTestId('derived-category-3')).toContainText('बालक (३ ते ६ वर्षे)');

  // ---- The planned trip: cane cutting in Beed district, leaving in a week.
  await expect(page.locator(f('migration.departureDate'))).toBeFocused();
  await kb.type(dmy(7));
  await kb.enter('MH');
  await kb.enter('Beed');
  await kb.press('Enter', 2); // block and worksite: not yet known
  await expect(page.locator(f('migration.workSector'))).toBeFocused();
  await kb.enter('sug');
  await kb.press('Enter', 2); // employer, expected return: blank
  await expect(page.getByTestId('save')).toBeFocused();
  await snap(page, 'entry-form-mr');
  await kb.press('Control+S');

  const saved = page.getByTestId('saved-panel');
  await expect(saved).toBeVisible();
  console.log(`keystrokes: ${kb.keys} keys, ${kb.enters} Enter stops`);
  expect(kb.keys).toBeLessThanOrEqual(KEY_BUDGET);

  // ---- The saved household, as the UI shows it.
  await expect(saved.getByTestId('issued-id')).toHaveCount(4);
  await expect(saved).toContainText('लाभार्थी नाही (कुटुंबप्रमुख)');
  await expect(saved).toContainText('स्तनदा माता');
  await saved.getByRole('button', { name: 'कुटुंब पहा' }).click();
  const household = page.getByTestId('household-profile');
  await expect(household).toContainText('रामदास विठ्ठल पवार');
  await expect(household).toContainText('Ramdas Vitthal Pawar');
  await expect(household).toContainText('Molgi');
  await expect(household).toContainText('XXXX XXXX ' + headAadhaar.slice(-4));
  const members = page.getByTestId('household-members');
  await expect(members.locator('tbody tr')).toHaveCount(4);
  for (const text of ['रामदास विठ्ठल पवार', 'सुनीता रामदास पवार', 'गणेश रामदास पवार', 'पूजा रामदास पवार', 'स्तनदा माता', 'बालक (० ते ३ वर्षे)', 'बालक (३ ते ६ वर्षे)']) {
    await expect(members).toContainText(text);
  }
  await page.getByRole('button', { name: /गणेश रामदास पवार/ }).first().click();
  const measurements = page.getByTestId('measurements');
  await expect(measurements).toContainText('11.20');
  await expect(measurements).toContainText('84.5');
  await expect(measurements).toContainText('138');

  // ---- One round of errors on the next form: each shows while typing or on leaving, before any save.
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('registration-form')).toBeVisible();
  const nextForm = page.getByTestId('next-form');
  if (await nextForm.isVisible()) await nextForm.press('Enter');
  await page.locator(f('members.0.nameMr')).focus();
  await page.keyboard.type('रामदास P');
  await expect(page.locator('#f-members-0-nameMr-error')).toContainText('इंग्रजी अक्षरे काढा');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await expect(page.locator('#f-members-0-nameMr-error')).toHaveCount(0);

  const wrongCheck = headAadhaar.slice(0, 11) + String((Number(headAadhaar[11]) + 1) % 10);
  await page.locator(f('aadhaar')).focus();
  await page.keyboard.type(wrongCheck);
  await expect(page.locator(f('pan'))).toBeFocused();
  await expect(page.locator('#f-aadhaar-error')).toContainText('हा आधार क्रमांक वैध नाही');

  await page.locator(f('members.0.dateOfBirth')).focus();
  await page.keyboard.type(dmy(30, 1));
  await expect(page.locator('#f-members-0-dateOfBirth-error')).toContainText('जन्मतारीख भविष्यातील असू शकत नाही');
  await expect(page.getByTestId('error-summary')).toHaveCount(0);
  await expect(page.locator('.cell.required').first()).toBeVisible();

  // A save attempt shows every remaining error at once and puts the cursor on the first.
  await page.keyboard.press('Control+S');
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('आधार');
  await expect(summary).toContainText('जन्मतारीख');
  await expect(summary).toContainText('सामाजिक प्रवर्ग');
  await expect(summary).toContainText('लिंग');
  // The first field in error has the cursor (the AWC, unless the form kept it).
  const awcKept = (await page.locator(f('awc')).inputValue()) !== '';
  await expect(page.locator(f(awcKept ? 'socialCategory' : 'awc'))).toBeFocused();
  await snap(page, 'entry-errors-mr');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('#f-members-0-dateOfBirth-error')).toContainText('Date of birth cannot be in the future.');
  await expect(page.locator('#f-aadhaar-error')).toContainText('not valid');
  await snap(page, 'entry-errors-en');
  expect(office.output()).not.toContain(headAadhaar);
});
