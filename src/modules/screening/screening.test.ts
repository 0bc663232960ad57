import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type TestApp, createTestApp, signedInCaller } from '../../../test/support/app.ts';

// Lists and matching through the HTTP API: imports replace a list only when complete, matches come in
// the yente shape, bad input is a 4xx naming the field or line and stores nothing.

const SHARED = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'sanctions');

let t: TestApp;
let admin: Caller;
let analyst: Caller;
let officer: Caller;
let company: Caller;

beforeAll(async () => {
  t = await createTestApp();
  [admin, analyst, officer, company] = await Promise.all([
    signedInCaller(t, ['admin']),
    signedInCaller(t, ['analyst']),
    signedInCaller(t, ['officer']),
    signedInCaller(t, ['company']),
  ]);
});
afterAll(async () => t?.close());

let keyCounter = 0;
function post(caller: Caller | null, url: string, payload: unknown) {
  return t.app.inject({ method: 'POST', url, headers: caller ? { ...caller.headers, 'idempotency-key': `screening-${++keyCounter}` } : {}, payload: payload as object });
}
function get(caller: Caller | null, url: string) {
  return t.app.inject({ method: 'GET', url, headers: caller ? { cookie: caller.cookie } : {} });
}
async function count(table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.database.db);
  return Number(rows[0].n);
}
const match = (caller: Caller, queries: Record<string, unknown>, extra: Record<string, unknown> = {}) => post(caller, '/api/v1/screening/match', { queries, ...extra });

const SIMPLE_LIST = [
  'id,schema,name,aliases,birth_date,countries,identifiers',
  'p1,Person,Зеленський Олександр Петрович,Zelenskyi Oleksandr;Selenskyj Alexander,1971-03-14,UA;RU,PASSPORT:FA123456',
  'c1,Organization,ТОВ «Байкал Трейд»,Baikal Trade LLC,,RU,INN:7701234567;OGRN:1027700000000',
  'c2,Organization,ООО БАЙ,,,RU,',
].join('\n');

describe('sanctions lists over HTTP', () => {
  it('imports a list, lists it, and replaces it only with a complete new version', async () => {
    const imported = await post(admin, '/api/v1/screening/lists', { format: 'simple-csv', source: 'test', files: [{ name: 'list.csv', content: SIMPLE_LIST }] });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toMatchObject({ entityCount: 3, list: { source: 'test', format: 'simple-csv', entityCount: 3, nameCount: 6 } });
    const firstVersion = imported.json().list.versionId;

    const entitiesBefore = await count('screening_entities');
    const broken = await post(admin, '/api/v1/screening/lists', {
      format: 'simple-csv',
      source: 'test',
      files: [{ name: 'list.csv', content: `${SIMPLE_LIST}\np2,Person,,,,,\n` }],
    });
    expect(broken.statusCode, broken.body).toBe(400);
    expect(broken.json()).toMatchObject({ code: 'validation_failed', file: 'list.csv', line: 5 });
    expect(await count('screening_entities')).toBe(entitiesBefore);
    expect((await get(analyst, '/api/v1/screening/lists')).json().items).toEqual([expect.objectContaining({ source: 'test', versionId: firstVersion })]);

    const truncated = await post(admin, '/api/v1/screening/lists', { format: 'un-xml', source: 'un-broken', files: [{ name: 'consolidated.xml', content: '<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>' }] });
    expect(truncated.statusCode).toBe(400);
    expect(truncated.json().detail).toMatch(/consolidated\.xml/);
    const badJson = await post(admin, '/api/v1/screening/lists', { format: 'ftm-json', source: 'os', files: [{ name: 'e.json', content: '{"id":"a","schema":"Person","properties":{"name":["A B"]}}\n{"id":"b",\n' }] });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json()).toMatchObject({ file: 'e.json', line: 2 });
    for (const body of [
      { format: 'xls', source: 'x', files: [{ name: 'a.csv', content: 'x' }] },
      { format: 'simple-csv', source: 'Bad Source!', files: [{ name: 'a.csv', content: 'x' }] },
      { format: 'simple-csv', source: 'x', files: [{ name: '../../etc/passwd', content: 'x' }] },
      { format: 'simple-csv', source: 'x', files: [] },
      { format: 'simple-csv', source: 'x', files: [{ name: 'a.csv', content: 'id,schema,name\n' }] },
    ]) {
      const response = await post(admin, '/api/v1/screening/lists', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await count('screening_lists')).toBe(1);

    const replaced = await post(admin, '/api/v1/screening/lists', { format: 'simple-csv', source: 'test', files: [{ name: 'list.csv', content: SIMPLE_LIST.split('\n').slice(0, 3).join('\n') }] });
    expect(replaced.statusCode).toBe(201);
    expect(replaced.json().list).toMatchObject({ entityCount: 2 });
    expect(await count('screening_entities')).toBe(2);
    // Restore the full list for the matching tests below.
    expect((await post(admin, '/api/v1/screening/lists', { format: 'simple-csv', source: 'test', files: [{ name: 'list.csv', content: SIMPLE_LIST }] })).statusCode).toBe(201);
  });

  it('imports the real OFAC files through the API', async () => {
    const files = ['sdn.csv', 'alt.csv', 'add.csv'].map((name) => ({ name, content: fs.readFileSync(path.join(SHARED, 'ofac', name), 'latin1') }));
    const response = await post(admin, '/api/v1/screening/lists', { format: 'ofac-csv', source: 'ofac', files });
    expect(response.statusCode, response.body.slice(0, 500)).toBe(201);
    expect(response.json().list).toMatchObject({ source: 'ofac', entityCount: 8976 });
  });

  it('lets only administrators import, and only staff screen', async () => {
    for (const caller of [analyst, officer, company]) expect((await post(caller, '/api/v1/screening/lists', { format: 'simple-csv', source: 'x', files: [{ name: 'a.csv', content: SIMPLE_LIST }] })).statusCode).toBe(403);
    expect((await post(null, '/api/v1/screening/match', { queries: { q: { name: 'x' } } })).statusCode).toBe(401);
    expect((await match(company, { q: { name: 'x' } })).statusCode).toBe(403);
    expect((await get(company, '/api/v1/screening/lists')).statusCode).toBe(403);
  });
});

