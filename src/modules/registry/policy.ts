import type { AuthContext, Role } from '../../core/access.ts';

/** Roles that may register organizations (a company user only its own, once, and its owners). */
export const ORGANIZATION_CREATORS: readonly Role[] = ['admin', 'officer', 'company'];

/** Roles that edit an organization's profile and propose its identifiers, officers and owners. */
export const ORGANIZATION_EDITORS: readonly Role[] = ['admin', 'officer', 'company'];

/** Roles that read organizations: staff read all, a company user only its own and those above it. */
export const ORGANIZATION_READERS: readonly Role[] = ['admin', 'officer', 'analyst', 'evaluator', 'fund_officer', 'auditor', 'company'];

/** Roles that confirm or reject what company users propose (identifiers, officers, owners). */
export const REGISTRY_REVIEWERS: readonly Role[] = ['admin', 'officer'];

/** Roles that read people's personal data and beneficial owners of any organization. */
export const PEOPLE_READERS: readonly Role[] = ['admin', 'officer', 'analyst', 'auditor', 'company'];

/** Roles that upload documents (company users for their own organization). */
export const DOCUMENT_UPLOADERS: readonly Role[] = ['admin', 'officer', 'company'];

/** Roles whose changes to identifiers, officers and owners take effect at once (no review). */
const TRUSTED_EDITORS: readonly Role[] = ['admin', 'officer'];

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

/** True when the caller's changes to identifiers, officers and owners apply without an officer's review. */
export function changesAreTrusted(auth: AuthContext): boolean {
  return (auth.user?.roles ?? []).some((role) => TRUSTED_EDITORS.includes(role));
}

/** Roles that see every organization's documents; an evaluator sees only those of proposals it is cleared for. */
const DOCUMENT_STAFF: readonly Role[] = ['admin', 'officer', 'analyst', 'fund_officer', 'auditor'];

/** True for an evaluator without another staff role: its documents are limited to its cleared proposals. */
export function isEvaluatorOnly(auth: AuthContext): boolean {
  const roles = auth.user?.roles ?? [];
  return roles.includes('evaluator') && !roles.some((role) => DOCUMENT_STAFF.includes(role));
}
