import os from 'node:os';
import cliProgress from 'cli-progress';
import { type AppConfig, ConfigError, loadConfig } from '../config.ts';
import { AppError } from '../core/errors.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { AuditActor } from '../modules/audit/service.ts';

/** An error the CLI reports as a message with the given exit code (no stack trace). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** The configuration, or a CliError naming every bad variable. */
export function cliConfig(overrides: Record<string, string | undefined> = {}): AppConfig {
  try {
    return loadConfig(overrides);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, 2);
    throw error;
  }
}

/** Opens the configured database, brings its schema up to date, runs `work`, and always closes it. */
export async function withDatabase<T>(config: AppConfig, work: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  // Loaded on demand so `adi --help` and argument errors answer without starting the database stack.
  const { databaseTargetFor, openDatabase } = await import('../db/database.ts');
  const { migrateToLatest } = await import('../db/migrate.ts');
  const database = await openDatabase(databaseTargetFor(config));
  try {
    await migrateToLatest(database.db);
    return await work(database);
  } finally {
    await database.close();
  }
}

/** The audit actor for a CLI command: the operating-system user who ran it. */
export function cliActor(command: string): AuditActor {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // no passwd entry (containers): keep 'unknown'
  }
  return { actorId: null, actorLabel: `cli:${user}@${os.hostname()}`, requestId: `cli:${command}` };
}

/** A progress bar on stderr when it is a terminal; otherwise occasional plain lines. */
export function progressBar(label: string) {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done: number, total: number) {
        if (!started) {
          bar.start(Math.max(total, 1), 0);
          started = true;
        }
        bar.setTotal(Math.max(total, 1));
        bar.update(done);
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let lastPrinted = 0;
  return {
    update(done: number, total: number) {
      const now = Date.now();
      if (now - lastPrinted > 2000 || done === total) {
        process.stderr.write(`${label}: ${done}/${total}\n`);
        lastPrinted = now;
      }
    },
    stop() {},
  };
}

/** Turns an error into a message and an exit code. */
export function reportCliError(error: unknown): number {
  if (error instanceof CliError) {
    process.stderr.write(`adi: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof Error && error.name === 'DataFolderInUseError') {
    process.stderr.write(`adi: ${error.message}\n`);
    return 1;
  }
  if (error instanceof AppError) {
    const fields = error.details.errors?.map((e) => `\n  ${e.field}: ${e.message}`).join('') ?? '';
    process.stderr.write(`adi: ${error.message}${fields}\n`);
    return 1;
  }
  process.stderr.write(`adi: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