describe('matching over HTTP (the yente /match shape)', () => {
  it('finds a Cyrillic name by its Latin spellings and reordered, with the evidence', async () => {
    const response = await match(analyst, {
      latin: { schema: 'Person', name: 'Oleksandr Zelenskyy', birthDate: '1971' },
      german: { name: 'Alexander Selenskyj' },
      reordered: { properties: { name: ['ZELENSKYI, Oleksandr Petrovych'] } },
      other: { name: 'Maria Kowalska' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const { responses, threshold, lists } = response.json();
    expect(threshold).toBe(0.7);
    expect(lists.map((l: { source: string }) => l.source)).toEqual(['ofac', 'test']);
    for (const key of ['latin', 'german', 'reordered']) {
      expect(responses[key].results[0], key).toMatchObject({ id: 'test:p1', schema: 'Person', match: true, source: 'test', datasets: ['test'] });
      expect(responses[key].results[0].score).toBeLessThan(1);
    }
    expect(responses.latin.results[0].evidence.length).toBeGreaterThan(0);
    expect(responses.other.results.filter((r: { id: string }) => r.id.startsWith('test:'))).toEqual([]);
  });

  it('treats identifiers as near-certain and legal forms as noise', async () => {
    const { responses } = (
      await match(analyst, {
        byInn: { schema: 'Organization', name: 'Some Other Name', identifiers: [{ scheme: 'INN', value: '7701234567' }] },
        byProperty: { schema: 'Company', properties: { name: ['Baykal Trade'], innCode: ['7701234567'] } },
        shortName: { schema: 'Organization', name: 'ООО БАЙ' },
      })
    ).json();
    expect(responses.byInn.results[0]).toMatchObject({ id: 'test:c1' });
    expect(responses.byInn.results[0].score).toBeGreaterThanOrEqual(0.95);
    expect(responses.byProperty.results[0]).toMatchObject({ id: 'test:c1' });
    // "ООО БАЙ" is on the list itself, but must not strongly match "ТОВ «Байкал Трейд»".
    expect(responses.shortName.results[0]).toMatchObject({ id: 'test:c2' });
    expect(responses.shortName.results.find((r: { id: string }) => r.id === 'test:c1')).toBeUndefined();
  });

  it('refuses bad queries with the failing field, and accepts mixed scripts', async () => {
    const bad = async (queries: unknown, field: RegExp, extra: Record<string, unknown> = {}) => {
      const response = await post(analyst, '/api/v1/screening/match', { queries, ...extra });
      expect(response.statusCode, response.body).toBe(400);
      expect(JSON.stringify(response.json().errors)).toMatch(field);
    };
    await bad({ q: { name: '' } }, /queries\.q\.name/);
    await bad({ q: { name: '   ' } }, /queries\.q\.name/);
    await bad({ q: { name: 'x'.repeat(10_000) } }, /queries\.q\.name/);
    await bad({ q: { name: 'Ivan\u0000Petrov' } }, /queries\.q\.name/);
    await bad({ q: { schema: 'Person' } }, /queries\.q\.name/);
    await bad({ q: { name: 'A', birthDate: '1971-13-01' } }, /birthDate/);
    await bad({ q: { name: 'A', country: 'Ukraine' } }, /country/);
    await bad({}, /queries/);
    await bad({ q: { name: 'A' } }, /threshold/, { threshold: 2 });
    const mixed = await match(analyst, { q: { name: 'Zelenskyi Олександр' } });
    expect(mixed.statusCode).toBe(200);
    expect(mixed.json().responses.q.results[0].id).toBe('test:p1');
  });
});
