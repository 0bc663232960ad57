import { type AuthContext, type Role, holdsAny } from '../../core/access.ts';

export { holdsAny };

/** Staff who read needs, every company's capacity and the gaps: restricted data (PRODUCT.md, issue #8). */
export const LOCALIZATION_STAFF: readonly Role[] = ['officer', 'auditor'];

/** Roles that read capacity reports: the staff above all, a company its own. */
export const CAPACITY_READERS: readonly Role[] = ['company', ...LOCALIZATION_STAFF];

/** Roles that file capacity reports: a company for itself, an officer for a company (paper filings). */
export const CAPACITY_FILERS: readonly Role[] = ['company', 'officer'];

/** Officers enter needs and confirm or return capacity reports. */
export const LOCALIZATION_OFFICERS: readonly Role[] = ['officer'];

/** Administrators edit the capability taxonomy. */
export const TAXONOMY_EDITORS: readonly Role[] = ['admin'];

/** Roles that read the taxonomy with its archived categories and versions. */
export const TAXONOMY_READERS: readonly Role[] = ['admin', 'officer', 'auditor', 'company'];

/** The one organization a caller is limited to, null for staff, 'none' for a company user linked to none. Others' reports answer 404. */
export function capacityScope(auth: AuthContext): string | null | 'none' {
  if (holdsAny(auth, LOCALIZATION_STAFF)) return null;
  return auth.user?.organizationId ?? 'none';
}
