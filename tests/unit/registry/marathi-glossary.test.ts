// The Marathi glossary of the app (COMMON rules, issue 12): गरोदर (never गर्भवती), लाभार्थी प्रकार for the
// beneficiary's category, प्रकल्प कार्यालय for the office, मध्यक for the median; and one set of category
// labels. The source scan keeps the wrong words from coming back in any screen, message, PDF or seed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { categoryLabel as cardCategoryLabel, L as CARD_LABELS } from '../../../src-main/cards/labels.ts';
import { CATEGORY_FIELD_LABEL, CATEGORY_LABELS, categoryLabel } from '../../../src-main/registry/labels.ts';
import { beneficiaryCategory } from '../../../src-main/registry/index.ts';
import type { BeneficiaryCategory } from '../../../src-main/registry/types.ts';
import { CATEGORY_LABELS as RENDERER_CATEGORY_LABELS } from '../../../src-renderer/lib/registration-options.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const SCANNED = ['src-main', 'src-renderer', 'migrations', 'tests', 'scripts', 'bench'];
const EXTENSIONS = /\.(ts|svelte|sql|html|csv|json)$/;
const THIS_FILE = relative(ROOT, import.meta.filename);

/** Wrong word → the glossary's word. */
const FORBIDDEN: readonly (readonly [RegExp, string])[] = [
  [/गर्भवती/, 'गरोदर'],
  [/गर्भावस्थ/, 'गरोदरपण'],
  [/मध्यांक|मध्यमान/, 'मध्यक'],
  [/ब्लॉक ऑफिस|तालुका कार्यालय|गट कार्यालय|ब्लॉक कार्यालय/, 'प्रकल्प कार्यालय'],
  [/लाभार्थी (श्रेणी|प्रवर्ग|वर्ग)/, 'लाभार्थी प्रकार'],
];

/**
 * Bilingual labels ({ mr: '…', en: '…' }) whose English names a glossary term: the Marathi must use the
 * glossary's word. "Category" alone is the beneficiary's category; the social category is "सामाजिक प्रवर्ग".
 */
const BY_ENGLISH: readonly (readonly [RegExp, string])[] = [
  [/^median\b/i, 'मध्यक'],
  [/^category\b/i, 'लाभार्थी प्रकार'],
  [/^pregnan/i, 'गरोदर'],
  [/\b(block|project) office\b/i, 'प्रकल्प कार्यालय'],
];


function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path));
    else if (EXTENSIONS.test(name)) out.push(path);
  }
  return out;
}

function sources(): { path: string; text: string }[] {
  return SCANNED.flatMap((dir) => files(join(ROOT, dir)))
    .map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }))
    .filter((f) => f.path !== THIS_FILE);
}

const PAIR = /\{\s*mr:\s*(['`])((?:(?!\1).)*)\1\s*,\s*en:\s*(['`])((?:(?!\3).)*)\3/g;

describe('Marathi glossary', () => {
  it('no source, seed, PDF text or test uses a forbidden word', () => {
    const found: string[] = [];
    for (const { path, text } of sources()) {
      text.split('\n').forEach((line, i) => {
        for (const [wrong, right] of FORBIDDEN) {
          // A test may name the wrong word to assert that it is absent.
          if (wrong.test(line) && !/not\.toContain|not\.toMatch/.test(line)) found.push(`${path}:${i + 1}: use ${right}: ${line.trim()}`);
        }
      });
    }
    expect(found).toEqual([]);
  });

  it('every bilingual label whose English is a glossary term uses the glossary word in Marathi', () => {
    const found: string[] = [];
    for (const { path, text } of sources()) {
      for (const m of text.matchAll(PAIR)) {
        const [mr, en] = [m[2]!, m[4]!];
        for (const [english, marathi] of BY_ENGLISH) {
          if (!english.test(en) || mr.includes(marathi)) continue;
          found.push(`${path}: "${en}" is "${marathi}" in Marathi, not "${mr}"`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});

describe('one set of category labels', () => {
  const CATEGORIES = Object.keys(CATEGORY_LABELS) as BeneficiaryCategory[];

  it('covers every category the registry derives, each in Marathi and English', () => {
    const derived = new Set<string>();
    for (const sex of ['f', 'm'] as const) {
      for (let years = 0; years <= 40; years++) {
        const dob = `${2025 - years}-06-01`;
        derived.add(beneficiaryCategory({ sex, dob, lmpDate: null, deliveryDate: null }, '2025-11-15'));
      }
    }
    derived.add(beneficiaryCategory({ sex: 'f', dob: '1998-01-01', lmpDate: '2025-09-01', deliveryDate: null }, '2025-11-15'));
    derived.add(beneficiaryCategory({ sex: 'f', dob: '1998-01-01', lmpDate: null, deliveryDate: '2025-09-01' }, '2025-11-15'));
    expect(new Set(CATEGORIES)).toEqual(derived);
    for (const category of CATEGORIES) {
      const label = CATEGORY_LABELS[category];
      expect(label.mr, category).toMatch(/[\u0900-\u097f]/);
      expect(label.mr).not.toMatch(/[A-Za-z]/);
      expect(label.en, category).toMatch(/^[A-Z][A-Za-z ()0-9–]+$/);
    }
    expect(CATEGORY_LABELS.pregnant.mr).toContain('गरोदर');
    expect(CATEGORY_FIELD_LABEL.mr).toBe('लाभार्थी प्रकार');
  });

  it('is the very object the screens, the cards and the family sheets print', () => {
    expect(RENDERER_CATEGORY_LABELS).toBe(CATEGORY_LABELS);
    expect(CARD_LABELS.category).toBe(CATEGORY_FIELD_LABEL);
    for (const category of CATEGORIES) {
      expect(categoryLabel(category)).toBe(CATEGORY_LABELS[category]);
      expect(cardCategoryLabel(category)).toBe(CATEGORY_LABELS[category]);
    }
  });

  it('is defined nowhere else: no other file spells out a category label', () => {
    const own = 'src-main/registry/labels.ts';
    const found: string[] = [];
    for (const { path, text } of sources()) {
      if (path === own || path.startsWith('tests/')) continue;
      // A form's yes/no question ("Lactating", स्तनदा माता) is not a category name; a copied label set would be.
      for (const m of text.matchAll(PAIR)) {
        const label = { mr: m[2]!, en: m[4]! };
        for (const category of CATEGORIES) {
          const ours = CATEGORY_LABELS[category];
          if (category !== 'other' && category !== 'woman' && label.en === ours.en) found.push(`${path}: ${label.en}`);
        }
      }
      if (/CATEGORY_LABELS\s*[:=]/.test(text)) found.push(`${path}: defines CATEGORY_LABELS`);
    }
    expect(found).toEqual([]);
  });
});
