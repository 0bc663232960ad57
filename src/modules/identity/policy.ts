import type { Role } from '../../core/access.ts';

/** Roles that manage user accounts and their roles. */
export const USER_ADMINS: readonly Role[] = ['admin'];
