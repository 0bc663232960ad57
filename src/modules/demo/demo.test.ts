import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/support/app.ts';
import { runAdi } from '../../../test/support/cli.ts';
import type { AuthContext } from '../../core/access.ts';
import { buildApp } from '../../main.ts';
import { verifyAuditLog } from '../audit/service.ts';
import { MEMBERSHIP_STATUSES } from '../membership/schema.ts';
import { parseIdentifier } from '../registry/identifiers.ts';
import { beneficialOwners, listCapabilities } from '../registry/service.ts';
import { planCompanies } from './companies.ts';
import { DEFAULT_DEMO_SEED, DEMO_STREAMS, type DemoSummary, demoStream, seedDemo } from './seed.ts';
import { importSanctionsLists } from './sanctions.ts';
import { demoSummaryLines } from '../../cli/demo.ts';
import type { DemoContext } from './context.ts';
import { SYSTEM_ACTOR } from '../audit/service.ts';

// The demo data set (issue #12), loaded once per engine (PGlite, and PostgreSQL with TEST_DATABASE_URL)
// and checked from every side: the companies and their identifiers, ownership chains, sanctioned
// owners found by screening, every membership state, regime residents and failing reports, the audit
// log, determinism, and the demo accounts route in and out of demo mode.

const SANCTIONS_DIR = path.resolve(import.meta.dirname, '../../../../shared/data/sanctions');
const LISTS_PRESENT = fs.existsSync(path.join(SANCTIONS_DIR, 'ofac', 'sdn.csv'));

let t: TestApp;
let summary: DemoSummary;
let loadSeconds = 0;

beforeAll(async () => {
  t = await createTestApp();
  const started = performance.now();
  summary = await seedDemo(t.deps, { sanctionsDir: SANCTIONS_DIR });
  loadSeconds = (performance.now() - started) / 1000;
  console.log(`demo data set loaded in ${loadSeconds.toFixed(1)} s: ${summary.timings.map((s) => `${s.step} ${s.seconds} s (cpu ${s.cpuSeconds} s)`).join(', ')}`);
}, 900_000);
afterAll(async () => t?.close());

/** Rows of a query on the test database (the test reads the tables directly to check what the services wrote). */
async function rows<T>(query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(t.database.db)).rows;
}

/** The companies of the demo: organizations whose company account is a demo account. */
async function demoCompanies() {
  return rows<{ id: string; name: string; name_uk: string | null; country: string }>(sql`
    select o.id, o.name, o.name_uk, o.country from organizations o join users u on u.organization_id = o.id
    where u.email like '%demo.adi.example' and 'company' = any(u.roles) order by o.name`);
}

async function staffAuth(role: 'auditor' | 'admin'): Promise<AuthContext> {
  const [user] = await rows<{ id: string; email: string }>(sql`select id, email from users where email = ${`${role}@demo.adi.example`}`);
  return { kind: 'session', user: { id: user!.id, email: user!.email, roles: [role], organizationId: null }, session: null, tokenPrefix: null };
}

