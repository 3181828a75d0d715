// Issue 11's whole season across two block offices and the state hub: this browser is the home office
// (Akkalkuwa); a family registered here with a trip leaves for Parli; the Parli office (a real office
// database in this process) sees it as incoming through a real hub, confirms the arrival and gives the
// child a dose; the home office receives both, marks the return, and prints a family sheet that shows
// the dose given and the next one due — not the earlier ones as overdue.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { enrolRequest, exportChanges, importBundle } from '../../src-main/exchange/index.ts';
import { enrolOffice } from '../../src-main/hub/enrol.ts';
import { exportForOffice } from '../../src-main/hub/export.ts';
import type { Hub } from '../../src-main/hub/hub.ts';
import { importOfficeBundle } from '../../src-main/hub/import.ts';
import { initHubKeys } from '../../src-main/hub/keys.ts';
import { openHubDatabase } from '../../src-main/hub/store/index.ts';
import type { OfficeData } from '../../src-main/office/service.ts';
import { openOfficeData } from '../../src-main/office/open.ts';
import { openOffice } from '../unit/sync/exchange-helpers.ts';
import { expect, snap, test } from './fixtures.ts';
import { setUpOfficeAndLogIn } from './office-setup.ts';

const DAY_MS = 86_400_000;
const isoDaysAgo = (days: number): string => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);
const ADMIN = { operatorId: null };
const PARLI_AWC = '27047500001';

/** What the in-process offices do with the hub: send everything new, take what the hub has for them. */
async function toHub(hub: Hub, data: OfficeData): Promise<void> {
  const atHub = await importOfficeBundle(hub, (await exportChanges(data, 'hub')).files);
  expect(atHub.status).toBe('imported');
}
async function fromHub(hub: Hub, data: OfficeData, code: string): Promise<void> {
  const imported = await importBundle(data, (await exportForOffice(hub, code)).files, ADMIN);
  expect(imported.status).toBe('imported');
}
async function enrol(hub: Hub, data: OfficeData): Promise<void> {
  const request = await enrolRequest(data);
  const answer = await enrolOffice(hub, request.text);
  expect((await importBundle(data, [answer.bundle], ADMIN)).status).toBe('imported');
}

/** Registered through the same API the registration page uses (that page has its own spec). */
async function registerFamily(page: Page, form: unknown): Promise<{ householdId: string; beneficiaries: { id: string; mtsId: string }[] }> {
  const reply = await page.evaluate(async (body) => {
    const token = sessionStorage.getItem('mts.bridge-token') ?? '';
    const response = await fetch('/api/registry.saveHousehold', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { ok: boolean; value: { householdId: string; beneficiaries: { id: string; mtsId: string }[] } };
  }, form);
  expect(reply.ok).toBe(true);
  return reply.value;
}

async function openHousehold(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Alt+2');
  await page.keyboard.type(name);
  await expect(page.getByTestId('search-results').locator('tbody tr').first()).toBeVisible();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /कुटुंब:/ }).click();
  await expect(page.getByTestId('trips-panel')).toBeVisible();
}

