import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import type { CardView, FamilySheetView, HomePlace } from '../../../src-main/cards/index.ts';
import { beneficiaryCategory, cardCategory } from '../../../src-main/registry/category.ts';
import type { BeneficiaryCategory } from '../../../src-main/registry/types.ts';
import { servicesDue, type GivenService, type ScheduleSubject } from '../../../src-main/schedule/index.ts';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `mts-${prefix}-`));
}

export const ARTIFACTS = resolve('test-results/artifacts');

export function saveArtifact(file: string, name: string): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  copyFileSync(file, join(ARTIFACTS, name));
}

// ---- Debian tools (poppler-utils, zbar-tools) ----

export function pdfText(pdf: string, extra: string[] = []): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...extra, pdf, '-'], { encoding: 'utf8' });
}

export function pdfInfo(pdf: string): { pages: number; sizes: [number, number][] } {
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]);
  const sizes = [...out.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map(
    (m) => [Number(m[1]), Number(m[2])] as [number, number],
  );
  return { pages, sizes };
}

/** Rasterises page `page` at `dpi`, optionally a crop (x, y, w, h in pixels); returns the PNG path. */
export function rasterise(pdf: string, page: number, dpi: number, outBase: string, crop?: [number, number, number, number]): string {
  const args = ['-r', String(dpi), '-png', '-f', String(page), '-l', String(page), '-singlefile'];
  if (crop) args.push('-x', String(crop[0]), '-y', String(crop[1]), '-W', String(crop[2]), '-H', String(crop[3]));
  execFileSync('pdftoppm', [...args, pdf, outBase]);
  return `${outBase}.png`;
}

/** Decoded QR payloads in a PNG (zbarimg exits 4 when it finds none). */
export function decodeQr(png: string): string[] {
  try {
    const out = execFileSync('zbarimg', ['-q', '--nodbus', '--raw', '-Sdisable', '-Sqrcode.enable', png], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.split('\n').filter(Boolean);
  } catch (error) {
    if ((error as { status?: number }).status === 4) return [];
    throw error;
  }
}

// ---- Raw PDF inspection ----

/**
 * Every text view of a PDF file in which a number could hide: the raw bytes, the raw bytes with NUL bytes removed
 * (UTF-16BE strings such as ActualText), and the same for each inflated FlateDecode stream.
 */
export function pdfByteViews(pdf: string): string[] {
  const raw = readFileSync(pdf);
  const views = [raw.toString('latin1')];
  const streamRe = /stream\r?\n/g;
  const text = views[0]!;
  for (let m = streamRe.exec(text); m; m = streamRe.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      views.push(inflateSync(raw.subarray(start, end)).toString('latin1'));
    } catch {
      // not a Flate stream (e.g. a JPEG)
    }
  }
  return views.flatMap((v) => [v, v.replace(/\0/g, '')]);
}

/** A run of exactly 12 digits, or 12 digits in groups of four (spaces or hyphens), not part of a longer number. */
export const AADHAAR_LIKE = /(?<!\d[ -]?)\d{4}[ -]?\d{4}[ -]?\d{4}(?![ -]?\d)/;

/**
 * Empties hex strings before scanning for numbers: in content streams they are glyph IDs (the visible text, which
 * tests check through pdftotext instead), in the trailer the random document /ID.
 */
export function withoutHexStrings(view: string): string {
  return view.replace(/<[0-9a-fA-F\s]+>/g, '<>');
}

// ---- Test images ----

/** Colour of the portrait placeholder (head and shoulders on a light background) at one pixel. */
function portraitColour(x: number, y: number, width: number, height: number): [number, number, number] {
  const head = (x - width / 2) ** 2 / (width * 0.2) ** 2 + (y - height * 0.38) ** 2 / (height * 0.2) ** 2 <= 1;
  const body = y > height * 0.62 && (x - width / 2) ** 2 / (width * 0.42) ** 2 + (y - height) ** 2 / (height * 0.4) ** 2 <= 1;
  return head ? [150, 105, 80] : body ? [180, 40, 60] : [215, 228, 240];
}

