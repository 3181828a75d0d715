import type { Writable } from 'node:stream';
import {
  HOUSEHOLD_REGISTRATION_FORM,
  type FormDefinition,
  type FormField,
  type FormSection,
} from '../registry/form-definition.ts';
import { COLOR } from './card.ts';
import { FONT } from './fonts.ts';
import { assertMaskedAadhaar, formatDate, groupMtsId, PrintInputError } from './format.ts';
import { HEADING } from './labels.ts';
import { createDoc, drawCheckBox, drawText, PAGE, textWidth, type Doc } from './pdf.ts';
import { pipeDocument, type ProgressFn } from './stream.ts';
import type { Bilingual } from './views.ts';

export type FormValue = string | number | boolean | null | undefined;

/**
 * A household's answers, keyed by the form definition's field keys. Dates are ISO; a 'choice' holds the option
 * value, or for master-data lookups (AWC, state, district, block) the display text; Aadhaar only masked.
 */
export interface FilledFormView {
  readonly values: Readonly<Record<string, FormValue>>;
  readonly members: readonly Readonly<Record<string, FormValue>>[];
  /** MTS ID of each member, printed on its block when known. */
  readonly memberIds?: readonly (string | null)[];
  readonly printedOn: string;
  readonly office?: Bilingual;
}

export interface FormRenderOptions {
  onProgress?: ProgressFn;
  compress?: boolean;
  /** Defaults to the household registration form. */
  definition?: FormDefinition;
}

const [PW, PH] = PAGE.A4;
const M = 36;
const CONTENT_W = PW - 2 * M;
const LABEL_W = 190;
const ENTRY_X = M + LABEL_W + 8;
const ENTRY_W = PW - M - ENTRY_X;
const BOX = 14;
const FOOTER_H = 24;
const FILLED_INK = '#0b3d91';
const DEVANAGARI_DIGITS = '०१२३४५६७८९';
const mrNum = (n: number): string => String(n).replace(/\d/g, (d) => DEVANAGARI_DIGITS[Number(d)] ?? d);

type Values = Readonly<Record<string, FormValue>>;

class FormWriter {
  y = 0;
  page = 0;
  constructor(
    private readonly doc: Doc,
    private readonly def: FormDefinition,
    private readonly filled: FilledFormView | null,
  ) {}

  newPage(): void {
    const doc = this.doc;
    doc.addPage({ size: [...PAGE.A4], margin: 0 });
    this.page++;
    doc.save().rect(0, 0, PW, 46).fill(COLOR.navy).rect(0, 46, PW, 2).fill(COLOR.saffron).restore();
    drawText(doc, HEADING.government.mr, M, 6, { font: FONT.bold, size: 9, color: '#ffffff', width: 260 });
    drawText(doc, HEADING.government.en, M, 23, { size: 8.5, color: '#ffffff', width: 260 });
    drawText(doc, this.def.title.mr, PW - M - 230, 4, { font: FONT.bold, size: 11, color: '#ffffff', width: 230, align: 'right' });
    drawText(doc, this.def.title.en, PW - M - 230, 23, { font: FONT.bold, size: 9, color: '#ffffff', width: 230, align: 'right' });
    const kind = this.filled
      ? `भरलेली प्रत / Filled copy · ${formatDate(this.filled.printedOn)}${this.filled.office ? ` · ${this.filled.office.mr} / ${this.filled.office.en}` : ''}`
      : 'कोरा अर्ज / Blank form';
    doc.save().rect(M, PH - FOOTER_H, CONTENT_W, 0.5).fill(COLOR.rule).restore();
    drawText(doc, `${kind} · ${this.def.key} v${this.def.version} · पान / Page ${this.page}`, M, PH - FOOTER_H + 4, {
      size: 6.5,
      color: COLOR.grey,
      width: CONTENT_W,
    });
    this.y = 58;
  }

  fits(height: number): boolean {
    return this.y + height <= PH - FOOTER_H - 8;
  }

  ensure(height: number): void {
    if (!this.fits(height)) this.newPage();
  }

