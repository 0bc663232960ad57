import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, makeOrganization, makeUser } from '../../../test/support/app.ts';
import type { AuthContext, Role } from '../../core/access.ts';
import { uuidv7 } from '../../core/ids.ts';
import { seededRandom } from '../../core/random.ts';
import { verifyAuditLog } from '../audit/service.ts';
import { agenda, getEvent, listEvents, listMeetings } from '../events/service.ts';
import { createCall, createProposal, transitionCall, transitionProposal } from '../fund/calls-service.ts';
import { verifyLedger } from '../fund/service.ts';
import { gaps, listReports } from '../localization/service.ts';
import { listPosts } from '../portal/service.ts';
import { type DemoCompany, type DemoContext, type DemoUser, demoMembers } from './context.ts';
import { seedForum } from './forum.ts';
import { seedFund } from './fund.ts';
import { seedLocalization } from './localization.ts';
import { seedPortal } from './portal.ts';

// Part B of the demo data set (fund, localization, forum, portal) on a small context built here: staff
// users through the identity service, companies through the registry, members as the membership
// test helpers make them. DEMO_B_MEMBERS=200 builds a context of the real seed's size and prints how
// long each part takes (setup is not timed).

const MEMBERS = Number(process.env.DEMO_B_MEMBERS ?? 12);
const COUNTRIES = ['UA', 'PL', 'DE', 'FR', 'GB', 'US', 'CZ', 'SK', 'LT', 'LV', 'EE', 'NO', 'SE', 'FI', 'DK', 'NL', 'BE', 'IT', 'ES', 'PT', 'RO', 'BG', 'HR', 'SI', 'AT', 'CA', 'AU', 'JP', 'KR', 'TR'];
const CAPABILITY_SETS = [
  ['ammunition.artillery.shells_155'],
  ['uav.fpv', 'electronic_warfare.jammers'],
  ['uav.strike'],
  ['ammunition.propellants'],
  ['demining.machines'],
  ['electronic_warfare.sigint'],
  ['air_defense.radars'],
  ['armored_vehicles.repair'],
  ['optics'],
  ['communications.radios'],
  ['ammunition.mortar'],
  ['uav.reconnaissance'],
];

let t: TestApp;
let context: DemoContext;
const timings: Record<string, number> = {};

function demoUser(user: { id: string; email: string }, roles: Role[], organizationId: string | null): DemoUser {
  const auth: AuthContext = {
    kind: 'session',
    user: { id: user.id, email: user.email, roles, organizationId },
    session: { tokenHash: `demo-${user.id}`, stage: 'full', csrfToken: 'demo', expiresAt: new Date(Date.now() + 3_600_000) },
    tokenPrefix: null,
  };
  return { id: user.id, email: user.email, roles, organizationId, auth, actor: { actorId: user.id, actorLabel: user.email, requestId: null } };
}

async function staffUser(role: Role, name: string): Promise<DemoUser> {
  const { user } = await makeUser(t, [role], { email: `${name}@demo.adi.example` });
  return demoUser(user, [role], null);
}

async function company(index: number, member: boolean): Promise<DemoCompany> {
  const country = index < Math.ceil(MEMBERS / 3) ? 'UA' : COUNTRIES[index % COUNTRIES.length]!;
  const capabilities = CAPABILITY_SETS[index % CAPABILITY_SETS.length]!;
  const name = `Demo Company ${String(index + 1).padStart(3, '0')} ${country}`;
  const organization = await makeOrganization(t, name, { country, capabilities });
  if (member) {
    const now = new Date();
    // As test/support/fund-programs.ts memberCompany makes members: the membership workflow is tested elsewhere.
    await t.database.db
      .insertInto('membership_applications')
      .values({ id: uuidv7(), organization_id: organization.id, status: 'member', capabilities, document_ids: [], screening_mode: 'automatic', status_changed_at: now, member_since: now, version: 1, created_at: now, updated_at: now })
      .execute();
  }
  const { user } = await makeUser(t, ['company'], { organizationId: organization.id, email: `company${index + 1}@demo.adi.example` });
  return { organizationId: organization.id, name, country, domestic: country === 'UA', capabilities, user: demoUser(user, ['company'], organization.id), membershipStatus: member ? 'approved' : index % 2 ? 'submitted' : null, residentId: null };
}

const cpuTimings: Record<string, number> = {};
const queryStats = new Map<string, { count: number; ms: number }>();

async function timed(label: string, run: () => Promise<void>) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  await run();
  timings[label] = Math.round(performance.now() - started);
  const used = process.cpuUsage(cpu);
  cpuTimings[label] = Math.round((used.user + used.system) / 1000);
}

