import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, snap, test } from './fixtures.ts';
import { setUpOfficeAndLogIn } from './office-setup.ts';

test('a supervisor opens Reports: chart and table, filters by AWC, downloads the Excel and the PDF', async ({ page, office }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // The practice office: families registered today, this season's trips, a measurement per young child.
  await setUpOfficeAndLogIn(page, office.url, { demo: true });
  await page.keyboard.press('Alt+6');

  const registrations = page.getByTestId('report-registrations');
  await expect(registrations.getByTestId('report-chart')).toBeVisible();
  await expect(registrations.getByTestId('report-row').first()).toBeVisible();
  // Chart.js has drawn the bars: the canvas holds coloured pixels.
  await expect.poll(() => registrations.getByTestId('report-chart').evaluate((node) => {
    // The spec's type-check has no DOM library: the canvas is described by the little it uses.
    const canvas = node as unknown as { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
    return painted;
  })).toBeGreaterThan(1000);
  const allRows = await registrations.getByTestId('report-row').count();
  expect(allRows).toBeGreaterThan(1);
  await snap(page, 'reports-registrations-mr');

  // One Anganwadi: one row, and the totals are that row's.
  const awc = page.getByTestId('report-awc');
  const firstAwc = await awc.locator('option').nth(1).getAttribute('value');
  await awc.selectOption(firstAwc!);
  await expect(registrations.getByTestId('report-row')).toHaveCount(1);
  await expect(registrations.getByTestId('report-row').first()).toContainText(firstAwc!);

  const [excel] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-excel').click()]);
  expect(excel.suggestedFilename()).toMatch(new RegExp(`^mts-registrations-\\d{4}-\\d{2}-\\d{2}_\\d{4}-\\d{2}-\\d{2}-${firstAwc}\\.xlsx$`));
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync((await excel.path())!) as never);
  const sheet = book.worksheets[0]!;
  expect(sheet.getRow(5).values).toContain('कुटुंबे');
  expect(sheet.getRow(6).values).toContain('Households');
  expect(sheet.getRow(7).getCell(1).value).toBe(firstAwc);
  expect(typeof sheet.getRow(7).getCell(3).value).toBe('number');

  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-pdf').click()]);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', (await pdf.path())!, '-'], { encoding: 'utf8' });
  expect(text).toContain('अंगणवाडी व लाभार्थी प्रकारानुसार नोंदणी');
  expect(text).toContain('Registrations by Anganwadi and beneficiary category');
  expect(text).toContain(firstAwc!);

  // Nutrition, in English: a trend chart by month and a row per AWC.
  await page.getByTestId('report-awc').selectOption('');
  await page.getByTestId('report-tab-nutrition').click();
  const nutrition = page.getByTestId('report-nutrition');
  await expect(nutrition.getByTestId('report-chart')).toBeVisible();
  await expect(nutrition.getByTestId('report-totals')).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(nutrition.getByRole('heading', { name: 'Nutrition status per Anganwadi' })).toBeVisible();
  await snap(page, 'reports-nutrition-en');

  // Migration efflux, and the department lists.
  await page.getByTestId('report-tab-migration').click();
  await expect(page.getByTestId('report-efflux').getByTestId('report-chart')).toBeVisible();
  await snap(page, 'reports-efflux-en');
  await page.getByTestId('report-tab-departments').click();
  const [education] = await Promise.all([page.waitForEvent('download'), page.getByTestId('department-education').click()]);
  expect(education.suggestedFilename()).toMatch(/^mts-education-.*\.xlsx$/);
  await snap(page, 'reports-departments-en');
  expect(errors).toEqual([]);
});
