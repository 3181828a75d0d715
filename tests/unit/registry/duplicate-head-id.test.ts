import { describe, expect, it } from 'vitest';
import { createStateKeys } from '../../../src-main/identity/index.ts';
import { openTestOffice } from '../../helpers/office.ts';
import { pawarForm } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();

describe('duplicate warnings name the existing person by MTS ID', () => {
  it('a household warning (same mobile) carries the MTS ID of the head registered as a member; without one it stays empty', async () => {
    const office = await openTestOffice(tempDir());
    await office.call('registry.importStateKeys', { file: createStateKeys().text });
    const form = pawarForm();
    const head = { nameMr: 'रामदास विठ्ठल पवार', nameEn: 'Ramdas Vitthal Pawar', sex: 'M' as const, dateOfBirth: '1992-06-01', relation: 'self' as const };
    const saved = await office.call('registry.saveHousehold', { ...form, members: [head, ...form.members] });
    const headId = saved.beneficiaries.find((b) => b.nameEn === 'Ramdas Vitthal Pawar')!.mtsId;

    // Another family with the same mobile number.
    const other = pawarForm({ headNameMr: 'दत्तू भीमा वळवी', headNameEn: 'Dattu Bhima Valvi', nativeVillage: 'Khapar' });
    const warnings = await office.call('registry.checkDuplicates', { ...other, members: [{ nameMr: 'कृष्णा दत्तू वळवी', nameEn: 'Krushna Dattu Valvi', sex: 'M', declaredAgeYears: 4, relation: 'son' }] });
    const household = warnings.find((w) => w.target === 'household')!;
    expect(household.reasons).toContain('same-mobile');
    expect(household.existing).toMatchObject({ householdId: saved.householdId, beneficiaryId: null, mtsId: headId, nameEn: 'Ramdas Vitthal Pawar' });

    // A household whose head is not a member: no ID to show, and the warning still names the household.
    const tempOffice = await openTestOffice(tempDir());
    await tempOffice.call('registry.importStateKeys', { file: createStateKeys().text });
    const plain = await tempOffice.call('registry.saveHousehold', pawarForm());
    const again = await tempOffice.call('registry.checkDuplicates', { ...other, members: [{ nameMr: 'कृष्णा दत्तू वळवी', nameEn: 'Krushna Dattu Valvi', sex: 'M', declaredAgeYears: 4, relation: 'son' }] });
    expect(again.find((w) => w.target === 'household')!.existing).toMatchObject({ householdId: plain.householdId, mtsId: null });
    tempOffice.close();
    office.close();
  });
});
