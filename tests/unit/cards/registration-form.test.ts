import { describe, it, expect, beforeAll } from 'vitest';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  renderBlankRegistrationForm,
  renderFilledRegistrationForm,
  PrintInputError,
  type FilledFormView,
} from '../../../src-main/cards/index.ts';
import { HOUSEHOLD_REGISTRATION_FORM, type FormField } from '../../../src-main/registry/form-definition.ts';
import {
  AADHAAR_LIKE,
  FAMILY,
  pdfByteViews,
  pdfInfo,
  pdfText,
  rasterise,
  saveArtifact,
  tempDir,
  withoutHexStrings,
} from './fixtures.ts';

const dir = tempDir('form');
const def = HOUSEHOLD_REGISTRATION_FORM;
const fold = (s: string): string => s.replace(/\s+/g, ' ');

/** The labels in paper order, with the member block repeated `repeat` times. */
function labelsInOrder(repeat: (count: { paperCount: number; min: number }) => number): FormField['label'][] {
  return def.sections.flatMap((s) => {
    const times = s.repeat ? repeat(s.repeat) : 1;
    return Array.from({ length: times }, () => s.fields.map((f) => f.label)).flat();
  });
}

/** Finds each label (Marathi, then English) after the previous one; returns the first that is out of order. */
function firstOutOfOrder(text: string, labels: FormField['label'][]): string | null {
  let cursor = 0;
  for (const label of labels) {
    for (const part of [label.mr, label.en]) {
      const at = text.indexOf(part, cursor);
      if (at < 0) return part;
      cursor = at + part.length;
    }
  }
  return null;
}

describe('form definition (issue 3 order)', () => {
  it('lists the fields in the order of the paper form', () => {
    const keys = def.sections.map((s) => [s.key, s.fields.map((f) => f.key)]);
    expect(keys).toEqual([
      // The head's name is member 1's (issue 12): not asked again in the household section.
      ['household', ['awc', 'contactNumber', 'nativeVillage', 'socialCategory']],
      ['identity', ['aadhaar', 'pan', 'rationCard', 'voterId', 'mgnregaJobCard']],
      [
        'member',
        ['nameMr', 'nameEn', 'relation', 'sex', 'dateOfBirth', 'declaredAgeYears', 'pregnant', 'lmp', 'lactating', 'deliveryDate', 'rchId',
          'measuredOn', 'weightKg', 'heightCm', 'posture', 'muacMm', 'oedema'],
      ],
      ['migration', ['departureDate', 'destinationState', 'destinationDistrict', 'destinationBlock', 'destinationPlace', 'workSector', 'employer', 'expectedReturn']],
    ]);
  });

  it('has unique keys, both scripts on every label, options or a lookup for every choice', () => {
    const fields = def.sections.flatMap((s) => s.fields);
    expect(new Set(fields.map((f) => f.key)).size).toBe(fields.length);
    for (const f of fields) {
      expect(f.label.mr, f.key).toMatch(/[\u0900-\u097F]/);
      expect(f.label.en, f.key).toMatch(/^[A-Za-z]/);
      if (f.kind === 'choice') expect(!!f.options !== !!f.lookup, f.key).toBe(true);
      for (const o of f.options ?? []) expect(o.label.mr).toMatch(/[\u0900-\u097F]/);
    }
    const social = fields.find((f) => f.key === 'socialCategory')?.options?.map((o) => o.value);
    expect(social).toEqual(['SC', 'ST', 'OBC', 'VJNT', 'SBC', 'GEN', 'OTHER']);
    const sectors = fields.find((f) => f.key === 'workSector')?.options?.map((o) => o.label.en);
    expect(sectors).toEqual(['Sugarcane cutting', 'Sugar factory', 'Brick kiln', 'Construction', 'Stone crushing', 'Agricultural labour', 'Other']);
    expect(fields.find((f) => f.key === 'aadhaar')).toMatchObject({ kind: 'digits', length: 12, sensitive: 'aadhaar' });
    const contact = new RegExp(fields.find((f) => f.key === 'contactNumber')?.pattern ?? '^$');
    expect(contact.test('9423012345')).toBe(true);
    expect(contact.test('5423012345')).toBe(false);
  });
});

describe('blank registration form', () => {
  const pdf = join(dir, 'blank.pdf');
  let layoutText = '';
  beforeAll(async () => {
    await renderBlankRegistrationForm(createWriteStream(pdf));
    layoutText = fold(pdfText(pdf, ['-layout']));
  });

  it('is on exact A4 pages', () => {
    const info = pdfInfo(pdf);
    expect(info.pages).toBeGreaterThan(1);
    for (const size of info.sizes) expect(size).toEqual([595.28, 841.89]);
  });

  it('prints every field label, in both scripts, in the definition’s order, with six member blocks', () => {
    const labels = labelsInOrder((r) => r.paperCount);
    expect(labels.length).toBe(4 + 5 + 6 * 17 + 8);
    expect(firstOutOfOrder(layoutText, labels)).toBeNull();
    expect(layoutText).toContain('सदस्य ६ / 8. Household member 6');
    expect(layoutText).not.toContain('Household member 7');
  });

  it('the order check fails when two fields are swapped (so it can fail)', () => {
    const labels = labelsInOrder((r) => r.paperCount);
    const swapped = [labels[1]!, labels[0]!, ...labels.slice(2)];
    expect(firstOutOfOrder(layoutText, swapped)).not.toBeNull();
  });

  it('prints every choice option with a box', () => {
    const text = fold(pdfText(pdf));
    for (const f of def.sections.flatMap((s) => s.fields)) {
      for (const o of f.options ?? []) expect(text).toContain(`${o.label.mr} / ${o.label.en}`);
    }
  });

  it('saves a PNG of the first page as a test artifact', () => {
    saveArtifact(rasterise(pdf, 1, 90, join(dir, 'blank-png')), 'registration-form-blank-p1.png');
  });
});

