// Property: two offices edit the same household while a courier loses, duplicates, delays and reorders
// their bundles through the hub stand-in, and offices export again whenever they like. After a final
// round of exchanges both replicas agree on every field, each field holding the value of its newest
// write by (HLC, origin) — except that the head's name is an identity field, written only by the owner
// office A: B's edits of it become corrections that A accepts or rejects, now and then and at the end;
// acks never go down; importing any bundle again changes nothing.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideCorrection, exportChanges, importBundle, listCorrections } from '../../../src-main/exchange/index.ts';
import { openOfficeData } from '../../../src-main/office/open.ts';
import type { OfficeData } from '../../../src-main/office/service.ts';
import { IDENTITY_FIELDS } from '../../../src-main/store/received.ts';
import { pawarForm } from '../../helpers/registration.ts';
import { dumpDatabase, openOffice } from './exchange-helpers.ts';
import { TestRelay } from './relay.ts';

const CODES = { A: '2714', B: '4712' } as const;
type Side = keyof typeof CODES;
const FIELDS = ['village', 'mobile', 'head_name_en'] as const;
const VALUES = ['Molgi', 'Parli', 'Beed', 'Dhadgaon', '9823000001', 'Ramdas Pawar', 'R. V. Pawar'] as const;

type Step =
  | { kind: 'edit'; at: Side; field: (typeof FIELDS)[number]; value: string }
  | { kind: 'measure'; at: Side }
  | { kind: 'export'; from: Side }
  | { kind: 'hub-export'; to: Side }
  | { kind: 'courier'; pick: number; mode: 'deliver' | 'duplicate' | 'lose' }
  | { kind: 'decide'; accept: boolean };

const side = fc.constantFrom<Side>('A', 'B');
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('edit' as const), at: side, field: fc.constantFrom(...FIELDS), value: fc.constantFrom(...VALUES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('measure' as const), at: side }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('export' as const), from: side }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('hub-export' as const), to: side }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('courier' as const), pick: fc.nat(), mode: fc.constantFrom('deliver' as const, 'duplicate' as const, 'lose' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('decide' as const), accept: fc.boolean() }) },
);

/** The owner office (A) decides every correction waiting there. */
function decideAll(owner: OfficeData, accept: boolean): void {
  for (let pending = listCorrections(owner); pending.length > 0; pending = listCorrections(owner)) {
    decideCorrection(owner, ACTOR, pending[0]!.id, accept ? 'accept' : 'reject');
  }
}

interface Parcel {
  to: 'hub' | Side;
  files: Uint8Array[];
}

let templates: { A: string; B: string };
let householdId: string;
let childId: string;
let relay: TestRelay;
let relayAtStart: ReturnType<TestRelay['snapshot']>;
const made: string[] = [];
const ACTOR = { operatorId: null };

beforeAll(async () => {
  templates = { A: mkdtempSync(join(tmpdir(), 'mts-prop-a-')), B: mkdtempSync(join(tmpdir(), 'mts-prop-b-')) };
  made.push(templates.A, templates.B);
  const a = await openOffice(templates.A, CODES.A);
  const b = await openOffice(templates.B, CODES.B);
  relay = await TestRelay.create();
  await relay.enrol(a.data);
  await relay.enrol(b.data);
  const saved = await a.call('registry.saveHousehold', pawarForm());
  householdId = saved.householdId;
  childId = saved.beneficiaries[1]!.id;
  // Both offices start with the family and with each other's acks, as after a first exchange.
  await relay.receive((await exportChanges(a.data, 'hub')).files);
  await importBundle(b.data, await relay.bundleFor(CODES.B), ACTOR);
  await relay.receive((await exportChanges(b.data, 'hub')).files);
  await importBundle(a.data, await relay.bundleFor(CODES.A), ACTOR);
  relayAtStart = relay.snapshot();
  a.close();
  b.close();
}, 60_000);

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function copyOf(template: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mts-prop-run-'));
  made.push(dir);
  cpSync(template, dir, { recursive: true });
  return dir;
}

function householdFields(data: OfficeData): Record<string, unknown> | undefined {
  return data.store.first(data.store.db.selectFrom('household').select([...FIELDS, 'head_name_mr', 'awc_code', 'social_category']).where('id', '=', householdId));
}

function acks(data: OfficeData): Map<string, number> {
  return new Map(data.store.all(data.store.db.selectFrom('sync_peer_ack').select(['origin', 'high_water'])).map((row) => [row.origin, row.high_water]));
}

/** The value each field must hold: the write with the greatest (HLC, origin) in the union of both logs. */
function expectedFields(data: OfficeData): Record<string, unknown> {
  const changes = data.store.all(
    data.store.db.selectFrom('change_log').select(['hlc', 'origin', 'data']).where('entity', '=', 'household').where('entity_id', '=', householdId),
  );
  const best: Record<string, { hlc: string; origin: string; value: unknown }> = {};
  for (const change of changes) {
    for (const [field, value] of Object.entries(JSON.parse(change.data) as Record<string, unknown>)) {
      if (IDENTITY_FIELDS.household.has(field) && !change.origin.startsWith(`${CODES.A}-`)) continue; // only the owner writes it
      const current = best[field];
      if (!current || change.hlc > current.hlc || (change.hlc === current.hlc && change.origin > current.origin)) best[field] = { hlc: change.hlc, origin: change.origin, value };
    }
  }
  const fields: Record<string, unknown> = {};
  for (const field of [...FIELDS, 'head_name_mr', 'awc_code', 'social_category']) fields[field] = best[field]?.value;
  return fields;
}

