import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type TestApp, createTestApp, signedInCaller } from '../../../test/support/app.ts';
import { type AwardDetail, type MemberCompany, type ProgramStaff, apiClient, awardedCall, fundTheFund, memberCompany, programStaff } from '../../../test/support/fund-programs.ts';
import { insertTestDocument } from '../../../test/support/membership.ts';
import type { Access, Role } from '../../core/access.ts';

// Localization through the real stack: the taxonomy, needs with history, capacity reports filed by
// companies and confirmed by officers, gaps with contributors and forecasts, the staff export, and the
// public aggregates, with access checked for every role.

let t: TestApp;
let api: ReturnType<typeof apiClient>;
let admin: Caller;
let officer: Caller;
let secondOfficer: Caller;
let auditor: Caller;
let others: Record<'analyst' | 'evaluator' | 'fund_officer', Caller>;
let companies: MemberCompany[];
let fundAward: { staff: ProgramStaff; award: AwardDetail };

let keyCounter = 0;
function send(caller: Caller | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) {
  const headers = caller ? (method === 'GET' ? { cookie: caller.cookie } : { ...caller.headers, 'idempotency-key': `loc-${++keyCounter}` }) : {};
  return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}
async function status(caller: Caller | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) {
  return (await send(caller, method, url, payload)).statusCode;
}

const figures = (output: number, capacity: number, imported = 10) => ({ domesticOutput: output, capacity, importedContentPercent: imported, importedComponents: ['Fuzes', 'Propellant'] });

async function fileAndConfirm(company: MemberCompany, categoryCode: string, period: string, output: number, capacity: number, imported = 10) {
  const report = await api(company.user, 'POST', '/api/v1/localization/capacity-reports', { categoryCode, period, ...figures(output, capacity, imported) }, 201);
  return api(officer, 'POST', `/api/v1/localization/capacity-reports/${report.id}/confirm`, { version: report.version });
}

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t, 'localization');
  companies = [];
  for (const name of ['Snaryad Works', 'Kalibr Plant', 'Artek Forge', 'Lone Drone']) companies.push(await memberCompany(t, name));
  [admin, officer, secondOfficer, auditor] = await Promise.all([signedInCaller(t, ['admin']), signedInCaller(t, ['officer']), signedInCaller(t, ['officer']), signedInCaller(t, ['auditor'])]);
  // An award to the third company, promising ammunition capacity in 2027 (the gaps test uses it).
  await fundTheFund(t, 'UAH', 50_000_000_00, 'loc-budget');
  const staff = await programStaff(t);
  const { awards } = await awardedCall(t, staff, 'loc-2027', 10_000_000_00, [{ company: companies[2]!, requestedMinor: 5_000_000_00, title: 'Shell line' }]);
  fundAward = { staff, award: awards.get(companies[2]!.organizationId)! };
  others = { analyst: await signedInCaller(t, ['analyst']), evaluator: await signedInCaller(t, ['evaluator']), fund_officer: await signedInCaller(t, ['fund_officer']) };
}, 120_000);
afterAll(async () => t?.close());

