/** Every role of the platform. */
export const ROLES = ['public', 'company', 'officer', 'analyst', 'evaluator', 'fund_officer', 'auditor', 'admin'] as const;

/** A role a user can hold. */
export type Role = (typeof ROLES)[number];

/** Roles that are staff: they see more than their own company, so they must use two-factor sign-in. */
export const STAFF_ROLES: readonly Role[] = ['officer', 'analyst', 'evaluator', 'fund_officer', 'auditor', 'admin'];

/** True when any of the roles is a staff role. */
export function isStaff(roles: readonly string[]): boolean {
  return roles.some((role) => (STAFF_ROLES as readonly string[]).includes(role));
}

/**
 * Who may call a route:
 * - `public`: anyone, signed in or not;
 * - `enrolment`: any signed-in user, even one who must still set up two-factor sign-in;
 * - `signed_in`: any fully signed-in user;
 * - a list of roles: a fully signed-in user holding at least one of them.
 */
export type Access = 'public' | 'enrolment' | 'signed_in' | readonly Role[];

/** The caller of a request, as resolved from its session cookie or API token. */
export interface AuthContext {
  kind: 'anonymous' | 'session' | 'token';
  user: {
    id: string;
    email: string;
    roles: Role[];
    organizationId: string | null;
  } | null;
  session: { tokenHash: string; stage: 'full' | 'totp_enrolment'; csrfToken: string; expiresAt: Date } | null;
  tokenPrefix: string | null;
}

/** The anonymous caller. */
export const ANONYMOUS: AuthContext = Object.freeze({ kind: 'anonymous', user: null, session: null, tokenPrefix: null });

/** The decision for a caller and a route's access rule. */
export function accessDecision(access: Access, auth: AuthContext): 'allow' | 'unauthenticated' | 'enrolment_required' | 'forbidden' {
  if (access === 'public') return 'allow';
  if (!auth.user) return 'unauthenticated';
  if (access === 'enrolment') return 'allow';
  if (auth.session?.stage === 'totp_enrolment') return 'enrolment_required';
  if (access === 'signed_in') return 'allow';
  return auth.user.roles.some((role) => access.includes(role)) ? 'allow' : 'forbidden';
}

/** True when the caller holds any of the roles. */
export function holdsAny(auth: AuthContext, roles: readonly Role[]): boolean {
  return (auth.user?.roles ?? []).some((role) => roles.includes(role));
}
