/**
 * Migration trips: planning a season's trip, recording departure, arrival, moves, not-found and return
 * (append-only events that sync), voiding a wrong event, the trips of a household and the six working lists.
 */
import { z } from 'zod';
import type { MigrationList, RecordedEvent, TripView } from '../../migration/types.ts';
import { endpoint, type Endpoint } from '../endpoint.ts';
import { migrationInput } from './registry.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD');
const id = z.string().trim().min(1).max(80);

export const migrationListName = z.enum(['departed', 'overdue', 'expected', 'returned', 'incoming', 'present']);

const listQuery = z.object({
  list: migrationListName,
  /** The day the list is for (default today). */
  today: isoDate.optional(),
  /** Only this Anganwadi's families. */
  awcCode: z.string().trim().max(20).nullable().default(null),
});

export const migrationContract = {
  'migration.plan': endpoint<TripView>()(
    'operator',
    migrationInput.extend({
      householdId: id,
      /** Beneficiary ids of the members who stay home. */
      members: z.array(id).max(20).default([]),
    }),
  ),
  'migration.recordEvent': endpoint<RecordedEvent>()(
    'operator',
    z.object({
      householdId: id,
      tripId: id.nullable().default(null),
      event: z.enum(['departed', 'arrived', 'moved', 'returned', 'not-found']),
      date: isoDate,
      awcCode: z.string().trim().max(20).nullable().default(null),
      destination: z
        .object({
          state: z.string().trim().min(2).max(40).nullable().default(null),
          district: z.number().int().positive().nullable().default(null),
          block: z.string().trim().max(80).nullable().default(null),
          place: z.string().trim().max(120).nullable().default(null),
        })
        .nullable()
        .default(null),
      reason: z.enum(['not-at-worksite', 'moved-unknown', 'refused', 'other', 'left']).nullable().default(null),
      note: z.string().trim().max(300).nullable().default(null),
    }),
  ),
  'migration.trips': endpoint<TripView[]>()('operator', z.object({ householdId: id })),
  'migration.lists': endpoint<MigrationList>()('operator', listQuery),
  'migration.listCsv': endpoint<{ fileName: string; csv: string; rows: number }>()('operator', listQuery),
  'migration.voidEvent': endpoint<null>()('operator', z.object({ id, reason: z.string().trim().min(3).max(300) })),
  'migration.overdueDays': endpoint<{ days: number }>()('operator', z.object({}).strict()),
  'settings.setOverdueDays': endpoint<null>()('admin', z.object({ days: z.number().int().min(1).max(180) })),
} satisfies Record<string, Endpoint>;