  sectionHeading(text: string, extra?: string): void {
    const doc = this.doc;
    this.ensure(46);
    doc.save().rect(M, this.y, CONTENT_W, 16).fill(COLOR.faint).rect(M, this.y, 3, 16).fill(COLOR.navy).restore();
    drawText(doc, text, M + 8, this.y + 1, { font: FONT.bold, size: 9, color: COLOR.navy, width: CONTENT_W - 140 });
    if (extra) drawText(doc, extra, PW - M - 130, this.y + 2, { font: FONT.mono, size: 8.5, color: FILLED_INK, width: 124, align: 'right' });
    this.y += 21;
  }

  /** Option chips laid out left to right, wrapping; returns the rows as [x, y-offset, option] for drawing. */
  private optionLayout(field: FormField): { x: number; dy: number; label: string; value: string }[] {
    const out: { x: number; dy: number; label: string; value: string }[] = [];
    let x = ENTRY_X;
    let dy = 0;
    for (const o of field.options ?? []) {
      const label = `${o.label.mr} / ${o.label.en}`;
      const w = BOX - 4 + 4 + textWidth(this.doc, label, FONT.regular, 7.5) + 12;
      if (x + w > PW - M && x > ENTRY_X) {
        x = ENTRY_X;
        dy += 13;
      }
      out.push({ x, dy, label, value: o.value });
      x += w;
    }
    return out;
  }

  /** Labels go on one line when they fit at a readable size, else Marathi and English on two lines. */
  private labelLines(field: FormField): string[] {
    const one = `${field.label.mr} / ${field.label.en}`;
    if (textWidth(this.doc, one, FONT.regular, 8) <= LABEL_W / 0.85) return [one];
    return [field.label.mr, field.label.en];
  }

  fieldHeight(field: FormField): number {
    let h = 18.5 + (this.labelLines(field).length - 1) * 10 + (field.hint ? 7 : 0);
    if (field.kind === 'choice' && field.options) {
      const rows = this.optionLayout(field);
      h = Math.max(h, (rows.at(-1)?.dy ?? 0) + 18.5);
    }
    return h;
  }

  field(field: FormField, values: Values | null): void {
    const doc = this.doc;
    const h = this.fieldHeight(field);
    this.ensure(h);
    const top = this.y;
    let y = top + 1.5;
    for (const line of this.labelLines(field)) {
      drawText(doc, line, M, y, { size: 8, color: COLOR.ink, width: LABEL_W });
      y += 10;
    }
    if (field.hint) drawText(doc, `${field.hint.mr} / ${field.hint.en}`, M, y + 1, { size: 6, color: COLOR.grey, width: LABEL_W });
    const value = values ? values[field.key] : undefined;
    this.entry(field, value, top);
    doc.save().rect(M, top + h - 2.5, CONTENT_W, 0.3).fill('#d9dee5').restore();
    this.y = top + h;
  }