/** DEMO_B_PROFILE=1: time every statement the embedded engine runs, by its text (PGlite only). */
function profileQueries(): void {
  const engine = t.database.pglite as unknown as Record<string, (...args: unknown[]) => Promise<unknown>> | undefined;
  if (!engine || !process.env.DEMO_B_PROFILE) return;
  for (const method of ['query', 'exec']) {
    const original = engine[method]!.bind(engine);
    engine[method] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        return await original(...args);
      } finally {
        const key = `${method} ${String(args[0]).replace(/\s+/g, ' ').slice(0, 110)}`;
        const entry = queryStats.get(key) ?? { count: 0, ms: 0 };
        entry.count += 1;
        entry.ms += performance.now() - started;
        queryStats.set(key, entry);
      }
    };
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const staff = {
    officer: await staffUser('officer', 'officer'),
    officer2: await staffUser('officer', 'officer2'),
    analyst: await staffUser('analyst', 'analyst'),
    evaluator: await staffUser('evaluator', 'evaluator'),
    evaluator2: await staffUser('evaluator', 'evaluator2'),
    fund_officer: await staffUser('fund_officer', 'fund.officer'),
    fund_officer2: await staffUser('fund_officer', 'fund.officer2'),
    auditor: await staffUser('auditor', 'auditor'),
    admin: await staffUser('admin', 'admin'),
  };
  const companies: DemoCompany[] = [];
  for (let i = 0; i < MEMBERS + 2; i++) companies.push(await company(i, i < MEMBERS));
  const steps: string[] = [];
  profileQueries();
  context = { db: t.database.db, deps: t.deps, random: seededRandom(20_261_212), now: new Date(), staff, companies, progress: (step) => steps.push(step) };
  await timed('fund', () => seedFund(context));
  await timed('localization', () => seedLocalization(context));
  await timed('forum', () => seedForum(context));
  await timed('portal', () => seedPortal(context));
  timings.total = timings.fund! + timings.localization! + timings.forum! + timings.portal!;
  cpuTimings.total = cpuTimings.fund! + cpuTimings.localization! + cpuTimings.forum! + cpuTimings.portal!;
  console.log(`demo part B with ${demoMembers(context).length} members (wall ms / CPU ms): ${Object.entries(timings).map(([k, v]) => `${k} ${v} / ${cpuTimings[k] ?? '-'}`).join(', ')}\n${steps.join('\n')}`);
  if (queryStats.size) {
    const top = [...queryStats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 40);
    console.log(top.map(([k, v]) => `${v.ms.toFixed(0).padStart(6)} ms ${String(v.count).padStart(6)}x ${k}`).join('\n'));
  }
}, 600_000);

afterAll(async () => {
  await t?.close();
});

async function get(url: string) {
  const response = await t.app.inject({ method: 'GET', url });
  expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
  return response.json();
}

describe('demo fund', () => {
  it('shows asset sales, donations and budget among the public sources, and awards with payments', async () => {
    const today = context.now.toISOString().slice(0, 10);
    const from = new Date(context.now.getTime() - 600 * 86_400_000).toISOString().slice(0, 10);
    const sources = await get(`/api/v1/public/fund/sources-and-uses?from=${from}&to=${today}`);
    const categories = new Set((sources.sources as Array<{ category: string }>).map((s) => s.category));
    expect(categories.size).toBeGreaterThanOrEqual(3);
    const flows = await get('/api/v1/public/fund/flows?currency=UAH');
    const kinds = new Set((flows.nodes as Array<{ id: string }>).map((n) => n.id));
    expect(kinds).toContain('source:asset_sale');
    expect(kinds).toContain('source:donation');
    expect(kinds).toContain('source:budget');
    const awards = await get('/api/v1/public/fund/awards?limit=100');
    expect(awards.total).toBeGreaterThanOrEqual(2);
    expect((awards.items as Array<{ disbursedMinor: number }>).some((a) => a.disbursedMinor > 0)).toBe(true);
  });
});

