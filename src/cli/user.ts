import type { Command } from 'commander';
import { ROLES } from '../core/access.ts';
import { ZCreateUserBody } from '../modules/identity/schema.ts';
import { CliError, cliActor, cliConfig, withDatabase } from './context.ts';
import { readPasswordFromPrompt, readPasswordFromStdin } from './password-input.ts';

function collect(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

/** `adi user create`: creates a user, typically the first administrator. */
export function registerUser(program: Command): void {
  const user = program.command('user').description('manage users');
  user
    .command('create')
    .description('create a user (the password is asked for, or read with --password-stdin)')
    .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
    .option('--role <role>', `role, repeatable or comma-separated: ${ROLES.join(', ')}`, collect, [])
    .option('--name <name>', 'display name (default: the part of the e-mail before @)')
    .option('--organization <id>', 'organization id (required for the company role)')
    .option('--password-stdin', 'read the password from standard input (first line)')
    .action(async (options: { email: string; role: string[]; name?: string; organization?: string; passwordStdin?: boolean }) => {
      if (options.role.length === 0) throw new CliError('name at least one --role', 2);
      const password = options.passwordStdin ? await readPasswordFromStdin() : await readPasswordFromPrompt();
      const parsed = ZCreateUserBody.safeParse({
        email: options.email,
        displayName: options.name ?? options.email.split('@')[0],
        roles: options.role,
        organizationId: options.organization,
        password,
      });
      if (!parsed.success) {
        const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || 'input'}: ${issue.message}`);
        throw new CliError(`invalid user:\n${lines.join('\n')}`, 2);
      }
      const config = cliConfig();
      const { createUser } = await import('../modules/identity/service.ts');
      const created = await withDatabase(config, ({ db }) => createUser(db, cliActor('user create'), parsed.data));
      console.log(`created user ${created.email} (${created.roles.join(', ')}) with id ${created.id}`);
    });
}
