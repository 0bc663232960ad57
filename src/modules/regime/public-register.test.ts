import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type TestApp, createTestApp, signedInCaller } from '../../../test/support/app.ts';
import { grantedResident, regimeClient } from '../../../test/support/regime.ts';
import { expectCsvEqualsJson, getJson } from '../../../test/support/registers.ts';
import { EXPORT_ROW_CAP } from '../../core/registers.ts';
import type { TPublicResident } from './schema.ts';

// The public register of residents as a table: current and former, sorted by name, date of grant or
// status either way with a stable tiebreak, searched, paged, and downloaded as the same rows in CSV.

let t: TestApp;
let officer: Caller;

type Page = { items: TPublicResident[]; total: number; limit: number; offset: number };
const list = (query: string) => getJson(t, `/api/v1/public/regime/residents?${query}`) as Promise<Page>;
const names = (page: Page) => page.items.map((r) => r.name);

/** A resident as the CSV writes it (written here from the JSON, not by the code under test). */
function csvRow(resident: TPublicResident): Record<string, string> {
  return {
    name: resident.name,
    name_uk: resident.nameUk ?? '',
    identifiers: resident.identifiers.join('; '),
    status: resident.status,
    certificate_number: resident.certificateNumber,
    granted_at: resident.grantedAt,
    suspended_at: resident.suspendedAt ?? '',
    ended_at: resident.endedAt ?? '',
    end_grounds: resident.endGrounds ?? '',
    website: resident.website ?? '',
    address: resident.address ?? '',
    capabilities: resident.capabilities?.join('; ') ?? '',
  };
}

beforeAll(async () => {
  t = await createTestApp();
  officer = await signedInCaller(t, ['officer']);
  const api = regimeClient(t, 'public-register');
  // Names start with distinct letters so any collation orders them alike. Alpha and Charlie were
  // granted on the same day (a tie on "since"); Echo Twin's two residents share everything but the record.
  const fixtures = [
    { name: 'Alpha Shells LLC', granted: '2024-02-01', capabilities: ['ammunition'] },
    { name: 'Bravo Drones LLC', granted: '2023-05-10', then: 'suspend' },
    { name: 'Charlie Radios LLC', granted: '2024-02-01', then: 'exit' },
    { name: 'Delta Armour LLC', granted: '2022-09-01', then: 'terminate' },
    { name: 'Echo Twin LLC', granted: '2025-03-03' },
    { name: 'Echo Twin LLC', granted: '2025-03-03' },
  ];
  for (const fixture of fixtures) {
    const { resident, user } = await grantedResident(t, officer, fixture.name, { capabilities: fixture.capabilities });
    const url = `/api/v1/regime/residents/${resident.id}/transitions`;
    if (fixture.then === 'suspend') await api(officer, 'POST', url, { action: 'suspend', version: resident.version, reason: 'Report overdue.' });
    if (fixture.then === 'terminate') await api(officer, 'POST', url, { action: 'terminate', version: resident.version, reason: 'Defense production stopped.' });
    if (fixture.then === 'exit') await api(user, 'POST', url, { action: 'exit', version: resident.version });
    // Residency granted on the fixture's day (the workflow grants today).
    await sql`update regime_residents set granted_at = ${new Date(`${fixture.granted}T10:00:00Z`)} where id = ${resident.id}`.execute(t.database.db);
  }
});
afterAll(async () => t?.close());

