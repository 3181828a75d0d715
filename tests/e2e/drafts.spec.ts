import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { verhoeffCheckDigit } from '../../src-main/identity/verhoeff.ts';
import { expect, snap, test } from './fixtures.ts';
import { ADMIN, f, importStateKeys, logIn, setUpOfficeAndLogIn } from './office-setup.ts';

const AADHAAR_BODY = '52718364905';
const AADHAAR = AADHAAR_BODY + String(verhoeffCheckDigit(AADHAAR_BODY));

/** The drafts as stored in the office database (read-only, beside the running app). */
function storedDrafts(dataDir: string): { operator_id: string; payload: string }[] {
  const db = new Database(join(dataDir, 'mts.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT operator_id, payload FROM draft ORDER BY updated_at').all() as { operator_id: string; payload: string }[];
  } finally {
    db.close();
  }
}

async function fill(page: Page, path: string, value: string): Promise<void> {
  await page.locator(f(path)).fill(value);
}

async function expectForm(page: Page, values: Record<string, string>): Promise<void> {
  for (const [path, value] of Object.entries(values)) await expect(page.locator(f(path))).toHaveValue(value);
}

/**
 * A name in both scripts: the Marathi first, then, once the screen has proposed the Latin spelling, the
 * spelling from the paper (so the proposal cannot land in the middle of typing it).
 */
async function names(page: Page, path: string, marathi: string, latin: string): Promise<void> {
  await fill(page, `${path}Mr`, marathi);
  await expect(page.locator(f(`${path}En`))).not.toHaveValue('');
  await fill(page, `${path}En`, latin);
}

// Member 1 of the form is the head of household.
const HALF_KEYED = {
  'members.0.nameMr': 'रामदास विठ्ठल पवार',
  'members.0.nameEn': 'Ramdas Vitthal Pawar',
  contactNumber: '9823012345',
  nativeVillage: 'Molgi',
  pan: 'ABCDE1234F',
};
/** The Aadhaar box shows the mask once the cursor is elsewhere. */
const MASKED = `XXXX XXXX ${AADHAAR.slice(-4)}`;

