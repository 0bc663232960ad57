import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type TestApp, createTestApp, makeOrganization, signedInCaller } from '../../../test/support/app.ts';
import { SYSTEM_ACTOR } from '../audit/service.ts';
import { ZCreateOrganizationBody } from './schema.ts';
import { beneficialOwners, getOrganization, importOrganizations, importOwnership } from './service.ts';

let t: TestApp;
let officer: Caller;
beforeAll(async () => {
  t = await createTestApp();
  officer = await signedInCaller(t, ['officer']);
});
afterAll(async () => t?.close());

function organizationBody(name: string, extra: Record<string, unknown> = {}) {
  return { name, nameUk: `${name} (uk)`, country: 'UA', kind: 'manufacturer', ...extra };
}

async function post(caller: Caller, url: string, payload: unknown) {
  return t.app.inject({ method: 'POST', url, headers: caller.headers, payload: payload as object });
}

async function get(caller: Caller, url: string) {
  return t.app.inject({ method: 'GET', url, headers: { cookie: caller.cookie } });
}

async function auditActions(targetId: string): Promise<string[]> {
  const rows = await t.database.db.selectFrom('audit_events').select('action').where('target_id', '=', targetId).orderBy('seq').execute();
  return rows.map((row) => row.action);
}

/** A minimal, valid one-page PDF. */
const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 3 3]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe('organizations', () => {
  it('registers an organization with validated identifiers and refuses a duplicate with a 409 naming the holder', async () => {
    const created = await post(officer, '/api/v1/organizations', organizationBody('Antonov Test Works', { identifiers: ['UA-EDR-14307529', 'xi-lei-5493001KJTIIGC8Y1R12'], capabilities: ['uav', 'uav.strike'] }));
    expect(created.statusCode, created.body).toBe(201);
    const org = created.json();
    expect(org.identifiers.map((i: { identifier: string; status: string }) => [i.identifier, i.status])).toEqual([
      ['UA-EDR-14307529', 'confirmed'],
      ['XI-LEI-5493001KJTIIGC8Y1R12', 'confirmed'],
    ]);
    expect(await auditActions(org.id)).toContain('organization.created');

    const duplicate = await post(officer, '/api/v1/organizations', organizationBody('Someone Else', { identifiers: ['UA-EDR-14307529'] }));
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: 'already_exists', existing: { organizationId: org.id, organizationName: 'Antonov Test Works' } });
    expect(duplicate.json().detail).toContain('Antonov Test Works');
  });

  it('imports organizations in bulk and returns the new ids by row, skipping refused rows', async () => {
    const rows = [
      { row: 2, input: ZCreateOrganizationBody.parse(organizationBody('Import One', { identifiers: ['UA-EDR-00032129'] })) },
      { row: 3, input: ZCreateOrganizationBody.parse(organizationBody('Import Two', { identifiers: ['UA-EDR-00032129'] })) },
      { row: 4, input: ZCreateOrganizationBody.parse(organizationBody('Import Three', { capabilities: ['uav'] })) },
    ];
    const result = await importOrganizations(t.database.db, SYSTEM_ACTOR, rows);
    expect(result.created).toBe(2);
    expect(result.errors.map((e) => e.row)).toEqual([3]);
    expect(result.ids.map((i) => i.row)).toEqual([2, 4]);
    const staff = { kind: 'session' as const, user: { id: officer.userId, email: officer.email, roles: ['officer' as const], organizationId: null }, session: null, tokenPrefix: null };
    expect((await getOrganization(t.database.db, staff, result.ids[1]!.id)).name).toBe('Import Three');
    expect(await auditActions(result.ids[0]!.id)).toEqual(['organization.imported']);
  });

  it('imports people, officers and ownership links at once: confirmed, audited, checked like single changes, all or nothing', async () => {
    const staff = { kind: 'session' as const, user: { id: officer.userId, email: officer.email, roles: ['officer' as const], organizationId: null }, session: null, tokenPrefix: null };
    const actor = { actorId: officer.userId, actorLabel: officer.email, requestId: null };
    const orgs = await importOrganizations(t.database.db, actor, ['Chain Works', 'Chain Holding', 'Chain Top'].map((name, i) => ({ row: i + 1, input: ZCreateOrganizationBody.parse(organizationBody(name)) })));
    const [company, holding, top] = orgs.ids.map((i) => i.id) as [string, string, string];
    const person = (name: string) => ({ names: [{ fullName: name, script: 'Latn' as const }], nationalities: ['UA'], identifiers: [] });
    const result = await importOwnership(t.database.db, actor, {
      people: [
        { key: 'a', person: person('Anna Chain'), enteredForOrganizationId: top },
        { key: 'b', person: person('Borys Chain'), enteredForOrganizationId: top },
        { key: 'd', person: person('Dmytro Chain'), enteredForOrganizationId: company },
      ],
      officers: [{ organizationId: company, personKey: 'd', role: 'director' }],
      links: [
        { ownedOrganizationId: top, owner: { kind: 'person', key: 'a' }, sharePercent: 60, controlKinds: [] },
        { ownedOrganizationId: top, owner: { kind: 'person', key: 'b' }, sharePercent: 40, controlKinds: [] },
        { ownedOrganizationId: holding, owner: { kind: 'organization', id: top }, sharePercent: 100, controlKinds: [] },
        { ownedOrganizationId: company, owner: { kind: 'organization', id: holding }, sharePercent: 80, controlKinds: [] },
        { ownedOrganizationId: company, owner: { kind: 'person', key: 'd' }, sharePercent: 20, controlKinds: ['appoint_board'] },
      ],
    });
    expect(result).toMatchObject({ officers: 1, links: 5 });
    const owners = await beneficialOwners(t.database.db, staff, company);
    const anna = owners.owners.find((o) => o.personId === result.people.get('a'))!;
    expect(anna).toMatchObject({ effectiveSharePercent: '48', isBeneficialOwner: true });
    expect(anna.paths[0]!.organizationIds).toHaveLength(3);
    expect(owners.owners.find((o) => o.personId === result.people.get('d'))).toMatchObject({ isBeneficialOwner: true, reasons: ['control'] });
    expect(await auditActions(company)).toEqual(['organization.imported', 'organization.officer_added', 'organization.owner_added', 'organization.owner_added']);
    const jobs = await t.database.db.selectFrom('background_jobs').select('job_key').where('job_key', 'in', [company, holding, top]).where('status', '=', 'queued').execute();
    expect(new Set(jobs.map((j) => j.job_key))).toEqual(new Set([company, holding, top]));

    const peopleBefore = (await t.database.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const refused = async (input: Parameters<typeof importOwnership>[2], message: RegExp) => {
      await expect(importOwnership(t.database.db, actor, input)).rejects.toMatchObject({ code: 'validation_failed', message: expect.stringMatching(message) });
    };
    const extra = { key: 'x', person: person('Extra Person'), enteredForOrganizationId: company };
    await refused({ people: [extra], officers: [], links: [{ ownedOrganizationId: company, owner: { kind: 'person', key: 'x' }, sharePercent: 10, controlKinds: [] }] }, /add up to 110 %/);
    await refused({ people: [], officers: [], links: [{ ownedOrganizationId: top, owner: { kind: 'organization', id: top }, sharePercent: null, controlKinds: ['veto'] }] }, /cannot own itself/);
    await refused({ people: [], officers: [{ organizationId: company, personKey: 'nobody', role: 'director' }], links: [] }, /no person nobody/);
    await refused({ people: [extra], officers: [{ organizationId: '01900000-0000-7000-8000-000000000000', personKey: 'x', role: 'director' }], links: [] }, /no such organizations/);
    expect((await t.database.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toEqual(peopleBefore);
  });

  it('refuses identifiers with a wrong check digit, unknown capabilities and bad countries with field errors', async () => {
    const badEdrpou = await post(officer, '/api/v1/organizations', organizationBody('Bad Code', { identifiers: ['UA-EDR-14307528'] }));
    expect(badEdrpou.statusCode).toBe(400);
    expect(badEdrpou.json().detail).toMatch(/check digit/i);
    const badLei = await post(officer, '/api/v1/organizations', organizationBody('Bad Lei', { identifiers: ['XI-LEI-5493001KJTIIGC8Y1R13'] }));
    expect(badLei.statusCode).toBe(400);
    const badCapability = await post(officer, '/api/v1/organizations', organizationBody('Bad Capability', { capabilities: ['teleporters'] }));
    expect(badCapability.statusCode).toBe(400);
    expect(badCapability.json().errors[0].field).toBe('body.capabilities');
    const badCountry = await post(officer, '/api/v1/organizations', organizationBody('Bad Country', { country: 'Ukraine' }));
    expect(badCountry.statusCode).toBe(400);
    const count = await t.database.db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n')).where('name', 'like', 'Bad %').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('finds organizations by name in any script, with typos, by identifier, country and capability, a page at a time', async () => {
    await post(officer, '/api/v1/organizations', organizationBody('Kharkiv Armour Plant', { nameUk: 'Харківський бронетанковий завод', capabilities: ['armored_vehicles'], identifiers: ['UA-EDR-00000017'] }));
    await post(officer, '/api/v1/organizations', organizationBody('Rheinmetall Test GmbH', { country: 'DE', nameUk: 'Райнметал Тест', capabilities: ['ammunition'] }));
    await post(officer, '/api/v1/organizations', organizationBody('Baykar Test', { country: 'TR', capabilities: ['uav'] }));
    const search = async (query: string) => (await get(officer, `/api/v1/organizations?${query}`)).json();

    expect((await search(`q=${encodeURIComponent('бронетанковий')}`)).items[0].name).toBe('Kharkiv Armour Plant');
    expect((await search('q=Rheinmetal')).items[0].name).toBe('Rheinmetall Test GmbH');
    expect((await search('q=reinmetall')).items[0]?.name).toBe('Rheinmetall Test GmbH'); // typo: trigram similarity
    await post(officer, '/api/v1/organizations', organizationBody('Alpine Optics Works', { country: 'AT' }));
    await post(officer, '/api/v1/organizations', organizationBody('Alpine Radar Works', { country: 'AT' }));
    // One word found as written narrows the rows, the misspelt one orders them.
    expect((await search('q=alpine%20optcs')).items[0]?.name).toBe('Alpine Optics Works');
    expect((await search('q=alpine%20radr')).items[0]?.name).toBe('Alpine Radar Works');
    expect((await search('q=UA-EDR-00000017')).items.map((o: { name: string }) => o.name)).toEqual(['Kharkiv Armour Plant']);
    expect((await search('q=00000017')).items.map((o: { name: string }) => o.name)).toEqual(['Kharkiv Armour Plant']);
    expect((await search('country=de')).items.map((o: { name: string }) => o.name)).toEqual(['Rheinmetall Test GmbH']);
    expect((await search('capability=uav')).items.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(['Baykar Test', 'Antonov Test Works']));
    const page = await search('q=test&limit=1');
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect((await get(officer, '/api/v1/organizations?country=Germany')).statusCode).toBe(400);
  });

  it('edits a profile with optimistic concurrency: a stale version is a 409', async () => {
    const org = (await post(officer, '/api/v1/organizations', organizationBody('Versioned Ltd'))).json();
    const first = await t.app.inject({ method: 'PATCH', url: `/api/v1/organizations/${org.id}`, headers: officer.headers, payload: { version: 1, website: 'https://versioned.example', sizeBand: 'small' } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, website: 'https://versioned.example', sizeBand: 'small', name: 'Versioned Ltd' });
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/v1/organizations/${org.id}`, headers: officer.headers, payload: { version: 1, shortName: 'VL' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(2);
  });

  it('refuses roles that may not register or edit, and anonymous callers', async () => {
    const analyst = await signedInCaller(t, ['analyst']);
    expect((await post(analyst, '/api/v1/organizations', organizationBody('Nope'))).statusCode).toBe(403);
    const visitor = await signedInCaller(t, ['public']);
    expect((await get(visitor, '/api/v1/organizations')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/organizations' })).statusCode).toBe(401);
    const evaluator = await signedInCaller(t, ['evaluator']);
    const org = await makeOrganization(t, 'Evaluator Cannot See Owners');
    expect((await get(evaluator, `/api/v1/organizations/${org.id}`)).statusCode).toBe(200);
    expect((await get(evaluator, `/api/v1/organizations/${org.id}/beneficial-owners`)).statusCode).toBe(403);
  });
});

describe('a company registering itself and its owners', () => {
  it('links the registering user, keeps their identifiers, officers and owners pending until an officer confirms, and computes beneficial owners', async () => {
    const rep = await signedInCaller(t, ['company'], { organizationId: undefined });
    // signedInCaller links company users to a new organization; a self-registering user has none.
    await t.database.db.updateTable('users').set({ organization_id: null }).where('id', '=', rep.userId).execute();

    const registered = await post(rep, '/api/v1/organizations', organizationBody('Self Registered Defence', { identifiers: ['UA-EDR-32855961'] }));
    expect(registered.statusCode, registered.body).toBe(201);
    const org = registered.json();
    expect(org.identifiers[0].status).toBe('pending');
    const user = await t.database.db.selectFrom('users').select('organization_id').where('id', '=', rep.userId).executeTakeFirstOrThrow();
    expect(user.organization_id).toBe(org.id);
    expect((await post(rep, '/api/v1/organizations', organizationBody('Second One'))).statusCode).toBe(409);

    // Two people own the holding company, which owns 80 % of the company; a third holds 20 % directly.
    const holding = await post(rep, `/api/v1/organizations/${org.id}/owners`, {
      owner: { kind: 'new_organization', organization: organizationBody('Self Holding BV', { country: 'NL' }) },
      sharePercent: 80,
    });
    expect(holding.statusCode, holding.body).toBe(201);
    const holdingLink = holding.json().owners[0];
    expect(holdingLink).toMatchObject({ status: 'pending', sharePercent: 80, owner: { kind: 'organization', name: 'Self Holding BV' } });
    const holdingId = holdingLink.owner.id;
    // The company may see and declare the owners of its holding company…
    expect((await get(rep, `/api/v1/organizations/${holdingId}`)).statusCode).toBe(200);
    const first = await post(rep, `/api/v1/organizations/${holdingId}/owners`, {
      owner: { kind: 'new_person', person: { names: [{ fullName: 'Олена Коваленко', script: 'Cyrl' }, { fullName: 'Olena Kovalenko', script: 'Latn' }], nationalities: ['UA'], birthDate: '1980-02-29' } },
      sharePercent: 60,
    });
    expect(first.statusCode, first.body).toBe(201);
    const second = await post(rep, `/api/v1/organizations/${holdingId}/owners`, { owner: { kind: 'new_person', person: { names: [{ fullName: 'Jan de Vries', script: 'Latn' }], nationalities: ['NL'] } }, sharePercent: 40 });
    expect(second.statusCode).toBe(201);
    const third = await post(rep, `/api/v1/organizations/${org.id}/owners`, { owner: { kind: 'new_person', person: { names: [{ fullName: 'Petro Minor', script: 'Latn' }] } }, sharePercent: 20 });
    expect(third.statusCode).toBe(201);
    // …but shares above 100 % are refused.
    const tooMuch = await post(rep, `/api/v1/organizations/${org.id}/owners`, { owner: { kind: 'organization', id: holdingId }, sharePercent: 0.0001 });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().detail).toContain('100.0001');
    // An officer for the company, proposed by its user.
    const director = first.json().owners[0].owner.id;
    const officerProposal = await post(rep, `/api/v1/organizations/${org.id}/officers`, { personId: director, role: 'director', fromDate: '2024-01-01' });
    expect(officerProposal.statusCode, officerProposal.body).toBe(201);

    // Nothing pending counts for beneficial owners yet, unless a provisional picture is asked for.
    const before = (await get(officer, `/api/v1/organizations/${org.id}/beneficial-owners`)).json();
    expect(before.owners).toEqual([]);
    const provisional = (await get(rep, `/api/v1/organizations/${org.id}/beneficial-owners?includePending=true`)).json();
    expect(provisional).toMatchObject({ includesPending: true });
    expect(provisional.owners.map((o: { effectiveSharePercent: string }) => o.effectiveSharePercent)).toEqual(['48', '32', '20']);

    // The officer's queue lists every proposal of this company; confirming them all.
    const queue = (await get(officer, `/api/v1/registry/reviews?organizationId=${org.id}`)).json();
    expect(queue.items.map((i: { kind: string }) => i.kind).sort()).toEqual(['identifier', 'officer', 'owner', 'owner']);
    const holdingQueue = (await get(officer, `/api/v1/registry/reviews?organizationId=${holdingId}`)).json();
    expect(holdingQueue.total).toBe(2);
    for (const item of [...queue.items, ...holdingQueue.items]) {
      const decided = await post(officer, `/api/v1/registry/reviews/${item.kind}/${item.id}`, { decision: 'confirm', note: 'checked against the registry extract' });
      expect(decided.statusCode, decided.body).toBe(200);
    }
    expect((await post(officer, `/api/v1/registry/reviews/owner/${holdingLink.id}`, { decision: 'confirm' })).statusCode).toBe(409);

    const ubo = await get(officer, `/api/v1/organizations/${org.id}/beneficial-owners`);
    expect(ubo.statusCode, ubo.body).toBe(200);
    const owners = ubo.json().owners.map((o: { name: string; effectiveSharePercent: string; isBeneficialOwner: boolean }) => [o.name, o.effectiveSharePercent, o.isBeneficialOwner]);
    // 60 % × 80 % = 48 %; 40 % × 80 % = 32 %; 20 % direct.
    expect(owners).toEqual([
      ['Olena Kovalenko', '48', true],
      ['Jan de Vries', '32', true],
      ['Petro Minor', '20', false],
    ]);
    expect(ubo.json().owners[0].paths).toEqual([{ organizationIds: [holdingId, org.id], sharePercent: '48' }]);
    expect(ubo.json().graph.nodes).toHaveLength(5);
    expect(ubo.json().graph.edges).toHaveLength(4);
    // The company may read its own beneficial owners.
    expect((await get(rep, `/api/v1/organizations/${org.id}/beneficial-owners`)).statusCode).toBe(200);

    // BODS 0.4: entities and people before the relationships that name them.
    const bods = await get(officer, `/api/v1/organizations/${org.id}/ownership.bods.json`);
    expect(bods.statusCode, bods.body).toBe(200);
    const statements = bods.json() as Array<{ recordType: string; recordId: string; recordDetails: { subject?: string; interestedParty?: string } }>;
    expect(statements.filter((s) => s.recordType === 'relationship')).toHaveLength(4);
    const seen = new Set<string>();
    for (const statement of statements) {
      if (statement.recordType === 'relationship') {
        expect(seen.has(String(statement.recordDetails.subject))).toBe(true);
        expect(seen.has(String(statement.recordDetails.interestedParty))).toBe(true);
      }
      seen.add(statement.recordId);
    }

    // Removing a confirmed owner: the company asks, the officer decides.
    const removal = await t.app.inject({ method: 'DELETE', url: `/api/v1/organizations/${org.id}/owners/${third.json().owners.at(-1).id}`, headers: rep.headers });
    expect(removal.json()).toEqual({ status: 'removal_pending' });
    const people = (await get(rep, `/api/v1/organizations/${org.id}/people`)).json();
    expect(people.officers[0]).toMatchObject({ personName: 'Olena Kovalenko', role: 'director', status: 'confirmed' });
  });

  it('shows a company user only its own organization and the ones above it (404 for others), and refuses its staff-only actions', async () => {
    const mine = await makeOrganization(t, 'Mine LLC');
    const theirs = await makeOrganization(t, 'Theirs LLC');
    const rep = await signedInCaller(t, ['company'], { organizationId: mine.id });
    const list = (await get(rep, '/api/v1/organizations')).json();
    expect(list).toMatchObject({ total: 1, items: [{ id: mine.id }] });
    for (const url of [`/api/v1/organizations/${theirs.id}`, `/api/v1/organizations/${theirs.id}/people`, `/api/v1/organizations/${theirs.id}/documents`, `/api/v1/organizations/${theirs.id}/beneficial-owners`]) {
      const answer = await get(rep, url);
      expect(answer.statusCode, url).toBe(404);
      expect(answer.body).not.toContain('Theirs LLC');
    }
    expect((await post(rep, `/api/v1/organizations/${theirs.id}/identifiers`, { identifier: 'GB-COH-12345678' })).statusCode).toBe(404);
    // The directory (for picking a local partner) names every organization, and nothing more.
    const directory = (await get(rep, '/api/v1/organizations/directory?q=theirs')).json();
    expect(directory.items).toEqual([{ id: theirs.id, name: 'Theirs LLC', nameUk: 'Theirs LLC', country: 'UA' }]);
    // Naming another company's organization as an owner does not reveal or change it.
    expect((await get(rep, '/api/v1/registry/reviews')).statusCode).toBe(403);
    const person = (await post(officer, '/api/v1/people', { names: [{ fullName: 'Hidden Person', script: 'Latn' }], organizationId: theirs.id })).json();
    expect((await get(rep, `/api/v1/people/${person.id}`)).statusCode).toBe(404);
    expect((await get(rep, '/api/v1/people?q=hidden')).json().total).toBe(0);
  });

  it('refuses self-ownership and reports a cycle of cross-holdings instead of looping', async () => {
    const a = await makeOrganization(t, 'Cycle A');
    const b = await makeOrganization(t, 'Cycle B');
    expect((await post(officer, `/api/v1/organizations/${a.id}/owners`, { owner: { kind: 'organization', id: a.id }, sharePercent: 10 })).statusCode).toBe(400);
    expect((await post(officer, `/api/v1/organizations/${a.id}/owners`, { owner: { kind: 'organization', id: b.id }, sharePercent: 50 })).statusCode).toBe(201);
    expect((await post(officer, `/api/v1/organizations/${b.id}/owners`, { owner: { kind: 'organization', id: a.id }, sharePercent: 50 })).statusCode).toBe(201);
    const person = (await post(officer, '/api/v1/people', { names: [{ fullName: 'Cycle Owner', script: 'Latn' }] })).json();
    expect((await post(officer, `/api/v1/organizations/${b.id}/owners`, { owner: { kind: 'person', id: person.id }, sharePercent: 50, controlKinds: ['appoint_board'] })).statusCode).toBe(201);
    const ubo = (await get(officer, `/api/v1/organizations/${a.id}/beneficial-owners`)).json();
    expect(ubo.cycles).toHaveLength(1);
    expect(ubo.cycles[0].map((o: { name: string }) => o.name).sort()).toEqual(['Cycle A', 'Cycle B']);
    expect(ubo.owners[0]).toMatchObject({ name: 'Cycle Owner', effectiveSharePercent: '25', isBeneficialOwner: true });
  });
});

describe('documents', () => {
  it('stores an upload by its SHA-256 after checking its bytes, serves it with a safe name, and audits both', async () => {
    const org = await makeOrganization(t, 'Docs Ltd');
    const rep = await signedInCaller(t, ['company'], { organizationId: org.id });
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/v1/organizations/${org.id}/documents?type=statutes&fileName=${encodeURIComponent('Статут "2024".pdf')}`,
      headers: { ...rep.headers, 'content-type': 'application/octet-stream' },
      payload: PDF_BYTES,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const document = upload.json();
    expect(document).toMatchObject({ contentType: 'application/pdf', sizeBytes: PDF_BYTES.length, documentType: 'statutes' });
    expect(fs.existsSync(path.join(t.deps.config.dataDir, 'documents', document.sha256.slice(0, 2), document.sha256))).toBe(true);

    const download = await t.app.inject({ method: 'GET', url: `/api/v1/documents/${document.id}/content`, headers: { cookie: rep.cookie } });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF_BYTES)).toBe(true);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="______ _2024_.pdf"; filename*=UTF-8''${encodeURIComponent('Статут "2024".pdf')}`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(await auditActions(document.id)).toEqual(['document.uploaded', 'document.downloaded']);

    // A text file named .pdf is refused: the bytes decide.
    const disguised = await t.app.inject({ method: 'POST', url: `/api/v1/organizations/${org.id}/documents?type=statutes&fileName=x.pdf`, headers: { ...rep.headers, 'content-type': 'application/pdf' }, payload: 'just text' });
    expect(disguised.statusCode).toBe(415);
    const listed = (await get(rep, `/api/v1/organizations/${org.id}/documents`)).json();
    expect(listed.total).toBe(1);
    // Another company cannot download it.
    const other = await signedInCaller(t, ['company']);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/documents/${document.id}/content`, headers: { cookie: other.cookie } })).statusCode).toBe(404);
  });

  it('refuses a document above the configured size with 413 and writes nothing', async () => {
    const small = await createTestApp({ ADI_DOCUMENT_MAX_BYTES: '2048' });
    try {
      const staff = await signedInCaller(small, ['officer']);
      const org = await makeOrganization(small, 'Big Files');
      const big = Buffer.concat([PDF_BYTES, Buffer.alloc(4096, 32)]);
      const answer = await small.app.inject({ method: 'POST', url: `/api/v1/organizations/${org.id}/documents?type=other&fileName=big.pdf`, headers: { ...staff.headers, 'content-type': 'application/pdf' }, payload: big });
      expect(answer.statusCode).toBe(413);
      expect(answer.headers['content-type']).toMatch(/problem\+json/);
      const count = await small.database.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(0);
    } finally {
      await small.close();
    }
  });
});

