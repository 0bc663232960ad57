import type { Role } from '../../core/access.ts';

/** Roles that import or replace sanctions lists. */
export const LIST_ADMINS: readonly Role[] = ['admin'];

/** Roles that read the lists and screen names (staff who vet companies, owners and money). */
export const SCREENERS: readonly Role[] = ['analyst', 'officer', 'fund_officer', 'auditor', 'admin'];

/** Roles that read screening cases. */
export const CASE_READERS: readonly Role[] = ['analyst', 'officer', 'auditor', 'admin'];

/** Roles that decide cases: compliance analysts only (separation of duties from the officers who admit). */
export const CASE_DECIDERS: readonly Role[] = ['analyst'];

/** Roles that screen an organization on demand. */
export const SCREEN_RUNNERS: readonly Role[] = ['analyst', 'officer', 'admin'];
