import type { Role } from '../../core/access.ts';

/** Roles that read the full audit log. */
export const AUDIT_READERS: readonly Role[] = ['auditor', 'admin'];

/** Roles that may sign a checkpoint on demand (it changes no record, it only attests the head). */
export const CHECKPOINT_SIGNERS: readonly Role[] = ['auditor', 'admin'];