describe('taxonomy', () => {
  it('administrators add sub-categories in the parent’s unit, rename and archive; others may not', async () => {
    const created = await api(admin, 'POST', '/api/v1/localization/categories', { code: 'uav.loitering', parentCode: 'uav', nameUk: 'Баражуючі боєприпаси', nameEn: 'Loitering munitions' }, 201);
    expect(created).toMatchObject({ level: 1, unitEn: 'units', unitUk: 'од.', archived: false, version: 1 });
    expect(await status(admin, 'POST', '/api/v1/localization/categories', { code: 'uav.other', parentCode: 'uav', nameUk: 'Інші', nameEn: 'Other', unitEn: 'kg' })).toBe(400);
    expect(await status(admin, 'POST', '/api/v1/localization/categories', { code: 'drones.x', parentCode: 'uav', nameUk: 'Х', nameEn: 'X' })).toBe(400);
    expect(await status(admin, 'POST', '/api/v1/localization/categories', { code: 'space', parentCode: null, nameUk: 'Космос', nameEn: 'Space' })).toBe(400);
    expect(await status(admin, 'POST', '/api/v1/localization/categories', { code: 'uav.loitering', parentCode: 'uav', nameUk: 'Б', nameEn: 'B' })).toBe(409);
    expect(await status(officer, 'POST', '/api/v1/localization/categories', { code: 'uav.other', parentCode: 'uav', nameUk: 'Інші', nameEn: 'Other' })).toBe(403);

    // A top-level unit change carries to the sub-categories.
    const uav = (await api(admin, 'GET', '/api/v1/localization/categories')).items.find((c: { code: string }) => c.code === 'uav');
    await api(admin, 'PATCH', '/api/v1/localization/categories/uav', { version: uav.version, unitEn: 'aircraft', unitUk: 'апаратів' });
    const after = (await api(admin, 'GET', '/api/v1/localization/categories')).items as Array<{ code: string; unitEn: string; parentCode: string | null }>;
    expect(after.filter((c) => c.code.startsWith('uav')).every((c) => c.unitEn === 'aircraft')).toBe(true);
    expect(await status(admin, 'PATCH', '/api/v1/localization/categories/uav.fpv', { version: 1, unitEn: 'kg' })).toBe(400);
    expect(await status(admin, 'PATCH', '/api/v1/localization/categories/uav', { version: uav.version, nameEn: 'Stale' })).toBe(409);
    // Parents come before their children.
    const codes = after.map((c) => c.code);
    expect(codes.indexOf('ammunition')).toBeLessThan(codes.indexOf('ammunition.artillery'));
    expect(codes.indexOf('ammunition.artillery')).toBeLessThan(codes.indexOf('ammunition.artillery.shells_155'));

    const archived = await api(admin, 'PATCH', '/api/v1/localization/categories/uav.loitering', { version: 1, archived: true });
    expect(archived.archived).toBe(true);
    expect(await status(officer, 'POST', '/api/v1/localization/needs', { categoryCode: 'uav.loitering', period: '2026', quantity: 5 })).toBe(400);
  });
});

describe('needs', () => {
  it('officers enter one need per category and period, revise it with a reason, and the history keeps every version', async () => {
    const need = await api(officer, 'POST', '/api/v1/localization/needs', { categoryCode: 'ammunition.artillery.shells_155', period: '2026', quantity: 1_000, note: 'General staff estimate' }, 201);
    expect(need).toMatchObject({ version: 1, quantity: 1_000, classification: 'restricted', unitEn: 'rounds' });
    expect(need.history).toHaveLength(1);
    const duplicate = await send(officer, 'POST', '/api/v1/localization/needs', { categoryCode: 'ammunition.artillery.shells_155', period: '2026', quantity: 5 });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().needId).toBe(need.id);
    expect(await status(officer, 'PUT', `/api/v1/localization/needs/${need.id}`, { version: 1, quantity: 900 })).toBe(400); // the reason is required
    const revised = await api(officer, 'PUT', `/api/v1/localization/needs/${need.id}`, { version: 1, quantity: 1_200, reason: 'Front-line demand rose' });
    expect(revised.version).toBe(2);
    expect(revised.history.map((h: { version: number; quantity: number }) => [h.version, h.quantity])).toEqual([[2, 1_200], [1, 1_000]]);
    expect(await status(officer, 'PUT', `/api/v1/localization/needs/${need.id}`, { version: 1, quantity: 5, reason: 'stale' })).toBe(409);
    expect(await status(officer, 'POST', '/api/v1/localization/needs', { categoryCode: 'ammunition', period: '2026-Q5', quantity: 1 })).toBe(400);
    expect(await status(officer, 'POST', '/api/v1/localization/needs', { categoryCode: 'nonexistent', period: '2026', quantity: 1 })).toBe(400);

    await api(officer, 'POST', '/api/v1/localization/needs', { categoryCode: 'uav.fpv', period: '2026', quantity: 10_000 }, 201);
    const listed = await api(auditor, 'GET', '/api/v1/localization/needs?category=ammunition');
    expect(listed.items.map((n: { categoryCode: string }) => n.categoryCode)).toEqual(['ammunition.artillery.shells_155']);
    expect((await api(auditor, 'GET', `/api/v1/localization/needs/${need.id}`)).quantity).toBe(1_200);
  });

  it('needs are for officers and auditors only', async () => {
    for (const caller of [admin, companies[0]!.user, others.analyst, others.evaluator, others.fund_officer]) {
      expect(await status(caller, 'GET', '/api/v1/localization/needs')).toBe(403);
    }
    expect(await status(null, 'GET', '/api/v1/localization/needs')).toBe(401);
    expect(await status(auditor, 'POST', '/api/v1/localization/needs', { categoryCode: 'ammunition', period: '2026', quantity: 1 })).toBe(403);
  });
});

