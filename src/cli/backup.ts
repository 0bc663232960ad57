import fs from 'node:fs';
import type { Command } from 'commander';
import { CliError, cliConfig, progressBar, withDatabase } from './context.ts';

/** `adi backup FILE` and `adi restore FILE`. */
export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('write a consistent logical backup of the database (gzip JSON lines) to FILE')
    .argument('<file>', 'where to write the backup')
    .action(async (file: string) => {
      if (fs.existsSync(file)) throw new CliError(`${file} exists; choose a new file name`, 2);
      const config = cliConfig();
      const { backupDatabase } = await import('../modules/system/backup.ts');
      const bar = progressBar('backup');
      const result = await withDatabase(config, ({ db }) => backupDatabase(db, file, { dataDir: config.dataDir, onProgress: (_t, done, total) => bar.update(done, total) }));
      bar.stop();
      console.log(`backed up ${result.rows} rows of ${result.tables} tables to ${file}`);
    });
  program
    .command('restore')
    .description('restore a backup into an empty database (a fresh data folder or database)')
    .argument('<file>', 'the backup to restore')
    .action(async (file: string) => {
      const config = cliConfig();
      const { RestoreError, restoreDatabase } = await import('../modules/system/backup.ts');
      const bar = progressBar('restore');
      try {
        const result = await withDatabase(config, ({ db }) => restoreDatabase(db, file, { dataDir: config.dataDir, onProgress: (_t, done, total) => bar.update(done, total) }));
        bar.stop();
        console.log(`restored ${result.rows} rows of ${result.tables} tables from ${file}`);
      } catch (error) {
        bar.stop();
        if (error instanceof RestoreError) throw new CliError(error.message);
        throw error;
      }
    });
}