describe('demo ledger and audit', () => {
  it('leaves a ledger that verifies and an audit chain that verifies', async () => {
    const ledger = await verifyLedger(t.database.db);
    expect(ledger.problems).toEqual([]);
    expect(ledger.ok).toBe(true);
    expect(ledger.entries).toBeGreaterThan(20);
    const audit = await verifyAuditLog(t.database.db, [t.signer.publicKeyHex]);
    expect(audit.problem).toBeUndefined();
    expect(audit.ok).toBe(true);
  });

  it('publishes the decided calls as OCDS and 360Giving open data with payments', async () => {
    const releases = await get('/open-data/ocds/releases.json');
    const tags = new Set((releases.releases as Array<{ tag: string[] }>).flatMap((r) => r.tag));
    expect(tags).toContain('tender');
    expect(tags).toContain('award');
    const grants = await get('/open-data/360giving/grants.json');
    expect(grants.grants.length).toBeGreaterThanOrEqual(2);
    expect((grants.grants as Array<{ disbursementTransaction: unknown[] }>).some((g) => g.disbursementTransaction.length > 0)).toBe(true);
  });

  it('leaves one call open for proposals and records each call at the dates of its window', async () => {
    const open = await t.database.db.selectFrom('fund_calls').select(['code', 'status', 'opens_at', 'closes_at']).orderBy('opens_at').execute();
    expect(open.map((c) => c.status)).toEqual(['awarded', 'awarded', 'published']);
    expect(open[2]!.closes_at.getTime()).toBeGreaterThan(Date.now());
    const submitted = await t.database.db.selectFrom('fund_proposals').innerJoin('fund_calls', 'fund_calls.id', 'fund_proposals.call_id').select(['fund_proposals.submitted_at', 'fund_calls.opens_at', 'fund_calls.closes_at']).where('fund_proposals.status', '=', 'submitted').execute();
    for (const row of submitted) {
      expect(row.submitted_at!.getTime()).toBeGreaterThanOrEqual(row.opens_at.getTime());
      expect(row.submitted_at!.getTime()).toBeLessThanOrEqual(row.closes_at.getTime());
    }
  });
});

describe('the calls service takes the moment of a step (for the demo history)', () => {
  it('publishes and takes a submission as of a past date inside the window, and refuses one outside it', async () => {
    const officer = context.staff.fund_officer;
    const member = demoMembers(context)[0]!;
    const opensAt = new Date(Date.now() - 100 * 86_400_000);
    const closesAt = new Date(Date.now() - 40 * 86_400_000);
    const body = {
      code: 'history-check',
      titleEn: 'History check',
      titleUk: 'Перевірка історії',
      textEn: 'A call told at past dates.',
      textUk: 'Конкурс у минулому.',
      currency: 'UAH' as const,
      budgetMinor: 100_000,
      capabilities: ['ammunition'],
      eligibility: 'members' as const,
      opensAt: opensAt.toISOString(),
      closesAt: closesAt.toISOString(),
      requiredDocuments: [],
      criteria: [{ key: 'quality', label: { en: 'Quality', uk: 'Якість' }, weight: 1, thresholdTenths: 10 }],
      overallThresholdTenths: 10,
      evaluatorsPerProposal: 1,
      disagreementLimitTenths: 15,
      minPartialPercent: 50,
    };
    const draft = await createCall(t.database.db, officer.actor, body);
    // Today the call is closed already: publishing now is refused, as of its opening day it is not.
    await expect(transitionCall(t.database.db, officer.actor, draft.id, { action: 'publish', version: draft.version })).rejects.toMatchObject({ code: 'validation_failed' });
    const published = await transitionCall(t.database.db, officer.actor, draft.id, { action: 'publish', version: draft.version }, new Date(opensAt.getTime() + 1000));
    expect(published.status).toBe('published');
    const proposal = await createProposal(t.database.db, member.user.auth, member.user.actor, published.id, { title: 'Shells', requestedMinor: 50_000, cofinancingMinor: 0, capacity: [], milestones: [{ deliverable: 'Lot', dueDate: '2030-01-01', amountMinor: 50_000 }], budgetLines: [], documentIds: [] });
    await expect(transitionProposal(t.database.db, member.user.auth, member.user.actor, proposal.id, { action: 'submit', version: proposal.version })).rejects.toMatchObject({ code: 'conflict' });
    await expect(transitionProposal(t.database.db, member.user.auth, member.user.actor, proposal.id, { action: 'submit', version: proposal.version }, new Date(closesAt.getTime() + 1000))).rejects.toMatchObject({ code: 'conflict' });
    const at = new Date(opensAt.getTime() + 86_400_000);
    const submitted = await transitionProposal(t.database.db, member.user.auth, member.user.actor, proposal.id, { action: 'submit', version: proposal.version }, at);
    expect(submitted.submittedAt).toBe(at.toISOString());
    // Cancel it again so the other checks see the demo's calls only.
    await transitionCall(t.database.db, officer.actor, draft.id, { action: 'cancel', version: published.version, reason: 'test call' });
  });
});

