import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../src/core/ids.ts';
import { parseIdentifier } from '../src/modules/registry/identifiers.ts';
import { type Caller, type TestApp, createTestApp, makeOrganization, makeUser, sessionCookieFrom, signedInCaller } from './support/app.ts';
import {
  AUTHORIZATION_MATRIX,
  type CallerKind,
  type Expectation,
  ROLE_COLUMNS,
  cellOf,
  classifyIdRoute,
  expectedDecision,
  parseCell,
} from './support/authorization-matrix.ts';
import { type MemberCompany, apiClient, awardedCall, fundTheFund, payMilestone, programStaff } from './support/fund-programs.ts';
import { PASSING_REGIME_FIGURES } from './support/regime.ts';

// The authorization matrix (issue #11): the hand-written table in test/support/authorization-matrix.ts
// against the access every route declares, every route called as every kind of caller, and IDOR
// attempts by another company's user with real and guessed ids.

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const ROLES = ROLE_COLUMNS.map(([role]) => role);
const CONCURRENCY = 10;

/** Runs the work over the items, `size` at a time. */
async function inChunks<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) results.push(...(await Promise.all(items.slice(start, start + size).map(work))));
  return results;
}

const splitKey = (key: string) => {
  const space = key.indexOf(' ');
  return { method: key.slice(0, space) as Method, path: key.slice(space + 1) };
};

/** The problem code and detail of a response, when it is problem+json. */
function problemOf(response: { headers: Record<string, unknown>; body: string }): { code?: string; detail?: string } {
  if (!String(response.headers['content-type'] ?? '').includes('json')) return {};
  try {
    const body = JSON.parse(response.body) as { code?: string; detail?: string };
    return { code: body.code, detail: body.detail };
  } catch {
    return {};
  }
}

/** The route-level refusal for missing roles (identity/http-auth.ts), as opposed to a service's own 403. */
const ROUTE_LEVEL_FORBIDDEN = 'your roles do not allow this';

// ---------------------------------------------------------------------------------------------------
// Part 1 and 2: the table against the declared access, then every route × every caller.
// ---------------------------------------------------------------------------------------------------

