import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { exportChanges, importBundle } from '../../src-main/exchange/index.ts';
import { readOfficeKey } from '../../src-main/keys/index.ts';
import { openOfficeData } from '../../src-main/office/open.ts';
import { MAGIC } from '../../src-main/sync/format.ts';
import { daysAgo, pawarForm } from '../helpers/registration.ts';
import { openOffice } from '../unit/sync/exchange-helpers.ts';
import { TestRelay } from '../unit/sync/relay.ts';
import { expect, snap, test } from './fixtures.ts';
import { importStateKeys, setUpOfficeAndLogIn } from './office-setup.ts';

/** Drops files on the Sync page as the operator would drag them from Explorer. */
async function dropFiles(page: Page, files: { name: string; bytes: Buffer }[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    // Runs in the page; the test's own types have no DOM.
    const transfer = new (globalThis as unknown as { DataTransfer: new () => { items: { add(file: File): void } } }).DataTransfer();
    for (const file of list) transfer.items.add(new File([Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))], file.name));
    return transfer;
  }, files.map((file) => ({ name: file.name, base64: file.bytes.toString('base64') })));
  const target = page.getByTestId('sync-page');
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

test('Sync page: status, enrolment request, export, import with preview and confirm, correction, replay, tampered file, split bundle, send now', async ({ page, office }) => {
  test.setTimeout(180_000);
  const work = mkdtempSync(join(tmpdir(), 'mts-e2e-sync-'));
  try {
    // The practice office 2714 with its seeded households.
    await setUpOfficeAndLogIn(page, office.url, { demo: true });
    // The state key file: how this office will recognise the hub's enrolment answer.
    await importStateKeys(page);

    // ---- Not enrolled yet: the page says so and export waits for enrolment; send-now says why it is off.
    await page.keyboard.press('Alt+5');
    await expect(page.getByRole('heading', { level: 1, name: 'समक्रमण' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'देवाणघेवाणीची स्थिती' })).toBeVisible();
    await expect(page.getByTestId('sync-state')).toContainText('अजून राज्य हबकडे नोंदलेले नाही');
    await expect(page.getByRole('button', { name: 'निर्यात फाइल तयार करा' })).toBeDisabled();
    await expect(page.getByRole('button', { name: /आत्ता पाठवा/ })).toBeDisabled();
    await expect(page.getByTestId('sync-export')).toContainText('आधी राज्य हबकडे नोंदणी करा');
    await expect(page.getByTestId('sync-online')).toContainText('आधी राज्य हबकडे नोंदणी करा');

    // The enrolment request: a file to send, and the fingerprint in groups to read out by phone.
    const [requestFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'नोंदणी विनंती तयार करा' }).click()]);
    expect(requestFile.suggestedFilename()).toBe('mts-2714-enrol-request.json');
    expect(readFileSync(await requestFile.path()).length).toBeGreaterThan(0);
    const fingerprint = page.getByTestId('enrol-fingerprint');
    await expect(fingerprint.locator('span')).toHaveCount(6);
    // The digits are this office's own signing key, as the hub will show them.
    const officeKey = readOfficeKey(office.dataDir)!;
    await expect(fingerprint.locator('span')).toHaveText(officeKey.info.fingerprint.split(' '));
    await expect(page.getByTestId('enrol-request')).toContainText('फोन');
    await snap(page, 'sync-not-enrolled-mr');

    // ---- Enrolment in short (the hub's real answer is another test's work): a stand-in hub trusts this
    // office's keys and the office trusts the hub, written into the office's own data folder.
    const relay = await TestRelay.create();
    const here = openOfficeData(office.dataDir);
    await relay.enrol(here);
    here.store.close();

    // Another office (Parli, 4712) registers a family going to this block and sends it to the hub.
    const parliDir = join(work, 'parli');
    mkdirSync(parliDir);
    const parli = await openOffice(parliDir, '4712');
    await relay.enrol(parli.data);
    await parli.call(
      'registry.saveHousehold',
      pawarForm({
        awc: '27047500001',
        headNameMr: 'दत्तू बाबू मुंडे',
        headNameEn: 'Dattu Babu Munde',
        nativeVillage: 'Parli',
        migration: { departureDate: daysAgo(5), destinationState: 'MH', destinationDistrict: 486, destinationPlace: 'Brick kiln, Akkalkuwa', workSector: 'brick-kiln', employer: 'Kiln owner', expectedReturn: daysAgo(-150) },
      }),
    );
    await relay.receive((await exportChanges(parli.data, 'hub')).files);

    // ---- Enrolled: the page (opened again) shows the hub with every change of this office unacknowledged.
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Alt+5');
    const peers = page.getByTestId('sync-peers');
    await expect(peers.locator('tbody tr')).toHaveCount(1);
    await expect(peers.locator('tbody tr').first()).toContainText('राज्य हब');
    await expect(peers.locator('tbody tr').first()).toContainText('कधीच नाही');
    const pending = Number(await peers.locator('tbody tr td.num strong').textContent());
    expect(pending).toBeGreaterThan(100);
    await expect(page.getByTestId('sync-enrolment')).toContainText('नोंदलेले आहे');
    await expect(page.getByTestId('sync-no-gaps')).toBeVisible();

    // ---- Export: one download, a real bundle (magic, format 1) that the hub opens; file named on screen.
    const exportButton = page.getByRole('button', { name: 'निर्यात फाइल तयार करा' });
    await expect(exportButton).toBeEnabled();
    await exportButton.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^mts-2714-to-hub-\d{8}-\d{4}-[0-9a-f]{8}\.mtsb$/);
    const exported = readFileSync(await download.path());
    expect([...exported.subarray(0, 5)]).toEqual([...MAGIC, 1]);
    // The hub opens it and finds every change of this office in it.
    await relay.receive(new Uint8Array(exported));
    expect(relay.highWater()['2714-001']).toBe(pending);

    // Parli receives this office's families through the hub and corrects the spelling of one head's name:
    // an identity field, so it comes back here as a correction for this office (the owner) to decide.
    await importBundle(parli.data, await relay.bundleFor('4712'), { operatorId: null });
    const theirs = parli.data.store.first(
      parli.data.store.db.selectFrom('household').select(['id', 'head_name_en']).where('head_name_en', '!=', 'Dattu Babu Munde').orderBy('id').limit(1),
    )!;
    const proposedName = `${theirs.head_name_en} Parli-spelling`;
    parli.data.writer.write({ operatorId: null }, (batch) => batch.update('household', theirs.id, { head_name_en: proposedName }));
    await relay.receive((await exportChanges(parli.data, 'hub')).files);
    await expect(page.getByTestId('export-files')).toContainText(download.suggestedFilename());
    await expect(page.getByTestId('export-files')).toContainText(String(pending));
    await expect(page.getByTestId('export-files')).toContainText('USB स्टिकवर');
    // Last sent is now this export; nothing is acknowledged until the hub's answer comes back.
    await expect(peers.locator('tbody tr').first().locator('td').nth(1)).toContainText(`${pending} बदल`);
    await expect(peers.locator('tbody tr').first().locator('td').nth(3)).toHaveText(String(pending));
    const history = page.getByTestId('sync-history');
    await expect(history.locator('tbody tr')).toHaveCount(1);
    await expect(history.locator('tbody tr').first()).toContainText('पाठवली');
    await snap(page, 'sync-exported-mr');

    // ---- Import through the file picker: what the hub has for this office (Parli's family).
    const bundlePath = join(work, 'mts-hub-to-2714.mtsb');
    const bundle = Buffer.from(await relay.bundleFor('2714'));
    writeFileSync(bundlePath, bundle);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
    await page.locator('#bundleFiles').setInputFiles(bundlePath);
    const preview = page.getByTestId('import-preview');
    await expect(preview).toContainText('Before importing');
    await expect(preview).toContainText('State hub');
    await expect(preview.locator('table.records')).toContainText('Households');
    // One family: one household new, nothing updated.
    await expect(preview.locator('table.records tr', { hasText: 'Households' }).locator('td')).toHaveText(['Households', '1', '0']);
    await expect(preview.locator('table.records')).toContainText('Beneficiaries');
    await expect(preview.locator('dl.counts')).toContainText('Corrections to review1');
    const confirm = page.getByRole('button', { name: 'Import now' });
    await expect(confirm).toBeFocused();
    await expect(history.locator('tbody tr')).toHaveCount(1);
    await snap(page, 'sync-preview-en');
    await page.keyboard.press('Enter');
    const result = page.getByTestId('import-result');
    await expect(result).toContainText('Import done');
    await expect(result).toContainText('Imported:');
    await expect(history.locator('tbody tr')).toHaveCount(2);
    await expect(history.locator('tbody tr').first()).toContainText('Received');
    await expect(history.locator('tbody tr').first()).toContainText('imported');
    await expect(peers.locator('tbody tr').first().locator('td').nth(2)).not.toContainText('Never');
    await snap(page, 'sync-imported-en');

    // The correction waits for this office's decision; accepting it writes the new spelling here.
    const corrections = page.getByTestId('sync-corrections');
    await expect(corrections.getByRole('heading')).toHaveText('Corrections to review (1)');
    const row = corrections.locator('tbody tr');
    await expect(row).toHaveCount(1);
    await expect(row.locator('td').nth(1)).toHaveText('Head of household, name (English)');
    await expect(row.locator('td').nth(2)).toHaveText(theirs.head_name_en);
    await expect(row.locator('td').nth(3)).toHaveText(proposedName);
    await expect(row.locator('td').nth(4)).toContainText('Office 4712');
    await expect(row.locator('td').nth(4)).toContainText(String(new Date().getFullYear()));
    await expect(row.locator('td').nth(4)).not.toContainText('Invalid');
    await snap(page, 'sync-correction-en');
    await page.getByRole('button', { name: 'मराठी' }).click();
    await expect(row.locator('td').nth(1)).toHaveText('कुटुंबप्रमुखाचे नाव (इंग्रजी)');
    await snap(page, 'sync-correction-mr');
    await page.getByRole('button', { name: 'English' }).click();
    await row.getByRole('button', { name: /^Accept/ }).click();
    await expect(corrections.getByRole('status')).toContainText('Correction accepted');
    await expect(corrections.getByRole('heading')).toHaveText('Corrections to review (0)');

    // The family from Parli is now found here.
    await page.keyboard.press('Alt+2');
    await page.keyboard.type('Munde');
    await expect(page.getByTestId('search-results')).toContainText('Dattu Babu Munde');
    await page.keyboard.press('Alt+5');

    // ---- The same file again, dragged onto the page: already imported, nothing to confirm.
    await dropFiles(page, [{ name: 'mts-hub-to-2714.mtsb', bytes: bundle }]);
    await expect(preview).toContainText('already imported');
    await expect(page.getByRole('button', { name: 'Import now' })).toHaveCount(0);
    await expect(history.locator('tbody tr')).toHaveCount(2);
    await page.getByRole('button', { name: 'Cancel' }).click();

    // ---- A tampered copy (one byte of the encrypted payload changed): refused with one sentence,
    // no summary, nothing recorded.
    const tampered = Buffer.from(bundle);
    const at = tampered.length - 10;
    tampered.writeUInt8(tampered.readUInt8(at) ^ 0x01, at);
    await page.getByRole('button', { name: 'मराठी' }).click();
    await dropFiles(page, [{ name: 'mts-hub-to-2714-tampered.mtsb', bytes: tampered }]);
    const problem = page.getByTestId('problem');
    await expect(problem).toHaveText('बंडलमधील कूटबद्ध माहिती तिच्या सही केलेल्या शीर्षभागातील हॅशशी जुळत नाही; फाइलमध्ये फेरफार झाला आहे किंवा ती खराब झाली आहे.');
    await expect(page.getByTestId('import-preview')).toHaveCount(0);
    await expect(page.getByTestId('import-result')).toHaveCount(0);
    await expect(history.locator('tbody tr')).toHaveCount(2);
    await snap(page, 'sync-refused-mr');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(problem).toHaveText('The encrypted data of the bundle does not match the hash in its signed header; the file was tampered with or damaged.');
    await snap(page, 'sync-refused-en');

    // A file that is not a bundle is left out with its name, nothing sent to the backend.
    await dropFiles(page, [{ name: 'notes.txt', bytes: Buffer.from('hello') }]);
    await expect(page.getByRole('alert').filter({ hasText: 'Only .mtsb files' })).toContainText('notes.txt');

    // ---- A bundle split for e-mail: all parts chosen together (in any order) import as one.
    await parli.call(
      'registry.saveHousehold',
      pawarForm({ awc: '27047500001', headNameMr: 'सखाराम नामदेव केंद्रे', headNameEn: 'Sakharam Namdeo Kendre', nativeVillage: 'Parli', contactNumber: '9890011223', rationCard: '272099887766', aadhaar: undefined, migration: null,
        members: [{ nameMr: 'कावेरी सखाराम केंद्रे', nameEn: 'Kaveri Sakharam Kendre', sex: 'F', declaredAgeYears: 4, relation: 'daughter' }] }),
    );
    await relay.receive((await exportChanges(parli.data, 'hub')).files);
    const parts = await relay.partsFor('2714', 2_000);
    expect(parts.length).toBeGreaterThan(1);
    const partPaths = parts.map((part, index) => {
      const path = join(work, `mts-hub-to-2714-part-${index + 1}-of-${parts.length}.mtsb`);
      writeFileSync(path, part);
      return path;
    });
    await page.getByRole('button', { name: 'मराठी' }).click();
    await page.locator('#bundleFiles').setInputFiles(partPaths.reverse());
    await expect(preview).toContainText('आयात करण्यापूर्वी');
    await expect(preview.locator('table.records tr', { hasText: 'कुटुंबे' }).locator('td')).toHaveText(['कुटुंबे', '1', '0']);
    await expect(page.getByRole('button', { name: 'आयात करा' })).toBeFocused();
    await snap(page, 'sync-preview-parts-mr');
    await page.keyboard.press('Enter');
    await expect(result).toContainText('आयात पूर्ण');
    await expect(history.locator('tbody tr')).toHaveCount(3);
    await snap(page, 'sync-imported-parts-mr');
    await page.keyboard.press('Alt+2');
    await page.keyboard.type('Kendre');
    await expect(page.getByTestId('search-results')).toContainText('Sakharam Namdeo Kendre');

    // ---- Send now: a stand-in hub on this PC (the online endpoint's protocol: POST the bundle, get the
    // answer bundle back) with one more family from Parli waiting for this office.
    await parli.call(
      'registry.saveHousehold',
      pawarForm({ awc: '27047500001', headNameMr: 'किसन भीमा गिते', headNameEn: 'Kisan Bhima Gite', nativeVillage: 'Parli', contactNumber: '9890033445', rationCard: '272011223344', aadhaar: undefined, migration: null,
        members: [{ nameMr: 'राणी किसन गिते', nameEn: 'Rani Kisan Gite', sex: 'F', declaredAgeYears: 2, relation: 'daughter' }] }),
    );
    await relay.receive((await exportChanges(parli.data, 'hub')).files);
    parli.close();
    let posted = 0;
    const hub = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        void (async () => {
          if (request.method !== 'POST' || request.url !== '/v1/exchange') return response.writeHead(404).end();
          posted += 1;
          await relay.receive(new Uint8Array(Buffer.concat(chunks)));
          response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from(await relay.bundleFor('2714')));
        })().catch(() => response.writeHead(500).end());
      });
    });
    await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
    try {
      await page.keyboard.press('Alt+5');
      await page.getByRole('button', { name: 'English' }).click();
      const online = page.getByTestId('sync-online');
      const sendNow = page.getByRole('button', { name: 'Send now (online)' });
      await expect(sendNow).toBeDisabled();
      await expect(online).toContainText('Set the hub address first');
      // Only https (or a hub on this PC): anything else is refused, naming the field.
      await page.locator('#hubAddress').fill('ftp://hub.example');
      await page.getByRole('button', { name: 'Save address' }).click();
      await expect(online.getByTestId('problem')).toContainText('must start with https://');
      await expect(sendNow).toBeDisabled();
      await page.locator('#hubAddress').fill(`http://127.0.0.1:${(hub.address() as AddressInfo).port}`);
      await page.getByRole('button', { name: 'Save address' }).click();
      await expect(online.getByRole('status')).toHaveText('Address saved.');
      await expect(sendNow).toBeEnabled();
      await sendNow.click();
      const sent = page.getByTestId('send-result');
      await expect(sent).toContainText('Sent:');
      await expect(sent).toContainText("The state hub's answer, imported");
      await expect(sent.locator('table.records tr', { hasText: 'Households' }).locator('td')).toHaveText(['Households', '1', '0']);
      expect(posted).toBe(1);
      await expect(history.locator('tbody tr')).toHaveCount(5);
      await expect(history.locator('tbody tr').nth(0)).toContainText('Received');
      await expect(history.locator('tbody tr').nth(1)).toContainText('Sent');
      await snap(page, 'sync-send-now-en');
      await page.getByRole('button', { name: 'मराठी' }).click();
      await expect(sent).toContainText('पाठवले:');
      await snap(page, 'sync-send-now-mr');
      await page.keyboard.press('Alt+2');
      await page.keyboard.type('Gite');
      await expect(page.getByTestId('search-results')).toContainText('Kisan Bhima Gite');
    } finally {
      hub.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
