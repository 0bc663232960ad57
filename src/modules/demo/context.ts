import type { Kysely } from 'kysely';
import type { AuthContext, Role } from '../../core/access.ts';
import type { AppDeps } from '../../core/http.ts';
import type { Database } from '../../db/schema.ts';
import type { AuditActor } from '../audit/service.ts';

// What the parts of the demo seed hand each other. The seed is deterministic from `seed`: every name,
// amount and date comes from `random` (core/random.ts seededRandom) and `now`, never from Math.random
// or the wall clock, so two loads with the same seed give the same data set (ids aside). Fields marked
// optional were added after the first version of this interface; the seed (seed.ts) always sets them.

/** A demo user that stands for one role: its AuthContext is what the services are called with. */
export interface DemoUser {
  id: string;
  email: string;
  roles: Role[];
  organizationId: string | null;
  auth: AuthContext;
  actor: AuditActor;
}

/** One generated company. */
export interface DemoCompany {
  organizationId: string;
  /** English legal name (the Ukrainian one is in the registry). */
  name: string;
  /** Ukrainian legal name. */
  nameUk?: string;
  /** Scheme-qualified identifiers (UA-EDR-…, XI-LEI-…, national numbers). */
  identifiers?: string[];
  /** ISO 3166-1 alpha-2, as the registry stores it. */
  country: string;
  domestic: boolean;
  /** Capability codes (registry taxonomy) the company offers. */
  capabilities: string[];
  /** Its company user (every company has one), who files its reports and registers its delegates. */
  user: DemoUser;
  /**
   * Membership status at the end of the seed ('approved' = a member of the Alliance: the application's
   * status is then `member`, since approval admits at once), null = never applied. The others are the
   * application's status as stored (draft, screening, under_review, returned, rejected, withdrawn,
   * suspended, terminated).
   */
  membershipStatus: string | null;
  /** The membership application, null = never applied. */
  membershipApplicationId?: string | null;
  /** True when an owner (directly or through a holding company) is on a sanctions list. */
  sanctionedOwner?: boolean;
  /** Regime residency at the end of the seed, null = not a resident (a current one: active or suspended). */
  residentId: string | null;
  /** The resident's status, former residents (terminated, exited) included; null = never a resident. */
  residentStatus?: string | null;
}

export interface DemoContext {
  db: Kysely<Database>;
  deps: AppDeps;
  random: () => number;
  /** The demo's "today": every date in the data set is relative to it. */
  now: Date;
  /** The seed the data set is generated from. */
  seed?: number;
  /** The one password of every demo account (random per load; never stored in clear). */
  password?: string;
  /** One user per staff role (officer, analyst, evaluator, fund_officer, auditor, admin). */
  staff: Record<'officer' | 'officer2' | 'analyst' | 'evaluator' | 'evaluator2' | 'fund_officer' | 'fund_officer2' | 'auditor' | 'admin', DemoUser>;
  companies: DemoCompany[];
  /** Reports progress ("fund: 40 awards") so `adi demo seed` can show it. */
  progress(step: string): void;
}

/** The members of the Alliance among the companies. */
export function demoMembers(context: DemoContext): DemoCompany[] {
  return context.companies.filter((company) => company.membershipStatus === 'approved');
}

/**
 * Runs `work` for each item, `size` items to a transaction: `work` gets a context whose `db` is that
 * transaction, and the services it calls run inside it (they join a caller's transaction), each change
 * still audited with it. A demo load is the only writer, and a commit per service call is most of its
 * time on PGlite. Services that open their own transaction (the registry's and identity's writes)
 * must be called with the outer context instead.
 */
export async function inBatches<T>(context: DemoContext, items: readonly T[], size: number, work: (batch: DemoContext, item: T, index: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    await context.db.transaction().execute(async (trx) => {
      const batch: DemoContext = { ...context, db: trx };
      for (let i = start; i < Math.min(start + size, items.length); i++) await work(batch, items[i] as T, i);
    });
  }
}
