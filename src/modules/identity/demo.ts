import type { Kysely } from 'kysely';
import { type Role, isStaff } from '../../core/access.ts';
import { AppError } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { SecretBox } from '../../core/secret-box.ts';
import type { Database } from '../../db/schema.ts';
import { type AuditActor, type AuditEventInput, recordAuditBatch } from '../audit/service.ts';
import { hashPassword, newTotpSecret, totpCodeForStep } from './credentials.ts';
import * as repo from './repo.ts';

// Accounts of the demo data set (src/modules/demo). They are ordinary accounts: argon2id password
// hashes, staff with two-factor sign-in whose secrets are sealed like those `totpEnable` stores. What is
// special is only that they are made in bulk with one password, that staff come enrolled, and that in
// demo mode the sign-in page may show the code of the moment (listedDemoAccounts).

/** Every demo account's e-mail is at this domain or a subdomain of it (reserved `.example` names). */
export const DEMO_EMAIL_DOMAIN = 'demo.adi.example';

/** One account to create. */
export interface DemoAccountInput {
  email: string;
  displayName: string;
  roles: Role[];
  organizationId: string | null;
}

/** A created account; `totpSecret` (staff only) is the base32 secret for an authenticator app. */
export interface CreatedDemoAccount {
  id: string;
  email: string;
  roles: Role[];
  organizationId: string | null;
  totpSecret: string | null;
}

/** True when an account at the demo domain exists (a database holds at most one demo data set). */
export async function demoAccountsExist(db: Kysely<Database>): Promise<boolean> {
  return (await repo.usersAtDomain(db, DEMO_EMAIL_DOMAIN)).length > 0;
}

/**
 * Creates the demo accounts in one transaction, all with `password` (hashed once: argon2id at the
 * platform's cost, about 50 ms, for hundreds of accounts). Staff accounts come with two-factor sign-in
 * enrolled: a new secret per account, sealed with the installation's key bound to the user as
 * `totpEnable` seals it. Each account is audited (`user.created`, and `auth.totp_enabled` for staff).
 */
export async function createDemoAccounts(db: Kysely<Database>, secrets: SecretBox, actor: AuditActor, accounts: DemoAccountInput[], password: string): Promise<CreatedDemoAccount[]> {
  const passwordHash = await hashPassword(password);
  const now = new Date();
  const created: CreatedDemoAccount[] = accounts.map((account) => ({
    id: uuidv7(),
    email: account.email,
    roles: account.roles,
    organizationId: account.organizationId,
    totpSecret: isStaff(account.roles) ? newTotpSecret() : null,
  }));
  await db.transaction().execute(async (trx) => {
    const taken = (await repo.usersAtDomain(trx, DEMO_EMAIL_DOMAIN)).map((u) => u.email.toLowerCase());
    const clash = created.find((account) => taken.includes(account.email.toLowerCase()));
    if (clash) throw new AppError('already_exists', { detail: `a user with e-mail ${clash.email} exists` });
    await repo.insertUsers(
      trx,
      created.map((account, index) => ({
        id: account.id,
        email: account.email,
        display_name: accounts[index]!.displayName,
        password_hash: passwordHash,
        roles: account.roles,
        organization_id: account.organizationId,
        status: 'active' as const,
        totp_secret: account.totpSecret ? secrets.seal(account.totpSecret, account.id) : null,
        totp_enabled_at: account.totpSecret ? now : null,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      })),
    );
    const events: AuditEventInput[] = created.flatMap((account) => [
      { action: 'user.created', targetType: 'user', targetId: account.id, details: { email: account.email, roles: account.roles, organizationId: account.organizationId, demo: true } },
      ...(account.totpSecret ? [{ action: 'auth.totp_enabled', targetType: 'user', targetId: account.id, details: { via: 'demo data set' } }] : []),
    ]);
    await recordAuditBatch(trx, actor, events);
  });
  return created;
}

/**
 * Gives every demo account a new password and ends their sessions (a restart of `adi serve --demo`
 * on a database that holds the demo already: the password is never stored in clear, so it is replaced).
 */
export async function resetDemoPasswords(db: Kysely<Database>, actor: AuditActor, password: string): Promise<number> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const users = await repo.usersAtDomain(trx, DEMO_EMAIL_DOMAIN);
    await repo.setPasswordHash(trx, users.map((u) => u.id), passwordHash, new Date());
    await recordAuditBatch(trx, actor, users.map((u) => ({ action: 'user.password_reset', targetType: 'user', targetId: u.id, details: { reason: 'demo start' } })));
    return users.length;
  });
}

/** The order of the sign-in page's list: the administrator, the program's staff, the auditor, then companies. */
const LISTING_ORDER: readonly Role[] = ['admin', 'officer', 'analyst', 'evaluator', 'fund_officer', 'auditor', 'company'];

/** A demo account as the sign-in page lists it in demo mode. */
export interface ListedDemoAccount {
  email: string;
  displayName: string;
  roles: Role[];
  organizationName: string | null;
  /** Staff: the code that signs in now (not one already used); null for company accounts. */
  totpCode: string | null;
  /** Seconds the code stays valid. */
  totpValidForSeconds: number | null;
}

/**
 * The demo accounts at the demo domain itself (staff and a few featured companies; the other company
 * accounts are at subdomains), with the current two-factor code of each staff account. A step that
 * already signed someone in is not offered again (replays are refused): the next step's code is, which
 * the sign-in check accepts now too (one step of clock drift).
 */
export async function listedDemoAccounts(db: Kysely<Database>, secrets: SecretBox, at = Date.now()): Promise<ListedDemoAccount[]> {
  const rank = (roles: string[]) => Math.min(...roles.map((role) => LISTING_ORDER.indexOf(role as Role)).filter((i) => i >= 0), LISTING_ORDER.length);
  const users = (await repo.usersAtDomain(db, DEMO_EMAIL_DOMAIN))
    .filter((u) => u.email.toLowerCase().endsWith(`@${DEMO_EMAIL_DOMAIN}`) && u.status === 'active')
    .sort((a, b) => rank(a.roles) - rank(b.roles) || a.email.localeCompare(b.email));
  const currentStep = Math.floor(at / 30_000);
  return Promise.all(
    users.map(async (user) => {
      let totpCode: string | null = null;
      let totpValidForSeconds: number | null = null;
      if (user.totp_secret) {
        const used = user.totp_last_step === null ? -1 : Number(user.totp_last_step);
        const step = Math.max(currentStep, used + 1);
        if (step <= currentStep + 1) {
          totpCode = await totpCodeForStep(secrets.open(user.totp_secret, user.id), step);
          // Until the end of its own step: the sign-in check also accepts it one step early (clock drift).
          totpValidForSeconds = Math.max(1, Math.ceil(((step + 1) * 30_000 - at) / 1000));
        }
      }
      return { email: user.email, displayName: user.display_name, roles: user.roles as Role[], organizationName: user.organization_name ?? null, totpCode, totpValidForSeconds };
    }),
  );
}
