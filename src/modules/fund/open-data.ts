import { csvText } from '../../core/tabular.ts';

// The fund's programmes as open data, in two standards: OCDS 1.1 (Open Contracting Data Standard:
// a contracting process per call, from the call to each payment) and 360Giving 1.4 (one grant per
// award). Everything here is a pure function of a snapshot loaded by open-data-repo.ts, so what is
// published is decided in one place and the tests can check it without a database.
//
// What is published and what is not (the publication policy the package metadata points to):
// - a call once it is published, never a draft; a call cancelled after publication stays, cancelled;
// - for each award: its title, agreement number and capability categories (as on the public awards
//   list), the recipient's name and confirmed registry identifiers, the amounts, the dates, the status
//   of each milestone and every payment and clawback;
// - nothing else from a proposal (summary, deliverables, capacity quantities, budget lines): proposals
//   describe production sites and capacity, which the platform treats as sensitive. Applicants that
//   were not funded are counted (numberOfTenderers), not named; scores, notes and reasons stay internal.

/** The licence the open data is published under (Creative Commons Attribution 4.0). */
export const OPEN_DATA_LICENSE = 'https://creativecommons.org/licenses/by/4.0/';
/** The classification scheme of tender items: the platform's capability taxonomy (served at /api/v1/capabilities). */
export const CAPABILITY_SCHEME = 'ADI-CAPABILITY';
/** The id prefix of a party that has no confirmed registry identifier: ADI-ORG-<organization uuid>. */
export const UNREGISTERED_PARTY_PREFIX = 'ADI-ORG-';
/** Paths of the four documents. */
export const OPEN_DATA_PATHS = {
  ocdsReleases: '/open-data/ocds/releases.json',
  ocdsRecords: '/open-data/ocds/records.json',
  grantsJson: '/open-data/360giving/grants.json',
  grantsCsv: '/open-data/360giving/grants.csv',
} as const;

// Calls are in UAH, EUR or USD (CALL_CURRENCIES), all with two decimals; both standards want major
// units as a JSON number.
const MINOR_DIGITS = 2;

// Input -----------------------------------------------------------------------------------------------

/** A call as the open data sees it: only calls that were published. */
export interface OpenCall {
  id: string;
  code: string;
  titleEn: string;
  titleUk: string;
  textEn: string;
  textUk: string;
  currency: string;
  budgetMinor: bigint;
  capabilities: Array<{ code: string; nameEn: string; nameUk: string }>;
  criteria: Array<{ key: string; label: { en: string; uk: string }; weight: number; thresholdTenths: number }>;
  overallThresholdTenths: number;
  eligibility: 'members' | 'residents' | 'both';
  opensAt: Date;
  closesAt: Date;
  status: 'published' | 'ranked' | 'awarded' | 'cancelled';
  submittedProposals: number;
  /** From the audit log: when each transition happened. */
  publishedAt: Date;
  rankedAt: Date | null;
  awardedAt: Date | null;
  cancelledAt: Date | null;
}

/** An award with what happened on it since. */
export interface OpenAward {
  id: string;
  callId: string;
  agreementNumber: string;
  /** The funded proposal's title (public, as on the awards list). */
  title: string;
  /** Capability categories of the promised capacity, without quantities. */
  capabilities: Array<{ code: string; nameEn: string; nameUk: string }>;
  currency: string;
  amountMinor: bigint;
  status: 'active' | 'completed' | 'terminated';
  awardedAt: Date;
  endedAt: Date | null;
  recipient: { organizationId: string; name: string; identifiers: Array<{ scheme: string; value: string }> };
  milestones: Array<{ id: string; seq: number; dueDate: string; amountMinor: bigint; status: 'planned' | 'reported' | 'verified' | 'failed' | 'paid' | 'cancelled'; verifiedAt: Date | null }>;
  payments: Array<{ id: string; milestoneId: string; amountMinor: bigint; paidAt: Date }>;
  clawbacks: Array<{ id: string; milestoneId: string | null; amountMinor: bigint; createdAt: Date }>;
}

