// Words the printed and exported reports share.
import { displayDate } from './period.ts';
import type { Bilingual, Report } from './types.ts';

export const WORDS = {
  office: { mr: 'प्रकल्प कार्यालय', en: 'Project office' },
  period: { mr: 'कालावधी', en: 'Period' },
  awc: { mr: 'अंगणवाडी', en: 'Anganwadi' },
  allAwcs: { mr: 'सर्व अंगणवाड्या', en: 'All Anganwadis' },
  generated: { mr: 'तयार केले', en: 'Generated' },
  rows: { mr: 'ओळी', en: 'rows' },
  nothing: { mr: 'या कालावधीत नोंद नाही.', en: 'Nothing recorded in this period.' },
} as const satisfies Record<string, Bilingual>;

/** "12-11-2026 14:05" in the office's clock (UTC on the PC's local offset is not known here: shown as UTC). */
export function generatedText(iso: string): string {
  return `${displayDate(iso.slice(0, 10))} ${iso.slice(11, 16)} UTC`;
}

export function headerLines(report: Report): { office: string; title: string; filter: string } {
  const awc = report.awcName ? `${report.query.awcCode} ${report.awcName.mr} / ${report.awcName.en}` : `${WORDS.allAwcs.mr} / ${WORDS.allAwcs.en}`;
  return {
    office: `${WORDS.office.mr} / ${WORDS.office.en}: ${report.office.name.mr} / ${report.office.name.en} (${report.office.code})`,
    title: `${report.title.mr} / ${report.title.en}`,
    filter: `${WORDS.period.mr} / ${WORDS.period.en}: ${displayDate(report.query.from)} – ${displayDate(report.query.to)}   ·   ${WORDS.awc.mr} / ${WORDS.awc.en}: ${awc}   ·   ${WORDS.generated.mr} / ${WORDS.generated.en}: ${generatedText(report.generatedAt)}`,
  };
}
