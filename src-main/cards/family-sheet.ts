import type { Writable } from 'node:stream';
import { addOffset, type ServiceDue } from '../schedule/index.ts';
import { COLOR } from './card.ts';
import { FONT } from './fonts.ts';
import { formatDate, groupMtsId } from './format.ts';
import { bi, categoryLabel, destinationText, HEADING, L, sectorLabel, sexLabel } from './labels.ts';
import { createDoc, drawText, PAGE, textWidth, type Doc } from './pdf.ts';
import { pipeDocument, type ProgressFn } from './stream.ts';
import type { FamilyMemberView, FamilySheetView } from './views.ts';

const [PW, PH] = PAGE.A5;
const M = 24;
const CONTENT_W = PW - 2 * M;
const FOOTER_H = 22;
/** Upcoming services within this many days are listed too: the family stays for the season. */
const UPCOMING_DAYS = 45;
const LINE = 9;
/** Services given are printed two to a line, newest first. */
const GIVEN_PER_LINE = 2;
const GIVEN_HEADING = { mr: 'दिलेल्या सेवा (अलीकडील)', en: 'Services given (latest)' };

function givenLines(m: FamilyMemberView): string[] {
  const items = (m.given ?? []).map((g) => `${g.label.mr} / ${g.label.en} — ${formatDate(g.date)}`);
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += GIVEN_PER_LINE) lines.push(items.slice(i, i + GIVEN_PER_LINE).join('   ·   '));
  return lines;
}

export interface FamilySheetOptions {
  onProgress?: ProgressFn;
  compress?: boolean;
}

/** The services printed for a member: overdue, then due, then those coming up soon. */
export function sheetServices(services: readonly ServiceDue[], printedOn: string): ServiceDue[] {
  const horizon = addOffset(printedOn, { days: UPCOMING_DAYS });
  return [
    ...services.filter((s) => s.status === 'overdue'),
    ...services.filter((s) => s.status === 'due'),
    ...services.filter((s) => s.status === 'upcoming' && s.dueDate <= horizon),
  ];
}

function serviceLine(s: ServiceDue): string {
  const label = `${s.label.mr} / ${s.label.en}`;
  if (s.status === 'upcoming') return `${label} — ${L.dueOn.mr} / ${L.dueOn.en} ${formatDate(s.dueDate)}`;
  const state = s.status === 'overdue' ? L.overdue : L.due;
  if (s.recurring) return `${label} — ${state.mr} / ${state.en}`;
  return `${label} — ${state.mr} / ${state.en}, ${L.since.mr} / ${L.since.en} ${formatDate(s.dueDate)}`;
}

class SheetWriter {
  y = 0;
  page = 0;
  constructor(
    private readonly doc: Doc,
    private readonly view: FamilySheetView,
  ) {}

  newPage(): void {
    this.doc.addPage({ size: [...PAGE.A5], margin: 0 });
    this.page++;
    const doc = this.doc;
    doc.save().rect(0, 0, PW, 40).fill(COLOR.navy).rect(0, 40, PW, 2).fill(COLOR.saffron).restore();
    drawText(doc, HEADING.government.mr, M, 5, { font: FONT.bold, size: 8, color: '#ffffff', width: 220 });
    drawText(doc, HEADING.government.en, M, 19.5, { size: 7.5, color: '#ffffff', width: 220 });
    drawText(doc, HEADING.familySheet.mr, PW - M - 140, 4, { font: FONT.bold, size: 9.5, color: '#ffffff', width: 140, align: 'right' });
    drawText(doc, HEADING.familySheet.en, PW - M - 140, 19.5, { font: FONT.bold, size: 7.5, color: '#ffffff', width: 140, align: 'right' });
    const v = this.view;
    const footer = `${L.printedOn.mr} / ${L.printedOn.en}: ${formatDate(v.printedOn)} · ${L.office.mr} / ${L.office.en}: ${bi(v.issuingOffice)} · पान / Page ${this.page}`;
    doc.save().rect(M, PH - FOOTER_H, CONTENT_W, 0.5).fill(COLOR.rule).restore();
    drawText(doc, footer, M, PH - FOOTER_H + 3, { size: 6, color: COLOR.grey, width: CONTENT_W });
    this.y = 50;
  }

