// Registry speed on embedded PGlite with 100,000 organizations:
// - ultimate beneficial owners of an organization at the bottom of a 6-level ownership chain: goal ≤ 20 ms;
// - organization name search (Latin, Cyrillic, typos, identifiers), first page of 20: goal p95 ≤ 50 ms.
// Baseline, measured in the same run: fetching one organization by primary key through the service.
// Run: npx tsx bench/registry.ts [organizations]   (default 100000)
import { sql } from 'kysely';
import type { AuthContext } from '../src/core/access.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { beneficialOwners, getOrganization, listOrganizations } from '../src/modules/registry/service.ts';

const total = Number(process.argv[2] ?? 100_000);
const CHAINS = 50;
const DEPTH = 6;

const database = await openDatabase({ kind: 'pglite' });
await migrateToLatest(database.db);
const db = database.db;
const staff: AuthContext = { kind: 'session', user: { id: '00000000-0000-7000-8000-000000000001', email: 'bench@adi', roles: ['officer'], organizationId: null }, session: null, tokenPrefix: null };

const seedStarted = performance.now();
// Names from realistic parts in Latin and Cyrillic script; ids are deterministic so chains can be built by number.
await sql`
  insert into organizations (id, name, name_uk, country, kind, capabilities, created_at, updated_at)
  select ('0190b000-0000-7000-8000-' || lpad(n::text, 12, '0'))::uuid,
         (array['Kyiv','Kharkiv','Dnipro','Lviv','Odesa','Poltava','Nordic','Baltic','Atlantic','Alpine','Carpathian','Danube'])[1 + n % 12] || ' ' ||
         (array['Defence','Armour','Drone','Optics','Radar','Munitions','Systems','Dynamics','Aero','Motors','Electronics','Robotics','Ballistics'])[1 + (n / 12) % 13] || ' ' ||
         (array['Works','Industries','Technologies','Group','Plant','Labs'])[1 + (n / 156) % 6] || ' ' || n || ' ' ||
         (array['LLC','GmbH','Ltd','SA','AB','TOV','Sp. z o.o.'])[1 + n % 7],
         (array['Київ','Харків','Дніпро','Львів','Одеса','Полтава','Нордік','Балтік','Атлантік','Альпайн','Карпатський','Дунай'])[1 + n % 12] || ' ' ||
         (array['Оборона','Броня','Дрон','Оптика','Радар','Боєприпаси','Системи','Динаміка','Аеро','Мотори','Електроніка','Робототехніка','Балістика'])[1 + (n / 12) % 13] || ' ' || n,
         (array['UA','DE','PL','US','GB','FR','SE','TR','CZ','LT'])[1 + n % 10],
         'manufacturer',
         array[(array['uav','ammunition','air_defense','electronic_warfare','armored_vehicles','demining'])[1 + n % 6]],
         now(), now()
    from generate_series(1, ${total}::int) as n
`.execute(db);
await sql`
  insert into organization_identifiers (id, organization_id, scheme, value, identifier, status, created_at, updated_at)
  select gen_random_uuid(), ('0190b000-0000-7000-8000-' || lpad(n::text, 12, '0'))::uuid, 'GB-COH', lpad(n::text, 8, '0'), 'GB-COH-' || lpad(n::text, 8, '0'), 'confirmed', now(), now()
    from generate_series(1, ${total}::int) as n
`.execute(db);
// Background ownership: every organization above the chains is owned 40 % by the one 7 numbers up.
await sql`
  insert into ownership_links (id, owned_organization_id, owner_organization_id, share_ppm, status, created_at, updated_at)
  select gen_random_uuid(), ('0190b000-0000-7000-8000-' || lpad(n::text, 12, '0'))::uuid, ('0190b000-0000-7000-8000-' || lpad((n + 7)::text, 12, '0'))::uuid,
         400000, 'confirmed', now(), now()
    from generate_series(${CHAINS * DEPTH + 1}::int, ${total - 7}::int) as n where n % 3 = 0
`.execute(db);
// 50 targets, each at the bottom of a 6-level chain (60 % per level), with two people at the top.
await sql`
  insert into ownership_links (id, owned_organization_id, owner_organization_id, share_ppm, control_kinds, status, created_at, updated_at)
  select gen_random_uuid(), ('0190b000-0000-7000-8000-' || lpad((c * ${DEPTH} + l + 1)::text, 12, '0'))::uuid,
         ('0190b000-0000-7000-8000-' || lpad((c * ${DEPTH} + l + 2)::text, 12, '0'))::uuid, 600000, '{}', 'confirmed', now(), now()
    from generate_series(0, ${CHAINS - 1}::int) as c, generate_series(0, ${DEPTH - 2}::int) as l
`.execute(db);
await sql`
  insert into people (id, primary_name, names, nationalities, search_text, created_at, updated_at)
  select ('0190c000-0000-7000-8000-' || lpad((c * 2 + k)::text, 12, '0'))::uuid, 'Owner ' || c || '-' || k, '[]', '{UA}', 'owner ' || c || '-' || k, now(), now()
    from generate_series(0, ${CHAINS - 1}::int) as c, generate_series(0, 1) as k
`.execute(db);
await sql`
  insert into ownership_links (id, owned_organization_id, owner_person_id, share_ppm, control_kinds, status, created_at, updated_at)
  select gen_random_uuid(), ('0190b000-0000-7000-8000-' || lpad((c * ${DEPTH} + ${DEPTH})::text, 12, '0'))::uuid,
         ('0190c000-0000-7000-8000-' || lpad((c * 2 + k)::text, 12, '0'))::uuid, case k when 0 then 700000 else 300000 end, '{}', 'confirmed', now(), now()
    from generate_series(0, ${CHAINS - 1}::int) as c, generate_series(0, 1) as k
`.execute(db);
await sql`analyze`.execute(db);
const seedMs = performance.now() - seedStarted;
console.error(`seeded in ${(seedMs / 1000).toFixed(1)} s`);