test('a half-keyed form survives a reload, another page and the idle lock; discarding asks first', async ({ page, office }) => {
  test.setTimeout(180_000);
  // The page's clock is Playwright's, so the ten idle minutes can pass at once instead of being waited.
  await page.clock.install();
  await setUpOfficeAndLogIn(page, office.url);
  await importStateKeys(page);
  await page.getByRole('button', { name: /नोंदणी/ }).click();

  for (const path of ['contactNumber', 'nativeVillage', 'pan'] as const) await fill(page, path, HALF_KEYED[path]);
  await names(page, 'members.0.name', HALF_KEYED['members.0.nameMr'], HALF_KEYED['members.0.nameEn']);
  await fill(page, 'aadhaar', AADHAAR);
  await page.getByRole('button', { name: /सदस्य जोडा/ }).click();
  await names(page, 'members.1.name', 'रोहन रामदास पवार', 'Rohan R. Pawar');
  await page.locator(f('members.1.nameEn')).press('Tab');

  const list = page.getByTestId('drafts-list');
  await expect(page.getByTestId('draft-status')).toContainText('मसुदा जतन झाला');
  await expect(list.getByTestId('draft-row')).toHaveCount(1);
  await expect(list.getByTestId('draft-row')).toContainText('रामदास विठ्ठल पवार');
  await expect(list.getByTestId('draft-row').locator('td').nth(2)).toHaveText('2');
  // The screen empties Aadhaar before the draft leaves it: not a digit of it is stored.
  await expect.poll(() => storedDrafts(office.dataDir).map((d) => d.payload).join('')).toContain('Rohan R. Pawar');
  const stored = storedDrafts(office.dataDir);
  expect(stored).toHaveLength(1);
  expect(stored[0]!.payload).not.toContain(AADHAAR.slice(0, 4));
  expect(JSON.parse(stored[0]!.payload)).toMatchObject({ version: 1, form: { head: { aadhaar: '', pan: 'ABCDE1234F' } }, dropped: ['aadhaar'] });

  // ---- Reload: the newest draft is opened again; Aadhaar asks to be typed again.
  await page.reload();
  await expect(page.getByTestId('draft-continued')).toBeVisible();
  await expectForm(page, { ...HALF_KEYED, 'members.1.nameMr': 'रोहन रामदास पवार', 'members.1.nameEn': 'Rohan R. Pawar', aadhaar: '' });
  await expect(page.locator(`${f('aadhaar')}-error`)).toContainText('आधार क्रमांक मसुद्यात कधीच ठेवला जात नाही');
  await snap(page, 'drafts-reopened-after-reload-mr');

  // ---- Another page, left at once after typing: the last change goes with it and is back on return.
  await fill(page, 'nativeVillage', 'Molgi Pada');
  await page.getByRole('button', { name: /शोध/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'शोध' })).toBeVisible();
  await page.getByRole('button', { name: /नोंदणी/ }).click();
  await expectForm(page, { ...HALF_KEYED, nativeVillage: 'Molgi Pada', 'members.1.nameMr': 'रोहन रामदास पवार' });

  // ---- Idle lock: the lock covers the form; unlocking returns to the same content and field.
  await fill(page, 'aadhaar', AADHAAR);
  await fill(page, 'members.1.nameEn', 'Rohan');
  await page.clock.fastForward('11:00');
  const lock = page.getByTestId('lock-screen');
  await expect(lock).toBeVisible();
  await expect(page.locator(f('members.1.nameEn'))).toBeHidden();
  await snap(page, 'drafts-idle-lock-mr');
  await page.locator('#unlockPassword').fill(ADMIN.password);
  await page.locator('#unlockPassword').press('Enter');
  await expect(lock).toHaveCount(0);
  await expectForm(page, { ...HALF_KEYED, nativeVillage: 'Molgi Pada', 'members.1.nameEn': 'Rohan', aadhaar: MASKED });
  await expect(page.locator(f('members.1.nameEn'))).toBeFocused();

  // ---- A second form beside the first, then in English: the list of unfinished forms.
  await page.getByTestId('new-form').click();
  await expect(page.locator(f('members.0.nameMr'))).toHaveValue('');
  await fill(page, 'members.0.nameMr', 'शंकर गावित');
  await page.locator(f('members.0.nameMr')).press('Tab');
  await expect(list.getByTestId('draft-row')).toHaveCount(2);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(list).toContainText('Unfinished forms');
  await snap(page, 'drafts-list-en');

  // ---- Open the first again, then discard the other: a confirmation first, "keep" keeps it.
  const pawar = list.getByTestId('draft-row').filter({ hasText: 'Ramdas Vitthal Pawar' });
  await pawar.getByTestId('draft-open').click();
  await expectForm(page, { 'members.0.nameEn': 'Ramdas Vitthal Pawar', 'members.1.nameEn': 'Rohan' });
  const gavit = list.getByTestId('draft-row').filter({ hasText: 'शंकर गावित' });
  await gavit.getByTestId('draft-discard').click();
  const dialog = page.getByTestId('discard-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Discard this draft?');
  await snap(page, 'drafts-discard-confirm-en');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(list.getByTestId('draft-row')).toHaveCount(2);
  await gavit.getByTestId('draft-discard').click();
  await dialog.getByTestId('discard-confirm').click();
  await expect(list.getByTestId('draft-row')).toHaveCount(1);
  await expect(list).not.toContainText('शंकर गावित');
  await expect.poll(() => storedDrafts(office.dataDir).length).toBe(1);

  // ---- Another operator on the same PC sees none of it.
  await page.evaluate(async () => {
    const token = sessionStorage.getItem('mts.bridge-token');
    const response = await fetch('/api/operators.add', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ username: 'savita', fullName: 'Savita Padvi', role: 'operator', password: 'Given2024x' }),
    });
    if (!((await response.json()) as { ok: boolean }).ok) throw new Error('operators.add refused');
  });
  await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, 'savita', 'Given2024x');
  await page.locator('#firstCurrent').fill('Given2024x');
  await page.locator('#firstNew').fill('Entry2024y');
  await page.locator('#firstConfirm').fill('Entry2024y');
  await page.locator('#firstConfirm').press('Enter');
  await expect(page.getByTestId('operator')).toContainText('Savita Padvi');
  await expect(page.locator(f('members.0.nameMr'))).toHaveValue('');
  await expect(page.getByTestId('drafts-list')).toHaveCount(0);
});
