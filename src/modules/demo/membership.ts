// Membership applications, taken through MEMBERSHIP_MACHINE by the people whose duty each step is:
// the company files and submits (screening runs on submission), the analyst decides screening cases and
// clears or rejects, an officer approves, returns, rejects, suspends or terminates. Most companies end
// as members; the rest are spread over every other state, and the companies with a sanctioned owner
// meet the fate their story says (companies.ts, SanctionStory).

import { AppError } from '../../core/errors.ts';
import { SYSTEM_ACTOR } from '../audit/service.ts';
import { INVESTMENT_CURRENCIES } from '../membership/schema.ts';
import { createApplication, transition, updateApplication } from '../membership/service.ts';
import { decideCase, listCases, organizationScreening, screenOrganization } from '../screening/cases-service.ts';
import type { CompanyPlan } from './companies.ts';
import { addLaterOwner } from './companies.ts';
import { type DemoCompany, type DemoContext, type DemoUser, inBatches } from './context.ts';
import { uploadDemoPdf } from './documents.ts';
import { between, pick, shuffled } from './names.ts';

type Random = () => number;

/** Where an application ends (null: the company never applied). `member` is the Alliance member. */
export type MembershipFate = 'member' | 'suspended' | 'terminated' | 'under_review' | 'screening' | 'returned' | 'rejected' | 'withdrawn' | 'draft' | null;

/** How many companies end in each state other than member (member takes the rest: 196 of 252). */
export const FATE_COUNTS: ReadonlyArray<[Exclude<MembershipFate, 'member'>, number]> = [
  ['suspended', 3],
  ['terminated', 2],
  ['under_review', 10],
  ['screening', 8],
  ['returned', 5],
  ['rejected', 6],
  ['withdrawn', 4],
  ['draft', 8],
  [null, 10],
];

const STORY_FATE: Record<NonNullable<CompanyPlan['sanction']>['story'], MembershipFate> = {
  rejected_direct: 'rejected',
  rejected_holding: 'rejected',
  open_direct: 'screening',
  open_chain: 'screening',
  member_new_owner: 'suspended',
  never_applied: null,
};

/** The fate of each company (by plan index): the sanctioned ones by their story, the others drawn from the seed. */
export function planMemberships(random: Random, plans: CompanyPlan[]): Map<number, MembershipFate> {
  const fates = new Map<number, MembershipFate>();
  for (const plan of plans) if (plan.sanction) fates.set(plan.index, STORY_FATE[plan.sanction.story]);
  // Companies other companies own stay plain members (their parents' and children's stories stay simple).
  const owned = new Set(plans.filter((p) => p.owners.some((l) => l.owner.kind === 'company')).map((p) => p.index));
  const parents = new Set(plans.flatMap((p) => p.owners.flatMap((l) => (l.owner.kind === 'company' ? [l.owner.companyIndex] : []))));
  const open = shuffled(random, plans.filter((p) => !fates.has(p.index) && !owned.has(p.index) && !parents.has(p.index)));
  for (const [fate, count] of FATE_COUNTS) {
    const already = [...fates.values()].filter((f) => f === fate).length;
    for (let i = already; i < count; i++) fates.set(open.shift()!.index, fate);
  }
  for (const plan of plans) if (!fates.has(plan.index)) fates.set(plan.index, 'member');
  return fates;
}