/** Everything the open data is built from. */
export interface OpenDataSnapshot {
  calls: OpenCall[];
  awards: OpenAward[];
}

/** Who publishes, and where. */
export interface OpenDataContext {
  /** Absolute address of the platform, without a trailing slash. */
  baseUrl: string;
  fundName: string;
  /** The fund's org-id.guide scheme (`UA-EDR`) and the identifier within it. */
  fundScheme: string;
  fundId: string;
  ocdsPrefix: string;
  grantPrefix: string;
  /** The publication date when there is nothing to publish yet. */
  now: Date;
}

// Shared helpers ----------------------------------------------------------------------------------------

/** Minor units as exact decimal text in major units: 12345n → "123.45". */
export function majorUnitsText(minor: bigint): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(MINOR_DIGITS + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -MINOR_DIGITS)}.${digits.slice(-MINOR_DIGITS)}`;
}

/** Minor units as a JSON number of major units (the decimal text parsed, so 12345n is exactly 123.45). */
export function majorUnits(minor: bigint): number {
  return Number(majorUnitsText(minor));
}

const iso = (date: Date) => date.toISOString();
const latest = (dates: Date[]) => new Date(Math.max(...dates.map((d) => d.getTime())));
// A due date is a calendar day; as a date-time it is the end of that day (UTC), when it falls due.
const endOfDay = (day: string) => `${day}T23:59:59Z`;
const lastDueDate = (award: OpenAward) => award.milestones.map((m) => m.dueDate).sort().at(-1) ?? null;

/** The recipient's registry identifiers, the primary first: UA-EDR when it has one, else by scheme. */
function rankedIdentifiers(award: OpenAward) {
  return [...award.recipient.identifiers].sort((a, b) => Number(b.scheme === 'UA-EDR') - Number(a.scheme === 'UA-EDR') || a.scheme.localeCompare(b.scheme) || a.value.localeCompare(b.value));
}

// The repository loads only these; checked again here because a draft must never leak.
const PUBLIC_CALL_STATUSES: ReadonlySet<string> = new Set(['published', 'ranked', 'awarded', 'cancelled']);

/** Calls that may be published (a draft never is), in the order they were published. */
function publishedCalls(snapshot: OpenDataSnapshot) {
  return snapshot.calls.filter((c) => PUBLIC_CALL_STATUSES.has(c.status)).sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.id.localeCompare(b.id));
}

function awardsOf(snapshot: OpenDataSnapshot, callId: string) {
  return snapshot.awards.filter((a) => a.callId === callId).sort((a, b) => a.awardedAt.getTime() - b.awardedAt.getTime() || a.id.localeCompare(b.id));
}

// OCDS ------------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;
/** An OCDS release (or compiled release). */
export type OcdsRelease = Json & { ocid: string; id: string; date: string; tag: string[] };

/** The ocid of a call: the registered prefix and the call's id. */
export function ocidOf(context: OpenDataContext, callId: string): string {
  return `${context.ocdsPrefix}-${callId}`;
}

interface ProcessEvent {
  at: Date;
  key: string;
  tag: string;
}

// The order in which events that share a moment name their release (the first one gives the id).
const EVENT_ORDER = ['tender', 'tenderCancellation', 'tenderUpdate', 'award', 'contract', 'implementation', 'contractTermination'];

/**
 * The moments at which something public happened in a call's contracting process. Each becomes one
 * release; events at the same moment (a payment that completes an award) share it, so release dates
 * are unique within the process, as OCDS asks.
 */
function processEvents(call: OpenCall, awards: OpenAward[]): ProcessEvent[] {
  const events: ProcessEvent[] = [{ at: call.publishedAt, key: 'tender', tag: 'tender' }];
  if (call.cancelledAt) events.push({ at: call.cancelledAt, key: 'cancellation', tag: 'tenderCancellation' });
  if (call.rankedAt) events.push({ at: call.rankedAt, key: 'ranking', tag: 'tenderUpdate' });
  if (call.status === 'awarded' && awards.length === 0) events.push({ at: call.awardedAt ?? call.rankedAt ?? call.publishedAt, key: 'unsuccessful', tag: 'tenderUpdate' });
  for (const award of awards) {
    events.push({ at: award.awardedAt, key: `award-${award.id}`, tag: 'award' }, { at: award.awardedAt, key: `award-${award.id}`, tag: 'contract' });
    for (const m of award.milestones) if (m.verifiedAt) events.push({ at: m.verifiedAt, key: `milestone-${m.id}`, tag: 'implementation' });
    for (const p of award.payments) events.push({ at: p.paidAt, key: `payment-${p.id}`, tag: 'implementation' });
    for (const k of award.clawbacks) events.push({ at: k.createdAt, key: `clawback-${k.id}`, tag: 'implementation' });
    if (award.endedAt) events.push({ at: award.endedAt, key: `end-${award.id}`, tag: 'contractTermination' });
  }
  return events;
}

/** The releases of one process: one per moment, oldest first, each with its id and tags. */
function releaseMoments(call: OpenCall, awards: OpenAward[], context: OpenDataContext) {
  const byMoment = new Map<number, ProcessEvent[]>();
  for (const event of processEvents(call, awards)) byMoment.set(event.at.getTime(), [...(byMoment.get(event.at.getTime()) ?? []), event]);
  const ocid = ocidOf(context, call.id);
  return [...byMoment.entries()]
    .sort(([a], [b]) => a - b)
    .map(([time, events]) => {
      const ordered = [...events].sort((a, b) => EVENT_ORDER.indexOf(a.tag) - EVENT_ORDER.indexOf(b.tag) || a.key.localeCompare(b.key));
      return { at: new Date(time), id: `${ocid}-${ordered[0]!.key}`, tags: [...new Set(ordered.map((e) => e.tag))] };
    });
}

function money(minor: bigint, currency: string) {
  return { amount: majorUnits(minor), currency };
}

function fundParty(context: OpenDataContext) {
  return { id: `${context.fundScheme}-${context.fundId}`, name: context.fundName };
}

/** A recipient's party id: `<scheme>-<id>` of its primary confirmed identifier (org-id.guide), else ADI-ORG-<uuid>. */
function supplierRef(award: OpenAward) {
  const primary = rankedIdentifiers(award)[0];
  return { id: primary ? `${primary.scheme}-${primary.value}` : `${UNREGISTERED_PARTY_PREFIX}${award.recipient.organizationId}` };
}

function criteriaDetails(call: OpenCall): string {
  const tenths = (t: number) => (t / 10).toFixed(1);
  const lines = call.criteria.map((c) => `${c.label.en}: weight ${c.weight}, at least ${tenths(c.thresholdTenths)} of 5`);
  return `Proposals are scored 0–5 on each criterion by independent evaluators and ranked by the weighted score. ${lines.join('; ')}. Overall at least ${tenths(call.overallThresholdTenths)} of 5.`;
}

const ELIGIBILITY: Record<OpenCall['eligibility'], string> = {
  members: 'Members of the Alliance of Defense Industries.',
  residents: 'Residents of the special economic regime.',
  both: 'Members of the Alliance of Defense Industries and residents of the special economic regime.',
};

/** A capability category as an OCDS item (categories only: quantities are sensitive). */
function capabilityItem(category: { code: string; nameEn: string; nameUk: string }, context: OpenDataContext) {
  return {
    id: category.code,
    description: category.nameEn,
    description_uk: category.nameUk,
    classification: { scheme: CAPABILITY_SCHEME, id: category.code, description: category.nameEn, uri: `${context.baseUrl}/api/v1/capabilities` },
  };
}

/** OCDS milestone status of a milestone as it stood at a moment. */
function milestoneStatusAt(milestone: OpenAward['milestones'][number], award: OpenAward, at: Date): 'scheduled' | 'met' | 'notMet' | 'partiallyMet' {
  const decided = milestone.verifiedAt !== null && milestone.verifiedAt <= at;
  if (decided && milestone.status === 'failed') return 'notMet';
  if (decided) {
    // Money clawed back against a verified milestone: part of it turned out not to be delivered.
    return award.clawbacks.some((k) => k.milestoneId === milestone.id && k.createdAt <= at) ? 'partiallyMet' : 'met';
  }
  if (milestone.status === 'cancelled' && award.endedAt !== null && award.endedAt <= at) return 'notMet';
  return 'scheduled';
}

/** The whole process as it stood at a moment: every release repeats everything known by its date. */
function processAt(call: OpenCall, awards: OpenAward[], context: OpenDataContext, at: Date): Json {
  const fund = fundParty(context);
  const visible = awards.filter((a) => a.awardedAt <= at);
  const fundedNothing = call.status === 'awarded' && awards.length === 0 && (call.awardedAt ?? call.rankedAt ?? call.publishedAt) <= at;
  const tenderStatus = call.cancelledAt && call.cancelledAt <= at ? 'cancelled' : visible.length ? 'complete' : fundedNothing ? 'unsuccessful' : 'active';
  const anyClawback = visible.some((a) => a.clawbacks.some((k) => k.createdAt <= at));

  const suppliers = new Map<string, Json>();
  for (const award of visible) {
    const [primary, ...others] = rankedIdentifiers(award);
    const { id } = supplierRef(award);
    const paid = award.payments.some((p) => p.paidAt <= at);
    const returned = award.clawbacks.some((k) => k.createdAt <= at);
    suppliers.set(id, {
      id,
      name: award.recipient.name,
      ...(primary ? { identifier: { scheme: primary.scheme, id: primary.value, legalName: award.recipient.name } } : {}),
      ...(others.length ? { additionalIdentifiers: others.map((i) => ({ scheme: i.scheme, id: i.value })) } : {}),
      roles: ['tenderer', 'supplier', ...(paid ? ['payee'] : []), ...(returned ? ['payer'] : [])],
    });
  }

  const tender: Json = {
    id: call.code,
    title: call.titleEn,
    // OCDS 1.1 language variations: the field name with an underscore and the BCP 47 tag.
    title_uk: call.titleUk,
    description: call.textEn,
    description_uk: call.textUk,
    status: tenderStatus,
    procuringEntity: fund,
    items: call.capabilities.map((c) => capabilityItem(c, context)),
    value: money(call.budgetMinor, call.currency),
    procurementMethod: 'open',
    procurementMethodDetails: 'Open call for proposals of the special defense fund: grants paid against verified milestones.',
    awardCriteria: 'ratedCriteria',
    awardCriteriaDetails: criteriaDetails(call),
    eligibilityCriteria: ELIGIBILITY[call.eligibility],
    tenderPeriod: { startDate: iso(call.opensAt), endDate: iso(call.closesAt) },
    ...(call.rankedAt && call.rankedAt <= at ? { numberOfTenderers: call.submittedProposals } : {}),
  };

  const release: Json = {
    initiationType: 'tender',
    language: 'en',
    parties: [{ ...fund, identifier: { scheme: context.fundScheme, id: context.fundId, legalName: context.fundName }, roles: ['buyer', 'procuringEntity', 'funder', 'payer', ...(anyClawback ? ['payee'] : [])] }, ...suppliers.values()],
    buyer: fund,
    tender,
  };
  if (visible.length === 0) return release;

  release.awards = visible.map((award) => ({
    id: award.id,
    title: award.title,
    description: `Grant agreement ${award.agreementNumber}`,
    status: 'active',
    date: iso(award.awardedAt),
    value: money(award.amountMinor, award.currency),
    suppliers: [{ ...supplierRef(award), name: award.recipient.name }],
    ...(award.capabilities.length ? { items: award.capabilities.map((c) => capabilityItem(c, context)) } : {}),
  }));
  release.contracts = visible.map((award) => {
    const supplier = { ...supplierRef(award), name: award.recipient.name };
    const due = lastDueDate(award);
    const payments = award.payments.filter((p) => p.paidAt <= at);
    const clawbacks = award.clawbacks.filter((k) => k.createdAt <= at);
    return {
      id: award.agreementNumber,
      awardID: award.id,
      title: award.title,
      description: `Grant agreement ${award.agreementNumber}`,
      // OCDS has no "completed": a contract that has come to a close, early or not, is terminated.
      status: award.endedAt && award.endedAt <= at ? 'terminated' : 'active',
      value: money(award.amountMinor, award.currency),
      dateSigned: iso(award.awardedAt),
      period: { startDate: iso(award.awardedAt), ...(due ? { endDate: endOfDay(due) } : {}) },
      implementation: {
        milestones: award.milestones.map((m) => {
          const status = milestoneStatusAt(m, award, at);
          return {
            id: m.id,
            title: `Milestone ${m.seq} of ${award.milestones.length}`,
            type: 'delivery',
            dueDate: endOfDay(m.dueDate),
            status,
            ...(status === 'met' || status === 'partiallyMet' ? { dateMet: iso(m.verifiedAt!) } : {}),
            value: money(m.amountMinor, award.currency),
          };
        }),
        // A clawback is money flowing back: a transaction with a positive value from the supplier
        // (payer) to the fund (payee), told apart by its id. OCDS transactions have no description
        // and amounts are not signed.
        transactions: [
          ...payments.map((p) => ({ id: `payment-${p.id}`, date: iso(p.paidAt), value: money(p.amountMinor, award.currency), payer: fund, payee: supplier })),
          ...clawbacks.map((k) => ({ id: `clawback-${k.id}`, date: iso(k.createdAt), value: money(k.amountMinor, award.currency), payer: supplier, payee: fund })),
        ].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id)),
      },
    };
  });
  return release;
}

/** The releases of every published call, oldest process first and each process in date order. */
export function ocdsReleases(snapshot: OpenDataSnapshot, context: OpenDataContext): OcdsRelease[] {
  return publishedCalls(snapshot).flatMap((call) => {
    const awards = awardsOf(snapshot, call.id);
    const ocid = ocidOf(context, call.id);
    return releaseMoments(call, awards, context).map(({ at, id, tags }) => ({ ocid, id, date: iso(at), tag: tags, ...processAt(call, awards, context, at) }));
  });
}

function packageMetadata(context: OpenDataContext, path: string, dates: string[]) {
  return {
    uri: `${context.baseUrl}${path}`,
    version: '1.1' as const,
    // The newest release date, so an unchanged feed is byte-for-byte the same.
    publishedDate: dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : iso(context.now),
    publisher: { name: context.fundName, scheme: context.fundScheme, uid: context.fundId },
    license: OPEN_DATA_LICENSE,
    publicationPolicy: `${context.baseUrl}/docs#/open%20data`,
  };
}

