import type { Command } from 'commander';
import { CliError, cliConfig, progressBar, withDatabase } from './context.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `adi ledger trial-balance` and `adi ledger verify`: the fund ledger from the command line. */
export function registerLedger(program: Command): void {
  const ledger = program.command('ledger').description('the special defense fund ledger');
  ledger
    .command('trial-balance')
    .description('print the trial balance (posted entries booked up to a date), per currency')
    .option('--at <date>', 'booking date YYYY-MM-DD (default: today, UTC)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { at?: string; json?: boolean }) => {
      if (options.at !== undefined && (!DATE.test(options.at) || Number.isNaN(Date.parse(options.at)))) throw new CliError(`--at must be a date as YYYY-MM-DD, not "${options.at}"`, 2);
      const config = cliConfig();
      const { trialBalance } = await import('../modules/fund/service.ts');
      const tb = await withDatabase(config, ({ db }) => trialBalance(db, options.at));
      if (options.json) {
        console.log(JSON.stringify(tb));
      } else {
        for (const c of tb.currencies) {
          console.log(`${c.currency} at ${tb.at}`);
          for (const a of c.accounts) console.log(`  ${a.code.padEnd(32)} ${String(a.debits).padStart(18)} ${String(a.credits).padStart(18)}  ${a.nameEn}`);
          console.log(`  ${'total'.padEnd(32)} ${String(c.debits).padStart(18)} ${String(c.credits).padStart(18)}  ${c.balanced ? 'balanced' : 'NOT BALANCED'}`);
        }
      }
      if (!tb.balanced) process.exitCode = 1;
    });
  ledger
    .command('verify')
    .description('recompute every running total, entry balance, currency sum and reversal from the postings')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const config = cliConfig();
      const { verifyLedger } = await import('../modules/fund/service.ts');
      const started = performance.now();
      const bar = options.json ? undefined : progressBar('verifying ledger');
      const result = await withDatabase(config, ({ db }) => verifyLedger(db, (done, total) => bar?.update(done, total)));
      bar?.stop();
      const seconds = (performance.now() - started) / 1000;
      if (options.json) {
        console.log(JSON.stringify({ ...result, seconds: Number(seconds.toFixed(3)) }));
      } else if (result.ok) {
        console.log(`verified ${result.accounts} accounts, ${result.entries} entries and ${result.postings} postings in ${seconds.toFixed(2)} s: every total, entry, currency and reversal agrees`);
      } else {
        for (const problem of result.problems) process.stderr.write(`adi: ${problem}\n`);
        process.stderr.write(`adi: ledger verification FAILED: ${result.problems.length} discrepancies\n`);
      }
      if (!result.ok) process.exitCode = 1;
    });
}
