import type { Role } from '../../core/access.ts';

/** Roles that book entries, resolve reservations, reverse, exchange and open or close accounts. */
export const LEDGER_WRITERS: readonly Role[] = ['fund_officer'];

/** Roles that read accounts, entries, statements and the trial balance (auditors and administrators oversee, they do not book). */
export const LEDGER_READERS: readonly Role[] = ['fund_officer', 'auditor', 'admin'];