/** The OCDS 1.1 release package: every release of every published call. */
export function ocdsReleasePackage(snapshot: OpenDataSnapshot, context: OpenDataContext) {
  const releases = ocdsReleases(snapshot, context);
  return { ...packageMetadata(context, OPEN_DATA_PATHS.ocdsReleases, releases.map((r) => r.date)), releases };
}

/**
 * The OCDS 1.1 record package: a record per call linking its releases (in the release package) and
 * a compiled release. The compiled release is the process at its latest date: the simplest merge,
 * taking the latest value of every field. It equals the OCDS merge routine here because every
 * release repeats the whole process as it stood, and nothing published is ever taken away.
 */
export function ocdsRecordPackage(snapshot: OpenDataSnapshot, context: OpenDataContext) {
  const releasesUrl = `${context.baseUrl}${OPEN_DATA_PATHS.ocdsReleases}`;
  const dates: string[] = [];
  const records = publishedCalls(snapshot).map((call) => {
    const awards = awardsOf(snapshot, call.id);
    const ocid = ocidOf(context, call.id);
    const moments = releaseMoments(call, awards, context);
    const last = moments.at(-1)!.at;
    dates.push(iso(last));
    return {
      ocid,
      releases: moments.map(({ at, id, tags }) => ({ url: `${releasesUrl}#${id}`, date: iso(at), tag: tags })),
      compiledRelease: { ocid, id: `${ocid}-${iso(last)}`, date: iso(last), tag: ['compiled'], ...processAt(call, awards, context, last) },
    };
  });
  return { ...packageMetadata(context, OPEN_DATA_PATHS.ocdsRecords, dates), packages: [releasesUrl], records };
}