describe('filled registration form', () => {
  const filled: FilledFormView = {
    values: {
      awc: '27523040311 — डोंगरकिन्ही-१ / Dongarkinhi-1',
      contactNumber: '9423012345',
      nativeVillage: 'डोंगरकिन्ही / Dongarkinhi',
      socialCategory: 'VJNT',
      aadhaar: 'XXXX XXXX 5531',
      rationCard: 'MH-27-0456123',
      departureDate: '2025-10-25',
      destinationState: 'महाराष्ट्र / Maharashtra',
      destinationDistrict: 'कोल्हापूर / Kolhapur',
      destinationBlock: 'कागल / Kagal',
      destinationPlace: 'बामणी ऊसतोड तळ / Bamani cane camp',
      workSector: 'sugarcane-cutting',
      employer: 'बाबासाहेब मुंडे (मुकादम)',
      expectedReturn: '2026-04-15',
    },
    // Member 1 is the head (issue 12): his name is printed once, in his member block.
    members: [{ nameMr: 'रामदास भीमराव पवार', nameEn: 'Ramdas Bhimrao Pawar', sex: 'M', dateOfBirth: '1990-02-11', relation: 'self' }, ...FAMILY.map((p, i) => ({
      nameMr: p.nameMr,
      nameEn: p.nameEn,
      sex: p.subject.sex,
      dateOfBirth: p.subject.dateOfBirth,
      relation: i === 0 ? 'spouse' : p.subject.sex === 'F' ? 'daughter' : 'son',
      pregnant: !!p.subject.lmp,
      lmp: p.subject.lmp ?? null,
      ...(i === 0 ? { rchId: '127004567890123' } : {}),
      ...(i === 1 ? { measuredOn: '2025-10-28', weightKg: 8.4, heightCm: 74.5, posture: 'lying', muacMm: 121, oedema: false } : {}),
    }))],
    memberIds: ['', ...FAMILY.map((p) => p.mtsId)],
    printedOn: '2025-11-15',
    office: { mr: 'एबाविसे प्रकल्प पाटोदा', en: 'ICDS Project Patoda' },
  };
  const pdf = join(dir, 'filled.pdf');
  let text = '';
  beforeAll(async () => {
    await renderFilledRegistrationForm(createWriteStream(pdf), filled, { compress: false });
    text = fold(pdfText(pdf));
  });

  it('prints the household’s answers and one block per member, with their MTS IDs', () => {
    for (const v of ['रामदास भीमराव पवार', 'Ramdas Bhimrao Pawar', 'बामणी ऊसतोड तळ / Bamani cane camp', 'बाबासाहेब मुंडे (मुकादम)']) {
      expect(text).toContain(v);
    }
    for (const p of FAMILY) {
      expect(text).toContain(p.nameMr);
      expect(text).toContain(p.nameEn);
      expect(text).toContain(p.mtsId.replace(/(\d{4})(?=\d)/g, '$1 '));
    }
    expect(text).toContain('Household member 5');
    expect(text).not.toContain('Household member 6');
    expect(text).toContain('भरलेली प्रत / Filled copy');
    expect(text).toContain('8.4');
    // Digits and dates in boxes read back as whole values.
    expect(text).toContain('9423012345');
    expect(text).toContain('25-10-2025');
    expect(text).toContain('20-09-2024');
    // The RCH ID (10–15 digits) fills its 15 boxes.
    expect(text).toContain('127004567890123');
  });

  it('shows Aadhaar only masked: no Aadhaar-like number in the bytes or the text', () => {
    const layout = pdfText(pdf, ['-layout']);
    expect(text).toContain('XXXX XXXX 5531');
    for (const v of pdfByteViews(pdf).map(withoutHexStrings)) expect(v).not.toMatch(AADHAAR_LIKE);
    expect(layout).not.toMatch(AADHAAR_LIKE);
  });

  it('refuses a full Aadhaar number, malformed digits and unknown options', async () => {
    const sink = (): Writable => new Writable({ write: (_c, _e, cb) => cb() });
    const cases: FilledFormView[] = [
      { ...filled, values: { ...filled.values, aadhaar: '234567890124' } },
      { ...filled, values: { ...filled.values, aadhaar: '2345 6789 0124' } },
      { ...filled, values: { ...filled.values, contactNumber: '94230A2345' } },
      { ...filled, values: { ...filled.values, workSector: 'mining' } },
      { ...filled, members: [{ ...filled.members[1], rchId: '12700456' }, ...filled.members.slice(2)] },
    ];
    for (const c of cases) await expect(renderFilledRegistrationForm(sink(), c)).rejects.toBeInstanceOf(PrintInputError);
  });
});
