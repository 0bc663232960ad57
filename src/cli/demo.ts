import type { Command } from 'commander';
import type { DemoSummary } from '../modules/demo/seed.ts';
import { CliError, cliActor, cliConfig, withDatabase } from './context.ts';

/** Parses `--seed`: a whole number from 0 to 2^32 − 1. */
export function parseDemoSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,10}$/.test(text) || Number(text) > 0xffff_ffff) throw new CliError(`--seed must be a whole number from 0 to 4294967295, not "${text}"`, 2);
  return Number(text);
}

/** The accounts and password of a demo load, as lines to print. */
export function demoSummaryLines(summary: DemoSummary, options: { secrets: boolean }): string[] {
  const lines = [
    `Demo data set loaded in ${summary.seconds} s (seed ${summary.seed}): ${summary.companies} companies from ${summary.countries} countries (${summary.domestic} Ukrainian), ${summary.companyAccounts} company accounts.`,
  ];
  if (summary.sanctions.missing) lines.push(`No sanctions lists in ${summary.sanctions.dir}: the owners on sanctions lists were left out (give --sanctions-dir).`);
  else lines.push(`Sanctioned owners (screening finds them): ${summary.sanctions.sanctionedOwners.map((o) => `${o.registeredAs} = ${o.listedAs} (${o.company})`).join('; ')}`);
  lines.push(`Steps: ${summary.timings.map((t) => `${t.step} ${t.seconds} s`).join(', ')}.`);
  lines.push('', `Password of every demo account: ${summary.password}`, '');
  const width = Math.max(...summary.accounts.map((a) => a.email.length));
  for (const account of summary.accounts) {
    const who = account.organizationName ? `${account.displayName}, ${account.organizationName}` : account.displayName;
    const secret = options.secrets && account.totpSecret ? `  TOTP secret ${account.totpSecret}` : '';
    lines.push(`  ${account.role.padEnd(12)} ${account.email.padEnd(width)}  ${who}${secret}`);
  }
  lines.push('', 'Every other company account is office@… or ukraine@… at <company>.demo.adi.example, with the same password.');
  return lines;
}

/** `adi demo seed`: loads the demo data set into the configured database. */
export function registerDemo(program: Command): void {
  const demo = program.command('demo').description('the demo data set: 252 fictional companies from 30 countries, accounts for every role');
  demo
    .command('seed')
    .description('load the demo data set into a database that holds none yet (prints the accounts and their password)')
    .option('--seed <n>', 'seed of the generated data: the same seed gives the same names and figures (default 20260101)')
    .option('--sanctions-dir <dir>', 'folder with the sanctions lists to import (ofac/sdn.csv, un/consolidated.xml; default ../shared/data/sanctions)')
    .action(async (options: { seed?: string; sanctionsDir?: string }) => {
      const seed = parseDemoSeed(options.seed);
      const config = cliConfig();
      const { loadCheckpointSigner } = await import('../modules/audit/signing.ts');
      const { loadSecretBox } = await import('../core/secret-box.ts');
      const { seedDemo } = await import('../modules/demo/seed.ts');
      const started = performance.now();
      const summary = await withDatabase(config, async ({ db }) => {
        const signer = await loadCheckpointSigner(config);
        const secrets = loadSecretBox(config);
        return seedDemo(
          { db, config, signer, secrets },
          {
            seed,
            sanctionsDir: options.sanctionsDir,
            actor: cliActor('demo seed'),
            progress: (step) => process.stderr.write(`demo: [${((performance.now() - started) / 1000).toFixed(1)} s] ${step}\n`),
          },
        );
      });
      for (const line of demoSummaryLines(summary, { secrets: true })) console.log(line);
      console.log('Staff sign in with a code from an authenticator app holding the secret above, or start `adi serve --demo`: its sign-in page shows the current codes.');
    });
}