// 360Giving ---------------------------------------------------------------------------------------------

/** A 360Giving grant. */
export type Grant = Json & {
  id: string;
  title: string;
  description: string;
  currency: string;
  amountAwarded: number;
  amountDisbursed: number;
  awardDate: string;
  recipientOrganization: Array<{ id: string; name: string }>;
  fundingOrganization: Array<{ id: string; name: string }>;
  grantProgramme: Array<{ code: string; title: string }>;
  plannedDates: Array<{ startDate: string; endDate?: string }>;
  fromOpenCall: 'Yes';
  dateModified: string;
  dataSource: string;
};

/** A recipient's 360Giving id: its primary confirmed org-id, else the publisher's prefix and the organization's uuid (360Giving's rule for unregistered recipients). */
function recipientId(award: OpenAward, context: OpenDataContext): string {
  const primary = rankedIdentifiers(award)[0];
  return primary ? `${primary.scheme}-${primary.value}` : `${context.grantPrefix}-ORG-${award.recipient.organizationId}`;
}

/**
 * One grant per award of a published call. amountDisbursed is net: payments less clawbacks, what
 * the recipient keeps. The disbursement transactions add up to it, a clawback being a negative one.
 */
export function grants(snapshot: OpenDataSnapshot, context: OpenDataContext): Grant[] {
  const calls = new Map(publishedCalls(snapshot).map((c) => [c.id, c]));
  const source = `${context.baseUrl}${OPEN_DATA_PATHS.grantsJson}`;
  return snapshot.awards
    .filter((a) => calls.has(a.callId))
    .sort((a, b) => a.awardedAt.getTime() - b.awardedAt.getTime() || a.id.localeCompare(b.id))
    .map((award) => {
      const call = calls.get(award.callId)!;
      const id = `${context.grantPrefix}-${award.id}`;
      const paid = award.payments.reduce((sum, p) => sum + p.amountMinor, 0n);
      const returned = award.clawbacks.reduce((sum, k) => sum + k.amountMinor, 0n);
      const due = lastDueDate(award);
      const changes = [award.awardedAt, ...award.payments.map((p) => p.paidAt), ...award.clawbacks.map((k) => k.createdAt), ...award.milestones.flatMap((m) => (m.verifiedAt ? [m.verifiedAt] : [])), ...(award.endedAt ? [award.endedAt] : [])];
      return {
        id,
        title: award.title,
        description: `Grant agreement ${award.agreementNumber} with ${award.recipient.name} under the call “${call.titleEn}”. ${call.textEn}`,
        currency: award.currency,
        amountAwarded: majorUnits(award.amountMinor),
        amountDisbursed: majorUnits(paid - returned),
        awardDate: iso(award.awardedAt),
        plannedDates: [{ startDate: iso(award.awardedAt).slice(0, 10), ...(due ? { endDate: due } : {}) }],
        recipientOrganization: [{ id: recipientId(award, context), name: award.recipient.name }],
        fundingOrganization: [{ id: `${context.fundScheme}-${context.fundId}`, name: context.fundName }],
        grantProgramme: [{ code: call.code, title: call.titleEn }],
        fromOpenCall: 'Yes' as const,
        disbursementTransaction: [
          ...award.payments.map((p) => ({ id: `${id}-payment-${p.id}`, transactionDate: iso(p.paidAt), currency: award.currency, value: majorUnits(p.amountMinor), description: 'Payment of a verified milestone' })),
          ...award.clawbacks.map((k) => ({ id: `${id}-clawback-${k.id}`, transactionDate: iso(k.createdAt), currency: award.currency, value: -majorUnits(k.amountMinor), description: 'Clawback: money returned to the fund' })),
        ].sort((a, b) => a.transactionDate.localeCompare(b.transactionDate) || a.id.localeCompare(b.id)),
        dateModified: iso(latest(changes)),
        dataSource: source,
      };
    });
}

