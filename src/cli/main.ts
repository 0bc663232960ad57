import { Command, CommanderError } from 'commander';
import { configMarkdownTable } from '../config.ts';
import { registerAudit } from './audit.ts';
import { registerBackup } from './backup.ts';
import { registerDemo } from './demo.ts';
import { reportCliError } from './context.ts';
import { registerLedger } from './ledger.ts';
import { registerMigrate } from './migrate.ts';
import { registerOrg } from './org.ts';
import { registerSanctions } from './sanctions.ts';
import { registerScreen } from './screen.ts';
import { registerServe } from './serve.ts';
import { registerUser } from './user.ts';

const program = new Command();
program
  .name('adi')
  .description('ADI Platform: the Alliance of Defense Industries, its special regime and defense fund')
  .showHelpAfterError()
  .exitOverride();

registerServe(program);
registerMigrate(program);
registerUser(program);
registerOrg(program);
registerAudit(program);
registerBackup(program);
registerLedger(program);
registerSanctions(program);
registerScreen(program);
registerDemo(program);
program
  .command('config')
  .description('print the environment variables the platform reads (Markdown table)')
  .action(() => console.log(configMarkdownTable()));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    process.exitCode = reportCliError(error);
  }
}
