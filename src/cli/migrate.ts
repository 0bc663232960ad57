import type { Command } from 'commander';
import { databaseTargetFor, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { cliConfig } from './context.ts';

/** `adi migrate`: brings the database schema up to date. */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      const config = cliConfig();
      const database = await openDatabase(databaseTargetFor(config));
      try {
        const { applied } = await migrateToLatest(database.db);
        console.log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'the database schema is current');
      } finally {
        await database.close();
      }
    });
}
