import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp.ts';
import { pdfText, saveArtifact } from '../cards/fixtures.ts';
import { infantFamily, plusDays } from '../services/helpers.ts';

const tempDir = useTempDirs();
/** pdftotext may break a long line; compare on text with line breaks folded into spaces. */
const fold = (s: string): string => s.replace(/\s+/g, ' ');
const printed = (iso: string): string => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

describe('family sheet from the services on record', () => {
  it('prints the doses given with their dates and the next dose due, not earlier doses as overdue', async () => {
    const dir = tempDir();
    const { office, householdId, babyId, babyDob } = await infantFamily(dir, 80);
    const pentaOn = plusDays(babyDob, 45);
    await office.call('services.recordMany', {
      beneficiaryId: babyId,
      source: 'mcp-card',
      doses: [
        { service: 'BCG', date: babyDob },
        { service: 'OPV-0', date: babyDob },
        { service: 'HepB-0', date: babyDob },
        { service: 'Penta-1', date: pentaOn },
      ],
    });
    // A voided record is not a dose given: it neither prints as given nor moves the series on.
    const wrong = await office.call('services.record', { beneficiaryId: babyId, service: 'RVV-1', date: pentaOn, source: 'given' });
    await office.call('services.void', { id: wrong.id, reason: 'not given, vaccine out of stock' });

    const file = await office.call('printing.familySheet', { householdId });
    const pdf = join(dir, 'family-sheet-services.pdf');
    writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
    saveArtifact(pdf, 'printing-family-sheet-services.pdf');
    const text = fold(pdfText(pdf));

    expect(text).toContain('दिलेल्या सेवा (अलीकडील) / Services given (latest)');
    expect(text).toContain(`पेंटाव्हॅलेंट १ / Penta-1 — ${printed(pentaOn)}`);
    expect(text).toContain(`बीसीजी / BCG — ${printed(babyDob)}`);
    expect(text).toContain(`हिपॅटायटिस बी (जन्मतः) / Hepatitis B birth dose — ${printed(babyDob)}`);
    expect(text).not.toContain('रोटाव्हायरस १ / RVV-1 —');
    // Penta-2: 4 weeks after Penta-1 (day 73), within its window on day 80.
    expect(text).toContain(`पेंटाव्हॅलेंट २ / Pentavalent-2 — देय / due, पासून / since ${printed(plusDays(babyDob, 73))}`);
    expect(text).not.toMatch(/Pentavalent-1 — थकीत/);
    expect(text).not.toMatch(/BCG — थकीत/);
    // Rotavirus-1 was voided, so it is still owed.
    expect(text).toMatch(/Rotavirus-1 — थकीत \/ overdue/);
    office.close();
  });
});