// ISO 4217 minor-unit exponents of the currencies used (the others have two).
const ZERO_DECIMALS = new Set(['JPY', 'KRW']);
const CURRENCY_OF: Record<string, (typeof INVESTMENT_CURRENCIES)[number]> = {
  UA: 'UAH', US: 'USD', GB: 'GBP', PL: 'PLN', SE: 'SEK', NO: 'NOK', DK: 'DKK', CZ: 'CZK', RO: 'RON', BG: 'BGN', CA: 'CAD', AU: 'AUD', JP: 'JPY', KR: 'KRW', TR: 'TRY',
};
// Roughly one euro in each currency, so investments are of a believable size everywhere.
const PER_EUR: Record<string, number> = { UAH: 48, USD: 1.1, GBP: 0.85, PLN: 4.3, SEK: 11, NOK: 11.5, DKK: 7.5, CZK: 25, RON: 5, BGN: 2, CAD: 1.5, AUD: 1.7, JPY: 160, KRW: 1450, TRY: 38, EUR: 1 };

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The localization plan a company files (bilingual summary, figures in its currency, dates after `now`). */
function planFor(random: Random, now: Date, plan: CompanyPlan, partnerId: string | null, documentId: string | null) {
  const currency = CURRENCY_OF[plan.organization.country] ?? 'EUR';
  const millionsOfEuro = plan.domestic ? between(random, 1, 25) : between(random, 3, 80);
  const major = Math.round(millionsOfEuro * 1_000_000 * (PER_EUR[currency] ?? 1));
  const investmentMinor = ZERO_DECIMALS.has(currency) ? major : major * 100;
  const capabilities = plan.organization.capabilities.length ? plan.organization.capabilities : ['components'];
  const jobs = between(random, plan.domestic ? 15 : 40, plan.domestic ? 350 : 900);
  const start = isoDate(new Date(now.getTime() + between(random, 60, 540) * 86_400_000));
  const name = plan.organization.shortName ?? plan.organization.name;
  const summary = plan.domestic
    ? `Розширення виробництва ${name}: нова лінія, ${jobs} робочих місць, локалізація компонентів.\nExpansion of ${name}'s production: a new line, ${jobs} jobs, localized components.`
    : `Спільне виробництво ${name} в Україні з місцевим партнером: передача технологій і складання.\nJoint production of ${name} in Ukraine with a local partner: technology transfer and assembly; ${jobs} jobs.`;
  return {
    ...(partnerId ? { localPartnerOrganizationId: partnerId } : {}),
    siteOblast: plan.siteRegion,
    siteCity: plan.siteCity,
    investmentMinor,
    investmentCurrency: currency,
    jobs,
    capabilities,
    plannedStart: start,
    planSummary: summary,
    ...(documentId ? { documentIds: [documentId] } : {}),
  };
}

const DISMISS_PERSON = 'Different person: the date of birth and nationality in the registry do not match the listed entry; the names are only alike.';
const DISMISS_ORGANIZATION = 'Different organization: only the names are alike; country and identifiers differ.';
const CONFIRM = 'Confirmed: the owner is the listed person (same name in Ukrainian spelling, same date of birth and nationality).';

/**
 * The analyst works the organization's open screening cases: a hit on the company's sanctioned owner
 * is confirmed (or left open, `keepOpen`), any other hit is a namesake and is dismissed with a reason.
 */
export async function workCases(context: DemoContext, company: { organizationId: string; plan: CompanyPlan }, listed: 'confirm' | 'keep_open'): Promise<{ confirmed: number; dismissed: number; open: number }> {
  const analyst = context.staff.analyst;
  if ((await organizationScreening(context.db, company.organizationId)).openCases === 0) return { confirmed: 0, dismissed: 0, open: 0 };
  const { items } = await listCases(context.db, { organizationId: company.organizationId, status: 'open' }, 100, 0);
  const listedId = company.plan.sanction?.person.entityId;
  let confirmed = 0;
  let dismissed = 0;
  let open = 0;
  for (const item of items) {
    if (listedId !== undefined && item.entity.id === listedId) {
      if (listed === 'keep_open') {
        open += 1;
        continue;
      }
      await decideCase(context.db, analyst.actor, item.id, { decision: 'confirm', reason: CONFIRM, version: item.version });
      confirmed += 1;
    } else {
      await decideCase(context.db, analyst.actor, item.id, { decision: 'dismiss', reason: item.subject.type === 'person' ? DISMISS_PERSON : DISMISS_ORGANIZATION, version: item.version });
      dismissed += 1;
    }
  }
  return { confirmed, dismissed, open };
}

/**
 * True for the refusal a service gives while screening cases are open: it comes before the service
 * writes anything, so the caller's transaction goes on after it.
 */
export function isScreeningBlocked(error: unknown): boolean {
  return error instanceof AppError && error.code === 'screening_blocked';
}

/** What the membership step did. */
export interface MembershipOutcome {
  byStatus: Record<string, number>;
  casesConfirmed: number;
  casesDismissed: number;
  casesOpen: number;
}

