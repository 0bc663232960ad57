import type { Command } from 'commander';
import type { AppDeps } from '../core/http.ts';
import type { DemoMode } from '../modules/demo/routes.ts';
import { CliError, cliActor, cliConfig } from './context.ts';
import { parseDemoSeed } from './demo.ts';

/** `adi serve`: runs the platform until SIGINT/SIGTERM. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the platform (web UI and API); migrations run first')
    .option('-p, --port <port>', 'port to listen on (default PORT or 3000)')
    .option('-H, --host <host>', 'address to listen on (default HOST or 127.0.0.1; 0.0.0.0 for all)')
    .option('--demo', 'demo mode: load the demo data set if the database holds none, print its accounts, and list them on the sign-in page')
    .option('--seed <n>', 'with --demo: seed of the demo data set (default 20260101)')
    .option('--sanctions-dir <dir>', 'with --demo: folder with the sanctions lists (default ../shared/data/sanctions)')
    .action(async (options: { port?: string; host?: string; demo?: boolean; seed?: string; sanctionsDir?: string }) => {
      if (options.port !== undefined && !/^\d{1,5}$/.test(options.port)) throw new CliError(`--port must be a number from 0 to 65535, not "${options.port}"`, 2);
      const seed = parseDemoSeed(options.seed);
      if (!options.demo && (options.seed !== undefined || options.sanctionsDir !== undefined)) throw new CliError('--seed and --sanctions-dir go with --demo', 2);
      const config = cliConfig({ PORT: options.port, HOST: options.host });
      // ADI_TRACE_STARTUP=1 prints how long each start-up step took since the process started.
      const trace = (step: string) => process.env.ADI_TRACE_STARTUP === '1' && process.stderr.write(`startup: ${step} at ${performance.now().toFixed(0)} ms\n`);
      trace('config read');
      // Start the database engine first: it compiles and boots while the server's modules load.
      const { databaseTargetFor, startDatabase } = await import('../db/database.ts');
      trace('database modules loaded');
      const database = startDatabase(databaseTargetFor(config));
      const { startPlatform } = await import('../main.ts');
      const { countUsers } = await import('../modules/identity/service.ts');
      trace('server modules loaded');
      const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
      let announced = false;
      const announce = (address: string) => {
        if (announced) return;
        announced = true;
        console.log(`ADI Platform listening on ${address} (database: ${where})`);
      };
      // Demo mode belongs to this process only: nothing about it is stored, a later `adi serve` is no demo.
      const demo: DemoMode | undefined = options.demo ? { enabled: true, password: null } : undefined;
      const prepare = demo
        ? async (deps: AppDeps, address: string) => {
            announce(address);
            demo.password = await loadDemo(deps, { seed, sanctionsDir: options.sanctionsDir });
            console.log(`Demo mode: the sign-in page at ${address}/sign-in lists these accounts with the current two-factor codes.`);
          }
        : undefined;
      const platform = await startPlatform(config, { database, trace, demo, prepare });
      // Stop cleanly from here on: a signal that comes as soon as the address is printed still closes the database.
      const shutdown = async (signal: string) => {
        console.log(`${signal}: shutting down`);
        await platform.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      trace('ready');
      announce(platform.address);
      const { db } = platform.database;
      if (!options.demo && (await countUsers(db)) === 0) {
        console.log('No users yet. Create the first administrator:');
        console.log('  npx adi user create --email you@example.org --role admin --name "Your Name"');
        console.log('(it asks for the password; or pipe it with --password-stdin), or start with `adi serve --demo` for the demo data set.');
      }
    });
}

/**
 * Loads the demo data set unless the database holds it already (then its accounts get a new
 * password: it is never stored in clear), prints the accounts, and returns the password.
 */
async function loadDemo(deps: AppDeps, options: { seed?: number; sanctionsDir?: string }): Promise<string> {
  const { demoAccountsExist, listedDemoAccounts, resetDemoPasswords } = await import('../modules/identity/demo.ts');
  const { newDemoPassword } = await import('../modules/demo/accounts.ts');
  if (await demoAccountsExist(deps.db)) {
    const password = newDemoPassword();
    const count = await resetDemoPasswords(deps.db, cliActor('serve --demo'), password);
    console.log(`The database holds the demo data set already; its ${count} accounts have a new password: ${password}`);
    for (const account of await listedDemoAccounts(deps.db, deps.secrets)) console.log(`  ${(account.roles[0] ?? '').padEnd(12)} ${account.email}`);
    return password;
  }
  const { seedDemo } = await import('../modules/demo/seed.ts');
  const { demoSummaryLines } = await import('./demo.ts');
  const started = performance.now();
  console.log('Loading the demo data set…');
  const summary = await seedDemo(deps, {
    ...options,
    actor: cliActor('serve --demo'),
    progress: (step) => console.log(`demo: [${((performance.now() - started) / 1000).toFixed(1)} s] ${step}`),
  });
  for (const line of demoSummaryLines(summary, { secrets: false })) console.log(line);
  return summary.password;
}
