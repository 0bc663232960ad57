// Who is signed in, and which sections of /app their roles open.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, type Me, type Role, type User } from './api';

export const ME_KEY = ['me'] as const;

/** The current session; `data` is `null` when nobody is signed in. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: api.me, staleTime: 60_000 });
}

export function setMe(queryClient: QueryClient, me: Me | null): void {
  queryClient.setQueryData(ME_KEY, me);
}

export type SectionKey =
  | 'users'
  | 'organizations'
  | 'reviews'
  | 'membership'
  | 'deadlines'
  | 'notifications'
  | 'fund'
  | 'programs'
  | 'screening'
  | 'regime'
  | 'localization'
  | 'capacityReports'
  | 'events'
  | 'portal'
  | 'audit'
  | 'account';

export interface Section {
  key: SectionKey;
  path: string;
  /** Roles that may open the section; `null` means every signed-in user. */
  roles: readonly Role[] | null;
}

// Mirrors the server's authorization so the UI only offers what will work;
// the server still enforces it on every request.
export const SECTIONS: readonly Section[] = [
  { key: 'users', path: '/app/users', roles: ['admin'] },
  {
    key: 'organizations',
    path: '/app/organizations',
    roles: ['admin', 'officer', 'analyst', 'evaluator', 'fund_officer', 'auditor', 'company'],
  },
  { key: 'reviews', path: '/app/registry/reviews', roles: ['admin', 'officer'] },
  { key: 'membership', path: '/app/membership', roles: ['company', 'officer', 'analyst', 'admin', 'auditor'] },
  { key: 'deadlines', path: '/app/membership/deadlines', roles: ['admin', 'officer', 'analyst', 'auditor'] },
  { key: 'notifications', path: '/app/notifications', roles: ['company', 'officer', 'admin', 'auditor'] },
  { key: 'fund', path: '/app/fund', roles: ['fund_officer', 'auditor', 'admin'] },
  // The fund's programs: fund staff run and oversee calls, companies apply, evaluators score.
  { key: 'programs', path: '/app/programs', roles: ['company', 'evaluator', 'fund_officer', 'auditor', 'admin'] },
  { key: 'screening', path: '/app/screening', roles: ['analyst', 'officer', 'auditor', 'admin'] },
  // Fund officers read the regime's benefits estimate (the program's cost); evaluators and fund
  // officers may sit on the appeal commission, whose appeals page is in this section too.
  { key: 'regime', path: '/app/regime', roles: ['company', 'officer', 'analyst', 'admin', 'auditor', 'fund_officer', 'evaluator'] },
  // Localization: officers and auditors read the gaps and needs (restricted data), administrators keep
  // the taxonomy. Capacity reports are a section of their own so that companies reach theirs.
  { key: 'localization', path: '/app/localization', roles: ['officer', 'auditor', 'admin'] },
  { key: 'capacityReports', path: '/app/localization/reports', roles: ['company', 'officer', 'auditor'] },
  // The forum: officers run events and check delegates in, companies register delegates and meet
  // partners, auditors read.
  { key: 'events', path: '/app/events', roles: ['company', 'officer', 'auditor'] },
  // The public portal: officers write news and keep the FAQ, auditors read drafts too.
  { key: 'portal', path: '/app/portal/news', roles: ['officer', 'auditor'] },
  { key: 'audit', path: '/app/audit', roles: ['auditor', 'admin'] },
  { key: 'account', path: '/app/account', roles: null },
];

export function hasAnyRole(user: Pick<User, 'roles'>, roles: readonly Role[] | null): boolean {
  return roles === null || user.roles.some((role) => roles.includes(role));
}

export function allowedSections(user: Pick<User, 'roles'>): Section[] {
  return SECTIONS.filter((section) => hasAnyRole(user, section.roles));
}

export function sectionByKey(key: SectionKey): Section {
  const section = SECTIONS.find((s) => s.key === key);
  if (!section) throw new Error(`Unknown section ${key}`);
  return section;
}

/** Fund officers book in the ledger; auditors and administrators only read it. */
export function canBook(user: Pick<User, 'roles'>): boolean {
  return user.roles.includes('fund_officer');
}

/** Roles that read an organization's screening status (the lists and the name check too). */
export const SCREENING_STATUS_READERS: readonly Role[] = ['analyst', 'officer', 'fund_officer', 'auditor', 'admin'];
/** Roles that read screening cases (the Screening section). */
export const SCREENING_CASE_READERS: readonly Role[] = ['analyst', 'officer', 'auditor', 'admin'];
/** Roles that screen an organization on demand. */
export const SCREENING_RUNNERS: readonly Role[] = ['analyst', 'officer', 'admin'];

/** Only compliance analysts confirm or dismiss screening cases (separation of duties from the officers who admit). */
export function canDecideCases(user: Pick<User, 'roles'>): boolean {
  return user.roles.includes('analyst');
}

/** Only administrators import or replace sanctions lists. */
export function canImportLists(user: Pick<User, 'roles'>): boolean {
  return user.roles.includes('admin');
}

/** True for Alliance staff (every role except company and public): they see every organization. */
export function isStaff(user: Pick<User, 'roles'>): boolean {
  return user.roles.some((role) => role !== 'company' && role !== 'public');
}

/** A company representative (and nothing more): acts only for their own organization. */
export function isCompanyUser(user: Pick<User, 'roles'>): boolean {
  return user.roles.includes('company') && !isStaff(user);
}
