// The demo data set (issue #12): a clearly fictional but realistic picture of the whole program, made
// from a seed through the domains' own services, so every change is audited and the audit log of a
// demo database verifies like any other. Order: staff accounts, sanctions lists, the 252 companies
// (registry), company accounts, membership, regime, then the fund, localization, forum and portal parts.

import path from 'node:path';
import { AppError } from '../../core/errors.ts';
import type { AppDeps } from '../../core/http.ts';
import { seededRandom } from '../../core/random.ts';
import type { AuditActor } from '../audit/service.ts';
import { DEMO_EMAIL_DOMAIN, demoAccountsExist } from '../identity/demo.ts';
import { listCapabilities } from '../registry/service.ts';
import { createCompanyAccounts, createStaffAccounts, newDemoPassword, STAFF_ACCOUNTS } from './accounts.ts';
import { type CompanyPlan, planCompanies, seedCompanies } from './companies.ts';
import type { DemoCompany, DemoContext } from './context.ts';
import { seedForum } from './forum.ts';
import { seedFund } from './fund.ts';
import { seedLocalization } from './localization.ts';
import { type MembershipOutcome, planMemberships, seedMemberships } from './membership.ts';
import { seedPortal } from './portal.ts';
import { type RegimeOutcome, planRegime, seedRegime } from './regime.ts';
import { DEFAULT_SANCTIONS_DIR, type SanctionedPerson, type SanctionsOutcome, importSanctionsLists, pickSanctionedPeople } from './sanctions.ts';

/** The seed used when none is given: the same data set on every machine. */
export const DEFAULT_DEMO_SEED = 20_260_101;

/** How many listed people become owners (see companies.ts, SanctionStory). */
const SANCTIONED_OWNERS = 6;

/** Options of a demo load. */
export interface SeedDemoOptions {
  /** Every name, amount and plan comes from it (default DEFAULT_DEMO_SEED). */
  seed?: number;
  /** The demo's "today" (default: now). */
  now?: Date;
  /** Folder with the shipped sanctions lists (default ../shared/data/sanctions from the working directory). */
  sanctionsDir?: string;
  /** Told each step as it completes (`adi demo seed` prints them). */
  progress?: (step: string) => void;
  /** Who loads the data set (the audit actor of the staff accounts; default the system). */
  actor?: AuditActor;
}

/** An account the summary lists: staff with their two-factor secret, featured companies. */
export interface DemoSummaryAccount {
  role: string;
  email: string;
  displayName: string;
  organizationName: string | null;
  /** Base32 secret for an authenticator app (staff only). */
  totpSecret: string | null;
}

/** What a demo load made. */
export interface DemoSummary {
  seed: number;
  password: string;
  accounts: DemoSummaryAccount[];
  companies: number;
  countries: number;
  domestic: number;
  companyAccounts: number;
  sanctions: SanctionsOutcome & { sanctionedOwners: Array<{ entityId: string; listedAs: string; registeredAs: string; company: string; story: string }> };
  membership: MembershipOutcome;
  regime: RegimeOutcome;
  /** Seconds per step, in order, with the process's CPU seconds (what the step costs on an idle machine, roughly). */
  timings: Array<{ step: string; seconds: number; cpuSeconds: number }>;
  seconds: number;
}

/** Parts of the seed with their own random stream. */
export const DEMO_STREAMS = { companies: 1, sanctions: 2, membership: 3, regime: 4, membershipWork: 5, regimeWork: 6 } as const;

/**
 * Separate seeded streams per part, so that (say) the company names do not depend on whether the
 * lists were found.
 */
export function demoStream(seed: number, part: number): () => number {
  return seededRandom((Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(part, 0x85ebca6b)) >>> 0);
}

/** The featured company accounts at the demo domain itself (the sign-in page lists them). */
function featuredCompanies(plans: CompanyPlan[], fates: ReturnType<typeof planMemberships>, regime: ReturnType<typeof planRegime>): Map<number, { email: string; note: string }> {
  const featured = new Map<number, { email: string; note: string }>();
  const first = (test: (p: CompanyPlan) => boolean) => plans.find((p) => !featured.has(p.index) && !p.sanction && test(p));
  const resident = first((p) => regime.get(p.index) === 'active_accepted');
  if (resident) featured.set(resident.index, { email: `company@${DEMO_EMAIL_DOMAIN}`, note: 'member and resident' });
  const member = first((p) => !p.domestic && fates.get(p.index) === 'member' && !p.owners.some((l) => l.owner.kind === 'company'));
  if (member) featured.set(member.index, { email: `member@${DEMO_EMAIL_DOMAIN}`, note: 'foreign member' });
  const applicant = first((p) => !p.domestic && fates.get(p.index) === 'draft');
  if (applicant) featured.set(applicant.index, { email: `applicant@${DEMO_EMAIL_DOMAIN}`, note: 'draft application' });
  return featured;
}

/**
 * Loads the demo data set into a database that holds none (a clear 409 otherwise): accounts for every
 * role, 252 companies from 30 countries with owners and holdings, the sanctions lists and owners on
 * them, membership applications in every state, regime residents with reports, then the fund,
 * localization, forum and portal. Deterministic from the seed (ids, timestamps and the password aside).
 */