describe('demo localization', () => {
  it('gives the gaps dashboard needs, confirmed output and coverage, and leaves returned and waiting reports', async () => {
    const lastYear = String(context.now.getUTCFullYear() - 1);
    const { items } = await gaps(t.database.db, lastYear);
    const covered = items.filter((row) => row.need !== null && row.domesticOutput > 0);
    expect(covered.length).toBeGreaterThanOrEqual(3);
    expect(covered.every((row) => row.coveragePercent !== null)).toBe(true);
    expect(items.some((row) => row.need !== null && row.domesticOutput === 0)).toBe(true);
    const officer = context.staff.officer.auth;
    const count = async (status: 'confirmed' | 'returned' | 'submitted') => (await listReports(t.database.db, officer, { status, limit: 1, offset: 0 })).total;
    expect(await count('confirmed')).toBeGreaterThan(Math.min(MEMBERS, 60) / 2);
    expect(await count('returned')).toBeGreaterThanOrEqual(1);
    expect(await count('submitted')).toBeGreaterThanOrEqual(1);
  });

  it('publishes aggregates only where at least three companies reported', async () => {
    const aggregates = await get('/api/v1/public/localization');
    const cells = (aggregates.categories as Array<{ years: Array<{ status: string; companies: number | string }> }>).flatMap((c) => c.years);
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells.filter((c) => c.status === 'published')) expect(Number(cell.companies)).toBeGreaterThanOrEqual(3);
    expect(cells.some((c) => c.status === 'suppressed' || c.status === 'published')).toBe(true);
  });
});

describe('demo forum', () => {
  it('records the founding forum as a closed event with scheduled meetings and no double booking', async () => {
    const officer = context.staff.officer.auth;
    const events = await listEvents(t.database.db, officer, { limit: 10, offset: 0 });
    expect(events.items.map((e) => e.status).sort()).toEqual(['closed', 'draft', 'published']);
    const founding = events.items.find((e) => e.status === 'closed')!;
    const event = await getEvent(t.database.db, officer, founding.id);
    expect(event.counts.organizations).toBe(Math.min(context.companies.length, 110));
    expect(event.sessions.length).toBeGreaterThanOrEqual(5);
    expect(event.counts.meetingsPlaced).toBeGreaterThan(0);
    expect(event.counts.checkedIn).toBeGreaterThan(0);
    const meetings = (await listMeetings(t.database.db, officer, founding.id, { direction: 'all', limit: 1000, offset: 0 })).items;
    const statuses = new Set(meetings.map((m) => m.status));
    expect(statuses).toContain('accepted');
    const busy = new Set<string>();
    const tables = new Set<string>();
    for (const meeting of meetings.filter((m) => m.slotStart)) {
      const table = `${meeting.slotStart}#${meeting.tableNo}`;
      expect(tables.has(table)).toBe(false);
      tables.add(table);
      for (const person of [meeting.requester.delegate.registrationId, ...meeting.recipient.delegates.map((d) => d.registrationId)]) {
        const key = `${meeting.slotStart}#${person}`;
        expect(busy.has(key), `${person} booked twice at ${meeting.slotStart}`).toBe(false);
        busy.add(key);
      }
    }
    const placed = meetings.find((m) => m.slotStart)!;
    const personal = await agenda(t.database.db, officer, founding.id, placed.requester.delegate.registrationId);
    expect(personal.items.some((item) => item.kind === 'meeting')).toBe(true);
    expect(personal.items.some((item) => item.kind === 'session')).toBe(true);
    const publicEvents = await get('/api/v1/public/events');
    expect(publicEvents.total).toBe(2);
  });
});

describe('demo portal', () => {
  it('opens the news with the founding forum in both languages, and keeps the scheduled post and the draft private', async () => {
    const news = await get('/api/v1/public/news?limit=50');
    const slugs = (news.items as Array<{ slug: string }>).map((p) => p.slug);
    expect(slugs.at(-1)).toBe('founding-forum-kyiv');
    expect(slugs).toContain('fund-awards-first-calls');
    const post = await get('/api/v1/public/news/founding-forum-kyiv');
    expect(post.titleUk).toMatch(/Альянс оборонних індустрій/);
    expect(post.titleEn).toMatch(/Alliance of Defense Industries/);
    expect(post.htmlUk).toContain(`${context.companies.length}`);
    expect(post.htmlEn).toContain('Kyiv');
    const all = await listPosts(t.database.db, { limit: 100, offset: 0 });
    const states = all.items.map((p) => p.status);
    expect(states).toContain('scheduled');
    expect(states).toContain('draft');
    expect(slugs).not.toContain('regime-annual-reports-reminder');
    const faq = await get('/api/v1/public/faq');
    expect((faq.groups as Array<{ groupKey: string }>).map((g) => g.groupKey)).toContain('forum');
  });
});
