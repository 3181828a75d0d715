// The beneficiary page's growth flags come from the measurements on record (voided ones left out).
import { expect, it } from 'vitest';
import { createStateKeys } from '../../../src-main/identity/state-keys.ts';
import { openTestOffice } from '../../helpers/office.ts';
import { daysAgo, pawarForm } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();

it('flags growth faltering after two monthly weighings without gain, and not once the wrong weighing is voided', async () => {
  const office = await openTestOffice(tempDir());
  await office.call('registry.importStateKeys', { file: createStateKeys().text });
  const saved = await office.call('registry.saveHousehold', pawarForm());
  // Ganesh (about 23 months) was weighed yesterday at 8.1 kg at registration.
  const ganesh = saved.beneficiaries[1]!.id;
  const weigh = (days: number, weightKg: number) =>
    office.call('registry.addMeasurement', { beneficiaryId: ganesh, measuredOn: daysAgo(days), weightKg, heightCm: 76.5, posture: 'lying', muacMm: 118, oedema: false });
  expect((await office.call('registry.beneficiary', { id: ganesh })).growthFlags).toEqual([]);

  await weigh(61, 8.3);
  const second = await weigh(31, 8.2);
  const flagged = await office.call('registry.beneficiary', { id: ganesh });
  expect(flagged.growthFlags.map((flag) => [flag.code, flag.date])).toEqual([['growth-faltering', daysAgo(1)]]);
  expect(flagged.growthFlags[0]!.label.mr).toContain('वाढ खुंटली');

  // The middle weighing was keyed wrong: voided, the two left are two months apart and the flag goes.
  await office.call('registry.voidMeasurement', { id: second.id, reason: 'keyed from another child' });
  expect((await office.call('registry.beneficiary', { id: ganesh })).growthFlags).toEqual([]);
  office.close();
});