  private entry(field: FormField, value: FormValue, top: number): void {
    const doc = this.doc;
    const filled = this.filled !== null;
    const has = value !== undefined && value !== null && value !== '';
    switch (field.kind) {
      case 'digits': {
        const text = has ? checkValue(field, value) : '';
        // Aadhaar boxes carry the mask: X X X X X X X X d d d d.
        const digits = text.replace(/ /g, '').split('').filter(Boolean);
        this.boxes(field.length ?? field.maxLength ?? 10, digits, top + 1, field.sensitive === 'aadhaar' ? 4 : 0, text);
        return;
      }
      case 'date': {
        const text = has ? formatDate(checkValue(field, value)).replace(/-/g, '') : '';
        const parts: [number, string][] = [
          [2, 'DD'],
          [2, 'MM'],
          [4, 'YYYY'],
        ];
        let x = ENTRY_X;
        let offset = 0;
        // The whole date reads as one string in extracted text, not as eight separate digits.
        doc.markContent('Span', { actual: has ? formatDate(String(value)) : filled ? '' : 'DD-MM-YYYY' });
        for (const [n, placeholder] of parts) {
          for (let i = 0; i < n; i++) {
            doc.save().lineWidth(0.6).strokeColor('#000000').rect(x, top + 1, BOX, BOX + 2).stroke().restore();
            const ch = text[offset + i];
            if (ch) drawText(doc, ch, x, top + 1.5, { font: FONT.mono, size: 10, color: FILLED_INK, width: BOX, align: 'center', actual: null });
            else if (!filled) drawText(doc, placeholder[i] ?? '', x, top + 4, { size: 6.5, color: '#b0b8c4', width: BOX, align: 'center', actual: null });
            x += BOX;
          }
          offset += n;
          x += 8;
        }
        doc.endMarkedContent();
        return;
      }
      case 'check': {
        drawCheckBox(doc, ENTRY_X, top + 2, 11, value === true);
        drawText(doc, 'होय / Yes', ENTRY_X + 16, top + 2, { size: 7.5, color: COLOR.ink });
        return;
      }
      case 'choice': {
        if (field.options) {
          const chosen = has ? checkValue(field, value) : null;
          for (const o of this.optionLayout(field)) {
            drawCheckBox(doc, o.x, top + 2 + o.dy, 10, chosen === o.value);
            drawText(doc, o.label, o.x + 14, top + 2 + o.dy, { size: 7.5, color: COLOR.ink });
          }
          return;
        }
        this.line(has ? String(value) : null, top, field.lookup === 'awc' ? 'सांकेतांक व नाव / code and name' : null);
        return;
      }
      case 'number': {
        const w = 90;
        doc.save().lineWidth(0.6).strokeColor('#000000').moveTo(ENTRY_X, top + 15).lineTo(ENTRY_X + w, top + 15).stroke().restore();
        if (has) drawText(doc, String(value), ENTRY_X + 2, top + 1, { font: FONT.mono, size: 10, color: FILLED_INK, width: w - 4 });
        if (field.unit) drawText(doc, field.unit, ENTRY_X + w + 4, top + 4, { size: 8, color: COLOR.ink });
        return;
      }
      case 'text': {
        this.line(has ? String(value) : null, top, null);
        return;
      }
    }
  }

  private line(value: string | null, top: number, placeholder: string | null): void {
    const doc = this.doc;
    doc.save().lineWidth(0.6).strokeColor('#000000').moveTo(ENTRY_X, top + 15).lineTo(PW - M, top + 15).stroke().restore();
    if (value) drawText(doc, value, ENTRY_X + 2, top + 0.5, { size: 10, color: FILLED_INK, width: ENTRY_W - 4 });
    else if (placeholder && !this.filled) drawText(doc, placeholder, ENTRY_X + 2, top + 5, { size: 6.5, color: '#b0b8c4' });
  }

  private boxes(count: number, chars: string[], top: number, groupEvery: number, actual: string): void {
    const doc = this.doc;
    let x = ENTRY_X;
    doc.markContent('Span', { actual });
    for (let i = 0; i < count; i++) {
      if (groupEvery && i > 0 && i % groupEvery === 0) x += 6;
      doc.save().lineWidth(0.6).strokeColor('#000000').rect(x, top, BOX, BOX + 2).stroke().restore();
      const ch = chars[i];
      if (ch) drawText(doc, ch, x, top + 0.5, { font: FONT.mono, size: 10, color: FILLED_INK, width: BOX, align: 'center', actual: null });
      x += BOX;
    }
    doc.endMarkedContent();
  }

  sectionHeight(section: FormSection): number {
    return 21 + section.fields.reduce((sum, f) => sum + this.fieldHeight(f), 0);
  }

  section(section: FormSection, index: number, values: Values | null, heading?: string, id?: string): void {
    // Keep a block on one page when it fits on one.
    const height = this.sectionHeight(section);
    if (!this.fits(Math.min(height, PH - FOOTER_H - 8 - 58))) this.newPage();
    this.sectionHeading(heading ?? `${mrNum(index)}. ${section.label.mr} / ${index}. ${section.label.en}`, id);
    for (const field of section.fields) this.field(field, values);
    this.y += 6;
  }
}

