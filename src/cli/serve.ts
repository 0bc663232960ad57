import type { Command } from 'commander';
import { randomToken } from '../core/ids.ts';
import { CliError, cliActor, cliConfig } from './context.ts';

/** `adi serve`: runs the platform until SIGINT/SIGTERM. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the platform (web UI and API); migrations run first')
    .option('-p, --port <port>', 'port to listen on (default PORT or 3000)')
    .option('-H, --host <host>', 'address to listen on (default HOST or 127.0.0.1; 0.0.0.0 for all)')
    .option('--demo', 'create a demo administrator and print its credentials')
    .action(async (options: { port?: string; host?: string; demo?: boolean }) => {
      if (options.port !== undefined && !/^\d{1,5}$/.test(options.port)) throw new CliError(`--port must be a number from 0 to 65535, not "${options.port}"`, 2);
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
      const platform = await startPlatform(config, { database, trace });
      trace('ready');
      const { db } = platform.database;
      const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
      console.log(`ADI Platform listening on ${platform.address} (database: ${where})`);
      if (options.demo) {
        const { ensureDemoAdministrator } = await import('../modules/identity/demo.ts');
        const password = randomToken(12);
        const email = await ensureDemoAdministrator(db, cliActor('serve --demo'), password);
        console.log(`Demo administrator: ${email} / ${password}`);
        console.log('  Sign in, then scan the QR code with an authenticator app to set up two-factor sign-in.');
      } else if ((await countUsers(db)) === 0) {
        console.log('No users yet. Create the first administrator:');
        console.log('  npx adi user create --email you@example.org --role admin --name "Your Name"');
        console.log('(it asks for the password; or pipe it with --password-stdin), or start with `adi serve --demo`.');
      }
      const shutdown = async (signal: string) => {
        console.log(`${signal}: shutting down`);
        await platform.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
    });
}
