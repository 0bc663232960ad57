import type { Command } from 'commander';
import { cliConfig } from './context.ts';

/** `adi migrate`: brings the database schema up to date. */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      const config = cliConfig();
      const { databaseTargetFor, openDatabase } = await import('../db/database.ts');
      const { migrateToLatest } = await import('../db/migrate.ts');
      const database = await openDatabase(databaseTargetFor(config));
      try {
        const { applied } = await migrateToLatest(database.db);
        console.log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'the database schema is current');
      } finally {
        await database.close();
      }
    });
}