/** The portrait as a JPEG, as the registration screen stores photos (encoded in-process: no image program needed). */
export function portraitJpeg(width = 120, height = 150, quality = 85): Buffer {
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = portraitColour(x, y, width, height);
      rgba.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return Buffer.from(jpeg.encode({ data: rgba, width, height }, quality).data);
}

/** A small PNG of the same portrait, encoded here with zlib. */
export function portraitPng(width = 120, height = 150): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set(portraitColour(x, y, width, height), 1 + x * 3);
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- A realistic household: the Pawar family of Patoda (Beed), cutting sugarcane in Kagal (Kolhapur) ----

export const TODAY = '2025-11-15';

export const PATODA: HomePlace = {
  village: { mr: 'डोंगरकिन्ही', en: 'Dongarkinhi' },
  block: { mr: 'पाटोदा', en: 'Patoda' },
  district: { mr: 'बीड', en: 'Beed' },
  awc: { code: '27523040311', name: { mr: 'डोंगरकिन्ही-१', en: 'Dongarkinhi-1' } },
};

export const KAGAL = {
  state: { mr: 'महाराष्ट्र', en: 'Maharashtra' },
  district: { mr: 'कोल्हापूर', en: 'Kolhapur' },
  block: { mr: 'कागल', en: 'Kagal' },
  place: { mr: 'बामणी ऊसतोड तळ', en: 'Bamani cane camp' },
};

interface Person {
  mtsId: string;
  nameMr: string;
  nameEn: string;
  subject: ScheduleSubject & { sex: 'F' | 'M'; dateOfBirth: string };
  given: GivenService[];
  aadhaarLast4: string | null;
  nutrition: FamilySheetView['members'][number]['nutrition'];
}

export const FAMILY: Person[] = [
  {
    mtsId: '2714001000000421',
    nameMr: 'सुनीता रामदास पवार',
    nameEn: 'Sunita Ramdas Pawar',
    subject: { sex: 'F', dateOfBirth: '1997-04-12', lmp: '2025-08-10' },
    given: [{ key: 'ANC-1', date: '2025-09-20' }, { key: 'TD-PW-1', date: '2025-09-20' }],
    aadhaarLast4: '4821',
    nutrition: null,
  },
  {
    mtsId: '2714001000000439',
    nameMr: 'ओंकार रामदास पवार',
    nameEn: 'Omkar Ramdas Pawar',
    subject: { sex: 'M', dateOfBirth: '2024-09-20' },
    given: [
      { key: 'BCG', date: '2024-09-20' },
      { key: 'OPV-0', date: '2024-09-20' },
      { key: 'HEPB-0', date: '2024-09-20' },
      ...['OPV', 'PENTA', 'RVV'].flatMap((v) => [
        { key: `${v}-1`, date: '2024-11-01' },
        { key: `${v}-2`, date: '2024-11-29' },
        { key: `${v}-3`, date: '2024-12-27' },
      ]),
      { key: 'FIPV-1', date: '2024-11-01' },
      { key: 'FIPV-2', date: '2024-12-27' },
      { key: 'PCV-1', date: '2024-11-01' },
      { key: 'PCV-2', date: '2024-12-27' },
    ],
    aadhaarLast4: null,
    nutrition: { label: { mr: 'मध्यम तीव्र कुपोषित (MAM)', en: 'Moderate acute malnutrition (MAM)' }, measuredOn: '2025-10-28' },
  },
  {
    mtsId: '2714001000000447',
    nameMr: 'वैष्णवी रामदास पवार',
    nameEn: 'Vaishnavi Ramdas Pawar',
    subject: { sex: 'F', dateOfBirth: '2021-03-05' },
    given: [{ key: 'MR-1', date: '2021-12-05' }, { key: 'VITA-1', date: '2021-12-05' }],
    aadhaarLast4: '0937',
    nutrition: { label: { mr: 'सामान्य', en: 'Normal' }, measuredOn: '2025-10-28' },
  },
  {
    mtsId: '2714001000000455',
    nameMr: 'ज्ञानेश्वरी दत्तात्रय भीमराव क्षीरसागर-देशमुख',
    nameEn: 'Dnyaneshwari Dattatray Bhimrao Kshirsagar-Deshmukh',
    subject: { sex: 'F', dateOfBirth: '2011-06-18' },
    given: [],
    aadhaarLast4: '7710',
    nutrition: null,
  },
];