/**
 * Files and moves every application to its planned fate, 25 companies to a transaction (see
 * inBatches). A few members were returned once and resubmitted, so the history shows every state of
 * the machine.
 */
export async function seedMemberships(
  context: DemoContext,
  random: Random,
  companies: Array<{ plan: CompanyPlan; company: DemoCompany }>,
  fates: Map<number, MembershipFate>,
): Promise<MembershipOutcome> {
  const outcome: MembershipOutcome = { byStatus: {}, casesConfirmed: 0, casesDismissed: 0, casesOpen: 0 };
  const ukrainian = companies.filter((c) => c.plan.domestic);
  const applicants = companies.filter(({ plan }) => (fates.get(plan.index) ?? null) !== null);
  const state = { resubmitted: 0, admitted: 0 };
  // Members whose new owner is reported after admission: the registry writes in its own transaction, so after the batch.
  const laterOwners: Array<{ plan: CompanyPlan; company: DemoCompany; applicationId: string; version: number }> = [];
  await inBatches(context, applicants, 25, async (batch, { plan, company }) => {
    const fate = fates.get(plan.index)!;
    const partner = plan.domestic ? null : pick(random, ukrainian).company.organizationId;
    const later = await fileApplication(batch, random, { plan, company }, fate, partner, outcome, state);
    if (later) laterOwners.push({ plan, company, ...later });
    if (company.membershipStatus === 'approved' && ++state.admitted % 50 === 0) context.progress(`membership: ${state.admitted} members admitted`);
  });
  // A company that never applied is screened by the background job the registry queued; it runs here
  // for the company whose owner is listed, so the analyst's queue holds its case when the demo starts.
  for (const { company } of companies.filter(({ plan }) => plan.sanction?.story === 'never_applied')) {
    await screenOrganization(context.db, SYSTEM_ACTOR, company.organizationId);
    outcome.casesOpen += (await organizationScreening(context.db, company.organizationId)).openCases;
  }
  for (const { plan, company, applicationId, version } of laterOwners) {
    // After admission the company reports a new owner; screening (as the queued job would) finds them on a list.
    await addLaterOwner(context, company.organizationId, plan.laterOwner!);
    await screenOrganization(context.db, SYSTEM_ACTOR, company.organizationId);
    const worked = await workCases(context, { organizationId: company.organizationId, plan }, 'confirm');
    outcome.casesConfirmed += worked.confirmed;
    outcome.casesDismissed += worked.dismissed;
    const officer = context.staff.officer;
    const app = await transition(context.db, officer.auth, officer.actor, applicationId, {
      action: 'suspend',
      version,
      reason: 'A new owner reported after admission is on a sanctions list (confirmed screening case); membership is suspended until the stake is divested.',
    });
    outcome.byStatus.member = (outcome.byStatus.member ?? 1) - 1;
    outcome.byStatus[app.status] = (outcome.byStatus[app.status] ?? 0) + 1;
    company.membershipStatus = app.status;
  }
  return outcome;
}

