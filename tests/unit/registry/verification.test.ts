import { describe, expect, it } from 'vitest';
import { createStateKeys } from '../../../src-main/identity/index.ts';
import { addSignedInOperator, openTestOffice, type TestOffice } from '../../helpers/office.ts';
import { aadhaarFrom, pawarForm } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();

/** The office with double entry on and a second operator, Savita, signed in on her own session. */
async function doubleEntryOffice(): Promise<{ office: TestOffice; savita: (name: string, input: unknown) => Promise<unknown> }> {
  const office = await openTestOffice(tempDir());
  await office.call('registry.importStateKeys', { file: createStateKeys().text });
  await office.call('verification.setEnabled', { enabled: true });
  const session = await addSignedInOperator(office, { username: 'savita', fullName: 'Savita Padvi', role: 'operator', password: 'Entry2024' });
  const savita = async (name: string, input: unknown) => {
    const reply = await office.api.call(session, name, input);
    if (!reply.ok) throw Object.assign(new Error(reply.problem.code), { problem: reply.problem });
    return reply.value;
  };
  return { office, savita };
}

describe('double-entry verification', () => {
  it('keeps a form unverified until a second operator keys it the same, blind', async () => {
    const { office, savita } = await doubleEntryOffice();
    const saved = await office.call('registry.saveHousehold', pawarForm());
    const queue = await office.call('verification.queue', {});
    expect(queue).toMatchObject([{ householdId: saved.householdId, status: 'unverified', mismatches: [] }]);
    // The first operator may not verify their own keying.
    await expect(office.call('verification.submit', { householdId: saved.householdId, form: pawarForm() })).rejects.toThrow(/same-operator/);
    // Case and spacing differences in English text are not keying errors.
    const result = (await savita('verification.submit', { householdId: saved.householdId, form: pawarForm({ headNameEn: '  ramdas  vitthal PAWAR ' }) })) as { verified: boolean };
    expect(result.verified).toBe(true);
    expect(await office.call('verification.queue', {})).toEqual([]);
    office.close();
  });

  it('shows mismatches field by field, corrects the record from the chosen keying and counts keying errors', async () => {
    const { office, savita } = await doubleEntryOffice();
    const saved = await office.call('registry.saveHousehold', pawarForm());
    const second = pawarForm({ headNameMr: 'रामदास विठ्ठल पवार', aadhaar: aadhaarFrom('23456789013') });
    second.members[2] = { ...second.members[2]!, nameEn: 'Puja Ramdas Pawar' };
    second.members[0] = { ...second.members[0]!, dateOfBirth: '1998-03-15' };
    const result = (await savita('verification.submit', { householdId: saved.householdId, form: second })) as { verified: boolean; mismatches: { field: string; first: string; second: string }[] };
    expect(result.verified).toBe(false);
    expect(result.mismatches.map((m) => m.field).sort()).toEqual(['aadhaar', 'members.0.dateOfBirth', 'members.2.nameEn']);
    const aadhaar = result.mismatches.find((m) => m.field === 'aadhaar')!;
    // Only masked last four digits are ever shown.
    expect(aadhaar.first).toMatch(/^XXXX XXXX \d{4}$/);
    expect(JSON.stringify(result)).not.toContain(aadhaarFrom('23456789012'));

    await expect(office.call('verification.resolve', { householdId: saved.householdId, choices: [] })).rejects.toThrow(/choices-missing/);
    const resolved = await office.call('verification.resolve', {
      householdId: saved.householdId,
      choices: [
        { field: 'aadhaar', correct: 'first' },
        { field: 'members.0.dateOfBirth', correct: 'second' },
        { field: 'members.2.nameEn', correct: 'first' },
      ],
    });
    expect(resolved).toEqual({ corrected: ['members.0.dateOfBirth'], correctByHand: [] });
    const profile = await office.call('registry.household', { id: saved.householdId });
    expect(profile.members.find((m) => m.nameEn.startsWith('Sunita'))!.dob).toBe('1998-03-15');
    expect(profile.history.some((h) => h.reason === 'double-entry verification')).toBe(true);

    const rates = await office.call('verification.errorRates', {});
    const admin = rates.find((r) => r.fullName === 'Rekha Gavit')!;
    const savitaRate = rates.find((r) => r.fullName === 'Savita Padvi')!;
    expect(admin.errors).toBe(1);
    expect(savitaRate.errors).toBe(2);
    expect(savitaRate.fieldsKeyed).toBeGreaterThan(20);
    expect(savitaRate.ratePercent).toBeCloseTo((2 / savitaRate.fieldsKeyed) * 100, 1);
    office.close();
  });

  it('does nothing when double entry is off', async () => {
    const office = await openTestOffice(tempDir());
    await office.call('registry.importStateKeys', { file: createStateKeys().text });
    await office.call('registry.saveHousehold', pawarForm());
    expect(await office.call('verification.queue', {})).toEqual([]);
    office.close();
  });
});
