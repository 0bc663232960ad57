import { type AuthContext, type Role, holdsAny } from '../../core/access.ts';

export { holdsAny };

/** Officers manage events, sessions, registrations, check-in and the meeting schedule (PRODUCT.md). */
export const EVENT_MANAGERS: readonly Role[] = ['officer'];

/** Staff who read every registration and meeting of an event. */
export const EVENT_STAFF: readonly Role[] = ['officer', 'auditor'];

/** Who reads events, participants and recommendations: staff, and companies for the forum's partner search. */
export const EVENT_READERS: readonly Role[] = ['company', ...EVENT_STAFF];

/** Who registers delegates and handles meeting requests: a company for itself, an officer for any organization. */
export const EVENT_ACTORS: readonly Role[] = ['company', 'officer'];

/**
 * The one organization a caller acts for, null for staff (any organization), 'none' for a company user
 * linked to no organization. Records of other organizations answer 404, as if they did not exist.
 */
export function eventScope(auth: AuthContext): string | null | 'none' {
  if (holdsAny(auth, EVENT_STAFF)) return null;
  return auth.user?.organizationId ?? 'none';
}

/** True when the caller may act for the organization (its own company, or an officer). */
export function mayActFor(auth: AuthContext, organizationId: string): boolean {
  if (holdsAny(auth, EVENT_MANAGERS)) return true;
  return holdsAny(auth, ['company']) && auth.user?.organizationId === organizationId;
}
