// The special economic regime: Ukrainian members apply with their figures and an auditor's report;
// submission checks them against the rule set in force and screens the company; an officer grants
// (a resident with a signed certificate), refuses or returns. Residents file their annual report,
// which is checked against the rules: some fail, which opens a suspension proposal that an officer
// accepts (suspended) or that is still open; some residents were terminated or left (former residents).

import { createApplication, residentDetail, transitionApplication, transitionResident } from '../regime/service.ts';
import { createReport, decideProposal, submitReport } from '../regime/reports-service.ts';
import type { TFiguresInput } from '../regime/schema.ts';
import type { CompanyPlan } from './companies.ts';
import { type DemoCompany, type DemoContext, inBatches } from './context.ts';
import { uploadDemoPdf } from './documents.ts';
import { isScreeningBlocked, workCases } from './membership.ts';
import { between, shuffled } from './names.ts';

type Random = () => number;

/** Where a company ends in the regime. */
export type RegimeFate =
  | 'active_accepted'
  | 'active_failed'
  | 'active_draft_report'
  | 'active_no_report'
  | 'suspended'
  | 'terminated'
  | 'exited'
  | 'checks'
  | 'draft'
  | 'refused'
  | 'returned'
  | 'withdrawn';

/** How many Ukrainian members end in each regime state. */
export const REGIME_COUNTS: ReadonlyArray<[RegimeFate, number]> = [
  ['active_accepted', 14],
  ['active_failed', 3],
  ['active_draft_report', 2],
  ['active_no_report', 2],
  ['suspended', 2],
  ['terminated', 1],
  ['exited', 1],
  ['checks', 3],
  ['draft', 2],
  ['refused', 2],
  ['returned', 1],
  ['withdrawn', 1],
];

/** The regime fate of Ukrainian members (by plan index), drawn from the seed; other companies get none. */
export function planRegime(random: Random, ukrainianMembers: CompanyPlan[]): Map<number, RegimeFate> {
  const fates = new Map<number, RegimeFate>();
  const open = shuffled(random, ukrainianMembers);
  for (const [fate, count] of REGIME_COUNTS) for (let i = 0; i < count && open.length; i++) fates.set(open.shift()!.index, fate);
  return fates;
}

/** Figures that meet the starting rule set: ≥ 75 % defense income, ≥ 9 staff, wage ≥ 20,000 UAH, no state share. */
function passingFigures(random: Random): TFiguresInput {
  const revenue = between(random, 40, 1800) * 1_000_000_00;
  const share = between(random, 78, 99);
  const employees = between(random, 25, 1400);
  return {
    currency: 'UAH',
    revenueMinor: revenue,
    qualifiedDefenseIncomeMinor: Math.round((revenue * share) / 100),
    employees,
    averageMonthlyWageMinor: between(random, 23_000, 52_000) * 100,
    stateOwnershipPct: 0,
    localContentPct: between(random, 55, 96),
    investmentMinor: between(random, 5, 300) * 1_000_000_00,
    reinvestedProfitMinor: between(random, 1, 90) * 1_000_000_00,
    landTaxMinor: between(random, 50, 900) * 1000_00,
    propertyTaxMinor: between(random, 100, 2500) * 1000_00,
    environmentalTaxMinor: between(random, 10, 300) * 1000_00,
  };
}

/** Figures that fail the rules: defense income under 75 % of revenue, or a wage under the minimum. */
function failingFigures(random: Random): TFiguresInput {
  const figures = passingFigures(random);
  if (random() < 0.6) figures.qualifiedDefenseIncomeMinor = Math.round(((figures.revenueMinor ?? 0) * between(random, 52, 72)) / 100);
  else figures.averageMonthlyWageMinor = between(random, 14_000, 19_500) * 100;
  return figures;
}

/** What the regime step did. */
export interface RegimeOutcome {
  residents: Record<string, number>;
  applications: Record<string, number>;
  reports: Record<string, number>;
}

