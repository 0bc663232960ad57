import type { Migration } from 'kysely';
import * as foundation from './202611271400_foundation.ts';
import * as registryMembership from './202611271600_registry_membership.ts';
import * as fundLedger from './202611271700_fund_ledger.ts';
import * as fundSources from './202611271800_fund_sources.ts';
import * as fundEarmarks from './202611271900_fund_earmarks.ts';
import * as screeningLists from './202611272000_screening_lists.ts';
import * as screeningCases from './202611272100_screening_cases.ts';
import * as regime from './202611272200_regime.ts';
import * as fundPrograms from './202611272300_fund_programs.ts';
import * as localization from './202611280100_localization.ts';
import * as ownerRegisteredWithLink from './202611280200_owner_registered_with_link.ts';
import * as jobRequestsWhileRunning from './202611280300_job_requests_while_running.ts';
import * as events from './202611280400_events.ts';
import * as portal from './202611280500_portal.ts';
import * as portalImages from './202611280600_portal_images.ts';

/**
 * Every migration, in order. Listed by hand (not read from the folder) so the same list works
 * under tsx, Vitest and any bundler; the name is the file name without `.ts`.
 */
export const migrations: Record<string, Migration> = {
  '202611271400_foundation': foundation,
  '202611271600_registry_membership': registryMembership,
  '202611271700_fund_ledger': fundLedger,
  '202611271800_fund_sources': fundSources,
  '202611271900_fund_earmarks': fundEarmarks,
  '202611272000_screening_lists': screeningLists,
  '202611272100_screening_cases': screeningCases,
  '202611272200_regime': regime,
  '202611272300_fund_programs': fundPrograms,
  '202611280100_localization': localization,
  '202611280200_owner_registered_with_link': ownerRegisteredWithLink,
  '202611280300_job_requests_while_running': jobRequestsWhileRunning,
  '202611280400_events': events,
  '202611280500_portal': portal,
  '202611280600_portal_images': portalImages,
};