/** The printable text of a value, or a PrintInputError when it does not fit its field. */
function checkValue(field: FormField, value: FormValue): string {
  const text = String(value);
  switch (field.kind) {
    case 'digits':
      if (field.sensitive === 'aadhaar') return assertMaskedAadhaar(text) ?? '';
      if (!/^\d+$/.test(text) || (field.length !== undefined && text.length !== field.length)) {
        throw new PrintInputError(`${field.key}: expected ${field.length ?? 'only'} digits`);
      }
      if ((field.minLength !== undefined && text.length < field.minLength) || (field.maxLength !== undefined && text.length > field.maxLength)) {
        throw new PrintInputError(`${field.key}: expected ${field.minLength ?? 1}–${field.maxLength ?? ''} digits`);
      }
      return text;
    case 'date':
      formatDate(text);
      return text;
    case 'choice':
      if (field.options && !field.options.some((o) => o.value === text)) {
        throw new PrintInputError(`${field.key}: unknown option`);
      }
      return text;
    case 'check':
      if (typeof value !== 'boolean') throw new PrintInputError(`${field.key}: expected yes/no`);
      return text;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new PrintInputError(`${field.key}: expected a number`);
      return text;
    case 'text':
      return text;
  }
}

/** Everything is checked before the first byte is written. */
function validateFilled(def: FormDefinition, filled: FilledFormView): void {
  for (const section of def.sections) {
    const blocks = section.repeat ? filled.members : [filled.values];
    for (const values of blocks) {
      for (const field of section.fields) {
        const v = values[field.key];
        if (v !== undefined && v !== null && v !== '') checkValue(field, v);
      }
    }
  }
  for (const id of filled.memberIds ?? []) if (id) groupMtsId(id);
  formatDate(filled.printedOn);
}

function draw(doc: Doc, def: FormDefinition, filled: FilledFormView | null, options: FormRenderOptions) {
  return async (pace: () => Promise<void>): Promise<void> => {
    const writer = new FormWriter(doc, def, filled);
    writer.newPage();
    const total = def.sections.length;
    let index = 0;
    for (const [i, section] of def.sections.entries()) {
      if (section.repeat) {
        const count = filled ? Math.max(section.repeat.min, filled.members.length) : section.repeat.paperCount;
        for (let n = 0; n < count; n++) {
          index++;
          const id = filled?.memberIds?.[n];
          const heading = `${mrNum(index)}. ${section.label.mr} ${mrNum(n + 1)} / ${index}. ${section.label.en} ${n + 1}`;
          writer.section(section, index, filled ? (filled.members[n] ?? {}) : null, heading, id ? groupMtsId(id) : undefined);
        }
      } else {
        index++;
        writer.section(section, index, filled ? filled.values : null);
      }
      options.onProgress?.(i + 1, total);
      await pace();
    }
  };
}

/** The blank paper registration form (A4, Marathi and English), in the entry screen's field order. */
export async function renderBlankRegistrationForm(out: Writable, options: FormRenderOptions = {}): Promise<void> {
  const def = options.definition ?? HOUSEHOLD_REGISTRATION_FORM;
  const doc = createDoc({ title: `${def.title.mr} / ${def.title.en}`, compress: options.compress ?? true });
  await pipeDocument(doc, out, draw(doc, def, null, options));
}

/** The same form filled with one household's answers (Aadhaar masked only). */
export async function renderFilledRegistrationForm(
  out: Writable,
  filled: FilledFormView,
  options: FormRenderOptions = {},
): Promise<void> {
  const def = options.definition ?? HOUSEHOLD_REGISTRATION_FORM;
  validateFilled(def, filled);
  const doc = createDoc({ title: `${def.title.mr} / ${def.title.en}`, compress: options.compress ?? true });
  await pipeDocument(doc, out, draw(doc, def, filled, options));
}