export async function seedDemo(deps: AppDeps, options: SeedDemoOptions = {}): Promise<DemoSummary> {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const now = options.now ?? new Date();
  const progress = options.progress ?? (() => {});
  const { db } = deps;
  const requestId = `demo-seed:${seed}`;
  const actor: AuditActor = options.actor ?? { actorId: null, actorLabel: 'demo seed', requestId };
  if (await demoAccountsExist(db)) {
    throw new AppError('conflict', `the database already holds the demo data set (accounts at ${DEMO_EMAIL_DOMAIN}); load it into an empty database or a new data folder`);
  }
  const timings: DemoSummary['timings'] = [];
  let mark = performance.now();
  let cpuMark = process.cpuUsage();
  const step = (name: string) => {
    const at = performance.now();
    const cpu = process.cpuUsage(cpuMark);
    timings.push({ step: name, seconds: Math.round((at - mark) / 10) / 100, cpuSeconds: Math.round((cpu.user + cpu.system) / 10_000) / 100 });
    mark = at;
    cpuMark = process.cpuUsage();
  };

  const password = newDemoPassword();
  const { staff, created: staffCreated } = await createStaffAccounts(db, deps.secrets, actor, password, requestId);
  const context: DemoContext = { db, deps, random: seededRandom(seed), now, seed, password, staff, companies: [], progress };
  progress(`accounts: ${STAFF_ACCOUNTS.length} staff accounts`);
  step('staff accounts');

  const sanctionsDir = path.resolve(options.sanctionsDir ?? DEFAULT_SANCTIONS_DIR);
  const sanctions = await importSanctionsLists(context, sanctionsDir, staff.admin.actor);
  const sanctioned: SanctionedPerson[] = sanctions.missing ? [] : await pickSanctionedPeople(context, demoStream(seed, DEMO_STREAMS.sanctions), SANCTIONED_OWNERS);
  step('sanctions lists');

  const known = new Set((await listCapabilities(db)).filter((c) => !c.archived).map((c) => c.code));
  const plans = planCompanies(demoStream(seed, DEMO_STREAMS.companies), now, known, sanctioned);
  const fates = planMemberships(demoStream(seed, DEMO_STREAMS.membership), plans);
  const regimeFates = planRegime(demoStream(seed, DEMO_STREAMS.regime), plans.filter((p) => p.domestic && fates.get(p.index) === 'member' && !p.sanction));
  const seeded = await seedCompanies(context, plans);
  step('registry');

  const featured = featuredCompanies(plans, fates, regimeFates);
  const emails = new Set<string>();
  const { users } = await createCompanyAccounts(
    context,
    seeded.map(({ plan, organizationId }) => {
      const contact = plan.organization.contacts[0]?.email ?? `office@${plan.slug}.${DEMO_EMAIL_DOMAIN}`;
      // Two slugs could coincide: the later company's address gets its number.
      let email = featured.get(plan.index)?.email ?? contact;
      if (emails.has(email)) email = email.replace('@', `-${plan.index}@`);
      emails.add(email);
      return { email, displayName: plan.director.names[0]!.fullName, roles: ['company'], organizationId };
    }),
    password,
    requestId,
  );
  const companies = seeded.map(({ plan, organizationId }, i) => {
    const company: DemoCompany = {
      organizationId,
      name: plan.organization.name,
      nameUk: plan.organization.nameUk,
      identifiers: plan.organization.identifiers.map((id) => id.identifier),
      country: plan.organization.country,
      domestic: plan.domestic,
      capabilities: plan.organization.capabilities,
      user: users[i]!,
      membershipStatus: null,
      membershipApplicationId: null,
      sanctionedOwner: plan.sanction !== undefined,
      residentId: null,
      residentStatus: null,
    };
    return { plan, company };
  });
  context.companies = companies.map((c) => c.company);
  progress(`accounts: ${users.length} company accounts`);
  step('company accounts');

  const membership = await seedMemberships(context, demoStream(seed, DEMO_STREAMS.membershipWork), companies, fates);
  progress(`membership: ${Object.entries(membership.byStatus).map(([status, n]) => `${n} ${status}`).join(', ')}`);
  step('membership');
  const regime = await seedRegime(context, demoStream(seed, DEMO_STREAMS.regimeWork), companies, regimeFates);
  progress(`regime: ${Object.entries(regime.residents).map(([status, n]) => `${n} ${status}`).join(', ')} residents`);
  step('regime');

  await seedFund(context);
  step('fund');
  await seedLocalization(context);
  step('localization');
  await seedForum(context);
  step('forum');
  await seedPortal(context);
  step('portal');

  const listed = [
    ...STAFF_ACCOUNTS.map((s, i) => ({ role: s.role, email: s.email, displayName: s.displayName, organizationName: null, totpSecret: staffCreated[i]!.totpSecret })),
    ...companies
      .filter(({ plan }) => featured.has(plan.index))
      .map(({ plan, company }) => ({ role: 'company', email: company.user.email, displayName: `${plan.director.names[0]!.fullName} (${featured.get(plan.index)!.note})`, organizationName: company.name, totpSecret: null })),
  ];
  return {
    seed,
    password,
    accounts: listed,
    companies: companies.length,
    countries: new Set(companies.map((c) => c.company.country)).size,
    domestic: companies.filter((c) => c.company.domestic).length,
    companyAccounts: users.length,
    sanctions: {
      ...sanctions,
      sanctionedOwners: companies
        .filter(({ plan }) => plan.sanction)
        .map(({ plan, company }) => ({ entityId: plan.sanction!.person.entityId, listedAs: plan.sanction!.person.caption, registeredAs: plan.sanction!.person.cyrillicName, company: company.name, story: plan.sanction!.story })),
    },
    membership,
    regime,
    timings,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