describe('capacity reports', () => {
  it('a company files for itself with its own documents; officers confirm or return; the filer never decides', async () => {
    const [a, b] = companies as [MemberCompany, MemberCompany];
    const evidence = await insertTestDocument(t, a.organizationId, 'Production log 2026');
    const foreign = await insertTestDocument(t, b.organizationId, 'Someone else’s log');
    const base = { categoryCode: 'ammunition.artillery.shells_155', period: '2026', ...figures(400, 500, 20) };
    expect(await status(a.user, 'POST', '/api/v1/localization/capacity-reports', { ...base, domesticOutput: 600 })).toBe(400); // output above capacity
    expect(await status(a.user, 'POST', '/api/v1/localization/capacity-reports', { ...base, evidenceDocumentIds: [foreign] })).toBe(400);
    expect(await status(a.user, 'POST', '/api/v1/localization/capacity-reports', { ...base, organizationId: b.organizationId })).toBe(403);
    const report = await api(a.user, 'POST', '/api/v1/localization/capacity-reports', { ...base, evidenceDocumentIds: [evidence] }, 201);
    expect(report).toMatchObject({ status: 'submitted', organizationId: a.organizationId, domesticOutput: 400, importedComponents: ['Fuzes', 'Propellant'] });
    expect(await status(a.user, 'POST', '/api/v1/localization/capacity-reports', base)).toBe(409);

    // Another company cannot see it, list it or change it; staff other than officers and auditors cannot read it.
    expect(await status(b.user, 'GET', `/api/v1/localization/capacity-reports/${report.id}`)).toBe(404);
    expect((await api(b.user, 'GET', `/api/v1/localization/capacity-reports?organizationId=${a.organizationId}`)).items).toEqual([]);
    expect(await status(b.user, 'PUT', `/api/v1/localization/capacity-reports/${report.id}`, { version: 1, ...figures(1, 1) })).toBe(404);
    for (const caller of [admin, others.analyst, others.evaluator, others.fund_officer]) expect(await status(caller, 'GET', `/api/v1/localization/capacity-reports/${report.id}`)).toBe(403);
    expect(await status(a.user, 'POST', `/api/v1/localization/capacity-reports/${report.id}/confirm`, { version: 1 })).toBe(403);

    // Returned with a reason, corrected, confirmed.
    expect(await status(officer, 'POST', `/api/v1/localization/capacity-reports/${report.id}/return`, { version: 1 })).toBe(400);
    const returned = await api(officer, 'POST', `/api/v1/localization/capacity-reports/${report.id}/return`, { version: 1, reason: 'Attach the acceptance certificates' });
    expect(returned).toMatchObject({ status: 'returned', decisionReason: 'Attach the acceptance certificates' });
    expect((await api(a.user, 'GET', `/api/v1/localization/capacity-reports/${report.id}`)).decidedBy).toBeNull();
    expect(await status(officer, 'POST', `/api/v1/localization/capacity-reports/${report.id}/confirm`, { version: 2 })).toBe(409);
    const corrected = await api(a.user, 'PUT', `/api/v1/localization/capacity-reports/${report.id}`, { version: 2, ...figures(300, 400, 20), evidenceDocumentIds: [evidence] });
    expect(corrected).toMatchObject({ status: 'submitted', version: 3, domesticOutput: 300, decisionReason: null });
    const confirmed = await api(officer, 'POST', `/api/v1/localization/capacity-reports/${report.id}/confirm`, { version: 3 });
    expect(confirmed.status).toBe('confirmed');
    expect(confirmed.decidedBy).toBeTruthy();

    // A paper filing by an officer is decided by another officer.
    const paper = await api(officer, 'POST', '/api/v1/localization/capacity-reports', { categoryCode: 'ammunition.artillery.shells_155', period: '2026', organizationId: b.organizationId, ...figures(200, 250, 50) }, 201);
    expect(await status(officer, 'POST', `/api/v1/localization/capacity-reports/${paper.id}/confirm`, { version: 1 })).toBe(403);
    await api(secondOfficer, 'POST', `/api/v1/localization/capacity-reports/${paper.id}/confirm`, { version: 1 });

    const own = await api(a.user, 'GET', '/api/v1/localization/capacity-reports');
    expect(own.items.every((r: { organizationId: string }) => r.organizationId === a.organizationId)).toBe(true);
    expect((await api(auditor, 'GET', '/api/v1/localization/capacity-reports?status=confirmed')).total).toBe(2);
  });
});

