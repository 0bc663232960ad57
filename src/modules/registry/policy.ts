import type { AuthContext, Role } from '../../core/access.ts';

/** Roles that create and edit organizations. */
export const ORGANIZATION_WRITERS: readonly Role[] = ['admin', 'officer'];

/** Roles that read organizations: staff read all, a company user only its own (see `visibleOrganizationId`). */
export const ORGANIZATION_READERS: readonly Role[] = ['admin', 'officer', 'analyst', 'evaluator', 'fund_officer', 'auditor', 'company'];

/**
 * The one organization a caller is limited to, or null when they may read every organization.
 * A company user sees only the organization they are linked to (no IDOR by guessing ids).
 */
export function visibleOrganizationId(auth: AuthContext): string | null | 'none' {
  const roles = auth.user?.roles ?? [];
  const staff = roles.some((role) => role !== 'company' && role !== 'public');
  if (staff) return null;
  return auth.user?.organizationId ?? 'none';
}