describe('ownership invariants (property)', () => {
  it('never lets the shares in force in one organization add up to more than 100 %, whatever the order of additions', async () => {
    const { default: fc } = await import('fast-check');
    const { addOwner } = await import('./service.ts');
    const { SYSTEM_ACTOR } = await import('../audit/service.ts');
    const staffAuth = { kind: 'session' as const, user: { id: officer.userId, email: officer.email, roles: ['officer' as const], organizationId: null }, session: null, tokenPrefix: null };
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 8 }), async (sharesPpm) => {
        round += 1;
        const owned = await makeOrganization(t, `Property Owned ${round}`);
        let accepted = 0;
        for (const [index, ppm] of sharesPpm.entries()) {
          const owner = await makeOrganization(t, `Property Owner ${round}-${index}`);
          try {
            await addOwner(t.database.db, staffAuth, SYSTEM_ACTOR, owned.id, { owner: { kind: 'organization', id: owner.id }, sharePercent: ppm / 10_000, controlKinds: [] });
            accepted += ppm;
            expect(accepted).toBeLessThanOrEqual(1_000_000);
          } catch (error) {
            expect((error as { code?: string }).code).toBe('validation_failed');
            expect(accepted + ppm).toBeGreaterThan(1_000_000);
          }
        }
        const stored = await t.database.db.selectFrom('ownership_links').select((eb) => eb.fn.sum<number>('share_ppm').as('total')).where('owned_organization_id', '=', owned.id).executeTakeFirstOrThrow();
        expect(Number(stored.total)).toBe(accepted);
      }),
      { numRuns: 15 },
    );
  });
});