test('a season: registered with a trip, departed, arrival and a dose at the destination block, returned; the family sheet shows the dose and what is next', async ({ page, office }) => {
  test.setTimeout(240_000);
  const work = mkdtempSync(join(tmpdir(), 'mts-e2e-season-'));
  const hubDb = await openHubDatabase({ dataDir: join(work, 'hub') });
  try {
    const keys = await initHubKeys(join(work, 'hub-keys'), {});
    const hub: Hub = { db: hubDb, keys };

    // ---- Home office (this browser): set up, the state key file of this hub imported under Settings.
    await setUpOfficeAndLogIn(page, office.url);
    await page.keyboard.press('Alt+8');
    await page.locator('#stateKeyFile').setInputFiles({ name: 'state-keys.json', mimeType: 'application/json', buffer: Buffer.from(keys.stateKeyFile) });
    await page.getByTestId('state-key-confirm').click();
    await expect(page.getByTestId('state-key-imported')).toBeVisible();

    // A mother and her baby of 80 days, going to cut cane at Parli (Beed), leaving in 10 days' time as planned.
    const babyDob = isoDaysAgo(80);
    const family = await registerFamily(page, {
      awc: '27271400001',
      headNameMr: 'रामदास विठ्ठल पवार',
      headNameEn: 'Ramdas Vitthal Pawar',
      nativeVillage: 'Molgi',
      socialCategory: 'ST',
      members: [
        { nameMr: 'सुनीता रामदास पवार', nameEn: 'Sunita Ramdas Pawar', sex: 'F', dateOfBirth: '1998-03-14', relation: 'spouse', lactating: true, deliveryDate: babyDob },
        { nameMr: 'आदित्य रामदास पवार', nameEn: 'Aditya Ramdas Pawar', sex: 'M', dateOfBirth: babyDob, relation: 'son' },
      ],
      migration: {
        departureDate: isoDaysAgo(41),
        destinationState: 'MH',
        destinationDistrict: 470,
        destinationBlock: 'Parli',
        destinationPlace: 'Vaidyanath sugar factory',
        workSector: 'sugarcane-cutting',
        employer: 'Bhagwan Sanap (mukadam)',
        expectedReturn: isoDaysAgo(-120),
      },
    });
    // Beneficiaries come back in the form's order: the head, the mother, the baby.
    const baby = family.beneficiaries.at(-1)!;

    // Departed, from the household page.
    await openHousehold(page, 'Aditya Ramdas');
    const panel = page.getByTestId('trips-panel');
    await expect(panel.getByTestId('trip-status')).toHaveText('नियोजित');
    await panel.getByTestId('record-departed').click();
    const departed = panel.getByTestId('trip-event-form');
    await departed.locator('input[id$="-date"]').fill(isoDaysAgo(40));
    await departed.locator('input[id$="-date"]').press('Enter');
    await expect(panel.getByTestId('trip-status')).toHaveText('निघाले');

    // ---- Both offices enrol with the hub; home sends its work (the bridge keeps running meanwhile).
    const home = openOfficeData(office.dataDir);
    try {
      await enrol(hub, home);
      await toHub(hub, home);
    } finally {
      home.store.close();
    }
    mkdirSync(join(work, 'parli'));
    const parli = await openOffice(join(work, 'parli'), '4712', { stateKeyFile: keys.stateKeyFile });
    try {
      await enrol(hub, parli.data);
      await fromHub(hub, parli.data, '4712');

      // ---- Parli: the family is incoming; the arrival is confirmed with a local Anganwadi, and the baby,
      // six and a half weeks old when they arrived, gets the first pentavalent dose there.
      const incoming = await parli.call('migration.lists', { list: 'incoming' });
      expect(incoming.households.map((h) => h.householdId)).toContain(family.householdId);
      await parli.call('migration.recordEvent', { householdId: family.householdId, event: 'arrived', date: isoDaysAgo(38), awcCode: PARLI_AWC });
      const present = await parli.call('migration.lists', { list: 'present' });
      expect(present.households.map((h) => h.householdId)).toContain(family.householdId);
      await parli.call('services.record', { beneficiaryId: baby.id, service: 'Penta-1', date: isoDaysAgo(35), source: 'given', awcCode: PARLI_AWC });
      await toHub(hub, parli.data);
    } finally {
      parli.close();
    }

    // ---- Home receives the arrival and the dose.
    const again = openOfficeData(office.dataDir);
    try {
      await fromHub(hub, again, '2714');
    } finally {
      again.store.close();
    }
    await openHousehold(page, 'Aditya Ramdas');
    await expect(panel.getByTestId('trip-status')).toHaveText('पोहोचले');
    await expect(panel.getByTestId('trip-event')).toHaveCount(2);
    await snap(page, 'season-arrived-at-parli');

    // Back home: returned.
    await panel.getByTestId('record-returned').click();
    const returned = panel.getByTestId('trip-event-form');
    await returned.locator('input[id$="-date"]').fill(isoDaysAgo(2));
    await returned.locator('input[id$="-date"]').press('Enter');
    await expect(panel.getByTestId('trip-status')).toHaveText('परतले');
    await expect(panel.getByTestId('trip-event')).toHaveCount(3);
    // What the family is due now, on its page: Penta-2, and Penta-1 no longer.
    const due = page.getByTestId('household-due');
    await expect(due.getByTestId('household-due-PENTA-2')).toBeVisible();
    await expect(due.getByTestId('household-due-PENTA-1')).toHaveCount(0);
    await snap(page, 'season-returned');

    // The family sheet: Penta-1 given at Parli with its date; Penta-2 due; the birth doses not given are
    // still listed, but Penta-1 is not among the overdue.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'कुटुंब पत्रक (A5)' }).click()]);
    const sheet = execFileSync('pdftotext', ['-enc', 'UTF-8', await download.path(), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const printed = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
    expect(sheet).toContain(`पेंटाव्हॅलेंट १ / Penta-1 — ${printed(isoDaysAgo(35))}`);
    expect(sheet).toContain('पेंटाव्हॅलेंट २ / Pentavalent-2 — देय / due');
    expect(sheet).not.toContain('Pentavalent-1 — थकीत');
  } finally {
    await hubDb.destroy();
    rmSync(work, { recursive: true, force: true });
  }
});
