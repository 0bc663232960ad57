import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, makeOrganization } from '../../../test/support/app.ts';
import { csvRecords, expectCsvEqualsJson, getJson } from '../../../test/support/registers.ts';
import { uuidv7 } from '../../core/ids.ts';
import { publicCacheFor } from '../../core/public-cache.ts';
import { EXPORT_ROW_CAP } from '../../core/registers.ts';
import type { TPublicMember } from './schema.ts';

// The public register of members as a table: sort by a column either way with a stable tiebreak,
// search, filter, page, and download the same rows as CSV or JSON (the page, or every matching row).

let t: TestApp;

interface Fixture {
  name: string;
  nameUk?: string;
  country: string;
  since: string;
  capabilities: string[];
  status?: 'member' | 'suspended';
}

// Names start with distinct letters so any collation orders them alike; the Echo twins share name,
// country and date and differ only in their capabilities (and ids): the tiebreak orders them.
const MEMBERS: Fixture[] = [
  { name: 'Delta Works LLC', country: 'UA', since: '2023-06-15', capabilities: ['ammunition'] },
  { name: 'Alpha Armour LLC', nameUk: 'ТОВ «Альфа Броня»', country: 'UA', since: '2024-03-01', capabilities: ['ammunition.artillery'] },
  { name: 'Echo Twins LLC', country: 'UA', since: '2025-05-05', capabilities: ['uav'] },
  { name: 'Bravo Optics GmbH', country: 'DE', since: '2025-01-10', capabilities: ['uav'] },
  { name: 'Charlie Drones Sp. z o.o.', country: 'PL', since: '2024-03-01', capabilities: ['uav', 'ammunition'] },
  { name: 'Echo Twins LLC', country: 'UA', since: '2025-05-05', capabilities: ['ammunition'] },
  { name: 'Foxtrot Suspended LLC', country: 'UA', since: '2022-01-01', capabilities: ['uav'], status: 'suspended' },
];

const names = (body: { items: TPublicMember[] }) => body.items.map((m) => m.name);
const list = (query: string) => getJson(t, `/api/v1/public/members?${query}`) as Promise<{ items: TPublicMember[]; total: number; limit: number; offset: number }>;

/** A member as the CSV writes it (written here from the JSON, not by the code under test). */
function csvRow(member: TPublicMember): Record<string, string> {
  return {
    name: member.name,
    name_uk: member.nameUk ?? '',
    country: member.country,
    capability_codes: member.capabilities.map((c) => c.code).join('; '),
    capabilities_en: member.capabilities.map((c) => c.nameEn).join('; '),
    capabilities_uk: member.capabilities.map((c) => c.nameUk).join('; '),
    member_since: member.memberSince.slice(0, 10),
  };
}

beforeAll(async () => {
  t = await createTestApp();
  for (const member of MEMBERS) {
    const organization = await makeOrganization(t, member.name, { country: member.country, ...(member.nameUk ? { nameUk: member.nameUk } : {}) });
    const since = new Date(`${member.since}T09:00:00Z`);
    await t.database.db
      .insertInto('membership_applications')
      .values({ id: uuidv7(), organization_id: organization.id, status: member.status ?? 'member', capabilities: member.capabilities, document_ids: [], screening_mode: 'automatic', status_changed_at: since, member_since: since, version: 1, created_at: since, updated_at: since })
      .execute();
  }
});
afterAll(async () => t?.close());