/**
 * The 360Giving package. The schema asks for at least one grant; before the first award the list is
 * empty rather than the document missing, so harvesters see a feed that exists.
 */
export function grantsPackage(snapshot: OpenDataSnapshot, context: OpenDataContext) {
  const list = grants(snapshot, context);
  const modified = list.length ? list.map((g) => g.dateModified).reduce((a, b) => (a > b ? a : b)) : iso(context.now);
  return {
    version: '1.4',
    title: `${context.fundName}: grants`,
    description: `Grants awarded by ${context.fundName} through its open calls for proposals, with the amounts paid and returned.`,
    identifier: `${context.grantPrefix}-grants`,
    modified,
    publisher: { identifier: `${context.fundScheme}-${context.fundId}`, name: context.fundName },
    license: OPEN_DATA_LICENSE,
    accessURL: `${context.baseUrl}/docs#/open%20data`,
    downloadURL: `${context.baseUrl}${OPEN_DATA_PATHS.grantsJson}`,
    grants: list,
  };
}

/** 360Giving's flattened column titles (its spreadsheet template), in the order of the CSV. */
export const GRANT_CSV_COLUMNS: Array<[string, (g: Grant) => string | number]> = [
  ['Identifier', (g) => g.id],
  ['Title', (g) => g.title],
  ['Description', (g) => g.description],
  ['Currency', (g) => g.currency],
  ['Amount Awarded', (g) => g.amountAwarded.toFixed(MINOR_DIGITS)],
  ['Amount Disbursed', (g) => g.amountDisbursed.toFixed(MINOR_DIGITS)],
  ['Award Date', (g) => g.awardDate],
  ['Planned Dates:Start Date', (g) => g.plannedDates[0]?.startDate ?? ''],
  ['Planned Dates:End Date', (g) => g.plannedDates[0]?.endDate ?? ''],
  ['Recipient Org:Identifier', (g) => g.recipientOrganization[0]!.id],
  ['Recipient Org:Name', (g) => g.recipientOrganization[0]!.name],
  ['Funding Org:Identifier', (g) => g.fundingOrganization[0]!.id],
  ['Funding Org:Name', (g) => g.fundingOrganization[0]!.name],
  ['Grant Programme:Code', (g) => g.grantProgramme[0]!.code],
  ['Grant Programme:Title', (g) => g.grantProgramme[0]!.title],
  ['From An Open Call?', (g) => g.fromOpenCall],
  ['Last Modified', (g) => g.dateModified],
  ['Data Source', (g) => g.dataSource],
];

/** The grants as 360Giving's one-row-per-grant CSV (UTF-8 with BOM, formula-looking text defused). */
export function grantsCsv(snapshot: OpenDataSnapshot, context: OpenDataContext): string {
  return csvText(
    GRANT_CSV_COLUMNS.map(([title]) => title),
    grants(snapshot, context).map((g) => GRANT_CSV_COLUMNS.map(([, value]) => value(g))),
  );
}