/** The registry's category on TODAY, as printing derives it for a card. */
function categoryOf(subject: ScheduleSubject): BeneficiaryCategory | null {
  const sex = subject.sex === 'F' ? 'f' : subject.sex === 'M' ? 'm' : 'o';
  const facts = { sex, dob: subject.dateOfBirth!, lmpDate: subject.lmp ?? null, deliveryDate: subject.deliveryDate ?? null } as const;
  return cardCategory(beneficiaryCategory(facts, TODAY));
}

export function cardFor(p: Person, photo: Buffer | null = null): CardView {
  return {
    mtsId: p.mtsId,
    nameMr: p.nameMr,
    nameEn: p.nameEn,
    sex: p.subject.sex,
    dateOfBirth: p.subject.dateOfBirth,
    dobEstimated: false,
    category: categoryOf(p.subject),
    maskedAadhaar: p.aadhaarLast4 ? `XXXX XXXX ${p.aadhaarLast4}` : null,
    home: PATODA,
    destination: KAGAL,
    workSector: 'sugarcane-cutting',
    photo,
    validUntil: '2026-06-30',
  };
}

export function familySheetView(): FamilySheetView {
  return {
    headNameMr: 'रामदास भीमराव पवार',
    headNameEn: 'Ramdas Bhimrao Pawar',
    contactNumber: '9423012345',
    home: PATODA,
    sourceAwcContact: { workerName: { mr: 'मंगल शिंदे', en: 'Mangal Shinde' }, phone: '9822011223' },
    destination: KAGAL,
    workSector: 'sugarcane-cutting',
    employer: 'बाबासाहेब मुंडे (मुकादम) / Babasaheb Munde (mukadam)',
    departureDate: '2025-10-25',
    expectedReturn: '2026-04-15',
    members: FAMILY.map((p) => ({
      mtsId: p.mtsId,
      nameMr: p.nameMr,
      nameEn: p.nameEn,
      sex: p.subject.sex,
      dateOfBirth: p.subject.dateOfBirth,
      category: categoryOf(p.subject),
      nutrition: p.nutrition,
      services: servicesDue(p.subject, p.given, TODAY),
    })),
    printedOn: TODAY,
    issuingOffice: { mr: 'एबाविसे प्रकल्प पाटोदा', en: 'ICDS Project Patoda' },
  };
}

/** Rasterises one page in greyscale and returns its pixels (0 = black, 255 = white). */
export function greyPixels(pdf: string, page: number, dpi: number, outBase: string): { width: number; height: number; at(xPt: number, yPt: number): number } {
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), '-singlefile', pdf, outBase]);
  const data = readFileSync(`${outBase}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const offset = header[0].length;
  const scale = dpi / 72;
  return {
    width,
    height,
    at: (xPt, yPt) => data[offset + Math.floor(yPt * scale) * width + Math.floor(xPt * scale)] ?? 255,
  };
}

/** Darkest pixel inside a rectangle given in points. */
export function darkest(img: ReturnType<typeof greyPixels>, x: number, y: number, w: number, h: number, dpi: number): number {
  let min = 255;
  const step = 72 / dpi;
  for (let yy = y; yy < y + h; yy += step) for (let xx = x; xx < x + w; xx += step) min = Math.min(min, img.at(xx, yy));
  return min;
}
