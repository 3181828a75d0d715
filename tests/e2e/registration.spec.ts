import type { Page } from '@playwright/test';
import { isVerhoeffValid, verhoeffCheckDigit } from '../../src-main/identity/verhoeff.ts';
import { expect, SCREENSHOTS, snap, test } from './fixtures.ts';
import { f, importStateKeys, keyIn, name, setUpOfficeAndLogIn } from './office-setup.ts';

/** A 12-digit Aadhaar-shaped number with a correct Verhoeff check digit (first digit 2–9). */
function aadhaarFrom(first11: string): string {
  return first11 + String(verhoeffCheckDigit(first11));
}

/** Day-month-year as typed from the paper form, `days` from today (negative = past). */
function dmy(days: number, years = 0): string {
  const d = new Date();
  d.setFullYear(d.getFullYear() + years);
  d.setDate(d.getDate() + days);
  return `${String(d.getDate()).padStart(2, '0')}${String(d.getMonth() + 1).padStart(2, '0')}${d.getFullYear()}`;
}

/** The office set up through the UI, with the state key file so Aadhaar can be sealed. */
async function setUpOffice(page: Page, url: string): Promise<void> {
  await setUpOfficeAndLogIn(page, url);
  await importStateKeys(page);
}

const memberName = (page: Page, index: number, marathi: string, proposal: RegExp, correction?: string) =>
  name(page, `members.${index}.name`, marathi, proposal, correction);