  ensure(height: number): void {
    if (this.y + height > PH - FOOTER_H - 6) this.newPage();
  }

  /** Label over value, in a column; returns the height used. */
  field(label: string, value: string, x: number, width: number): void {
    drawText(this.doc, label, x, this.y, { size: 6, color: COLOR.grey, width });
    drawText(this.doc, value, x, this.y + 7.5, { size: 8, color: COLOR.ink, width });
  }

  household(): void {
    const v = this.view;
    const doc = this.doc;
    const half = CONTENT_W / 2 - 6;
    const right = M + CONTENT_W / 2 + 6;
    drawText(doc, bi(L.head), M, this.y, { size: 6, color: COLOR.grey, width: CONTENT_W });
    drawText(doc, v.headNameMr, M, this.y + 7, { font: FONT.bold, size: 13, color: COLOR.ink, width: CONTENT_W });
    drawText(doc, v.headNameEn, M, this.y + 26, { font: FONT.bold, size: 10, color: COLOR.ink, width: CONTENT_W });
    this.y += 44;
    const h = v.home;
    this.field(bi(L.home), `${h.village.mr}, ${h.block.mr}, ${h.district.mr} / ${h.village.en}, ${h.block.en}, ${h.district.en}`, M, half);
    this.field(bi(L.awc), `${h.awc.code} — ${h.awc.name.mr} / ${h.awc.name.en}`, right, half);
    this.y += 20.5;
    const c = v.sourceAwcContact;
    this.field(bi(L.sourceAwcContact), `${c.workerName.mr} / ${c.workerName.en}${c.phone ? ` · ${c.phone}` : ''}`, M, half);
    this.field(bi(L.contact), v.contactNumber ?? '—', right, half);
    this.y += 20.5;
    const dest = v.destination ? `${destinationText(v.destination, 'mr')} / ${destinationText(v.destination, 'en')}` : '—';
    this.field(bi(L.destination), dest, M, CONTENT_W);
    this.y += 20.5;
    this.field(bi(L.work), v.workSector ? bi(sectorLabel(v.workSector)) : '—', M, half);
    this.field(bi(L.employer), v.employer ?? '—', right, half);
    this.y += 20.5;
    this.field(bi(L.departure), v.departureDate ? formatDate(v.departureDate) : '—', M, half);
    this.field(bi(L.expectedReturn), v.expectedReturn ? formatDate(v.expectedReturn) : '—', right, half);
    this.y += 24;
    doc.save().rect(M, this.y, CONTENT_W, 14).fill(COLOR.faint).restore();
    drawText(doc, `${bi(L.members)} (${v.members.length})`, M + 4, this.y + 1, { font: FONT.bold, size: 8, color: COLOR.navy, width: CONTENT_W - 8 });
    this.y += 18;
  }

