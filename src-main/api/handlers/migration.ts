import * as migration from '../../migration/index.ts';
import type { migrationContract } from '../contracts/migration.ts';
import { actorOf, type HandlersOf } from '../handler-types.ts';

export const migrationHandlers: HandlersOf<typeof migrationContract> = {
  'migration.plan': (input, context) => migration.planTrip(context.data, actorOf(context), input),
  'migration.recordEvent': (input, context) => migration.recordTripEvent(context.data, actorOf(context), input),
  'migration.trips': ({ householdId }, { data }) => migration.householdTrips(data, householdId),
  'migration.lists': ({ list, today, awcCode }, { data }) => migration.migrationList(data, list, { today, awcCode }),
  'migration.listCsv': ({ list, today, awcCode }, { data }) => {
    const result = migration.migrationList(data, list, { today, awcCode });
    return { fileName: `migration-${list}${awcCode ? `-${awcCode}` : ''}-${result.today}.csv`, csv: migration.migrationListCsv(result), rows: result.households.length };
  },
  'migration.voidEvent': ({ id, reason }, context) => {
    migration.voidTripEvent(context.data, actorOf(context), id, reason);
    return null;
  },
  'migration.overdueDays': (_input, { data }) => ({ days: migration.readOverdueDays(data) }),
  'settings.setOverdueDays': ({ days }, context) => {
    migration.setOverdueDays(context.data, actorOf(context), days);
    return null;
  },
};
