export { openStore, DATABASE_FILE, type Store, type OpenOptions, type PreparedQuery } from './database.ts';
export { loadMigrations, MIGRATIONS_DIR, type Migration } from './migrations.ts';
export { Writer, WriteBatch, type Actor } from './write.ts';
export { HybridClock, formatHlc, parseHlc } from './hlc.ts';
export type * from './schema.ts';