describe('gaps', () => {
  it('need − confirmed output per category, with contributors, trend, forecast from awards and the staff export', async () => {
    const [, , c, lone] = companies as [MemberCompany, MemberCompany, MemberCompany, MemberCompany];
    await fileAndConfirm(c, 'ammunition.artillery.shells_155', '2026', 500, 500, 0);
    await fileAndConfirm(lone, 'uav.fpv', '2026', 2_500, 3_000, 40);
    // Filed, not yet confirmed: does not count, but shows as waiting.
    await api(lone.user, 'POST', '/api/v1/localization/capacity-reports', { categoryCode: 'ammunition.artillery.shells_155', period: '2026', ...figures(9_999, 9_999) }, 201);

    // The award (made before the test's other evaluator existed) promised ammunition capacity in 2027;
    // part is delivered on a verified milestone.
    const { staff, award } = fundAward;
    const milestone = award.milestones[0]!;
    const call = apiClient(t, 'loc-award');
    await call(c.user, 'POST', `/api/v1/fund/awards/${award.id}/milestones/${milestone.id}/report`, { version: 1, reportText: 'Line running.', evidenceDocumentIds: [await insertTestDocument(t, c.organizationId, 'Acceptance')], capacityDelivered: [{ capability: 'ammunition', period: '2027', quantity: 1_000 }] });
    await call(staff.officer, 'POST', `/api/v1/fund/awards/${award.id}/milestones/${milestone.id}/verification`, { version: 2, decision: 'verified', note: 'Seen on site.' });
    await api(officer, 'POST', '/api/v1/localization/needs', { categoryCode: 'ammunition', period: '2027', quantity: 10_000 }, 201);

    const gaps = await api(auditor, 'GET', '/api/v1/localization/gaps?period=2026');
    const shells = gaps.items.find((row: { code: string }) => row.code === 'ammunition.artillery.shells_155');
    // Need 1,200 (revised); confirmed output 300 (A) + 200 (B) + 500 (C) = 1,000.
    expect(shells).toMatchObject({ need: 1_200, domesticOutput: 1_000, capacity: 1_150, gap: 200, coveragePercent: 83.33, reportingCompanies: 3, pendingReports: 1, unitEn: 'rounds' });
    // (300×20 + 200×50 + 500×0) ÷ 1,000 = 16 %.
    expect(shells.importedContentPercent).toBe(16);
    const ammunition = gaps.items.find((row: { code: string }) => row.code === 'ammunition');
    expect(ammunition).toMatchObject({ need: 1_200, domesticOutput: 1_000, level: 0 });
    expect(gaps.items.find((row: { code: string }) => row.code === 'uav.fpv')).toMatchObject({ need: 10_000, domesticOutput: 2_500, coveragePercent: 25, reportingCompanies: 1 });

    const detail = await api(officer, 'GET', '/api/v1/localization/gaps/ammunition.artillery.shells_155?period=2026');
    expect(detail.members.map((m: { organizationName: string; sharePercent: number }) => [m.organizationName, m.sharePercent])).toEqual([['Artek Forge', 50], ['Snaryad Works', 30], ['Kalibr Plant', 20]]);
    expect(detail.trend).toEqual([{ period: '2026', need: 1_200, domesticOutput: 1_000, coveragePercent: 83.33, forecastCoveragePercent: 83.33 }, { period: '2027', need: null, domesticOutput: 0, coveragePercent: null, forecastCoveragePercent: null }]);

    const future = await api(officer, 'GET', '/api/v1/localization/gaps/ammunition?period=2027');
    // The award promised 4,321 × (5,000,000 ÷ 5,000,000) in 2027, 1,000 delivered: 3,321 outstanding.
    expect(future.category).toMatchObject({ need: 10_000, domesticOutput: 0, outstandingPromised: 3_321, forecastOutput: 3_321, forecastCoveragePercent: 33.21, contributingAwards: 1 });
    expect(future.awards).toEqual([{ awardId: award.id, agreementNumber: award.agreementNumber, organizationName: 'Artek Forge', status: 'active', promised: 4_321, delivered: 1_000, outstanding: 3_321 }]);

    const trend = await api(auditor, 'GET', '/api/v1/localization/trend?granularity=year');
    expect(trend.periods).toEqual(['2026', '2027']);
    expect(trend.series.find((s: { code: string }) => s.code === 'ammunition').points.map((p: { coveragePercent: number | null }) => p.coveragePercent)).toEqual([83.33, 0]);
    expect(await status(auditor, 'GET', '/api/v1/localization/trend?category=nope')).toBe(404);

    // The staff export: a workbook with the gaps, contributors, needs and reports.
    const xlsx = await send(auditor, 'GET', '/api/v1/localization/gaps?period=2026&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Gaps 2026', 'Contributors', 'Needs', 'Capacity reports 2026']);
    const sheet = workbook.getWorksheet('Gaps 2026')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const shellsRow = sheet.getRows(2, sheet.rowCount - 1)!.find((row) => row.getCell(1).value === 'ammunition.artillery.shells_155')!;
    expect(shellsRow.getCell(header.indexOf('Need') + 1).value).toBe(1_200);
    const csv = await send(auditor, 'GET', '/api/v1/localization/gaps?period=2026&format=csv');
    expect(csv.body).toContain('ammunition.artillery.shells_155');
    for (const caller of [admin, companies[0]!.user, others.fund_officer]) expect(await status(caller, 'GET', '/api/v1/localization/gaps?period=2026')).toBe(403);
  }, 120_000);
});