/** One company's application, from filing to its fate; returns the application when a later owner is still to be reported. */
async function fileApplication(
  context: DemoContext,
  random: Random,
  { plan, company }: { plan: CompanyPlan; company: DemoCompany },
  fate: Exclude<MembershipFate, null>,
  partner: string | null,
  outcome: MembershipOutcome,
  state: { resubmitted: number },
): Promise<{ applicationId: string; version: number } | null> {
  const { db, now, staff } = context;
  const user: DemoUser = company.user;
  // Two officers share the work; whoever decides did not file (the company files itself).
  const officer = plan.index % 2 === 0 ? staff.officer : staff.officer2;
  const act = async (who: DemoUser, id: string, version: number, action: Parameters<typeof transition>[4]['action'], reason?: string) =>
    transition(db, who.auth, who.actor, id, { action, version, ...(reason ? { reason } : {}) });
  const finish = (status: string) => {
    company.membershipStatus = status === 'member' ? 'approved' : status;
    outcome.byStatus[status] = (outcome.byStatus[status] ?? 0) + 1;
  };
  const work = async (listed: 'confirm' | 'keep_open') => {
    const worked = await workCases(context, { organizationId: company.organizationId, plan }, listed);
    outcome.casesConfirmed += worked.confirmed;
    outcome.casesDismissed += worked.dismissed;
    outcome.casesOpen += worked.open;
  };

  const documentId =
    fate === 'draft' && random() < 0.5
      ? null
      : (
          await uploadDemoPdf(context, user, company.organizationId, {
            type: 'localization_plan',
            title: `Localization plan - ${plan.organization.name}`,
            lines: [
              `Applicant: ${plan.organization.name} (${plan.organization.country})`,
              `Identifiers: ${plan.organization.identifiers.map((i) => i.identifier).join(', ')}`,
              `Capabilities: ${plan.organization.capabilities.join(', ') || 'components'}`,
              `Site: ${plan.siteCity}, ${plan.siteRegion}`,
              'This document is part of the fictional demo data set of the ADI Platform.',
            ],
          })
        ).id;
  const filed = planFor(random, now, plan, partner, documentId);
  // A draft is often still incomplete: the summary and start date come last.
  const draftPlan = fate === 'draft' ? { ...filed, planSummary: null, plannedStart: null } : filed;
  let app = await createApplication(db, user.auth, user.actor, draftPlan);
  company.membershipApplicationId = app.id;
  if (fate === 'draft') {
    finish(app.status);
    return null;
  }
  if (fate === 'withdrawn' && random() < 0.5) {
    app = await act(user, app.id, app.version, 'withdraw');
    finish(app.status);
    return null;
  }

  // The analyst clears screening; a namesake hit found on submission blocks that until it is decided.
  const clearScreening = async () => {
    try {
      return await act(staff.analyst, app.id, app.version, 'clear_screening');
    } catch (error) {
      if (!isScreeningBlocked(error)) throw error;
      await work('confirm');
      return act(staff.analyst, app.id, app.version, 'clear_screening');
    }
  };

  app = await act(user, app.id, app.version, 'submit');
  const sanctioned = plan.sanction !== undefined && plan.sanction.story !== 'member_new_owner';
  if (sanctioned) await work(fate === 'screening' ? 'keep_open' : 'confirm');
  if (fate === 'screening') {
    finish(app.status);
    return null;
  }
  if (fate === 'rejected' && sanctioned) {
    app = await act(staff.analyst, app.id, app.version, 'reject', 'A beneficial owner is on a sanctions list (confirmed screening case); the Alliance does not admit the company.');
    finish(app.status);
    return null;
  }
  app = await clearScreening();
  if (fate === 'under_review') {
    finish(app.status);
    return null;
  }
  if (fate === 'withdrawn') {
    app = await act(user, app.id, app.version, 'withdraw', 'We postpone the Ukrainian production to next year.');
    finish(app.status);
    return null;
  }
  if (fate === 'returned') {
    app = await act(officer, app.id, app.version, 'return', 'Please name the local partner’s production site and attach the partner’s letter of intent.');
    finish(app.status);
    return null;
  }
  if (fate === 'rejected') {
    app = await act(officer, app.id, app.version, 'reject', 'The plan shows no production in Ukraine within three years, only sales: it does not meet the Alliance’s localization aim.');
    finish(app.status);
    return null;
  }
  if (fate === 'member' && state.resubmitted < 3) {
    // Returned once for a missing detail, corrected and submitted again.
    state.resubmitted += 1;
    app = await act(officer, app.id, app.version, 'return', 'The investment schedule is missing; please add the yearly amounts to the summary.');
    app = await updateApplication(db, user.auth, user.actor, app.id, { version: app.version, planSummary: `${filed.planSummary}\nInvestment: 40 % in the first year, 60 % in the second.` });
    app = await act(user, app.id, app.version, 'submit');
    app = await clearScreening();
  }
  app = await act(officer, app.id, app.version, 'approve');
  if (fate === 'suspended' && plan.laterOwner) {
    finish(app.status);
    return { applicationId: app.id, version: app.version };
  }
  if (fate === 'suspended') app = await act(officer, app.id, app.version, 'suspend', 'The first localization milestone (site lease and equipment order) is six months overdue.');
  else if (fate === 'terminated') app = await act(officer, app.id, app.version, 'terminate', 'The company closed its Ukrainian project and asked to end its membership.');
  finish(app.status);
  return null;
}