  member(m: FamilyMemberView, index: number): void {
    const doc = this.doc;
    const services = sheetServices(m.services, this.view.printedOn);
    const given = givenLines(m);
    const idW = 98;
    const nameW = CONTENT_W - idW - 6;
    const both = `${index + 1}. ${m.nameMr} / ${m.nameEn}`;
    const oneLine = textWidth(doc, both, FONT.bold, 9.5) <= nameW / 0.8;
    // Name, category, nutrition and heading lines, then the services; the block moves whole to a new page.
    const givenHeight = given.length > 0 ? (given.length + 1) * LINE : 0;
    const height = (oneLine ? 15 : 29) + 3 * LINE + 1 + givenHeight + Math.max(1, services.length) * LINE + 4;
    this.ensure(Math.min(height, PH - FOOTER_H - 60));
    const top = this.y;
    drawText(doc, groupMtsId(m.mtsId), PW - M - idW, this.y + 1.5, { font: FONT.mono, size: 8.5, color: COLOR.ink, width: idW, align: 'right' });
    if (oneLine) {
      drawText(doc, both, M, this.y, { font: FONT.bold, size: 9.5, color: COLOR.ink, width: nameW });
      this.y += 15;
    } else {
      // Long names go on two lines rather than shrinking out of reach.
      drawText(doc, `${index + 1}. ${m.nameMr}`, M, this.y, { font: FONT.bold, size: 9.5, color: COLOR.ink, width: nameW });
      drawText(doc, m.nameEn, M + 10, this.y + 14, { font: FONT.bold, size: 9, color: COLOR.ink, width: nameW - 10 });
      this.y += 29;
    }
    const dob = m.dateOfBirth ? `${formatDate(m.dateOfBirth)}${m.dobEstimated ? ` (${L.estimated.mr} / ${L.estimated.en})` : ''}` : '—';
    const category = m.category ? bi(categoryLabel(m.category)) : '—';
    drawText(doc, `${category} · ${bi(sexLabel(m.sex))} · ${L.dob.mr} / ${L.dob.en}: ${dob}`, M + 10, this.y, { size: 7, color: COLOR.ink, width: CONTENT_W - 10 });
    this.y += LINE;
    const nutrition = m.nutrition ? `${bi(m.nutrition.label)} (${formatDate(m.nutrition.measuredOn)})` : bi(L.notMeasured);
    drawText(doc, `${bi(L.nutrition)}: ${nutrition}`, M + 10, this.y, { size: 7, color: COLOR.ink, width: CONTENT_W - 10 });
    this.y += LINE + 1;
    if (given.length > 0) {
      drawText(doc, bi(GIVEN_HEADING), M + 10, this.y, { font: FONT.bold, size: 7, color: COLOR.navy, width: CONTENT_W - 10 });
      this.y += LINE;
      for (const line of given) {
        this.ensure(LINE);
        drawText(doc, '+', M + 12, this.y, { font: FONT.bold, size: 7, color: COLOR.ink });
        drawText(doc, line, M + 20, this.y, { size: 7, color: COLOR.ink, width: CONTENT_W - 20 });
        this.y += LINE;
      }
    }
    drawText(doc, bi(L.servicesDue), M + 10, this.y, { font: FONT.bold, size: 7, color: COLOR.navy, width: CONTENT_W - 10 });
    this.y += LINE;
    if (services.length === 0) {
      drawText(doc, bi(L.none), M + 18, this.y, { size: 7, color: COLOR.grey, width: CONTENT_W - 18 });
      this.y += LINE;
    }
    for (const s of services) {
      this.ensure(LINE);
      const color = s.status === 'overdue' ? '#b00020' : s.status === 'due' ? COLOR.ink : COLOR.grey;
      const mark = s.status === 'overdue' ? '!' : s.status === 'due' ? '•' : '·';
      drawText(doc, mark, M + 12, this.y, { font: FONT.bold, size: 7, color });
      drawText(doc, serviceLine(s), M + 20, this.y, { size: 7, color, width: CONTENT_W - 20 });
      this.y += LINE;
    }
    this.y += 4;
    if (this.y > top) doc.save().rect(M, this.y, CONTENT_W, 0.5).fill(COLOR.rule).restore();
    this.y += 6;
  }
}

function draw(doc: Doc, view: FamilySheetView, options: FamilySheetOptions) {
  return async (pace: () => Promise<void>): Promise<void> => {
    for (const m of view.members) groupMtsId(m.mtsId);
    const writer = new SheetWriter(doc, view);
    writer.newPage();
    writer.household();
    view.members.forEach((m, i) => {
      writer.member(m, i);
      options.onProgress?.(i + 1, view.members.length);
    });
    await pace();
  };
}

/** Streams the A5 family sheet into `out` (ended when done). */
export async function renderFamilySheet(out: Writable, view: FamilySheetView, options: FamilySheetOptions = {}): Promise<void> {
  const doc = createDoc({ title: `${HEADING.familySheet.mr} / ${HEADING.familySheet.en}`, compress: options.compress ?? true });
  await pipeDocument(doc, out, draw(doc, view, options));
}
