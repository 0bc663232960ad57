// Demo accounts: one per staff role (two officers, evaluators and fund officers, for the duties that
// need a second person), and a company user for every company. They are real accounts made through the
// identity service; staff come with two-factor sign-in enrolled (their secrets sealed as usual), and in
// demo mode the sign-in page shows the current code (GET /api/v1/demo/accounts).

import { randomInt } from 'node:crypto';
import type { AuthContext, Role } from '../../core/access.ts';
import type { SecretBox } from '../../core/secret-box.ts';
import type { AuditActor } from '../audit/service.ts';
import { type CreatedDemoAccount, type DemoAccountInput, DEMO_EMAIL_DOMAIN, createDemoAccounts } from '../identity/demo.ts';
import type { DemoContext, DemoUser } from './context.ts';

/** The keys of the staff accounts in DemoContext.staff. */
export type StaffKey = keyof DemoContext['staff'];

/** The staff accounts: e-mail, name and roles. Names are invented; the domain is reserved (.example). */
export const STAFF_ACCOUNTS: ReadonlyArray<{ key: StaffKey; email: string; displayName: string; role: Role }> = [
  { key: 'admin', email: `admin@${DEMO_EMAIL_DOMAIN}`, displayName: 'Андрій Мельничук (administrator)', role: 'admin' },
  { key: 'officer', email: `officer@${DEMO_EMAIL_DOMAIN}`, displayName: 'Олена Гайдамака (program officer)', role: 'officer' },
  { key: 'officer2', email: `officer2@${DEMO_EMAIL_DOMAIN}`, displayName: 'Тарас Левицький (program officer)', role: 'officer' },
  { key: 'analyst', email: `analyst@${DEMO_EMAIL_DOMAIN}`, displayName: 'Ірина Заболотна (compliance analyst)', role: 'analyst' },
  { key: 'evaluator', email: `evaluator@${DEMO_EMAIL_DOMAIN}`, displayName: 'Dr. Katrin Weidemann (independent evaluator)', role: 'evaluator' },
  { key: 'evaluator2', email: `evaluator2@${DEMO_EMAIL_DOMAIN}`, displayName: 'Prof. Marek Lindgren (independent evaluator)', role: 'evaluator' },
  { key: 'fund_officer', email: `fund.officer@${DEMO_EMAIL_DOMAIN}`, displayName: 'Богдана Кравець (fund officer)', role: 'fund_officer' },
  { key: 'fund_officer2', email: `fund.officer2@${DEMO_EMAIL_DOMAIN}`, displayName: 'Максим Ярошенко (fund officer)', role: 'fund_officer' },
  { key: 'auditor', email: `auditor@${DEMO_EMAIL_DOMAIN}`, displayName: 'Світлана Довженко (auditor)', role: 'auditor' },
];

const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * The one password of a demo load: four groups of five letters and digits (about 100 bits), random
 * for every load (a credential, not data: it does not come from the seed).
 */
export function newDemoPassword(): string {
  const group = () => Array.from({ length: 5 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
  return `demo-${group()}-${group()}-${group()}-${group()}`;
}

/** The actor and caller a demo account acts as when the seed calls the services for it. */
export function demoUserOf(account: { id: string; email: string; roles: Role[]; organizationId: string | null }, requestId: string): DemoUser {
  const auth: AuthContext = {
    kind: 'session',
    user: { id: account.id, email: account.email, roles: account.roles, organizationId: account.organizationId },
    // The services read the stage (full) and nothing else of a session; no session row stands behind it.
    session: { tokenHash: 'demo-seed', stage: 'full', csrfToken: 'demo-seed', expiresAt: new Date(8.64e15) },
    tokenPrefix: null,
  };
  return { id: account.id, email: account.email, roles: account.roles, organizationId: account.organizationId, auth, actor: { actorId: account.id, actorLabel: account.email, requestId } };
}

/** Creates the staff accounts (two-factor enrolled) and returns them by key, with their TOTP secrets. */
export async function createStaffAccounts(db: DemoContext['db'], secrets: SecretBox, actor: AuditActor, password: string, requestId: string) {
  const created = await createDemoAccounts(
    db,
    secrets,
    actor,
    STAFF_ACCOUNTS.map((s) => ({ email: s.email, displayName: s.displayName, roles: [s.role], organizationId: null })),
    password,
  );
  const staff = Object.fromEntries(STAFF_ACCOUNTS.map((s, i) => [s.key, demoUserOf(created[i]!, requestId)])) as DemoContext['staff'];
  return { staff, created };
}

/** Creates the company users (one per company, linked to it) in one go. */
export async function createCompanyAccounts(context: DemoContext, accounts: DemoAccountInput[], password: string, requestId: string): Promise<{ users: DemoUser[]; created: CreatedDemoAccount[] }> {
  const created = await createDemoAccounts(context.db, context.deps.secrets, context.staff.admin.actor, accounts, password);
  return { users: created.map((account) => demoUserOf(account, requestId)), created };
}