describe('the public register of residents', () => {
  it('sorts by name, date of grant or status, either way, with ties broken by name and then by record', async () => {
    const twins = await t.database.db
      .selectFrom('regime_residents as r')
      .innerJoin('organizations as o', 'o.id', 'r.organization_id')
      .select('r.certificate_id')
      .where('o.name', '=', 'Echo Twin LLC')
      .orderBy('r.id')
      .execute();

    const byName = await list('');
    expect(names(byName)).toEqual(['Alpha Shells LLC', 'Bravo Drones LLC', 'Charlie Radios LLC', 'Delta Armour LLC', 'Echo Twin LLC', 'Echo Twin LLC']);
    expect(byName.items.slice(4).map((r) => r.certificateId)).toEqual(twins.map((r) => r.certificate_id));
    expect(await list('sort=name&order=asc')).toEqual(byName);
    expect((await list('sort=name&order=desc')).items).toEqual([...byName.items].reverse());

    // Newest first unless asked otherwise.
    const bySince = await list('sort=since');
    expect(bySince.items.map((r) => `${r.grantedAt.slice(0, 10)} ${r.name}`)).toEqual([
      '2025-03-03 Echo Twin LLC',
      '2025-03-03 Echo Twin LLC',
      '2024-02-01 Charlie Radios LLC',
      '2024-02-01 Alpha Shells LLC',
      '2023-05-10 Bravo Drones LLC',
      '2022-09-01 Delta Armour LLC',
    ]);
    expect((await list('sort=since&order=asc')).items).toEqual([...bySince.items].reverse());

    // Status in the life of a residency: active, suspended, terminated, exited.
    const byStatus = await list('sort=status');
    expect(byStatus.items.map((r) => `${r.status} ${r.name}`)).toEqual([
      'active Alpha Shells LLC',
      'active Echo Twin LLC',
      'active Echo Twin LLC',
      'suspended Bravo Drones LLC',
      'terminated Delta Armour LLC',
      'exited Charlie Radios LLC',
    ]);
    expect((await list('sort=status&order=desc')).items).toEqual([...byStatus.items].reverse());

    for (const query of ['sort=name&order=desc', 'sort=since', 'sort=status&order=asc']) {
      const whole = (await list(query)).items;
      const walked: TPublicResident[] = [];
      for (let offset = 0; offset < whole.length; offset += 2) walked.push(...(await list(`${query}&limit=2&offset=${offset}`)).items);
      expect(walked, query).toEqual(whole);
    }
  });

  it('filters current and former residents and searches names, identifiers and certificate numbers', async () => {
    expect(names(await list('status=current&sort=since&order=asc'))).toEqual(['Bravo Drones LLC', 'Alpha Shells LLC', 'Echo Twin LLC', 'Echo Twin LLC']);
    expect(names(await list('status=former&sort=status'))).toEqual(['Delta Armour LLC', 'Charlie Radios LLC']);
    expect(names(await list('q=radios'))).toEqual(['Charlie Radios LLC']);
    const alpha = (await list('q=alpha')).items[0];
    expect(names(await list(`q=${encodeURIComponent(alpha.identifiers[0].slice(-8))}`))).toEqual(['Alpha Shells LLC']);
    expect(names(await list(`q=${encodeURIComponent(alpha.certificateNumber)}`))).toEqual(['Alpha Shells LLC']);
    expect((await list('q=twin&status=former')).total).toBe(0);
    expect(await list('q=twin&limit=1&offset=1')).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ name: 'Echo Twin LLC' }] });
  });

  it('refuses unknown sorts, orders, formats and scopes with a problem naming the field', async () => {
    for (const [query, field] of [
      ['sort=granted_at', 'querystring.sort'],
      ['order=DESC', 'querystring.order'],
      ['format=xml', 'querystring.format'],
      ['scope=1', 'querystring.scope'],
      ['status=active', 'querystring.status'],
    ]) {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/public/regime/residents?${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((e: { field: string }) => e.field), query).toContain(field);
    }
  });

  it('downloads exactly the rows of the page as CSV, or every matching row with scope=all, in the same order', async () => {
    for (const query of ['', 'limit=2', 'sort=since&order=asc&limit=2&offset=3', 'status=former&sort=status', 'q=llc&sort=name&order=desc&limit=4', 'status=current']) {
      await expectCsvEqualsJson(t, `/api/v1/public/regime/residents?${query}`, csvRow);
    }
    const all = await expectCsvEqualsJson(t, '/api/v1/public/regime/residents?sort=status&order=desc&limit=1&offset=5&scope=all', csvRow);
    expect(all).toMatchObject({ total: 6, limit: EXPORT_ROW_CAP, offset: 0 });
    expect(all.items).toEqual((await list('sort=status&order=desc')).items);
    const current = await expectCsvEqualsJson(t, '/api/v1/public/regime/residents?status=current&scope=all&limit=1', csvRow);
    expect(current.items.map((r) => r.status).sort()).toEqual(['active', 'active', 'active', 'suspended']);
    // The former residents carry their end and its grounds into the file.
    const former = await expectCsvEqualsJson(t, '/api/v1/public/regime/residents?status=former&scope=all', csvRow);
    expect(former.items.map((r) => [r.name, r.endGrounds])).toEqual([
      ['Charlie Radios LLC', 'voluntary exit'],
      ['Delta Armour LLC', 'Defense production stopped.'],
    ]);
  });
});