describe('public aggregates', () => {
  it('publish a category with three balanced companies, suppress one resting on a single company, and never show a need', async () => {
    const json = await send(null, 'GET', '/open-data/localization/aggregates.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['access-control-allow-origin']).toBe('*');
    const body = json.json();
    expect(body.years).toEqual([2026]);
    const ammunition = body.categories.find((c: { code: string }) => c.code === 'ammunition');
    // 300 + 200 + 500: three companies, the largest 50 %. Coverage 1,000 ÷ 1,200 = 83 % → the 75–100 band.
    expect(ammunition.years).toEqual([{ year: 2026, status: 'published', companies: 3, domesticOutput: 1_000, capacity: 1_200, importedContentPercent: 15, coverage: '75_to_100' }]);
    expect(ammunition.total).toEqual({ domesticOutput: 1_000, capacity: 1_200 });
    const uav = body.categories.find((c: { code: string }) => c.code === 'uav');
    expect(uav.years[0]).toEqual({ year: 2026, status: 'suppressed', companies: 'suppressed', domesticOutput: 'suppressed', capacity: 'suppressed', importedContentPercent: 'suppressed', coverage: 'suppressed' });
    expect(uav.total).toEqual({ domesticOutput: 'suppressed', capacity: 'suppressed' });
    // No need, no single company's figure: 1,200 and 10,000 (needs), 2,500 (the lone UAV maker) appear nowhere.
    const text = json.body;
    for (const secret of ['10000', '2500', 'Lone Drone', 'Snaryad']) expect(text).not.toContain(secret);
    expect(body.categories.some((c: { code: string }) => c.code.includes('.'))).toBe(false);

    const csv = await send(null, 'GET', '/open-data/localization/aggregates.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(lines[0]).toBe('category_code,category_en,category_uk,unit_en,year,status,companies,domestic_output,capacity,imported_content_percent,coverage');
    expect(lines).toContain('ammunition,Ammunition,Боєприпаси,rounds,2026,published,3,1000,1200,15,75_to_100');
    expect(lines.some((line) => line.startsWith('uav,') && line.includes(',2026,suppressed,suppressed,suppressed'))).toBe(true);
    expect((await send(null, 'GET', '/api/v1/public/localization')).json()).toMatchObject({ years: [2026] });
  });

  it('no public route’s response schema holds a restricted field (checked over the whole OpenAPI document)', async () => {
    const doc = (await send(null, 'GET', '/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } };
    const restrictedIn = (schema: unknown, seen = new Set<unknown>()): string[] => {
      if (!schema || typeof schema !== 'object' || seen.has(schema)) return [];
      seen.add(schema);
      const node = schema as Record<string, unknown>;
      if (typeof node.$ref === 'string') return restrictedIn(doc.components.schemas[node.$ref.split('/').pop()!], seen);
      const here = node['x-restricted'] === true ? ['(restricted)'] : [];
      return [...here, ...Object.entries(node).flatMap(([key, value]) => restrictedIn(value, seen).map((path) => `${key}.${path}`))];
    };
    const fastifyPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');
    const accessOf = (method: string, path: string): Access | undefined => t.app.routeAccess.get(`${method.toUpperCase()} ${fastifyPath(path)}`);
    let publicRoutes = 0;
    let restrictedRoutes = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const found = restrictedIn(operation.responses);
        if (accessOf(method, path) === 'public') {
          publicRoutes++;
          expect(found, `${method.toUpperCase()} ${path} is public`).toEqual([]);
        } else if (found.length) {
          restrictedRoutes++;
          const access = accessOf(method, path);
          // Restricted figures go to localization staff and (their own) companies only.
          expect(Array.isArray(access) && (access as readonly Role[]).every((role) => ['officer', 'auditor', 'company'].includes(role)), `${method} ${path}: ${String(access)}`).toBe(true);
        }
      }
    }
    expect(publicRoutes).toBeGreaterThan(10);
    expect(restrictedRoutes).toBeGreaterThanOrEqual(8);
  });
});
