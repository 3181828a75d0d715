import { describe, it, expect, beforeAll } from 'vitest';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { renderFamilySheet, sheetServices } from '../../../src-main/cards/index.ts';
import { servicesDue } from '../../../src-main/schedule/index.ts';
import {
  AADHAAR_LIKE,
  FAMILY,
  familySheetView,
  pdfByteViews,
  pdfInfo,
  pdfText,
  rasterise,
  saveArtifact,
  TODAY,
  tempDir,
  withoutHexStrings,
} from './fixtures.ts';

const dir = tempDir('family');
const grouped = (id: string): string => id.replace(/(\d{4})(?=\d)/g, '$1 ');
/** pdftotext may break a long line; compare on text with line breaks folded into spaces. */
const fold = (s: string): string => s.replace(/\s+/g, ' ');

describe('A5 family sheet for the destination Anganwadi worker', () => {
  const pdf = join(dir, 'family.pdf');
  const progress: [number, number][] = [];
  let text = '';
  beforeAll(async () => {
    await renderFamilySheet(createWriteStream(pdf), familySheetView(), { onProgress: (d, t) => progress.push([d, t]) });
    text = fold(pdfText(pdf));
  });

  it('is on exact A5 pages', () => {
    const info = pdfInfo(pdf);
    expect(info.pages).toBeGreaterThanOrEqual(1);
    for (const size of info.sizes) expect(size).toEqual([419.53, 595.28]);
  });

  it('lists every member in order with ID, category and latest nutrition status', () => {
    let cursor = 0;
    for (const p of FAMILY) {
      const at = text.indexOf(p.nameMr, cursor);
      expect(at, p.nameEn).toBeGreaterThanOrEqual(cursor);
      cursor = at;
      expect(text).toContain(p.nameEn);
      expect(text).toContain(grouped(p.mtsId));
    }
    expect(text).toContain('गरोदर महिला / Pregnant woman');
    expect(text).toContain('बालक (० ते ३ वर्षे) / Child (0–3 years)');
    expect(text).toContain('किशोरवयीन मुलगी / Adolescent girl');
    expect(text).toContain('मध्यम तीव्र कुपोषित (MAM) / Moderate acute malnutrition (MAM) (28-10-2025)');
    expect(text).toContain('मोजमाप नाही / not measured');
    expect(progress.at(-1)).toEqual([FAMILY.length, FAMILY.length]);
  });

  it('shows the services due and overdue that the UIP schedule gives for each member', () => {
    // Hand-checked against the schedule on 15/11/2025:
    // Omkar (born 20/09/2024, primary series complete) is 14 months: MR-1, PCV booster and vitamin A-1
    // (9–12 months) are overdue; THR (6 months–3 years) is due.
    expect(text).toContain('गोवर-रुबेला (एमआर) १ / MR-1 — थकीत / overdue');
    expect(text).toContain('पीसीव्ही बूस्टर / PCV booster — थकीत / overdue');
    expect(text).toContain('जीवनसत्त्व अ — मात्रा १ / Vitamin A dose 1 — थकीत / overdue');
    // Sunita (LMP 10/08/2025, Td-1 on 20/09/2025): Td-2 due since 18/10/2025; ANC-2 from 14 weeks, 16/11/2025.
    expect(text).toContain('टीडी-२ (गरोदर) / Td-2 (pregnancy) — देय / due, पासून / since 18-10-2025');
    expect(text).toContain('प्रसूतीपूर्व तपासणी २ / ANC visit 2 — देय दिनांक / due on 16-11-2025');
    // Vaishnavi (4 years): hot cooked meal; the adolescent girl: Td at 10 years overdue.
    expect(text).toContain('गरम ताजा आहार (HCM) / Hot cooked meal (HCM) — देय / due');
    expect(text).toContain('टीडी (१० वर्षे) / Td (10 years) — थकीत / overdue');
    // Every actionable service of every member is on the sheet.
    for (const p of FAMILY) {
      for (const s of servicesDue(p.subject, p.given, TODAY).filter((x) => x.status === 'due' || x.status === 'overdue')) {
        expect(text, `${p.nameEn}: ${s.key}`).toContain(`${s.label.mr} / ${s.label.en}`);
      }
    }
    // Doses already given are not listed as due.
    expect(text).not.toContain('टीडी-१ (गरोदर) / Td-1');
  });

  it('gives the home AWC contact, destination and the season', () => {
    expect(text).toContain('मंगल शिंदे / Mangal Shinde · 9822011223');
    expect(text).toContain('27523040311 — डोंगरकिन्ही-१ / Dongarkinhi-1');
    expect(text).toContain('बामणी ऊसतोड तळ, कागल, कोल्हापूर, महाराष्ट्र / Bamani cane camp, Kagal, Kolhapur, Maharashtra');
    expect(text).toContain('15-04-2026');
    expect(text).toContain('स्थलांतरित कुटुंब — सेवा पत्रक');
  });

  it('holds no Aadhaar-like number', () => {
    for (const v of pdfByteViews(pdf).map(withoutHexStrings)) expect(v).not.toMatch(AADHAAR_LIKE);
    expect(text).not.toMatch(AADHAAR_LIKE);
  });

  it('saves a PNG of the sheet as a test artifact', () => {
    saveArtifact(rasterise(pdf, 1, 110, join(dir, 'family-png')), 'family-sheet-pawar.png');
  });
});

describe('sheetServices', () => {
  it('puts overdue first, then due, then what comes up within 45 days; never given or far-off items', () => {
    const omkar = FAMILY[1]!;
    const list = sheetServices(servicesDue(omkar.subject, omkar.given, TODAY), TODAY);
    const statuses = list.map((s) => s.status);
    expect(statuses.indexOf('due')).toBeGreaterThan(statuses.lastIndexOf('overdue'));
    expect(list.some((s) => s.status === 'given' || s.status === 'missed' || s.status === 'waiting')).toBe(false);
    // MR-2 and DPT booster-1 start at 16 months (20/01/2026), beyond 45 days.
    expect(list.some((s) => s.key === 'MR-2' || s.key === 'DPT-B1')).toBe(false);
  });
});
