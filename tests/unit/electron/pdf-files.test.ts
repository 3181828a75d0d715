import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { looksLikePdf, MAX_PDF_BYTES, safePdfFileName } from '../../../src-main/electron/pdf-files.ts';

function realPdf(): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.text('MTS');
    doc.end();
  });
}

describe('looksLikePdf', () => {
  it('accepts a PDF made by pdfkit, as the card renderer makes them', async () => {
    expect(looksLikePdf(await realPdf())).toBe(true);
  });

  it('refuses other bytes, other types and oversized input', () => {
    expect(looksLikePdf(new TextEncoder().encode('<html>%PDF-1.7'))).toBe(false);
    expect(looksLikePdf(new TextEncoder().encode('%PDF'))).toBe(false);
    expect(looksLikePdf('%PDF-1.7 as a string')).toBe(false);
    expect(looksLikePdf([0x25, 0x50, 0x44, 0x46, 0x2d])).toBe(false);
    expect(looksLikePdf(null)).toBe(false);
    const huge = new Uint8Array(MAX_PDF_BYTES + 1);
    huge.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
    expect(looksLikePdf(huge)).toBe(false);
  });
});

describe('safePdfFileName', () => {
  it('keeps a plain or Marathi name and adds .pdf once', () => {
    expect(safePdfFileName('cards-2025-06')).toBe('cards-2025-06.pdf');
    expect(safePdfFileName('cards.PDF')).toBe('cards.pdf');
    expect(safePdfFileName('स्थलांतर कार्ड')).toBe('स्थलांतर कार्ड.pdf');
  });

  it('never lets a name become a path', () => {
    expect(safePdfFileName('..\\..\\Windows\\System32\\x')).toBe('_.._Windows_System32_x.pdf');
    expect(safePdfFileName('../../etc/passwd')).toBe('_.._etc_passwd.pdf');
    expect(safePdfFileName('C:\\Users\\x.pdf')).toBe('C__Users_x.pdf');
    for (const name of ['a/b', 'a\\b', 'a:b', 'a*b', 'a?b', 'a"b', 'a<b>', 'a|b', 'a\nb', 'a\u0000b']) {
      expect(safePdfFileName(name), JSON.stringify(name)).not.toMatch(/[<>:"/\\|?*\u0000-\u001f]/);
    }
  });

  it('avoids names Windows reserves or silently changes', () => {
    expect(safePdfFileName('CON')).toBe('_CON.pdf');
    expect(safePdfFileName('nul.txt')).toBe('_nul.txt.pdf');
    expect(safePdfFileName('lpt1')).toBe('_lpt1.pdf');
    expect(safePdfFileName('report. . ')).toBe('report.pdf');
    expect(safePdfFileName('.hidden')).toBe('hidden.pdf');
  });

  it('falls back for empty or unusable input', () => {
    for (const input of ['', '   ', '...', '///', undefined, 42, null]) {
      expect(safePdfFileName(input), String(input)).toBe('document.pdf');
    }
  });

  it('shortens long names to 120 characters in all', () => {
    const name = safePdfFileName('क'.repeat(300));
    expect(Array.from(name)).toHaveLength(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