describe('the authorization matrix', () => {
  let t: TestApp;
  const callers = new Map<CallerKind, { headers: Record<string, string> } | null>();
  const table = new Map<string, Expectation>(Object.entries(AUTHORIZATION_MATRIX).map(([route, cell]) => [route, parseCell(route, cell)]));

  beforeAll(async () => {
    t = await createTestApp();
    callers.set('anonymous', null);
    // A signed-in user with no role beyond 'public', and a staff user who has not finished TOTP enrolment.
    callers.set('public_user', await signedInCaller(t, ['public']));
    const enrolling = await makeUser(t, ['officer']);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: enrolling.email, password: enrolling.password } });
    expect(login.json().session.stage).toBe('totp_enrolment');
    callers.set('enrolling_staff', { headers: { cookie: sessionCookieFrom(login), 'x-csrf-token': login.json().session.csrfToken } });
    // One fully signed-in user per role; company users are linked to an organization of their own.
    const signedIn = await Promise.all(ROLES.map((role) => signedInCaller(t, [role])));
    ROLES.forEach((role, index) => callers.set(role, signedIn[index]!));
  }, 120_000);
  afterAll(async () => t?.close());

  it('lists every route with the access it declares, and no route that does not exist', () => {
    const problems: string[] = [];
    for (const [key, access] of t.app.routeAccess) {
      const { method, path } = splitKey(key);
      // Fastify's automatic HEAD route has its GET route's access: the GET row covers it.
      const row = method === 'HEAD' ? table.get(`GET ${path}`) : table.get(key);
      const rowKey = method === 'HEAD' ? `GET ${path}` : key;
      if (!row) problems.push(`missing from the table: '${key}': '${cellOf(access)}'`);
      else if (cellOf(access) !== AUTHORIZATION_MATRIX[rowKey]) problems.push(`${key}: the table says '${AUTHORIZATION_MATRIX[rowKey]}', the route declares '${cellOf(access)}'`);
    }
    for (const key of table.keys()) if (!t.app.routeAccess.has(key)) problems.push(`in the table but no such route: '${key}'`);
    expect(problems).toEqual([]);
    expect(table.size).toBeGreaterThanOrEqual(170);
  });

  it('lists every operation of the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(operations.length).toBeGreaterThan(150);
    expect(operations.filter((key) => !table.has(key) && !(key.startsWith('HEAD ') && table.has(`GET ${key.slice(5)}`)))).toEqual([]);
  });

  it('answers every route × every caller as the table says: 401 / 403 for those refused, never 2xx or 5xx; no route-level refusal for those allowed', async () => {
    const started = performance.now();
    const paramValue = (name: string) => (name === 'kind' ? 'identifier' : name === 'code' ? 'ammunition' : uuidv7());
    const requests: Array<{ route: string; method: Method; url: string; caller: CallerKind; expected: ReturnType<typeof expectedDecision> }> = [];
    for (const [route, expectation] of table) {
      const { method, path } = splitKey(route);
      const methods: Method[] = method === 'GET' && t.app.routeAccess.has(`HEAD ${path}`) ? ['GET', 'HEAD'] : [method];
      for (const m of methods) {
        for (const caller of callers.keys()) {
          const url = path.replace(/:(\w+)/g, (_match, name: string) => paramValue(name));
          requests.push({ route: `${m} ${path}`, method: m, url, caller, expected: expectedDecision(expectation, caller) });
        }
      }
    }
    // Signing out ends the caller's session: those requests go last.
    const isLogout = (r: (typeof requests)[number]) => r.route === 'POST /api/v1/auth/logout';
    const ordered = [...requests.filter((r) => !isLogout(r)), ...requests.filter(isLogout)];

    let keys = 0;
    const failures: string[] = [];
    const serviceRefusals: string[] = [];
    const allowedStatuses = new Map<number, number>();
    await inChunks(ordered, CONCURRENCY, async ({ route, method, url, caller, expected }) => {
      const signed = callers.get(caller);
      const write = method !== 'GET' && method !== 'HEAD';
      const headers: Record<string, string> = { ...(signed?.headers ?? {}), ...(write ? { 'idempotency-key': `matrix-${++keys}` } : {}) };
      const response = await t.app.inject({ method, url, headers, ...(write && method !== 'DELETE' ? { payload: {} } : {}) });
      const status = response.statusCode;
      const { code, detail } = problemOf(response);
      const seen = `${status}${code ? ` ${code}` : ''}${detail ? ` (${detail})` : ''}`;
      const head = method === 'HEAD';
      let ok: boolean;
      if (expected === 'unauthenticated') ok = status === 401 && (head || code === 'unauthenticated');
      else if (expected === 'totp_enrolment_required') ok = status === 403 && (head || code === 'totp_enrolment_required');
      else if (expected === 'forbidden') ok = status === 403 && (head || (code === 'forbidden' && detail === ROUTE_LEVEL_FORBIDDEN));
      else {
        const routeLevelRefusal = status === 401 || (status === 403 && (head || detail === ROUTE_LEVEL_FORBIDDEN || code === 'totp_enrolment_required' || code === 'csrf_failed'));
        ok = !routeLevelRefusal && status < 500;
        allowedStatuses.set(status, (allowedStatuses.get(status) ?? 0) + 1);
        if (ok && status === 403) serviceRefusals.push(`${route} as ${caller}: ${seen}`);
      }
      if (!ok) failures.push(`${route} as ${caller}: expected ${expected}, got ${seen}`);
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const histogram = [...allowedStatuses].sort(([x], [y]) => x - y).map(([code, count]) => `${code}×${count}`).join(' ');
    console.log(
      `authorization matrix: ${table.size} routes in the table, ${ordered.length} requests (${callers.size} callers), ${seconds} s; ` +
        `allowed callers got ${histogram}; service-level 403s for allowed callers: ${serviceRefusals.length ? serviceRefusals.join('; ') : 'none'}`,
    );
    expect(failures).toEqual([]);
    expect(ordered.length).toBeGreaterThan(2000);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------------
// Part 3: IDOR. Company A has real records of every kind; company B's user tries them.
// ---------------------------------------------------------------------------------------------------

/** Every id of company A's records the IDOR cases use. */
interface Ids {
  token: string;
  organization: string;
  identifierItem: string;
  pendingIdentifierItem: string;
  officerItem: string;
  ownerItem: string;
  person: string;
  document: string;
  membershipApplication: string;
  regimeApplication: string;
  resident: string;
  regimeReport: string;
  regimeProposal: string;
  appeal: string;
  fundProposal: string;
  award: string;
  milestone: string;
  disbursement: string;
  capacityReport: string;
  screeningCase: string;
  event: string;
  eventRegistration: string;
  meeting: string;
}

/** A minimal valid PDF: uploads are checked by content. */
const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 3 3]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** What company B's user must get: 404 where the route admits companies (the record does not exist for them), 403 where it does not. */
type IdorCase = { route: string; url: (ids: Ids) => string; body?: unknown; upload?: true; expect: 404 | 403 };

// Every route with a company-owned id (see classifyIdRoute), with a body the route's schema accepts, so
// that the request reaches the service's ownership check (a 400 here means the case is broken).
const YEAR = new Date().getUTCFullYear();
const IDOR_CASES: readonly IdorCase[] = [
  { route: 'DELETE /api/v1/auth/tokens/:id', url: (i) => `/api/v1/auth/tokens/${i.token}`, expect: 404 },
  // Registry
  { route: 'GET /api/v1/organizations/:id', url: (i) => `/api/v1/organizations/${i.organization}`, expect: 404 },
  { route: 'PATCH /api/v1/organizations/:id', url: (i) => `/api/v1/organizations/${i.organization}`, body: { version: 1, website: 'https://intruder.example' }, expect: 404 },
  { route: 'POST /api/v1/organizations/:id/identifiers', url: (i) => `/api/v1/organizations/${i.organization}/identifiers`, body: { identifier: 'UA-EDR-00032129' }, expect: 404 },
  { route: 'DELETE /api/v1/organizations/:id/identifiers/:itemId', url: (i) => `/api/v1/organizations/${i.organization}/identifiers/${i.identifierItem}`, expect: 404 },
  { route: 'DELETE /api/v1/organizations/:id/officers/:itemId', url: (i) => `/api/v1/organizations/${i.organization}/officers/${i.officerItem}`, expect: 404 },
  { route: 'DELETE /api/v1/organizations/:id/owners/:itemId', url: (i) => `/api/v1/organizations/${i.organization}/owners/${i.ownerItem}`, expect: 404 },
  { route: 'GET /api/v1/organizations/:id/people', url: (i) => `/api/v1/organizations/${i.organization}/people`, expect: 404 },
  { route: 'POST /api/v1/organizations/:id/officers', url: (i) => `/api/v1/organizations/${i.organization}/officers`, body: { personId: uuidv7(), role: 'director' }, expect: 404 },
  { route: 'POST /api/v1/organizations/:id/owners', url: (i) => `/api/v1/organizations/${i.organization}/owners`, body: { owner: { kind: 'new_person', person: { names: [{ fullName: 'Intruder Person', script: 'Latn' }] } }, sharePercent: 1 }, expect: 404 },
  { route: 'GET /api/v1/organizations/:id/beneficial-owners', url: (i) => `/api/v1/organizations/${i.organization}/beneficial-owners`, expect: 404 },
  { route: 'GET /api/v1/organizations/:id/ownership.bods.json', url: (i) => `/api/v1/organizations/${i.organization}/ownership.bods.json`, expect: 404 },
  { route: 'GET /api/v1/organizations/:id/documents', url: (i) => `/api/v1/organizations/${i.organization}/documents`, expect: 404 },
  { route: 'POST /api/v1/organizations/:id/documents', url: (i) => `/api/v1/organizations/${i.organization}/documents?type=other&fileName=intruder.pdf`, upload: true, expect: 404 },
  { route: 'GET /api/v1/documents/:id/content', url: (i) => `/api/v1/documents/${i.document}/content`, expect: 404 },
  { route: 'GET /api/v1/people/:id', url: (i) => `/api/v1/people/${i.person}`, expect: 404 },
  { route: 'POST /api/v1/registry/reviews/:kind/:id', url: (i) => `/api/v1/registry/reviews/identifier/${i.pendingIdentifierItem}`, body: { decision: 'confirm' }, expect: 403 },
  // Membership
  { route: 'GET /api/v1/membership/applications/:id', url: (i) => `/api/v1/membership/applications/${i.membershipApplication}`, expect: 404 },
  { route: 'PATCH /api/v1/membership/applications/:id', url: (i) => `/api/v1/membership/applications/${i.membershipApplication}`, body: { version: 1, jobs: 1 }, expect: 404 },
  { route: 'POST /api/v1/membership/applications/:id/transitions', url: (i) => `/api/v1/membership/applications/${i.membershipApplication}/transitions`, body: { action: 'submit', version: 1 }, expect: 404 },
  // Regime
  { route: 'GET /api/v1/regime/applications/:id', url: (i) => `/api/v1/regime/applications/${i.regimeApplication}`, expect: 404 },
  { route: 'PATCH /api/v1/regime/applications/:id', url: (i) => `/api/v1/regime/applications/${i.regimeApplication}`, body: { version: 1, figures: { employees: 1 } }, expect: 404 },
  { route: 'POST /api/v1/regime/applications/:id/transitions', url: (i) => `/api/v1/regime/applications/${i.regimeApplication}/transitions`, body: { action: 'withdraw', version: 1 }, expect: 404 },
  { route: 'GET /api/v1/regime/residents/:id', url: (i) => `/api/v1/regime/residents/${i.resident}`, expect: 404 },
  { route: 'POST /api/v1/regime/residents/:id/transitions', url: (i) => `/api/v1/regime/residents/${i.resident}/transitions`, body: { action: 'exit', version: 1 }, expect: 404 },
  { route: 'PUT /api/v1/regime/residents/:id/visibility', url: (i) => `/api/v1/regime/residents/${i.resident}/visibility`, body: { hiddenFields: ['website'], version: 1 }, expect: 404 },
  { route: 'GET /api/v1/regime/residents/:id/certificate.pdf', url: (i) => `/api/v1/regime/residents/${i.resident}/certificate.pdf`, expect: 404 },
  { route: 'POST /api/v1/regime/residents/:id/reports', url: (i) => `/api/v1/regime/residents/${i.resident}/reports`, body: { year: YEAR - 1 }, expect: 404 },
  { route: 'GET /api/v1/regime/reports/:id', url: (i) => `/api/v1/regime/reports/${i.regimeReport}`, expect: 404 },
  { route: 'PATCH /api/v1/regime/reports/:id', url: (i) => `/api/v1/regime/reports/${i.regimeReport}`, body: { version: 1, figures: { employees: 1 } }, expect: 404 },
  { route: 'POST /api/v1/regime/reports/:id/submit', url: (i) => `/api/v1/regime/reports/${i.regimeReport}/submit`, body: { version: 1 }, expect: 404 },
  { route: 'POST /api/v1/regime/proposals/:id/decision', url: (i) => `/api/v1/regime/proposals/${i.regimeProposal}/decision`, body: { decision: 'dismiss', reason: 'Intruder.' }, expect: 403 },
  { route: 'POST /api/v1/regime/appeals/:id/decision', url: (i) => `/api/v1/regime/appeals/${i.appeal}/decision`, body: { decision: 'dismiss', reason: 'Intruder.', version: 1 }, expect: 403 },
  // Fund programs
  { route: 'GET /api/v1/fund/proposals/:id', url: (i) => `/api/v1/fund/proposals/${i.fundProposal}`, expect: 404 },
  {
    route: 'PATCH /api/v1/fund/proposals/:id',
    url: (i) => `/api/v1/fund/proposals/${i.fundProposal}`,
    body: { version: 1, title: 'Intruder', requestedMinor: 100, milestones: [{ deliverable: 'Intruder', dueDate: '2027-01-31', amountMinor: 100 }] },
    expect: 404,
  },
  { route: 'POST /api/v1/fund/proposals/:id/transitions', url: (i) => `/api/v1/fund/proposals/${i.fundProposal}/transitions`, body: { action: 'withdraw', version: 1 }, expect: 404 },
  { route: 'POST /api/v1/fund/proposals/:id/evaluators', url: (i) => `/api/v1/fund/proposals/${i.fundProposal}/evaluators`, body: {}, expect: 403 },
  { route: 'POST /api/v1/fund/proposals/:id/declaration', url: (i) => `/api/v1/fund/proposals/${i.fundProposal}/declaration`, body: { conflict: false, version: 1 }, expect: 403 },
  { route: 'PUT /api/v1/fund/proposals/:id/scores', url: (i) => `/api/v1/fund/proposals/${i.fundProposal}/scores`, body: { version: 1, scores: {} }, expect: 403 },
  { route: 'POST /api/v1/fund/proposals/:id/consensus', url: (i) => `/api/v1/fund/proposals/${i.fundProposal}/consensus`, body: { version: 1, scores: {} }, expect: 403 },
  { route: 'GET /api/v1/fund/awards/:id', url: (i) => `/api/v1/fund/awards/${i.award}`, expect: 404 },
  {
    route: 'POST /api/v1/fund/awards/:id/milestones/:milestoneId/report',
    url: (i) => `/api/v1/fund/awards/${i.award}/milestones/${i.milestone}/report`,
    body: { version: 1, reportText: 'Intruder.', evidenceDocumentIds: [uuidv7()] },
    expect: 404,
  },
  { route: 'POST /api/v1/fund/awards/:id/milestones/:milestoneId/verification', url: (i) => `/api/v1/fund/awards/${i.award}/milestones/${i.milestone}/verification`, body: { version: 1, decision: 'failed', note: 'Intruder.' }, expect: 403 },
  { route: 'POST /api/v1/fund/awards/:id/disbursements', url: (i) => `/api/v1/fund/awards/${i.award}/disbursements`, body: { milestoneId: uuidv7() }, expect: 403 },
  { route: 'POST /api/v1/fund/awards/:id/clawbacks', url: (i) => `/api/v1/fund/awards/${i.award}/clawbacks`, body: { amountMinor: 1, reason: 'Intruder.' }, expect: 403 },
  { route: 'POST /api/v1/fund/awards/:id/termination', url: (i) => `/api/v1/fund/awards/${i.award}/termination`, body: { version: 1, reason: 'Intruder.' }, expect: 403 },
  { route: 'POST /api/v1/fund/disbursements/:id/approval', url: (i) => `/api/v1/fund/disbursements/${i.disbursement}/approval`, body: { version: 1 }, expect: 403 },
  // Localization
  { route: 'GET /api/v1/localization/capacity-reports/:id', url: (i) => `/api/v1/localization/capacity-reports/${i.capacityReport}`, expect: 404 },
  {
    route: 'PUT /api/v1/localization/capacity-reports/:id',
    url: (i) => `/api/v1/localization/capacity-reports/${i.capacityReport}`,
    body: { version: 1, domesticOutput: 1, capacity: 2, importedContentPercent: 0 },
    expect: 404,
  },
  { route: 'POST /api/v1/localization/capacity-reports/:id/confirm', url: (i) => `/api/v1/localization/capacity-reports/${i.capacityReport}/confirm`, body: { version: 1 }, expect: 403 },
  { route: 'POST /api/v1/localization/capacity-reports/:id/return', url: (i) => `/api/v1/localization/capacity-reports/${i.capacityReport}/return`, body: { version: 1, reason: 'Intruder.' }, expect: 403 },
  // Forum: company A's delegate, its partner profile, and a meeting company C asked A for
  { route: 'GET /api/v1/events/:id/registrations/:registrationId', url: (i) => `/api/v1/events/${i.event}/registrations/${i.eventRegistration}`, expect: 404 },
  { route: 'GET /api/v1/events/:id/registrations/:registrationId/badge.pdf', url: (i) => `/api/v1/events/${i.event}/registrations/${i.eventRegistration}/badge.pdf`, expect: 404 },
  { route: 'GET /api/v1/events/:id/registrations/:registrationId/agenda', url: (i) => `/api/v1/events/${i.event}/registrations/${i.eventRegistration}/agenda`, expect: 404 },
  { route: 'GET /api/v1/events/:id/registrations/:registrationId/agenda.pdf', url: (i) => `/api/v1/events/${i.event}/registrations/${i.eventRegistration}/agenda.pdf`, expect: 404 },
  { route: 'GET /api/v1/events/:id/registrations/:registrationId/agenda.ics', url: (i) => `/api/v1/events/${i.event}/registrations/${i.eventRegistration}/agenda.ics`, expect: 404 },
  { route: 'PATCH /api/v1/events/:id/registrations/:registrationId', url: (i) => `/api/v1/events/${i.event}/registrations/${i.eventRegistration}`, body: { version: 1, position: 'Intruder' }, expect: 404 },
  { route: 'GET /api/v1/events/:id/participants/:organizationId/recommendations', url: (i) => `/api/v1/events/${i.event}/participants/${i.organization}/recommendations`, expect: 404 },
  { route: 'PUT /api/v1/events/:id/participants/:organizationId/profile', url: (i) => `/api/v1/events/${i.event}/participants/${i.organization}/profile`, body: { version: 1, goals: 'Intruder goals' }, expect: 404 },
  { route: 'GET /api/v1/events/:id/meetings/:meetingId', url: (i) => `/api/v1/events/${i.event}/meetings/${i.meeting}`, expect: 404 },
  { route: 'POST /api/v1/events/:id/meetings/:meetingId/decline', url: (i) => `/api/v1/events/${i.event}/meetings/${i.meeting}/decline`, body: { version: 1, reason: 'Intruder' }, expect: 404 },
  { route: 'POST /api/v1/events/:id/meetings/:meetingId/accept', url: (i) => `/api/v1/events/${i.event}/meetings/${i.meeting}/accept`, body: { version: 1, registrationIds: [uuidv7()] }, expect: 404 },
  { route: 'POST /api/v1/events/:id/meetings/:meetingId/book', url: (i) => `/api/v1/events/${i.event}/meetings/${i.meeting}/book`, body: { version: 1, slotStart: '2027-03-16T08:00:00.000Z' }, expect: 404 },
  { route: 'POST /api/v1/events/:id/meetings/:meetingId/cancel', url: (i) => `/api/v1/events/${i.event}/meetings/${i.meeting}/cancel`, body: { version: 1 }, expect: 404 },
  { route: 'POST /api/v1/events/:id/registrations/:registrationId/cancel', url: (i) => `/api/v1/events/${i.event}/registrations/${i.eventRegistration}/cancel`, body: { version: 1 }, expect: 404 },
  // Screening (staff only: refused before any lookup)
  { route: 'GET /api/v1/screening/organizations/:id', url: (i) => `/api/v1/screening/organizations/${i.organization}`, expect: 403 },
  { route: 'POST /api/v1/screening/organizations/:id/screen', url: (i) => `/api/v1/screening/organizations/${i.organization}/screen`, body: {}, expect: 403 },
  { route: 'GET /api/v1/screening/cases/:id', url: (i) => `/api/v1/screening/cases/${i.screeningCase}`, expect: 403 },
  { route: 'POST /api/v1/screening/cases/:id/decision', url: (i) => `/api/v1/screening/cases/${i.screeningCase}/decision`, body: { decision: 'dismiss', reason: 'Intruder.', version: 1 }, expect: 403 },
];

/** Every string of company A's records carries this marker: it must never reach company B. */
const MARKER = 'ZQX';
const A_NAME = `Aurora ${MARKER} Defence LLC`;

let edrCounter = 4_100_000;
/** A fresh EDRPOU code with a valid check digit. */
function edrpou() {
  const stem = String(++edrCounter);
  for (let digit = 0; digit <= 9; digit++) {
    const parsed = parseIdentifier(`UA-EDR-${stem}${digit}`);
    if (parsed.ok) return { scheme: parsed.scheme, value: parsed.value, identifier: parsed.identifier };
  }
  throw new Error(`no check digit for ${stem}`);
}

const PASSING_FIGURES = { ...PASSING_REGIME_FIGURES, fiscalYear: YEAR - 1 };

/** A member of the Alliance, eligible for the regime (identifier, address, disclosed owner), with a signed-in user. */
async function eligibleMember(t: TestApp, officer: Caller, name: string, ownerName: string): Promise<MemberCompany> {
  const api = apiClient(t, `idor-setup-${name}`);
  const organization = await makeOrganization(t, name, {
    identifiers: [edrpou()] as never,
    website: 'https://example.com.ua',
    addresses: [{ type: 'production', street: 'вул. Сумська, 1', city: 'Харків', region: 'UA-63', country: 'UA' }] as never,
  });
  await api(officer, 'POST', `/api/v1/organizations/${organization.id}/owners`, { owner: { kind: 'new_person', person: { names: [{ fullName: ownerName, script: 'Latn' }], nationalities: ['UA'] } }, sharePercent: 100 }, 201);
  const now = new Date();
  await t.database.db
    .insertInto('membership_applications')
    .values({ id: uuidv7(), organization_id: organization.id, status: 'member', capabilities: ['ammunition'], document_ids: [], screening_mode: 'automatic', status_changed_at: now, member_since: now, version: 1, created_at: now, updated_at: now })
    .execute();
  return { organizationId: organization.id, name, user: await signedInCaller(t, ['company'], { organizationId: organization.id }) };
}

describe('IDOR: another company’s records', () => {
  let t: TestApp;
  let a: MemberCompany;
  let b: MemberCompany;
  let ids: Ids;
  let callId: string;
  let programEvaluator: Caller;
  let keys = 0;

  function send(caller: Caller, method: Method, url: string, options: { body?: unknown; upload?: boolean } = {}) {
    const write = method !== 'GET' && method !== 'HEAD';
    const headers: Record<string, string> = { ...caller.headers, ...(write ? { 'idempotency-key': `idor-${++keys}` } : {}), ...(options.upload ? { 'content-type': 'application/pdf' } : {}) };
    const payload = options.upload ? PDF_BYTES : (options.body as object | undefined);
    return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  }

  /** The ids in the response that belong to company A, other than those the request named itself. */
  const leakedIds = (body: string, url: string) =>
    Object.entries(ids)
      .filter(([, id]) => !url.includes(id) && body.includes(id))
      .map(([name]) => name);

  beforeAll(async () => {
    t = await createTestApp();
    const api = apiClient(t, 'idor');
    const [officer, secondOfficer] = await Promise.all([signedInCaller(t, ['officer']), signedInCaller(t, ['officer'])]);
    a = await eligibleMember(t, officer, A_NAME, `${MARKER} Owner Person`);
    b = await eligibleMember(t, officer, 'Borealis Intruder LLC', 'Borealis Owner');
    const organization = await api(a.user, 'GET', `/api/v1/organizations/${a.organizationId}`);

    // Registry records: a document (uploaded, with its file), a person and an officer, a proposed identifier.
    const document = await t.app.inject({
      method: 'POST',
      url: `/api/v1/organizations/${a.organizationId}/documents?type=financial_statement&fileName=${MARKER}-audit.pdf&title=${MARKER}%20auditor%20report`,
      headers: { ...a.user.headers, 'content-type': 'application/pdf' },
      payload: PDF_BYTES,
    });
    expect(document.statusCode, document.body).toBe(201);
    const documentId = document.json().id as string;
    const person = await api(a.user, 'POST', '/api/v1/people', { names: [{ fullName: `${MARKER} Director Person`, script: 'Latn' }] }, 201);
    const people = await api(a.user, 'POST', `/api/v1/organizations/${a.organizationId}/officers`, { personId: person.id, role: 'director' }, 201);
    const proposed = await api(a.user, 'POST', `/api/v1/organizations/${a.organizationId}/identifiers`, { identifier: edrpou().identifier }, 201);
    const token = await api(a.user, 'POST', '/api/v1/auth/tokens', { name: `${MARKER} token` }, 201);
    const membership = await t.database.db.selectFrom('membership_applications').select('id').where('organization_id', '=', a.organizationId).executeTakeFirstOrThrow();

    // Regime: a refused application appealed; a granted one (a resident) whose failed report raised a suspension proposal.
    const refusedDraft = await api(a.user, 'POST', '/api/v1/regime/applications', { figures: { ...PASSING_FIGURES, employees: 8 }, auditorReportDocumentId: documentId }, 201);
    const refusedSubmitted = await api(a.user, 'POST', `/api/v1/regime/applications/${refusedDraft.id}/transitions`, { action: 'submit', version: refusedDraft.version });
    await api(officer, 'POST', `/api/v1/regime/applications/${refusedDraft.id}/transitions`, { action: 'refuse', version: refusedSubmitted.version, reason: 'Fewer than 9 employees.' });
    const appeal = await api(a.user, 'POST', '/api/v1/regime/appeals', { subjectType: 'application', subjectId: refusedDraft.id, grounds: `${MARKER} grounds of the appeal` }, 201);
    const draft = await api(a.user, 'POST', '/api/v1/regime/applications', { figures: PASSING_FIGURES, auditorReportDocumentId: documentId }, 201);
    const submitted = await api(a.user, 'POST', `/api/v1/regime/applications/${draft.id}/transitions`, { action: 'submit', version: draft.version });
    const granted = await api(secondOfficer, 'POST', `/api/v1/regime/applications/${draft.id}/transitions`, { action: 'grant', version: submitted.version, reason: 'All criteria met.' });
    const report = await api(a.user, 'POST', `/api/v1/regime/residents/${granted.residentId}/reports`, { year: YEAR, figures: { ...PASSING_FIGURES, fiscalYear: YEAR, qualifiedDefenseIncomeMinor: 100_000_000_00, reinvestedProfitMinor: 0 }, auditorReportDocumentId: documentId }, 201);
    await api(a.user, 'POST', `/api/v1/regime/reports/${report.id}/submit`, { version: report.version });
    const proposals = await api(officer, 'GET', '/api/v1/regime/proposals?status=open');
    const suspension = (proposals.items as Array<{ id: string; residentId: string }>).find((p) => p.residentId === granted.residentId);
    expect(suspension).toBeDefined();

    // Fund: an awarded call, a paid milestone (a disbursement).
    await fundTheFund(t, 'UAH', 50_000_000_00, 'idor-budget');
    const staff = await programStaff(t);
    programEvaluator = staff.evaluator;
    const { call, awards } = await awardedCall(t, staff, 'idor-2027', 10_000_000_00, [{ company: a, requestedMinor: 2_000_000_00, title: `${MARKER} shell line` }]);
    callId = call.id;
    const award = awards.get(a.organizationId)!;
    const paid = await payMilestone(t, staff, a, award, 1);
    const awardDetail = await api(a.user, 'GET', `/api/v1/fund/awards/${award.id}`);

    // Localization: a capacity report.
    const capacity = await api(
      a.user,
      'POST',
      '/api/v1/localization/capacity-reports',
      { categoryCode: 'ammunition.artillery.shells_155', period: '2026', domesticOutput: 400, capacity: 500, importedContentPercent: 20, importedComponents: [`${MARKER} fuzes`], evidenceDocumentIds: [documentId], note: `${MARKER} capacity note` },
      201,
    );

    // Forum: A registers a delegate; company C asks A for a meeting.
    const forum = await api(officer, 'POST', '/api/v1/events', { titleUk: 'Форум', titleEn: 'Forum', venueUk: 'Київ', venueEn: 'Kyiv', startsOn: '2027-03-16', endsOn: '2027-03-16', capacity: 10, perCompanyLimit: 2, tableCount: 2, meetingHours: [{ date: '2027-03-16', from: '10:00', to: '11:00' }] }, 201);
    await api(officer, 'PATCH', `/api/v1/events/${forum.id}`, { version: forum.version, status: 'published' });
    const delegate = await api(a.user, 'POST', `/api/v1/events/${forum.id}/registrations`, { fullName: `${MARKER} Delegate`, email: 'zqx.delegate@forum.test' }, 201);
    const c = await signedInCaller(t, ['company']);
    const cOrganization = (await api(c, 'GET', '/api/v1/auth/me')).user.organizationId as string;
    const cDelegate = await api(c, 'POST', `/api/v1/events/${forum.id}/registrations`, { fullName: 'Caspian Delegate', email: 'caspian@forum.test' }, 201);
    const meeting = await api(c, 'POST', `/api/v1/events/${forum.id}/meetings`, { requesterRegistrationId: cDelegate.id, recipientOrganizationId: a.organizationId, message: 'Meeting request' }, 201);
    expect(cOrganization).not.toBe(a.organizationId);

    ids = {
      event: forum.id,
      eventRegistration: delegate.id,
      meeting: meeting.id,
      token: token.token.id,
      organization: a.organizationId,
      identifierItem: (organization.identifiers as Array<{ id: string }>)[0]!.id,
      pendingIdentifierItem: (proposed.identifiers as Array<{ id: string; status: string }>).find((i) => i.status === 'pending')!.id,
      officerItem: (people.officers as Array<{ id: string }>)[0]!.id,
      ownerItem: (people.owners as Array<{ id: string }>)[0]!.id,
      person: person.id,
      document: documentId,
      membershipApplication: membership.id,
      regimeApplication: draft.id,
      resident: granted.residentId,
      regimeReport: report.id,
      regimeProposal: suspension!.id,
      appeal: appeal.id,
      fundProposal: awardDetail.proposalId,
      award: award.id,
      milestone: award.milestones[0]!.id,
      disbursement: paid.id,
      capacityReport: capacity.id,
      // No screening list is loaded, so there is no case: the route refuses companies before any lookup.
      screeningCase: uuidv7(),
    };
  }, 180_000);
  afterAll(async () => t?.close());

  it('covers every route with a company-owned id; every route with an id is classified', () => {
    const covered = new Set(IDOR_CASES.map((c) => c.route));
    const unclassified: string[] = [];
    const uncovered: string[] = [];
    for (const route of Object.keys(AUTHORIZATION_MATRIX)) {
      const { path } = splitKey(route);
      if (!path.includes(':')) continue;
      const kind = classifyIdRoute(path);
      if (kind === null) unclassified.push(route);
      else if (kind === 'company' && !covered.has(route)) uncovered.push(route);
    }
    expect(unclassified, 'classify these routes in test/support/authorization-matrix.ts').toEqual([]);
    expect(uncovered, 'add IDOR cases for these routes').toEqual([]);
    // Each case names a real route of the right kind, once, and expects 403 exactly where the table refuses companies.
    for (const c of IDOR_CASES) {
      expect(AUTHORIZATION_MATRIX[c.route], c.route).toBeDefined();
      expect(classifyIdRoute(splitKey(c.route).path), c.route).toBe('company');
      const companyAllowed = expectedDecision(parseCell(c.route, AUTHORIZATION_MATRIX[c.route]!), 'company') === 'allow';
      expect(c.expect, c.route).toBe(companyAllowed ? 404 : 403);
    }
    expect(covered.size).toBe(IDOR_CASES.length);
  });

  it('the owner reaches each of its records through the same ids (so the cases below test real records)', async () => {
    const reads = IDOR_CASES.filter((c) => c.expect === 404 && splitKey(c.route).method === 'GET');
    expect(reads.length).toBeGreaterThanOrEqual(15);
    for (const c of reads) {
      const response = await send(a.user, 'GET', c.url(ids));
      expect(response.statusCode, `${c.route}: ${response.body.slice(0, 300)}`).toBe(200);
    }
  });

  it('company B’s user gets 404 (or the route’s 403) for each of company A’s records, and never A’s data', async () => {
    const failures: string[] = [];
    let requests = 0;
    await inChunks(IDOR_CASES, CONCURRENCY, async (c) => {
      const { method } = splitKey(c.route);
      const url = c.url(ids);
      for (const m of method === 'GET' ? (['GET', 'HEAD'] as const) : [method]) {
        requests++;
        const response = await send(b.user, m, url, { body: c.body, upload: c.upload });
        if (response.statusCode !== c.expect) failures.push(`${m} ${url} (${c.route}): expected ${c.expect}, got ${response.statusCode} ${response.body.slice(0, 200)}`);
        if (response.body.includes(MARKER)) failures.push(`${m} ${url}: the body holds company A's data`);
        const leaked = leakedIds(response.body, url);
        if (leaked.length) failures.push(`${m} ${url}: the body holds company A's ids: ${leaked.join(', ')}`);
      }
    });
    expect(failures).toEqual([]);
    console.log(`IDOR: ${IDOR_CASES.length} routes, ${requests} requests with company A's ids`);
    // Nothing of A's changed: its records still answer as before, and its token still exists.
    const tokens = await send(a.user, 'GET', '/api/v1/auth/tokens');
    expect(tokens.body).toContain(ids.token);
    const people = (await send(a.user, 'GET', `/api/v1/organizations/${ids.organization}/people`)).json();
    expect(people.officers.map((o: { id: string; status: string }) => o.id)).toContain(ids.officerItem);
    const documents = (await send(a.user, 'GET', `/api/v1/organizations/${ids.organization}/documents`)).json();
    expect(documents.items.map((d: { fileName: string }) => d.fileName)).not.toContain('intruder.pdf');
  });

  it('guessed ids (random UUIDv7s) answer 404 (or the route’s 403)', async () => {
    const guessed = Object.fromEntries(Object.keys(ids).map((name) => [name, uuidv7()])) as unknown as Ids;
    const failures: string[] = [];
    await inChunks(IDOR_CASES, CONCURRENCY, async (c) => {
      const { method } = splitKey(c.route);
      const url = c.url(guessed);
      const response = await send(b.user, method, url, { body: c.body, upload: c.upload });
      if (response.statusCode !== c.expect) failures.push(`${method} ${url} (${c.route}): expected ${c.expect}, got ${response.statusCode} ${response.body.slice(0, 200)}`);
    });
    expect(failures).toEqual([]);
  });

  it('lists filtered by company A (its organization, call, resident, name) show company B none of A’s records', async () => {
    const lists: Array<{ url: (ids: Ids) => string; ownerSees: (body: string) => boolean }> = [
      { url: () => `/api/v1/organizations?q=Aurora`, ownerSees: (body) => body.includes(MARKER) },
      { url: () => `/api/v1/people?q=${MARKER}`, ownerSees: (body) => body.includes(MARKER) },
      { url: (i) => `/api/v1/membership/applications?organizationId=${i.organization}`, ownerSees: (body) => body.includes(ids.membershipApplication) },
      { url: (i) => `/api/v1/regime/applications?organizationId=${i.organization}`, ownerSees: (body) => body.includes(ids.regimeApplication) },
      { url: () => `/api/v1/regime/residents?q=Aurora`, ownerSees: (body) => body.includes(ids.resident) },
      { url: (i) => `/api/v1/regime/reports?residentId=${i.resident}`, ownerSees: (body) => body.includes(ids.regimeReport) },
      { url: () => '/api/v1/regime/proposals', ownerSees: (body) => body.includes(ids.regimeProposal) },
      { url: () => '/api/v1/regime/appeals', ownerSees: (body) => body.includes(ids.appeal) },
      { url: () => `/api/v1/fund/proposals?callId=${callId}`, ownerSees: (body) => body.includes(ids.fundProposal) },
      { url: () => `/api/v1/fund/awards?callId=${callId}`, ownerSees: (body) => body.includes(ids.award) },
      { url: (i) => `/api/v1/localization/capacity-reports?organizationId=${i.organization}`, ownerSees: (body) => body.includes(ids.capacityReport) },
      { url: (i) => `/api/v1/notifications?organizationId=${i.organization}`, ownerSees: (body) => JSON.parse(body).total > 0 },
      { url: () => '/api/v1/auth/tokens', ownerSees: (body) => body.includes(ids.token) },
      { url: (i) => `/api/v1/events/${i.event}/registrations?organizationId=${i.organization}`, ownerSees: (body) => body.includes(ids.eventRegistration) },
      { url: (i) => `/api/v1/events/${i.event}/meetings?organizationId=${i.organization}`, ownerSees: (body) => body.includes(ids.meeting) },
    ];
    const failures: string[] = [];
    for (const list of lists) {
      const url = list.url(ids);
      const owner = await send(a.user, 'GET', url);
      if (owner.statusCode !== 200 || !list.ownerSees(owner.body)) failures.push(`${url}: the owner does not see its own records (${owner.statusCode}), so the check below proves nothing`);
      const intruder = await send(b.user, 'GET', url);
      if (intruder.statusCode !== 200 && intruder.statusCode !== 404) failures.push(`${url}: expected 200 or 404, got ${intruder.statusCode}`);
      if (intruder.body.includes(MARKER)) failures.push(`${url}: company B sees company A's data`);
      const leaked = leakedIds(intruder.body, url);
      if (leaked.length) failures.push(`${url}: company B sees company A's ids: ${leaked.join(', ')}`);
    }
    expect(failures).toEqual([]);
    // The directory for pickers (a local partner) is the one list that shows every organization, by
    // design: names, country and id, nothing more.
    const directory = (await send(b.user, 'GET', '/api/v1/organizations/directory?q=Aurora')).json();
    expect(directory.items).toEqual([{ id: a.organizationId, name: A_NAME, nameUk: A_NAME, country: 'UA' }]);
  });

  it('a company user with no organization sees no company’s records', async () => {
    const orphan = await signedInCaller(t, ['company']);
    await t.database.db.updateTable('users').set({ organization_id: null }).where('id', '=', orphan.userId).execute();
    for (const c of IDOR_CASES.filter((c) => c.expect === 404 && splitKey(c.route).method === 'GET')) {
      const response = await send(orphan, 'GET', c.url(ids));
      expect(response.statusCode, c.route).toBe(404);
    }
    for (const url of ['/api/v1/organizations', '/api/v1/membership/applications', '/api/v1/regime/applications', '/api/v1/fund/proposals', '/api/v1/fund/awards', '/api/v1/localization/capacity-reports', '/api/v1/notifications']) {
      const response = await send(orphan, 'GET', url);
      expect(response.statusCode, url).toBe(200);
      expect(response.json().items, url).toEqual([]);
    }
  });

  it('the owner’s own writes to the same ids pass the ownership check (so the 404s above are the check, not a broken request)', async () => {
    // Run after the other cases: these may change the owner's records (409 and 400 for stale versions or states are fine).
    const writes = IDOR_CASES.filter((c) => c.expect === 404 && splitKey(c.route).method !== 'GET' && c.route !== 'DELETE /api/v1/auth/tokens/:id' && !c.route.startsWith('DELETE /api/v1/organizations/'));
    expect(writes.length).toBeGreaterThanOrEqual(15);
    for (const c of writes) {
      const { method } = splitKey(c.route);
      const response = await send(a.user, method, c.url(ids), { body: c.body, upload: c.upload });
      expect([401, 403, 404], `${c.route} as the owner: ${response.statusCode} ${response.body.slice(0, 300)}`).not.toContain(response.statusCode);
      expect(response.statusCode, c.route).toBeLessThan(500);
    }
  });

  // An evaluator is an outside expert: it reads a company's documents only through a proposal it is
  // assigned to and declared no conflict of interest on (registry listDocuments / downloadDocument ask
  // the fund), and neither evaluators nor fund officers read the names and shares of owners and officers
  // (PEOPLE_READERS). Fund officers read documents: they verify milestone evidence.
  it('evaluators read only the documents of proposals they are cleared for; evaluators and fund officers never read owners', async () => {
    const evaluator = await signedInCaller(t, ['evaluator']);
    const fundOfficer = await signedInCaller(t, ['fund_officer']);
    expect((await send(evaluator, 'GET', `/api/v1/fund/proposals/${ids.fundProposal}`)).statusCode).toBe(404); // not assigned
    const listed = await send(evaluator, 'GET', `/api/v1/organizations/${ids.organization}/documents`);
    expect(listed.statusCode).toBe(404);
    expect(listed.body).not.toContain(MARKER);
    expect((await send(evaluator, 'GET', `/api/v1/documents/${ids.document}/content`)).statusCode).toBe(404);
    // The evaluator of A's proposal is cleared for it, but the proposal attaches no document: still nothing.
    expect((await send(programEvaluator, 'GET', `/api/v1/documents/${ids.document}/content`)).statusCode).toBe(404);
    const fundOfficerDocuments = await send(fundOfficer, 'GET', `/api/v1/organizations/${ids.organization}/documents`);
    expect(fundOfficerDocuments.statusCode).toBe(200);
    for (const caller of [evaluator, fundOfficer]) {
      const people = await send(caller, 'GET', `/api/v1/organizations/${ids.organization}/people`);
      expect(people.statusCode).toBe(403);
      expect(people.body).not.toContain(MARKER);
      expect((await send(caller, 'GET', `/api/v1/organizations/${ids.organization}/beneficial-owners`)).statusCode).toBe(403);
    }
  });

  // A company user sees the organizations above its own through confirmed links only (or pending links
  // to a holding company it registered itself), and changes only its own and those it registered. So a
  // company naming another company as its owner (whose id the directory gives) opens nothing of it.
  it('declaring another company as one’s owner opens nothing of that company', async () => {
    const intruder = await eligibleMember(t, (await signedInCaller(t, ['officer'])), 'Cuckoo Holdings LLC', 'Cuckoo Owner');
    expect((await send(intruder.user, 'GET', `/api/v1/organizations/${ids.organization}`)).statusCode).toBe(404);
    const claim = await send(intruder.user, 'POST', `/api/v1/organizations/${intruder.organizationId}/owners`, { body: { owner: { kind: 'organization', id: ids.organization }, controlKinds: ['appoint_board'] } });
    expect(claim.statusCode, claim.body).toBe(201);
    expect(claim.json().owners.find((o: { owner: { id: string } }) => o.owner.id === ids.organization).status).toBe('pending');

    const profile = await send(intruder.user, 'GET', `/api/v1/organizations/${ids.organization}`);
    expect(profile.statusCode).toBe(404);
    expect(profile.body).not.toContain(MARKER);
    const documents = await send(intruder.user, 'GET', `/api/v1/organizations/${ids.organization}/documents`);
    expect(documents.statusCode).toBe(404);
    expect(documents.body).not.toContain(MARKER);
    const file = await send(intruder.user, 'GET', `/api/v1/documents/${ids.document}/content`);
    expect(file.statusCode).toBe(404);
    const owners = await send(intruder.user, 'GET', `/api/v1/organizations/${ids.organization}/beneficial-owners`);
    expect(owners.statusCode).toBe(404);
    expect(owners.body).not.toContain(MARKER);
    const person = await send(intruder.user, 'GET', `/api/v1/people/${ids.person}`);
    expect(person.statusCode).toBe(404);
    expect(person.body).not.toContain(MARKER);
    const upload = await send(intruder.user, 'POST', `/api/v1/organizations/${ids.organization}/documents?type=other&fileName=planted.pdf`, { upload: true });
    expect(upload.statusCode).toBe(404);
    const current = (await send(a.user, 'GET', `/api/v1/organizations/${ids.organization}`)).json();
    const edit = await send(intruder.user, 'PATCH', `/api/v1/organizations/${ids.organization}`, { body: { version: current.version, website: 'https://planted.example' } });
    expect(edit.statusCode).toBe(404);
    expect((await send(a.user, 'GET', `/api/v1/organizations/${ids.organization}`)).json().website).not.toBe('https://planted.example');
    // A's officer (proposed by A, awaiting review) cannot be withdrawn by the intruder.
    const removal = await send(intruder.user, 'DELETE', `/api/v1/organizations/${ids.organization}/officers/${ids.officerItem}`);
    expect(removal.statusCode).toBe(404);
    // A holding company the intruder registers itself with the link is its own to see and keep up.
    const holding = await send(intruder.user, 'POST', `/api/v1/organizations/${intruder.organizationId}/owners`, { body: { owner: { kind: 'new_organization', organization: { name: 'Cuckoo Parent Ltd', nameUk: 'Кукушка Парент', kind: 'investor', country: 'CY', identifiers: [] } }, controlKinds: ['appoint_board'] } });
    expect(holding.statusCode, holding.body).toBe(201);
    const holdingId = holding.json().owners.find((o: { owner: { kind: string; name: string } }) => o.owner.name === 'Cuckoo Parent Ltd').owner.id;
    const held = await send(intruder.user, 'GET', `/api/v1/organizations/${holdingId}`);
    expect(held.statusCode).toBe(200);
    expect((await send(intruder.user, 'PATCH', `/api/v1/organizations/${holdingId}`, { body: { version: held.json().version, website: 'https://parent.example' } })).statusCode).toBe(200);
    // Other domains scope by the user's own organization only: they stay closed.
    expect((await send(intruder.user, 'GET', `/api/v1/regime/residents/${ids.resident}`)).statusCode).toBe(404);
    expect((await send(intruder.user, 'GET', `/api/v1/fund/awards/${ids.award}`)).statusCode).toBe(404);
  });
});