test('three paper forms keyed by keyboard: errors, duplicate override, MTS IDs, search and QR scan', async ({ page, office }) => {
  test.setTimeout(240_000);
  await setUpOffice(page, office.url);

  const headAadhaar1 = aadhaarFrom('23412341234');
  expect(headAadhaar1).toBe('234123412346');
  const wrongCheck = headAadhaar1.slice(0, 11) + String((Number(headAadhaar1[11]) + 1) % 10);
  expect(isVerhoeffValid(wrongCheck)).toBe(false);

  // ---- Form 1: the Pawar family of Molgi — a pregnant woman, a small boy with a first measurement, a
  // girl whose age is only declared; they leave for a sugar factory in Beed district.
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { level: 1, name: 'नोंदणी' })).toBeVisible();
  await expect(page.getByTestId('shortcuts')).toContainText('Alt+M');
  await expect(page.getByTestId('shortcuts')).toContainText('Ctrl+S');
  await expect(page.locator(f('awc'))).toBeFocused();

  // The AWC's village becomes the native village; a full box (mobile, Aadhaar, date) moves on by itself.
  await keyIn(page, 'मोलगी');
  await expect(page.locator(f('awc'))).toHaveValue(/27271400001/);
  await page.keyboard.type('9876501234');
  await expect(page.locator(f('nativeVillage'))).toHaveValue('Molgi');
  await keyIn(page, null, 'VJ');
  await expect(page.locator(f('socialCategory'))).toHaveValue(/VJ/);
  // Identity: the Aadhaar with a wrong check digit, shown as soon as the box is left; no other documents.
  await expect(page.locator(f('aadhaar'))).toBeFocused();
  await page.keyboard.type(wrongCheck);
  await expect(page.locator('#f-aadhaar-error')).toContainText(/आधार/);
  await keyIn(page, null, '2714003456', null, null);

  // Member 1 is the head: his name is typed once.
  await memberName(page, 0, 'रामदास विठ्ठल पवार', /^Ramdas Vitthal Pawar$/);
  await keyIn(page, 'M');
  await page.keyboard.type('15061990');
  await expect(page.getByTestId('derived-category-0')).toContainText('लाभार्थी नाही (कुटुंबप्रमुख)');

  await page.keyboard.press('Alt+M');
  await memberName(page, 1, 'सुनीता रामदास पवार', /^Sunita Ramdas Pawar$/);
  await keyIn(page, null, null); // relation: spouse (proposed); sex: female (from the relation)
  await page.keyboard.type('12031996');
  await expect(page.locator(f('members.1.pregnant'))).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await page.keyboard.type(dmy(-120));
  await expect(page.getByTestId('f-members-1-lmp-note')).toContainText(/EDD|प्रसूती/);
  await expect(page.getByTestId('derived-category-1')).toContainText('गरोदर');
  // (lactating stays unticked)
  await page.keyboard.press('Enter');

  await page.keyboard.press('Alt+M');
  await memberName(page, 2, 'रोहन रामदास पवार', /^Rohan Ramdas Pawar$/);
  // A birth date in the future: an impossible date, shown on leaving the box.
  await keyIn(page, 'son', null);
  await page.keyboard.type(dmy(30, 1));
  await expect(page.locator('#f-members-2-dateOfBirth-error')).toContainText('जन्मतारीख भविष्यातील असू शकत नाही');
  await expect(page.locator(f('members.2.measuredOn'))).toHaveCount(0);

  await page.keyboard.press('Alt+M');
  // The paper spells her name Arati: the operator types over the proposal.
  await memberName(page, 3, 'आरती रामदास पवार', /^Aarti Ramdas Pawar$/, 'Arati Ramdas Pawar');
  await keyIn(page, 'daughter', null, null, '8', null);
  await expect(page.getByTestId('f-members-3-declaredAgeYears-note')).toContainText('अंदाजे');
  await expect(page.getByTestId('derived-category-3')).toContainText('बालक (६ ते १८ वर्षे)');
  // A girl of 8: no pregnancy or lactation question.
  await expect(page.locator(f('members.3.pregnant'))).toHaveCount(0);

  // Migration plan: a sugar factory in Beed district.
  await expect(page.locator(f('migration.departureDate'))).toBeFocused();
  await page.keyboard.type(dmy(10));
  await keyIn(page, 'Maharashtra', 'Beed', 'Majalgaon', 'Jay Mahesh sugar factory, Pawarwadi', 'sugar f', 'Shivaji Munde (mukadam)');
  await page.keyboard.type(dmy(170));
  await expect(page.getByTestId('save')).toBeFocused();

  await page.keyboard.press('Control+S');
  await expect(page.locator('#f-aadhaar-error')).toContainText(/आधार/);
  await expect(page.locator(f('aadhaar'))).toBeFocused();
  await expect(page.locator('#f-members-2-dateOfBirth-error')).toContainText('जन्मतारीख भविष्यातील असू शकत नाही');
  await expect(page.getByTestId('error-summary')).toBeVisible();
  await snap(page, 'registration-form-mr');

  // Fix the Aadhaar, save again: the remaining error (the date of birth) takes the focus.
  await page.keyboard.press('Control+A');
  await page.keyboard.type(headAadhaar1);
  await expect(page.locator('#f-aadhaar-error')).toHaveCount(0);
  await page.keyboard.press('Control+S');
  await expect(page.locator(f('members.2.dateOfBirth'))).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(dmy(-40, -2));
  // A child under six: the RCH ID (left blank here) and the first-measurement fields follow the date of birth.
  await expect(page.locator(f('members.2.rchId'))).toBeFocused();
  await keyIn(page, null);
  await expect(page.locator(f('members.2.measuredOn'))).toBeFocused();
  await keyIn(page, null, '10.9', '86.0', 'stand', '138'); // measured today (blank)
  // The WHO status appears while the measurement is typed, before anything is saved.
  await expect(page.getByTestId('nutrition-preview-2')).toContainText(/WAZ|सामान्य|वजन/);
  await page.keyboard.press('Control+S');

  const saved = page.getByTestId('saved-panel');
  await expect(saved).toBeVisible();
  const ids1 = (await saved.getByTestId('issued-id').allTextContents()).map((s) => s.trim());
  expect(ids1).toHaveLength(4);
  for (const id of ids1) {
    expect(id).toMatch(/^2714 \d{4} \d{4} \d{4}$/);
    expect(isVerhoeffValid(id.replace(/ /g, ''))).toBe(true);
  }
  await expect(saved).toContainText('सुनीता रामदास पवार');
  await expect(saved).toContainText('गरोदर');
  await expect(saved).toContainText('अंदाजे');
  await expect(page.getByTestId('next-form')).toBeFocused();
  await snap(page, 'registration-saved');
  // The full Aadhaar is gone from the page once saved.
  expect(await page.content()).not.toContain(headAadhaar1);

  // ---- Form 2: the Valvi family of Dhadgaon — a lactating mother and her infant with a first measurement;
  // they have left for a brick kiln in Karnataka.
  await page.keyboard.press('Alt+N');
  await expect(page.locator(f('awc'))).toBeFocused();
  await keyIn(page, 'Dhadgaon');
  await expect(page.locator(f('awc'))).toHaveValue(/27271400002/);
  await page.keyboard.type('9421055501');
  await expect(page.locator(f('nativeVillage'))).toHaveValue('Dhadgaon');
  await keyIn(page, null, 'ST');
  await page.keyboard.type(aadhaarFrom('56781234567'));
  await keyIn(page, null, null, null, null);
  await memberName(page, 0, 'गणेश मंगल वळवी', /^Ganesh Mangal Valvi$/);
  await keyIn(page, 'M');
  await page.keyboard.type('01011995');
  await page.keyboard.press('Alt+M');
  await memberName(page, 1, 'मंगला गणेश वळवी', /^Mangala Ganesh Valvi$/);
  await keyIn(page, null, null);
  await page.keyboard.type('05081999');
  await keyIn(page, null);
  await expect(page.locator(f('members.1.lactating'))).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await page.keyboard.type(dmy(-45));
  await expect(page.getByTestId('derived-category-1')).toContainText('स्तनदा माता');

  await page.keyboard.press('Control+Shift+M');
  await memberName(page, 2, 'सागर गणेश वळवी', /^Sagar Ganesh Valvi$/);
  await keyIn(page, 'son', null);
  await page.keyboard.type(dmy(-45));
  await keyIn(page, null, null, '3.9', '54.0', 'lying', null, null);
  await expect(page.getByTestId('derived-category-2')).toContainText('बालक (० ते ३ वर्षे)');
  await expect(page.locator(f('migration.departureDate'))).toBeFocused();
  await page.keyboard.type(dmy(-5));
  await keyIn(page, 'Karnataka', 'Athani, Belagavi', 'brick', 'Ramesh Patil, kiln owner');
  await page.keyboard.type(dmy(120));
  await expect(page.locator(f('migration.destinationDistrict'))).toHaveCount(0);
  await page.keyboard.press('Control+S');
  await expect(saved).toBeVisible();
  const ids2 = (await saved.getByTestId('issued-id').allTextContents()).map((s) => s.trim());
  expect(ids2).toHaveLength(3);
  await expect(saved).toContainText('स्तनदा माता');

  // ---- Form 3: another Pawar household of Molgi repeats Sunita (spelt सुनिता on this paper, same sex,
  // date of birth and village): the duplicate is shown, and the operator overrides it with a reason.
  await page.keyboard.press('Alt+N');
  await expect(page.locator(f('awc'))).toBeFocused();
  await expect(page.locator(f('awc'))).toHaveValue(/27271400002/);
  await keyIn(page, '27271400001');
  await page.keyboard.type('7588012345');
  await expect(page.locator(f('nativeVillage'))).toHaveValue('Molgi');
  await keyIn(page, null, 'VJ', null, null, null, null, null);
  await memberName(page, 0, 'दत्तू भीमा पवार', /^Dattu Bhima Pawar$/);
  await keyIn(page, 'M', null, '52', null);
  await page.keyboard.press('Alt+M');
  await memberName(page, 1, 'सुनिता रामदास पवार', /^Sunita Ramdas Pawar$/);
  await keyIn(page, 'daughter-in', null);
  await page.keyboard.type('12031996');
  await keyIn(page, null, null);
  await page.keyboard.press('Alt+M');
  await memberName(page, 2, 'कृष्णा दत्तू पवार', /^Krushna Dattu Pawar$/, 'Krishna Dattu Pawar');
  await keyIn(page, 'grand', 'M', null, '4', '6');
  await page.keyboard.press('Control+S');

  const dialog = page.getByTestId('duplicate-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('सुनीता रामदास पवार');
  await expect(dialog).toContainText(ids1[1]!);
  await expect(dialog).toContainText('Molgi');
  await expect(dialog).toContainText('12-03-1996');
  // The modal covers the viewport: a viewport shot shows it as the operator sees it.
  await page.screenshot({ path: `${SCREENSHOTS}/registration-duplicate.png` });
  // Keyboard: the first choice has focus; the arrow key moves to "register anyway", Enter without a
  // reason is refused, then the reason is typed.
  await expect(page.locator('#dup-0-link')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#dup-0-override')).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.locator('#dup-0-reason')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toContainText('कारण लिहा');
  await page.keyboard.type('वेगळी व्यक्ती: दत्तू पवार यांची सून, नाव व जन्मतारीख योगायोगाने सारखी');
  await page.keyboard.press('Enter');
  await expect(saved).toBeVisible();
  const ids3 = (await saved.getByTestId('issued-id').allTextContents()).map((s) => s.trim());
  expect(ids3).toHaveLength(3);
  expect(new Set([...ids1, ...ids2, ...ids3]).size).toBe(10);

  // ---- Search: name variants in either script, mobile, MTS ID, and a QR scanner's keystrokes.
  await page.keyboard.press('Alt+2');
  const box = page.locator('#search-query');
  await expect(box).toBeFocused();
  const results = page.getByTestId('search-results');

  await box.pressSequentially('Suneeta Pawar');
  await expect(results.locator('tbody tr')).toHaveCount(2);
  await expect(results).toContainText('सुनिता रामदास पवार');
  await expect(results).toContainText('सुनीता रामदास पवार');

  // The head's Aadhaar last four finds the family; the full number is nowhere on the page.
  await box.fill('');
  await box.pressSequentially(headAadhaar1.slice(-4));
  await expect(results.locator('tbody tr')).toHaveCount(4);
  await expect(page.getByText('आधारच्या शेवटच्या ४ अंकांनी शोध')).toBeVisible();
  expect(await page.content()).not.toContain(headAadhaar1);

  await box.fill('');
  await box.pressSequentially('सुनिता');
  await expect(results.locator('tbody tr')).toHaveCount(2);

  await box.fill('');
  await box.pressSequentially('9876501234');
  await expect(results.locator('tbody tr')).toHaveCount(4);
  await expect(results).toContainText('रोहन रामदास पवार');
  await snap(page, 'search');

  await box.fill('');
  await box.pressSequentially(ids2[2]!);
  await expect(results.locator('tbody tr')).toHaveCount(1);
  await expect(results).toContainText('सागर गणेश वळवी');
  // Arrow keys + Enter open the highlighted result.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('beneficiary-mts-id')).toHaveText(ids2[2]!);
  await expect(page.getByTestId('measurements')).toContainText('3.90');

  // A USB QR scanner types the 16 digits fast and presses Enter: the record opens directly.
  await page.keyboard.press('Alt+2');
  await expect(box).toBeFocused();
  await box.fill('');
  await page.keyboard.type(ids1[2]!.replace(/ /g, ''), { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('beneficiary-mts-id')).toHaveText(ids1[2]!);
  await expect(page.getByTestId('beneficiary-profile')).toContainText('रोहन रामदास पवार');

  // The household page: members with categories, the migration, the history.
  await page.getByRole('button', { name: /कुटुंब:/ }).click();
  const household = page.getByTestId('household-profile');
  await expect(household).toContainText('रामदास विठ्ठल पवार');
  await expect(household).toContainText('XXXX XXXX 2346');
  await expect(page.getByTestId('household-members').locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('trips-panel')).toContainText('साखर कारखाना');

  // A correction needs a reason, and the history shows who changed what, old → new.
  await page.getByRole('button', { name: 'माहिती दुरुस्त करा' }).click();
  await expect(page.locator('#edit-headNameMr')).toBeFocused();
  await page.locator('#edit-contactNumber').fill('9876501299');
  await page.getByRole('button', { name: 'दुरुस्ती जतन करा' }).click();
  await expect(page.locator('#edit-reason-error')).toBeVisible();
  await expect(household).not.toContainText('9876501299');
  await page.locator('#edit-reason').fill('अंगणवाडी सेविकेने नवीन मोबाईल क्रमांक कळवला');
  await page.getByRole('button', { name: 'दुरुस्ती जतन करा' }).click();
  await expect(household).toContainText('9876501299');
  const history = page.getByTestId('audit-history');
  await expect(history).toContainText('दुरुस्ती · कुटुंब');
  await expect(history).toContainText('अंगणवाडी सेविकेने नवीन मोबाईल क्रमांक कळवला');
  await expect(history.locator('del').first()).toHaveText('9876501234');
  await expect(history.locator('ins').first()).toHaveText('9876501299');
  await snap(page, 'household');

  // Rohan's page: a second measurement is added, the first is voided with a reason (never overwritten).
  await page.getByRole('button', { name: ids1[2]! }).click();
  await expect(page.getByTestId('beneficiary-mts-id')).toHaveText(ids1[2]!);
  const measurements = page.getByTestId('measurements');
  await expect(measurements.locator('tbody tr')).toHaveCount(1);
  await expect(measurements).toContainText('10.90');
  await page.locator('#m-weightKg').fill('11.4');
  await page.locator('#m-heightCm').fill('87.5');
  await page.locator('#m-posture').fill('stand');
  await page.locator('#m-posture').press('Enter');
  await page.locator('#m-muacMm').fill('141');
  await page.getByRole('button', { name: 'मोजमाप जोडा' }).click();
  await expect(measurements.locator('tbody tr')).toHaveCount(2);
  const second = measurements.locator('tbody tr', { hasText: '11.40' });
  await expect(second).toContainText('141');
  await expect(second).toContainText('87.5');
  const first = measurements.locator('tbody tr', { hasText: '10.90' });
  await first.getByRole('button', { name: 'रद्द करा' }).click();
  await page.keyboard.type('वजनकाटा चुकीचा होता');
  await page.keyboard.press('Enter');
  await expect(first).toContainText('रद्द');
  await expect(first).toContainText('वजनकाटा चुकीचा होता');
  await expect(page.getByTestId('audit-history')).toContainText('वजनकाटा चुकीचा होता');
  await snap(page, 'beneficiary');

  // Nothing the server printed (its log) holds a full Aadhaar number.
  for (const number of [headAadhaar1, wrongCheck, aadhaarFrom('56781234567')]) expect(office.output()).not.toContain(number);
});
