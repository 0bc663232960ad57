import type { Role } from '../../core/access.ts';

/** Officers write news and keep the FAQ (PRODUCT.md: "publishes news"). */
export const PORTAL_EDITORS: readonly Role[] = ['officer'];

/** Staff who read drafts and scheduled posts: the editors and auditors. */
export const PORTAL_READERS: readonly Role[] = ['officer', 'auditor'];
