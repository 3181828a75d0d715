// The hub's storage: open (PGlite or a PostgreSQL server), migrate, typed schema, status, expected errors.
export { openHubDatabase, describeServer, PGLITE_FOLDER, type HubDatabase, type HubDatabaseTarget, type OpenHubDatabaseOptions } from './database.ts';
export { loadHubMigrations, migrateHubDatabase, hubSchemaVersion, HUB_MIGRATIONS_DIR, type Migration, type MigrationOutcome } from './migrations.ts';
export { readHubStatus, type HubCounts, type HubDatabaseStatus } from './status.ts';
export { hubProblemFrom, connectionProblemFrom } from './errors.ts';
export type * from './schema.ts';
export { insertChanges, insertNewChanges, readChanges, recordBundleSeen, storeBundleChanges, INCOMING_CHANGES, type StoredChange, type SeenBundle } from './changes.ts';