describe('the demo data set', () => {
  it('has 252 companies from 30 countries, 110 of them Ukrainian, each with a bilingual legal name and a company account', async () => {
    expect(summary).toMatchObject({ companies: 252, countries: 30, domestic: 110, companyAccounts: 252 });
    const companies = await demoCompanies();
    expect(companies).toHaveLength(252);
    expect(new Set(companies.map((c) => c.country)).size).toBe(30);
    expect(companies.filter((c) => c.country === 'UA')).toHaveLength(110);
    expect(new Set(companies.map((c) => c.name)).size).toBe(252);
    for (const c of companies) expect(c.name_uk, c.name).toMatch(/\p{Script=Cyrillic}/u);
    // Holding companies come from the same 30 countries.
    const countries = new Set(companies.map((c) => c.country));
    for (const { country } of await rows<{ country: string }>(sql`select distinct country from organizations`)) expect(countries).toContain(country);
  });

  it('gives every organization identifiers that the registry validates: EDRPOU with its control digit for Ukrainian ones, an LEI with ISO 17442 check digits for foreign ones', async () => {
    const identifiers = await rows<{ identifier: string; scheme: string; country: string }>(sql`
      select i.identifier, i.scheme, o.country from organization_identifiers i join organizations o on o.id = i.organization_id`);
    expect(identifiers.length).toBeGreaterThan(500);
    for (const { identifier } of identifiers) expect(parseIdentifier(identifier), identifier).toMatchObject({ ok: true, identifier });
    const companies = await demoCompanies();
    const bySchemeAndCountry = await rows<{ country: string; edr: number; lei: number; national: number }>(sql`
      select o.country,
             count(*) filter (where i.scheme = 'UA-EDR')::int as edr,
             count(*) filter (where i.scheme = 'XI-LEI')::int as lei,
             count(*) filter (where i.scheme not in ('UA-EDR', 'XI-LEI'))::int as national
      from organizations o join organization_identifiers i on i.organization_id = o.id
      where o.id in (select organization_id from users where email like '%demo.adi.example' and organization_id is not null)
      group by o.country`);
    expect(bySchemeAndCountry.find((r) => r.country === 'UA')!.edr).toBe(110);
    const foreign = bySchemeAndCountry.filter((r) => r.country !== 'UA');
    expect(foreign.reduce((sum, r) => sum + r.lei, 0)).toBe(companies.length - 110);
    expect(foreign.reduce((sum, r) => sum + r.national, 0)).toBeGreaterThan(100);
  });

  it('owns companies through holding companies two and three levels up, so beneficial owners are computed through chains', async () => {
    const chains = await rows<{ company: string }>(sql`
      select distinct l1.owned_organization_id as company
      from ownership_links l1
      join ownership_links l2 on l2.owned_organization_id = l1.owner_organization_id and l2.owner_organization_id is not null
      join ownership_links l3 on l3.owned_organization_id = l2.owner_organization_id and l3.owner_person_id is not null
      where l1.owned_organization_id in (select organization_id from users where email like '%demo.adi.example')
      order by 1`);
    expect(chains.length).toBeGreaterThan(3);
    const auth = await staffAuth('auditor');
    const owners = await beneficialOwners(t.database.db, auth, chains[0]!.company);
    // A person who owns the top holding company holds the company through three organizations.
    const deepest = Math.max(...owners.owners.flatMap((o) => o.paths.map((p) => p.organizationIds.length)));
    expect(deepest).toBeGreaterThanOrEqual(3);
    expect(owners.owners.some((o) => o.isBeneficialOwner)).toBe(true);
    expect(owners.unresolvedOrganizations).toEqual([]);
  });

  it.skipIf(!LISTS_PRESENT)('finds the owners that are on the sanctions lists, under their Ukrainian spelling (the lists are in ../shared/data/sanctions)', async () => {
    expect(summary.sanctions.missing).toBe(false);
    expect(summary.sanctions.sanctionedOwners.length).toBeGreaterThanOrEqual(4);
    for (const owner of summary.sanctions.sanctionedOwners) {
      expect(owner.registeredAs).toMatch(/\p{Script=Cyrillic}/u);
      const cases = await rows<{ status: string; subject_name: string }>(sql`select status, subject_name from screening_cases where entity_id = ${owner.entityId}`);
      expect(cases.length, `${owner.listedAs} (${owner.company})`).toBeGreaterThan(0);
    }
    const statuses = await rows<{ status: string }>(sql`
      select distinct c.status from screening_cases c where c.entity_id in (${sql.join(summary.sanctions.sanctionedOwners.map((o) => o.entityId))})`);
    expect(statuses.map((s) => s.status).sort()).toEqual(['confirmed', 'open']);
    expect(summary.membership.casesConfirmed).toBeGreaterThanOrEqual(3);
  });

  it('leaves membership applications in every state of MEMBERSHIP_MACHINE, most companies members', async () => {
    const visited = await rows<{ to_status: string }>(sql`select distinct to_status from membership_transitions`);
    expect(visited.map((v) => v.to_status).sort()).toEqual([...MEMBERSHIP_STATUSES].sort());
    const current = await rows<{ status: string; n: number }>(sql`select status, count(*)::int as n from membership_applications group by status`);
    const count = (status: string) => current.find((c) => c.status === status)?.n ?? 0;
    // submitted and approved are passed through at once (screening starts on submission, approval admits).
    for (const status of MEMBERSHIP_STATUSES.filter((s) => s !== 'submitted' && s !== 'approved')) expect(count(status), status).toBeGreaterThan(0);
    expect(count('member')).toBeGreaterThanOrEqual(190);
  });

  it('has regime residents, current and former, with annual reports of which some fail the rules', async () => {
    const residents = await rows<{ status: string; n: number }>(sql`select status, count(*)::int as n from regime_residents group by status`);
    expect(residents.map((r) => r.status).sort()).toEqual(['active', 'exited', 'suspended', 'terminated']);
    const reports = await rows<{ status: string; n: number }>(sql`select status, count(*)::int as n from regime_reports group by status`);
    expect(reports.find((r) => r.status === 'failed')?.n).toBeGreaterThan(0);
    expect(reports.find((r) => r.status === 'accepted')?.n).toBeGreaterThan(10);
    const proposals = await rows<{ status: string }>(sql`select distinct status from regime_suspension_proposals`);
    expect(proposals.map((p) => p.status).sort()).toEqual(['accepted', 'open']);
  });

  it('keeps an audit log that verifies (adi audit verify)', async () => {
    const verification = await verifyAuditLog(t.database.db, [t.signer.publicKeyHex]);
    expect(verification).toMatchObject({ ok: true });
    expect(verification.events).toBeGreaterThan(3000);
  });

  it('is deterministic: the same seed plans the same companies and people, another seed others', async () => {
    const known = new Set((await listCapabilities(t.database.db)).map((c) => c.code));
    const plan = (seed: number) => planCompanies(demoStream(seed, DEMO_STREAMS.companies), new Date('2026-01-01T00:00:00Z'), known, []);
    const first = plan(DEFAULT_DEMO_SEED);
    const again = plan(DEFAULT_DEMO_SEED);
    expect(again.map((p) => [p.organization.name, p.organization.nameUk, p.director.names])).toEqual(first.map((p) => [p.organization.name, p.organization.nameUk, p.director.names]));
    expect(again.map((p) => p.organization.identifiers)).toEqual(first.map((p) => p.organization.identifiers));
    expect(new Set((await demoCompanies()).map((c) => c.name))).toEqual(new Set(first.map((p) => p.organization.name)));
    const other = plan(DEFAULT_DEMO_SEED + 1);
    expect(other.filter((p, i) => p.organization.name === first[i]!.organization.name).length).toBeLessThan(20);
  });

  it('without the sanctions lists says so and goes on without the sanctioned owners', async () => {
    const said: string[] = [];
    const context = { db: t.database.db, progress: (step: string) => said.push(step) } as unknown as DemoContext;
    const outcome = await importSanctionsLists(context, path.join(SANCTIONS_DIR, 'no-such-folder'), SYSTEM_ACTOR);
    expect(outcome).toMatchObject({ missing: true, imported: [] });
    expect(said.join('\n')).toMatch(/none in .*no-such-folder; the sanctioned owners are left out/);
    const lines = demoSummaryLines({ ...summary, sanctions: { ...summary.sanctions, ...outcome, sanctionedOwners: [] } }, { secrets: false });
    expect(lines.join('\n')).toMatch(/No sanctions lists in .*no-such-folder: the owners on sanctions lists were left out/);
    // The companies are planned all the same, with the same names (the lists only change some owners).
    const known = new Set((await listCapabilities(t.database.db)).map((c) => c.code));
    const plans = planCompanies(demoStream(summary.seed, DEMO_STREAMS.companies), new Date(), known, []);
    expect(plans).toHaveLength(252);
    expect(plans.some((p) => p.sanction)).toBe(false);
  });

  it('refuses to load a second demo data set into the same database', async () => {
    await expect(seedDemo(t.deps, { sanctionsDir: SANCTIONS_DIR })).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('GET /api/v1/demo/accounts', () => {
  it('answers 404 problem+json when demo mode is off (every platform that is not `adi serve --demo`)', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/demo/accounts' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'not_found' });
    expect(response.body).not.toContain(summary.password);
  });

  it('answers 503 while the demo data set loads', async () => {
    const app = await buildApp(t.deps, { serveWeb: false, demo: { enabled: true, password: null } });
    try {
      const response = await app.inject({ method: 'GET', url: '/api/v1/demo/accounts' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ code: 'unavailable' });
    } finally {
      await app.close();
    }
  });

  it('in demo mode lists every role with the password and, for staff, a code that signs in (and a fresh one after it was used)', async () => {
    const app = await buildApp(t.deps, { serveWeb: false, demo: { enabled: true, password: summary.password } });
    try {
      const list = async () => {
        const response = await app.inject({ method: 'GET', url: '/api/v1/demo/accounts' });
        expect(response.statusCode).toBe(200);
        expect(response.headers['cache-control']).toBe('no-store');
        return response.json().accounts as Array<{ role: string; email: string; password: string; totpCode: string | null }>;
      };
      const accounts = await list();
      expect(new Set(accounts.map((a) => a.role))).toEqual(new Set(['admin', 'officer', 'analyst', 'evaluator', 'fund_officer', 'auditor', 'company']));
      for (const account of accounts) {
        expect(account.password).toBe(summary.password);
        if (account.role === 'company') expect(account.totpCode).toBeNull();
        else expect(account.totpCode).toMatch(/^\d{6}$/);
      }
      const officer = accounts.find((a) => a.email === 'officer@demo.adi.example')!;
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: officer.email, password: officer.password, totp: officer.totpCode } });
      expect(login.statusCode, login.body).toBe(200);
      expect(login.json().session.stage).toBe('full');
      // The used code is not offered again: the next one is, and it signs in too (a sign-out and back in at once).
      const next = (await list()).find((a) => a.email === officer.email)!;
      expect(next.totpCode).not.toBe(officer.totpCode);
      const again = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: officer.email, password: officer.password, totp: next.totpCode } });
      expect(again.statusCode, again.body).toBe(200);
      const company = accounts.find((a) => a.role === 'company')!;
      const companyLogin = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: company.email, password: company.password } });
      expect(companyLogin.statusCode, companyLogin.body).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('adi demo seed', () => {
  it('refuses a seed that is not a whole number with exit code 2', async () => {
    const result = await runAdi(['demo', 'seed', '--seed', 'abc'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--seed must be a whole number/);
  });
});
