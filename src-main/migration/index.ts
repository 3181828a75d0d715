// Migration trips (issue 11): a household's seasonal trips, what happened on each (append-only events that
// sync), the status rebuilt from them, and the working lists of the home and destination offices.
export { tripStatus, compareEvents, seasonStart, SEASON_DAYS } from './status.ts';
export type { TripFacts, TripEventFacts, TripFlag, TripFlagCode } from './status.ts';
export { householdTrips, planTrip, recordTripEvent, voidTripEvent, NOT_FOUND_REASONS } from './trips.ts';
export { migrationList, type ListOptions } from './lists.ts';
export { migrationListCsv, destinationLine } from './csv.ts';
export { readOverdueDays, setOverdueDays, DEFAULT_OVERDUE_DAYS, OVERDUE_DAYS_SETTING } from './settings.ts';
export { sameBlock, inBlock, HOME_STATE } from './destination.ts';
export type * from './types.ts';
export { latestTripStatusSql } from './sql.ts';
