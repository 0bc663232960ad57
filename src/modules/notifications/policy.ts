import type { AuthContext, Role } from '../../core/access.ts';

/** Staff roles that read every organization's notifications (the others have no business with them). */
export const NOTIFICATION_STAFF: readonly Role[] = ['officer', 'admin', 'auditor'];

/** Roles that read notifications: staff all, a company user its own organization's. */
export const NOTIFICATION_READERS: readonly Role[] = ['company', ...NOTIFICATION_STAFF];

/** The organization a caller's notification reads are limited to; null for staff (all); 'none' for a company user without one. */
export function notificationScope(auth: AuthContext): string | null | 'none' {
  const roles = auth.user?.roles ?? [];
  if (roles.some((role) => NOTIFICATION_STAFF.includes(role))) return null;
  return auth.user?.organizationId ?? 'none';
}
