import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { parseCsv } from '../../src-main/nutrition/csv.ts';
import { expect, snap, test } from './fixtures.ts';
import { setUpOfficeAndLogIn } from './office-setup.ts';

const BATCH_CSV = [
  'child_id,awc,sex,age_days,weight_kg,lenhei_cm,measure,oedema,muac_mm',
  // MUAC under 115 mm at 6–59 months is SAM whatever the weight.
  'C-1,Molgi,f,426,6.2,72,l,n,108',
  // igrowup survey child 1: WHO gives WHZ −0.81, WAZ −0.57 (no wasting, normal weight).
  'C-2,Molgi,f,683,10.4,84.8,l,n,149',
  // Bilateral oedema is SAM by definition.
  'C-3,Molgi,m,500,9.1,77,l,y,',
  'C-4,Molgi,x,300,7,66,l,n,',
].join('\r\n');

test('nutrition calculator shows a SAM child instantly with the growth chart; batch CSV is classified and downloaded', async ({ page, office }) => {
  await setUpOfficeAndLogIn(page, office.url);
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { level: 1, name: 'अहवाल' })).toBeVisible();
  // The calculator and the batch CSV are a tab of the Reports page (supervisors open on the reports).
  await page.getByTestId('report-tab-tools').click();
  const calculator = page.getByTestId('nutrition-calculator');
  await expect(calculator.getByRole('heading', { name: /पोषण कॅल्क्युलेटर/ })).toBeVisible();
  await expect(page.getByTestId('who-attribution')).toContainText('World Health Organization');

  // Keyboard entry, as from a paper form: girl, 426 days (14 months), 6.2 kg, 72 cm lying, MUAC 108 mm.
  await page.locator('#nutSexF').check();
  await page.locator('#nutAgeByDays').check();
  await page.locator('#nutAgeDays').focus();
  await page.keyboard.type('426');
  await page.keyboard.press('Tab');
  await page.keyboard.type('6.2');
  await page.keyboard.press('Tab');
  await page.keyboard.type('72');
  await expect(page.locator('#nutMeasure')).toHaveValue('l');
  await page.locator('#nutMuac').focus();
  await page.keyboard.type('108');

  const result = page.getByTestId('nutrition-result');
  const wasting = result.locator('[data-indicator="wasting"]');
  await expect(wasting).toHaveAttribute('data-code', 'sam');
  await expect(wasting).toContainText('अतितीव्र कुपोषित (SAM)');
  await expect(wasting).toContainText('MUAC');
  const wfa = result.locator('[data-indicator="wfa"]');
  await expect(wfa).toHaveAttribute('data-code', 'suw');
  await expect(wfa).toContainText('तीव्र कमी वजन (SUW)');
  await expect(result).toContainText('426 दिवस (14.0 महिने)');
  const waz = Number(await result.locator('[data-z="waz"] td.z').textContent());
  expect(waz).toBeLessThan(-3);

  // The chart: WHO curves for a girl, her point focusable with date/age, value and z in its title.
  const chart = page.getByTestId('growth-chart');
  await expect(chart.locator('svg')).toHaveAttribute('data-indicator', 'wfa');
  await expect(chart.locator('svg')).toHaveClass(/girl/);
  await expect(chart.locator('.sd-label')).toHaveCount(7);
  const point = chart.getByTestId('chart-point');
  await expect(point).toHaveCount(1);
  await point.focus();
  await expect(point).toBeFocused();
  await expect(point).toHaveAttribute('aria-label', new RegExp(`6\\.20 किलो.*z ${waz.toFixed(2)}`));
  await expect(chart.locator('.tip')).toBeVisible();
  await snap(page, 'nutrition-sam-child');

  // Height-for-age for the same child, then English labels.
  await page.locator('#nutChartHfa').check();
  await expect(chart.locator('svg')).toHaveAttribute('data-indicator', 'hfa');
  await expect(chart.getByTestId('chart-point')).toHaveAttribute('aria-label', /72\.0 सेमी/);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(wasting).toContainText('Severe acute malnutrition (SAM)');
  await expect(wfa).toContainText('Severely underweight (SUW)');
  await expect(chart).toContainText('Length/height-for-age — Girl (WHO)');
  await snap(page, 'nutrition-sam-child-hfa-en');

  // Batch: a file without age_days is refused, naming the column.
  const batch = page.getByTestId('nutrition-batch');
  await batch.locator('#batchFile').setInputFiles({ name: 'no-age.csv', mimeType: 'text/csv', buffer: Buffer.from('child_id,sex,weight_kg\nC-1,f,7.2\n') });
  await expect(batch.getByTestId('problem')).toContainText('age_days');

  await batch.locator('#batchFile').setInputFiles({ name: 'survey.csv', mimeType: 'text/csv', buffer: Buffer.from(BATCH_CSV) });
  const counts = batch.getByTestId('batch-counts');
  await expect(counts).toBeVisible();
  await expect(batch.getByTestId('problem')).toHaveCount(0);
  await expect(batch.getByTestId('batch-result')).toContainText('4');
  await expect(counts.locator('[data-key="wasting_status:sam"] td.num').first()).toHaveText('2');
  await expect(counts.locator('[data-key="wasting_status:normal"] td.num').first()).toHaveText('1');
  await expect(counts.locator('[data-key="error"] td.num').first()).toHaveText('1');
  await snap(page, 'nutrition-batch-en');

  const [download] = await Promise.all([page.waitForEvent('download'), batch.getByTestId('batch-download').click()]);
  expect(download.suggestedFilename()).toBe('survey-classified.csv');
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows] = parseCsv(text);
  expect(header).toEqual([
    'child_id', 'awc', 'sex', 'age_days', 'weight_kg', 'lenhei_cm', 'measure', 'oedema', 'muac_mm',
    'reference', 'waz', 'haz', 'whz', 'baz', 'flags', 'wfa_status', 'wasting_status', 'stunting_status', 'thinness_status', 'error',
  ]);
  const column = (name: string) => rows.map((r) => r[header!.indexOf(name)]);
  expect(column('child_id')).toEqual(['C-1', 'C-2', 'C-3', 'C-4']);
  expect(column('wasting_status')).toEqual(['sam', 'normal', 'sam', '']);
  expect(Number(column('whz')[1])).toBeCloseTo(-0.81, 1);
  expect(column('error')[3]).toContain('sex');
});
