import { type AuthContext, type Role, holdsAny } from '../../core/access.ts';

export { holdsAny };

/** Roles that book entries, resolve reservations, reverse, exchange and open or close accounts. */
export const LEDGER_WRITERS: readonly Role[] = ['fund_officer'];

/** Roles that read accounts, entries, statements and the trial balance (auditors and administrators oversee, they do not book). */
export const LEDGER_READERS: readonly Role[] = ['fund_officer', 'auditor', 'admin'];

/** Fund officers run calls: create, publish, assign evaluators, record consensus, rank, award, prepare and approve disbursements. */
export const CALL_MANAGERS: readonly Role[] = ['fund_officer'];

/** Staff who see every call, proposal and award of the fund's programs. */
export const PROGRAM_STAFF: readonly Role[] = ['fund_officer', 'auditor', 'admin'];

/** Roles that read proposals and awards: staff all, evaluators those assigned to them, a company its own. */
export const PROGRAM_READERS: readonly Role[] = ['company', 'evaluator', ...PROGRAM_STAFF];


/** The one organization a caller is limited to, null for program staff, 'none' for a user linked to none. */
export function programScope(auth: AuthContext): string | null | 'none' {
  if (holdsAny(auth, PROGRAM_STAFF)) return null;
  return auth.user?.organizationId ?? 'none';
}