describe('the public register of members', () => {
  it('sorts by name, country or date of admission, either way, with ties broken by name and then by record', async () => {
    // The twins in the order of their membership ids: the last tiebreak.
    const twins = await t.database.db
      .selectFrom('membership_applications as a')
      .innerJoin('organizations as o', 'o.id', 'a.organization_id')
      .select('a.capabilities')
      .where('o.name', '=', 'Echo Twins LLC')
      .orderBy('a.id')
      .execute();
    const twinCodes = twins.map((row) => row.capabilities[0]);
    expect(twinCodes.sort()).toEqual(['ammunition', 'uav']);

    const byName = await list('');
    expect(names(byName)).toEqual(['Alpha Armour LLC', 'Bravo Optics GmbH', 'Charlie Drones Sp. z o.o.', 'Delta Works LLC', 'Echo Twins LLC', 'Echo Twins LLC']);
    expect(byName.items.slice(4).map((m) => m.capabilities[0].code)).toEqual(twins.map((row) => row.capabilities[0]));
    expect(await list('sort=name&order=asc')).toEqual(byName);
    expect((await list('sort=name&order=desc')).items).toEqual([...byName.items].reverse());

    const byCountry = await list('sort=country');
    expect(byCountry.items.map((m) => `${m.country} ${m.name}`)).toEqual(['DE Bravo Optics GmbH', 'PL Charlie Drones Sp. z o.o.', 'UA Alpha Armour LLC', 'UA Delta Works LLC', 'UA Echo Twins LLC', 'UA Echo Twins LLC']);
    expect((await list('sort=country&order=desc')).items).toEqual([...byCountry.items].reverse());

    // Newest first unless asked otherwise; the two admitted on 2024-03-01 by name.
    const bySince = await list('sort=member_since');
    expect(bySince.items.map((m) => `${m.memberSince.slice(0, 10)} ${m.name}`)).toEqual([
      '2025-05-05 Echo Twins LLC',
      '2025-05-05 Echo Twins LLC',
      '2025-01-10 Bravo Optics GmbH',
      '2024-03-01 Charlie Drones Sp. z o.o.',
      '2024-03-01 Alpha Armour LLC',
      '2023-06-15 Delta Works LLC',
    ]);
    expect(await list('sort=member_since&order=desc')).toEqual(bySince);
    expect((await list('sort=member_since&order=asc')).items).toEqual([...bySince.items].reverse());

    // Stable paging: one row a page walks the same sequence as one page of everything.
    for (const query of ['sort=name&order=desc', 'sort=country', 'sort=member_since&order=asc']) {
      const whole = (await list(query)).items;
      const walked: TPublicMember[] = [];
      for (let offset = 0; offset < whole.length; offset++) walked.push(...(await list(`${query}&limit=1&offset=${offset}`)).items);
      expect(walked, query).toEqual(whole);
    }
  });

  it('searches any of the names and filters by country and capability; suspended members are not listed', async () => {
    expect(names(await list('q=optics'))).toEqual(['Bravo Optics GmbH']);
    expect(names(await list(`q=${encodeURIComponent('альфа')}`))).toEqual(['Alpha Armour LLC']);
    expect(names(await list('q=LLC&sort=name&order=desc'))).toEqual(['Echo Twins LLC', 'Echo Twins LLC', 'Delta Works LLC', 'Alpha Armour LLC']);
    // LIKE wildcards in the search are text.
    expect((await list(`q=${encodeURIComponent('%')}`)).total).toBe(0);
    expect((await list('q=foxtrot')).total).toBe(0);
    expect(names(await list('country=pl'))).toEqual(['Charlie Drones Sp. z o.o.']);
    // A category matches its sub-categories.
    expect(names(await list('capability=ammunition&sort=member_since&order=asc'))).toEqual(['Delta Works LLC', 'Alpha Armour LLC', 'Charlie Drones Sp. z o.o.', 'Echo Twins LLC']);
    expect(names(await list('capability=uav&country=UA'))).toEqual(['Echo Twins LLC']);
    expect(await list('limit=2&offset=4')).toMatchObject({ total: 6, limit: 2, offset: 4, items: [{ name: 'Echo Twins LLC' }, { name: 'Echo Twins LLC' }] });
  });

  it('refuses unknown sorts, orders, formats and scopes with a problem naming the field', async () => {
    for (const [query, field] of [
      ['sort=id', 'querystring.sort'],
      ['sort=NAME', 'querystring.sort'],
      ['order=up', 'querystring.order'],
      ['format=xlsx', 'querystring.format'],
      ['scope=everything', 'querystring.scope'],
      ['sort=name&sort=country', 'querystring.sort'],
    ]) {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/public/members?${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((e: { field: string }) => e.field), query).toContain(field);
    }
  });

  it('downloads exactly the rows of the page as CSV, or every matching row with scope=all, in the same order', async () => {
    // The page data, as the web page shows it, and its CSV.
    for (const query of ['', 'limit=2', 'sort=country&order=desc&limit=2&offset=1', 'capability=uav&sort=member_since', 'q=llc&sort=name&order=desc&limit=3', 'country=DE&order=asc']) {
      await expectCsvEqualsJson(t, `/api/v1/public/members?${query}`, csvRow);
    }
    // The downloads of the table: every matching row, whatever the page, in the table's order.
    const all = await expectCsvEqualsJson(t, '/api/v1/public/members?sort=member_since&order=asc&limit=2&offset=2&scope=all', csvRow);
    expect(all).toMatchObject({ total: 6, limit: EXPORT_ROW_CAP, offset: 0 });
    expect(all.items).toEqual((await list('sort=member_since&order=asc')).items);
    const filtered = await expectCsvEqualsJson(t, '/api/v1/public/members?capability=uav&scope=all&limit=1', csvRow);
    expect(names(filtered)).toEqual(['Bravo Optics GmbH', 'Charlie Drones Sp. z o.o.', 'Echo Twins LLC']);

    // Each format is cached under its own address, with its own ETag.
    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/public/members?format=csv&scope=all' });
    expect(csv.headers.etag).toBeTruthy();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/members?format=csv&scope=all', headers: { 'if-none-match': String(csv.headers.etag) } })).statusCode).toBe(304);
    expect(csv.headers.etag).not.toBe((await t.app.inject({ method: 'GET', url: '/api/v1/public/members?scope=all' })).headers.etag);
    // The page and offset an export ignores are not part of its cache key: varying them cannot fill the cache.
    const cache = publicCacheFor(t.database.db);
    await list('scope=all&sort=country&offset=3');
    const hits = cache.hits;
    const again = await list('scope=all&sort=country&offset=4&limit=7');
    expect(cache.hits).toBe(hits + 1);
    expect(again.items).toEqual((await list('sort=country')).items);
    // The old address of the whole register answers as it did: the same file as the default sort, whole.
    const legacy = await t.app.inject({ method: 'GET', url: '/api/v1/public/members.csv' });
    expect(legacy.body).toBe(csv.body);
    expect(csvRecords(legacy.body).map((r) => r.name)).toEqual(names(all).sort());
  });
});