describe('convergence under a lossy, duplicating, reordering courier', () => {
  it('both replicas agree field by field (LWW by HLC and origin), acks only grow, re-import changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), fc.boolean(), async (steps, acceptAtEnd) => {
        relay.restore(relayAtStart);
        const dirs = { A: copyOf(templates.A), B: copyOf(templates.B) };
        const offices = { A: openOfficeData(dirs.A), B: openOfficeData(dirs.B) };
        const queue: Parcel[] = [];
        const delivered: Record<Side, Uint8Array[][]> = { A: [], B: [] };
        const lastAcks: Record<Side, Map<string, number>> = { A: new Map(), B: new Map() };

        const checkAcksGrow = (at: Side) => {
          const now = acks(offices[at]);
          for (const [origin, mark] of lastAcks[at]) expect(now.get(origin) ?? 0).toBeGreaterThanOrEqual(mark);
          lastAcks[at] = now;
        };
        const deliver = async (parcel: Parcel) => {
          if (parcel.to === 'hub') {
            await relay.receive(parcel.files);
          } else {
            await importBundle(offices[parcel.to], parcel.files, ACTOR);
            delivered[parcel.to].push(parcel.files);
            checkAcksGrow(parcel.to);
          }
        };

        try {
          for (const s of steps) {
            switch (s.kind) {
              case 'edit':
                offices[s.at].writer.write(ACTOR, (batch) => batch.update('household', householdId, { [s.field]: s.value }));
                break;
              case 'measure':
                offices[s.at].writer.write(ACTOR, (batch) => {
                  batch.insert('measurement', {
                    id: randomUUID(),
                    beneficiary_id: childId,
                    measured_on: '2026-12-01',
                    weight_kg: 9,
                    length_cm: 78,
                    measure: 'l',
                    muac_mm: 121,
                    created_at: new Date().toISOString(),
                    created_by: null,
                  });
                });
                break;
              case 'export':
                queue.push({ to: 'hub', files: (await exportChanges(offices[s.from], 'hub')).files });
                break;
              case 'hub-export':
                queue.push({ to: s.to, files: [await relay.bundleFor(CODES[s.to])] });
                break;
              case 'decide':
                decideAll(offices.A, s.accept);
                break;
              case 'courier': {
                if (queue.length === 0) break;
                const index = s.pick % queue.length;
                const parcel = queue[index]!;
                if (s.mode !== 'duplicate') queue.splice(index, 1);
                if (s.mode !== 'lose') await deliver(parcel);
                break;
              }
            }
          }
          // Whatever is still in the post arrives late, in reverse order, after which offices and hub
          // exchange twice more: every change now reaches both sides.
          for (const parcel of queue.reverse()) await deliver(parcel);
          const exchange = async () => {
            for (let round = 0; round < 2; round++) {
              for (const at of ['A', 'B'] as const) await relay.receive((await exportChanges(offices[at], 'hub')).files);
              for (const at of ['A', 'B'] as const) await deliver({ to: at, files: [await relay.bundleFor(CODES[at])] });
            }
          };
          await exchange();
          // Every correction B proposed has reached A now; A decides, and the decision travels back.
          decideAll(offices.A, acceptAtEnd);
          await exchange();
          expect(listCorrections(offices.A)).toEqual([]);

          const fieldsA = householdFields(offices.A);
          expect(fieldsA).toEqual(householdFields(offices.B));
          expect(fieldsA).toEqual(expectedFields(offices.A));
          expect(expectedFields(offices.B)).toEqual(expectedFields(offices.A));
          const measurements = (data: OfficeData) => data.store.all(data.store.db.selectFrom('measurement').select('id').orderBy('id')).map((row) => row.id);
          expect(measurements(offices.A)).toEqual(measurements(offices.B));
          const log = (data: OfficeData) =>
            data.store.all(data.store.db.selectFrom('change_log').select(['origin', 'counter', 'hlc', 'data']).orderBy('origin').orderBy('counter'));
          expect(log(offices.A)).toEqual(log(offices.B));
          for (const at of ['A', 'B'] as const) expect(offices[at].store.all(offices[at].store.db.selectFrom('sync_held').selectAll())).toEqual([]);

          // Any bundle delivered before, imported again, changes nothing.
          for (const at of ['A', 'B'] as const) {
            for (const files of delivered[at]) {
              offices[at].store.pragma('wal_checkpoint(TRUNCATE)');
              const before = dumpDatabase(dirs[at]);
              const again = await importBundle(offices[at], files, ACTOR);
              expect(again.status).toBe('already-imported');
              expect(dumpDatabase(dirs[at])).toBe(before);
            }
          }
        } finally {
          offices.A.store.close();
          offices.B.store.close();
          for (const at of ['A', 'B'] as const) rmSync(dirs[at], { recursive: true, force: true });
        }
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
