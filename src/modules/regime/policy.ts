import { type AuthContext, type Role, holdsAny } from '../../core/access.ts';

export { holdsAny };

/** Roles that file and edit applications and annual reports: a company for itself, officers and administrators for a company (paper filings). */
export const FILERS: readonly Role[] = ['company', 'officer', 'admin'];

/** Staff who see every application, resident, report and appeal of the regime. */
export const REGIME_STAFF: readonly Role[] = ['officer', 'analyst', 'admin', 'auditor'];

/** Roles that read applications, residents and reports: staff all, a company its own. */
export const REGIME_READERS: readonly Role[] = ['company', ...REGIME_STAFF];

/** Roles that may call the transition endpoints at all; which action each may take is in the machines. */
export const TRANSITION_CALLERS: readonly Role[] = ['company', 'officer', 'admin'];

/** Officers decide applications, suspend, reinstate and terminate, and decide suspension proposals. */
export const DECIDERS: readonly Role[] = ['officer'];

/** Administrators change the rule sets, the settings and the appeal commission. */
export const REGIME_ADMINS: readonly Role[] = ['admin'];

/** Roles that may decide an appeal, when the user is also a member of the commission. */
export const APPEAL_DECIDER_ROLES: readonly Role[] = ['officer', 'analyst', 'admin', 'auditor', 'evaluator', 'fund_officer'];

/** Roles that read the benefits estimate (the program's cost). */
export const BENEFIT_READERS: readonly Role[] = ['officer', 'admin', 'auditor', 'fund_officer'];


/** The one organization a caller is limited to, null for staff, 'none' for a company user linked to none. Others' records answer 404. */
export function regimeScope(auth: AuthContext): string | null | 'none' {
  if (holdsAny(auth, REGIME_STAFF)) return null;
  return auth.user?.organizationId ?? 'none';
}
