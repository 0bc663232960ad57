import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

let counter = 0;

/** Which engine the database tests run on in this run. */
export const TEST_ENGINE = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A fresh, migrated database for one test file: PGlite from the run's template image, or a new
 * PostgreSQL database copied from the run's template. `close()` removes it.
 */
export async function createTestDatabase(): Promise<DatabaseHandle & { url?: string }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const image = fs.readFileSync(inject('pgliteTemplate'));
    return openDatabase({ kind: 'pglite', loadDataDir: new Blob([image]) });
  }
  const template = inject('postgresTemplate');
  const name = `adi_t_${template.replace('adi_tpl_', '')}_${process.pid}_${++counter}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: target.toString(), poolSize: 5 });
  return {
    ...handle,
    url: target.toString(),
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      // An autovacuum worker (a superuser's backend, which this role may not terminate) can be
      // cleaning the database right after a write-heavy test: wait for it instead of failing.
      for (let attempt = 1; ; attempt++) {
        try {
          await dropper.query(`drop database if exists ${name} with (force)`);
          break;
        } catch (error) {
          if (attempt >= 20 || !/pg_signal_backend|being accessed by other users/.test(String(error))) throw error;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
      await dropper.end();
    },
  };
}

/**
 * Environment for running `adi` as a child process on a fresh database: a data folder (the embedded
 * database in it, started from the template image) or, on PostgreSQL runs, DATABASE_URL of a new
 * database. `cleanup()` removes both.
 */
export async function createCliEnvironment(dataDir: string): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
  if (process.env.TEST_DATABASE_URL) {
    const database = await createTestDatabase();
    await database.db.destroy();
    return {
      env: { ADI_DATA_DIR: dataDir, DATABASE_URL: database.url! },
      cleanup: async () => {
        await database.close().catch(() => {});
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const image = fs.readFileSync(inject('pgliteTemplate'));
  const seeded = await openDatabase({ kind: 'pglite', dataDir: `${dataDir}/pgdata`, loadDataDir: new Blob([image]) });
  await seeded.close();
  return { env: { ADI_DATA_DIR: dataDir }, cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}