/** Takes each chosen member through the regime to its planned fate, 20 companies to a transaction (see inBatches). */
export async function seedRegime(context: DemoContext, random: Random, companies: Array<{ plan: CompanyPlan; company: DemoCompany }>, fates: Map<number, RegimeFate>): Promise<RegimeOutcome> {
  const outcome: RegimeOutcome = { residents: {}, applications: {}, reports: {} };
  const count = (bucket: Record<string, number>, key: string) => (bucket[key] = (bucket[key] ?? 0) + 1);
  const chosen = companies.filter(({ plan }) => fates.has(plan.index));
  await inBatches(context, chosen, 20, async (batch, { plan, company }) => {
    const fate = fates.get(plan.index)!;
    const { db, staff, deps } = batch;
    const user = company.user;
    const officer = plan.index % 2 === 0 ? staff.officer2 : staff.officer;
    const fiscalYear = context.now.getUTCFullYear() - 1;
    const auditorReport = await uploadDemoPdf(batch, user, company.organizationId, {
      type: 'financial_statement',
      title: `Independent auditor's report ${fiscalYear} - ${plan.organization.shortName ?? plan.organization.name}`,
      lines: [`Financial statements of ${plan.organization.name} for ${fiscalYear}.`, 'Unqualified opinion.', 'This document is part of the fictional demo data set of the ADI Platform.'],
    });
    const figures = fate === 'refused' ? failingFigures(random) : passingFigures(random);
    let app = await createApplication(db, user.auth, user.actor, { figures: { fiscalYear, ...figures }, auditorReportDocumentId: auditorReport.id });
    if (fate === 'draft') {
      count(outcome.applications, app.status);
      return;
    }
    app = await transitionApplication(db, deps.signer, user.auth, user.actor, app.id, { action: 'submit', version: app.version });
    if (fate === 'checks') {
      count(outcome.applications, app.status);
      return;
    }
    if (fate === 'withdrawn') {
      app = await transitionApplication(db, deps.signer, user.auth, user.actor, app.id, { action: 'withdraw', version: app.version, reason: 'We will apply after the new plant opens.' });
      count(outcome.applications, app.status);
      return;
    }
    if (fate === 'refused') {
      app = await transitionApplication(db, deps.signer, officer.auth, officer.actor, app.id, {
        action: 'refuse',
        version: app.version,
        reason: 'The figures do not meet rule set version 1 (see the evaluation): qualified defense income or the average wage is below the threshold.',
      });
      count(outcome.applications, app.status);
      return;
    }
    if (fate === 'returned') {
      app = await transitionApplication(db, deps.signer, officer.auth, officer.actor, app.id, { action: 'return', version: app.version, reason: "The auditor's report is not signed; please attach the signed copy." });
      count(outcome.applications, app.status);
      return;
    }
    const grant = () => transitionApplication(db, deps.signer, officer.auth, officer.actor, app.id, { action: 'grant', version: app.version });
    try {
      app = await grant();
    } catch (error) {
      // Submission screened the company again; a namesake hit found now is decided like those at admission.
      if (!isScreeningBlocked(error)) throw error;
      await workCases(batch, { organizationId: company.organizationId, plan }, 'confirm');
      app = await grant();
    }
    count(outcome.applications, app.status);
    const residentId = app.residentId!;
    company.residentId = residentId;
    company.residentStatus = 'active';

    if (fate === 'active_no_report') {
      count(outcome.residents, 'active');
      return;
    }
    // The annual report: the service takes years from the grant's year to this year, so it is this year's.
    const year = new Date(app.decidedAt ?? context.now).getUTCFullYear();
    let resident;
    const failing = fate === 'active_failed' || fate === 'suspended' || fate === 'terminated';
    let report = await createReport(db, user.auth, user.actor, residentId, { year, figures: failing ? failingFigures(random) : passingFigures(random), auditorReportDocumentId: auditorReport.id });
    if (fate === 'active_draft_report') {
      count(outcome.reports, report.status);
      count(outcome.residents, 'active');
      return;
    }
    report = await submitReport(db, user.auth, user.actor, report.id, report.version);
    count(outcome.reports, report.status);
    if (fate === 'suspended' || fate === 'terminated') {
      resident = await residentDetail(db, officer.auth, residentId);
      const proposal = resident.proposals.find((p) => p.status === 'open');
      if (proposal) {
        await decideProposal(db, officer.auth, officer.actor, proposal.id, { decision: 'accept', reason: 'The annual report fails the criteria; the resident is suspended until it cures the breach.' });
      }
      company.residentStatus = 'suspended';
      if (fate === 'terminated') {
        resident = await residentDetail(db, officer.auth, residentId);
        await transitionResident(db, officer.auth, officer.actor, residentId, { action: 'terminate', version: resident.version, reason: 'The breach was not cured: the company moved its defense production abroad.' });
        company.residentStatus = 'terminated';
        company.residentId = null;
      }
    } else if (fate === 'exited') {
      resident = await residentDetail(db, user.auth, residentId);
      await transitionResident(db, user.auth, user.actor, residentId, { action: 'exit', version: resident.version, reason: 'The company left the regime after a merger.' });
      company.residentStatus = 'exited';
      company.residentId = null;
    }
    count(outcome.residents, company.residentStatus ?? 'active');
  });
  return outcome;
}
