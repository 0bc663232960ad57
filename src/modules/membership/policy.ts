import { type AuthContext, type Role, holdsAny } from '../../core/access.ts';

export { holdsAny };

/** Roles that file and edit applications: a company for itself, officers and administrators on a company's behalf (paper filings). */
export const APPLICANT_ROLES: readonly Role[] = ['company', 'officer', 'admin'];

/** Staff roles that see every application (the work queue). */
export const MEMBERSHIP_STAFF: readonly Role[] = ['officer', 'analyst', 'admin', 'auditor'];

/** Roles that read applications: staff all, a company user its own organization's. */
export const MEMBERSHIP_READERS: readonly Role[] = ['company', ...MEMBERSHIP_STAFF];

/** Roles that may call the transition endpoint at all; which action each may take is in service.ts. */
export const TRANSITION_CALLERS: readonly Role[] = ['company', 'officer', 'analyst', 'admin'];

/** Roles that read the deadlines. */
export const DEADLINE_READERS: readonly Role[] = MEMBERSHIP_STAFF;

/** Roles that change the deadlines. */
export const DEADLINE_WRITERS: readonly Role[] = ['admin'];


/**
 * The one organization whose applications a caller is limited to, null when they see all (staff),
 * or 'none' (a company user linked to no organization). Others' applications answer 404 (no IDOR).
 */
export function applicationScope(auth: AuthContext): string | null | 'none' {
  if (holdsAny(auth, MEMBERSHIP_STAFF)) return null;
  return auth.user?.organizationId ?? 'none';
}
