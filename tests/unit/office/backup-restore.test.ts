import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKUP_DIR } from '../../../src-main/office/backup.ts';
import { openTestOffice } from '../../helpers/office.ts';
import { daysAgo } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();

const child = (name: [string, string], village: string) => ({
  awc: '27271400001',
  headNameMr: 'बाळू कोळी',
  headNameEn: 'Balu Koli',
  nativeVillage: village,
  socialCategory: 'ST' as const,
  members: [{ nameMr: name[0], nameEn: name[1], sex: 'F' as const, dateOfBirth: daysAgo(800), relation: 'daughter' as const }],
});

describe('backup and restore', () => {
  it('never reissues an MTS ID after restoring an older backup: the restore opens a fresh series', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    const first = await office.call('registry.saveHousehold', child(['राधा कोळी', 'Radha Koli'], 'Molgi'));
    const backup = await office.call('office.backup', {});
    expect(backup.name).toMatch(/^mts-2714-.*\.sqlite$/);
    // Issued after the backup, printed on a card, then the PC's disk fails.
    const afterBackup = await office.call('registry.saveHousehold', child(['गीता कोळी', 'Geeta Koli'], 'Khapar'));

    const restored = await office.call('office.restore', { name: backup.name, confirm: true });
    expect(restored.series).toBe(2);
    // Everyone logs in again after a restore.
    await expect(office.call('awc.list', {})).rejects.toThrow(/not-signed-in/);
    await office.call('session.login', { username: 'admin', password: 'Pass1234' });

    const status = await office.call('app.status', {});
    expect(status.office?.series).toBe(2);
    const search = await office.call('registry.search', { query: 'Geeta' });
    expect(search.hits).toHaveLength(0);
    const again = await office.call('registry.saveHousehold', child(['सविता कोळी', 'Savita Koli'], 'Dhadgaon'));
    const issued = [first, afterBackup].flatMap((s) => s.beneficiaries.map((b) => b.mtsId));
    expect(issued).not.toContain(again.beneficiaries[0]!.mtsId);
    expect(again.beneficiaries[0]!.mtsId.slice(4, 7)).toBe('002');
    office.close();
  });

  it('a second restore of the same old backup opens yet another series', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    const backup = await office.call('office.backup', {});
    await office.call('office.restore', { name: backup.name, confirm: true });
    await office.call('session.login', { username: 'admin', password: 'Pass1234' });
    const second = await office.call('office.restore', { name: backup.name, confirm: true });
    expect(second.series).toBe(3);
    office.close();
  });

  it('refuses a damaged backup and changes nothing', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir);
    const saved = await office.call('registry.saveHousehold', child(['राधा कोळी', 'Radha Koli'], 'Molgi'));
    // A real backup cut short, as a USB stick pulled out mid-copy leaves it.
    const good = await office.call('office.backup', {});
    const bytes = readFileSync(join(dir, BACKUP_DIR, good.name));
    writeFileSync(join(dir, BACKUP_DIR, 'broken.sqlite'), Buffer.concat([Buffer.from('garbage!'), bytes.subarray(8, 4096)]));
    await expect(office.call('office.restore', { name: 'broken.sqlite', confirm: true })).rejects.toThrow(/corrupt-database/);
    const profile = await office.call('registry.household', { id: saved.householdId });
    expect(profile.members).toHaveLength(1);
    expect((await office.call('app.status', {})).office?.series).toBe(1);
    office.close();
  });
});