const orgId = (n: number) => `0190b000-0000-7000-8000-${String(n).padStart(12, '0')}`;

async function measure(label: string, runs: number, work: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await work(i); // warm-up: plans and caches
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { label, p50: p(0.5), p95: p(0.95), max: times[times.length - 1] };
}

// Check the chain is what we think before timing it.
const sample = await beneficialOwners(db, staff, orgId(1));
const top = sample.owners.map((o) => `${o.name} ${o.effectiveSharePercent} %`).join(', ');
if (sample.owners.length !== 2 || sample.graph.edges.length !== DEPTH + 1) throw new Error(`unexpected chain: ${JSON.stringify(sample.owners)}`);

console.error('measuring…');
// Check the typo tier answers sensibly before timing it.
const typo = await listOrganizations(db, staff, { q: 'alpine optcs' }, 5, 0);
if (!typo.items.every((o) => /Alpine Optics/.test(o.name))) throw new Error(`typo search found ${typo.items.map((o) => o.name).join(', ')}`);

const baseline = await measure('baseline: one organization by id', 200, (i) => getOrganization(db, staff, orgId(1 + ((i * 7919) % total))));
const ubo = await measure(`beneficial owners through a ${DEPTH}-level chain`, 200, (i) => beneficialOwners(db, staff, orgId((i % CHAINS) * DEPTH + 1)));
const queries = ['kharkiv drone', 'Харків Дрон', 'baltic radar', 'Балтік', 'robotics labs', 'carpathian', 'dnipro munitions 4', 'atlantik', 'ballistics', 'GB-COH-00054321', 'electronics group 77', 'alpine optcs', 'Дунай Оптика', 'nordic aero', 'lviv motors works'];
const perQuery = new Map<string, number[]>();
const search = await measure('name search, first page of 20', 300, async (i) => {
  const q = queries[i % queries.length];
  const started = performance.now();
  await listOrganizations(db, staff, { q }, 20, 0);
  perQuery.set(q, [...(perQuery.get(q) ?? []), performance.now() - started]);
});

console.log(`organizations: ${total}, ownership links: ${(await sql<{ n: number }>`select count(*)::int as n from ownership_links`.execute(db)).rows[0].n}, seeded in ${(seedMs / 1000).toFixed(1)} s`);
console.log(`chain sample: ${top}`);
for (const [result, goal] of [
  [baseline, null],
  [ubo, 20],
  [search, 50],
] as const) {
  const vsGoal = goal ? ` — goal p95 ≤ ${goal} ms, p95/goal ${(result.p95 / goal).toFixed(2)}` : '';
  console.log(`${result.label}: p50 ${result.p50.toFixed(2)} ms, p95 ${result.p95.toFixed(2)} ms, max ${result.max.toFixed(2)} ms, p50/baseline ${(result.p50 / baseline.p50).toFixed(1)}${vsGoal}`);
}
const slowest = [...perQuery].map(([q, times]) => [q, times.sort((a, b) => a - b)[Math.floor(times.length / 2)]] as const).sort((a, b) => b[1] - a[1]);
console.log(`search median by query: ${slowest.map(([q, ms]) => `"${q}" ${ms.toFixed(1)} ms`).join(', ')}`);
await database.close();
