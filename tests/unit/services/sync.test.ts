import { describe, expect, it } from 'vitest';
import { exportChanges, importBundle } from '../../../src-main/exchange/index.ts';
import { daysAgo } from '../../helpers/registration.ts';
import { useTempDirs } from '../../helpers/temp.ts';
import { openOffice } from '../sync/exchange-helpers.ts';
import { TestRelay } from '../sync/relay.ts';
import { infantForm, plusDays } from './helpers.ts';

const tempDir = useTempDirs();
const SYSTEM = { operatorId: null };

describe('services given at another office', () => {
  it('arrive through sync, show in the home office history and move its schedule on; a void travels too', async () => {
    const home = await openOffice(tempDir(), '2714');
    const destination = await openOffice(tempDir(), '4712');
    const relay = await TestRelay.create();
    await relay.enrol(home.data);
    await relay.enrol(destination.data);
    const send = async (from: typeof home, to: typeof home, code: string) => {
      await relay.receive((await exportChanges(from.data, 'hub')).files);
      await importBundle(to.data, await relay.bundleFor(code), SYSTEM);
    };

    const saved = await home.call('registry.saveHousehold', infantForm(80));
    const baby = saved.beneficiaries[1]!.id;
    const babyDob = daysAgo(80);
    await send(home, destination, '4712');

    // At the brick kiln's block: the card's doses keyed, then Penta-1 given at the local AWC.
    await destination.call('services.recordMany', { beneficiaryId: baby, source: 'mcp-card', doses: [{ service: 'BCG', date: babyDob }] });
    const penta = await destination.call('services.record', { beneficiaryId: baby, service: 'Penta-1', date: plusDays(babyDob, 45), source: 'given', awcCode: '27047500001' });
    const wrong = await destination.call('services.record', { beneficiaryId: baby, service: 'OPV-1', date: plusDays(babyDob, 40), source: 'given' });
    await destination.call('services.void', { id: wrong.id, reason: 'dose belongs to a cousin' });
    await send(destination, home, '2714');

    const history = await home.call('services.history', { beneficiaryId: baby });
    expect(history.records.find((r) => r.id === penta.id)).toMatchObject({ service: 'Penta-1', officeCode: '4712', awcCode: '27047500001', place: 'awc', voided: false });
    expect(history.records.find((r) => r.id === wrong.id)).toMatchObject({ voided: true, voidReason: 'dose belongs to a cousin' });
    const due = (await home.call('services.due', { beneficiaryId: baby })).due.map((d) => d.service);
    expect(due).toContain('Penta-2');
    expect(due).toContain('OPV-1');
    expect(due).not.toContain('Penta-1');
    expect(due).not.toContain('BCG');
    home.close();
    destination.close();
  });
});
