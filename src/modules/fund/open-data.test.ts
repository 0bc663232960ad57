import fs from 'node:fs';
import path from 'node:path';
import type { AnySchema, ErrorObject, ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';
import { type Caller, type TestApp, createTestApp } from '../../../test/support/app.ts';
import { type AwardDetail, type MemberCompany, type ProgramStaff, apiClient, awardedCall, fundTheFund, memberCompany, payMilestone, programStaff, simpleCallBody } from '../../../test/support/fund-programs.ts';
import { majorUnits, majorUnitsText } from './open-data.ts';

// The open data checked against the official schemas (../shared/data/schemas, read in place, never
// copied into the repository) and for what it must and must not say.

const SCHEMAS = path.resolve(process.cwd(), '../shared/data/schemas');
const readSchema = (file: string) => JSON.parse(fs.readFileSync(path.join(SCHEMAS, file), 'utf8')) as Record<string, unknown> & { id?: string; $id?: string };

const OCDS_RECORD_SCHEMA_ID = 'https://standard.open-contracting.org/schema/1__2__0/record-schema.json';
const OCDS_RELEASE_SCHEMA_ID = 'https://standard.open-contracting.org/schema/1__1__5/release-schema.json';

/**
 * The shared record package schema refers to a record schema (by its published URL) that the shared
 * folder does not hold. When the file is there it is used; until then this stand-in states OCDS's
 * rules for a record: an ocid, releases that are all links (url and date) or all full releases, and a
 * compiled release that is a release. The releases and compiled releases are still checked against
 * the official release schema.
 */
function ocdsRecordSchema(): AnySchema {
  const file = path.join(SCHEMAS, 'ocds-1.1.5/record-schema.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
  return {
    id: OCDS_RECORD_SCHEMA_ID,
    type: 'object',
    required: ['ocid', 'releases'],
    properties: {
      ocid: { type: 'string', minLength: 1 },
      releases: {
        type: 'array',
        minItems: 1,
        oneOf: [
          { items: { type: 'object', required: ['url', 'date'], properties: { url: { type: 'string', format: 'uri' }, date: { type: 'string', format: 'date-time' }, tag: { type: 'array', minItems: 1, items: { type: 'string' } } } } },
          { items: { $ref: OCDS_RELEASE_SCHEMA_ID } },
        ],
      },
      compiledRelease: { $ref: OCDS_RELEASE_SCHEMA_ID },
    },
  };
}

function validators() {
  // The schemas carry their own keywords (codelist, deprecated, omitWhenMerged…): not strict.
  const ocds = new AjvDraft04({ strict: false, allErrors: true });
  addFormats(ocds);
  ocds.addSchema(readSchema('ocds-1.1.5/release-schema.json'));
  ocds.addSchema(ocdsRecordSchema());
  const giving = new Ajv2020({ strict: false, allErrors: true });
  addFormats(giving);
  // 360Giving names the 2020-12 meta-schema by its http:// address; Ajv knows it by the https:// one.
  const as2020 = (schema: ReturnType<typeof readSchema>) => ({ ...schema, $schema: 'https://json-schema.org/draft/2020-12/schema' });
  const grant = as2020(readSchema('360giving-1.4.3/360-giving-schema.json'));
  giving.addSchema(grant);
  // The 1.4.3 package schema still points its grants at the 1.4.2 grant schema's URL: the 1.4.3 grant
  // schema answers for it too, so grants are held to the version this data claims.
  giving.addSchema({ ...grant, $id: String(grant.$id).replace('/1.4.3/', '/1.4.2/') });
  return {
    releasePackage: ocds.compile(readSchema('ocds-1.1.5/release-package-schema.json')),
    recordPackage: ocds.compile(readSchema('ocds-1.1.5/record-package-schema.json')),
    grantPackage: giving.compile(as2020(readSchema('360giving-1.4.3/360-giving-package-schema.json'))),
    grant: giving.getSchema(String(grant.$id))!,
  };
}

function errorsOf(validate: ValidateFunction): string {
  return JSON.stringify((validate.errors ?? []).map((e: ErrorObject) => ({ at: e.instancePath, schema: e.schemaPath, message: e.message, params: e.params })), null, 2);
}

function expectValid(validate: ValidateFunction, document: unknown) {
  const ok = validate(document);
  expect(ok, errorsOf(validate)).toBe(true);
}

let t: TestApp;
let staff: ProgramStaff;
let a: MemberCompany;
let b: MemberCompany;
let awardA: AwardDetail;
let awardB: AwardDetail;
let call: { id: string; code: string; titleEn: string };
let draftCallId: string;
let otherCallId: string;
let withdrawnCallId: string;
let schemas: ReturnType<typeof validators>;

beforeAll(async () => {
  schemas = validators();
  t = await createTestApp();
  staff = await programStaff(t);
  await fundTheFund(t, 'UAH', 5_000_000_00, 'open-data-budget');
  // A has two confirmed identifiers; B's only identifier is still awaiting review, so it has none.
  a = await memberCompany(t, 'Kharkiv Shells LLC', ['UA-EDR-14360570', 'XI-LEI-5493001KJTIIGC8Y1R12']);
  b = await memberCompany(t, 'Dnipro Munitions JSC', ['UA-EDR-00032129']);
  await t.database.db.updateTable('organization_identifiers').set({ status: 'pending' }).where('organization_id', '=', b.organizationId).execute();

  const result = await awardedCall(t, staff, 'shells-2027', 1_000_000_01, [
    { company: a, requestedMinor: 600_000_00, title: 'Shell line expansion' },
    { company: b, requestedMinor: 400_000_01, title: 'Fuze assembly' },
  ]);
  call = result.call;
  awardA = result.awards.get(a.organizationId)!;
  awardB = result.awards.get(b.organizationId)!;

  // A's first milestone is paid, then part of it is clawed back; B's first milestone fails.
  const api = apiClient(t, 'open-data');
  await payMilestone(t, staff, a, awardA, 1);
  await api(staff.officer, 'POST', `/api/v1/fund/awards/${awardA.id}/clawbacks`, { amountMinor: 50_000_00, reason: 'Secret clawback reason.', milestoneId: awardA.milestones[0]!.id });
  await api(staff.officer, 'POST', `/api/v1/fund/awards/${awardB.id}/milestones/${awardB.milestones[0]!.id}/verification`, { version: 1, decision: 'failed', note: 'Secret failure note.' });

  // Neither a draft nor a call cancelled before publication is ever published; a published one is.
  draftCallId = (await api(staff.officer, 'POST', '/api/v1/fund/calls', { ...simpleCallBody('secret-draft', 10_000_00), titleEn: 'Secret draft call' }, 201)).id;
  const cancelledDraft = await api(staff.officer, 'POST', '/api/v1/fund/calls', simpleCallBody('cancelled-draft', 10_000_00), 201);
  await api(staff.officer, 'POST', `/api/v1/fund/calls/${cancelledDraft.id}/transitions`, { action: 'cancel', version: cancelledDraft.version, reason: 'Not needed.' });
  const other = await api(staff.officer, 'POST', '/api/v1/fund/calls', simpleCallBody('drones-2027', 20_000_00), 201);
  otherCallId = (await api(staff.officer, 'POST', `/api/v1/fund/calls/${other.id}/transitions`, { action: 'publish', version: other.version })).id;
  // A call cancelled after publication stays published, as cancelled.
  const withdrawn = await api(staff.officer, 'POST', '/api/v1/fund/calls', simpleCallBody('withdrawn-2027', 30_000_00), 201);
  const published = await api(staff.officer, 'POST', `/api/v1/fund/calls/${withdrawn.id}/transitions`, { action: 'publish', version: withdrawn.version });
  withdrawnCallId = (await api(staff.officer, 'POST', `/api/v1/fund/calls/${withdrawn.id}/transitions`, { action: 'cancel', version: published.version, reason: 'Secret cancellation reason.' })).id;
}, 120_000);
afterAll(async () => t?.close());

async function fetchPublic(url: string) {
  const response = await t.app.inject({ method: 'GET', url });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['cache-control']).toBe('public, max-age=60');
  expect(response.headers['access-control-allow-origin']).toBe('*');
  return response;
}

const ocid = (id: string) => `ocds-adi000-${id}`;
type Json = Record<string, any>;

describe('amounts', () => {
  it('turns minor units into exact major units', () => {
    expect(majorUnitsText(40_000_001n)).toBe('400000.01');
    expect(majorUnitsText(5n)).toBe('0.05');
    expect(majorUnitsText(-1_50n)).toBe('-1.50');
    expect(majorUnits(12_345n)).toBe(123.45);
    expect(majorUnits(900_719_925_474_099n)).toBe(9_007_199_254_740.99);
  });
});

describe('configuration', () => {
  it('names the fund and the prefixes from the environment, and refuses malformed ones', () => {
    expect(loadConfig({ ADI_FUND_NAME: 'Fund X', ADI_FUND_ORG_ID: 'DE-CR-RA000351-HRB758147', ADI_OCDS_PREFIX: 'ocds-abc123', ADI_360GIVING_PREFIX: '360G-fundx' }, {}).openData).toEqual({
      fundName: 'Fund X',
      fundScheme: 'DE-CR',
      fundId: 'RA000351-HRB758147',
      ocdsPrefix: 'ocds-abc123',
      grantPrefix: '360G-fundx',
    });
    for (const [name, bad] of [['ADI_FUND_ORG_ID', '12345678'], ['ADI_OCDS_PREFIX', 'ocds-ABC123'], ['ADI_OCDS_PREFIX', 'ocds-abc12'], ['ADI_360GIVING_PREFIX', 'adi'], ['ADI_FUND_NAME', 'Fund\nX']] as const) {
      expect(() => loadConfig({ [name]: bad }, {}), `${name}=${bad}`).toThrow(ConfigError);
    }
  });
});

describe('OCDS', () => {
  it('publishes a release package that validates against the OCDS 1.1 schema', async () => {
    const body: Json = (await fetchPublic('/open-data/ocds/releases.json')).json();
    expectValid(schemas.releasePackage, body);
    expect(body).toMatchObject({ version: '1.1', uri: 'http://localhost:80/open-data/ocds/releases.json', publisher: { name: 'ADI Special Defense Fund', scheme: 'UA-EDR', uid: '00000000' } });

    const releases: Json[] = body.releases;
    expect(new Set(releases.map((r) => r.ocid))).toEqual(new Set([ocid(call.id), ocid(otherCallId), ocid(withdrawnCallId)]));
    expect(new Set(releases.map((r) => r.id)).size).toBe(releases.length);
    const process = releases.filter((r) => r.ocid === ocid(call.id));
    // Dates unique and in order within the process; the stages are all there.
    expect(new Set(process.map((r) => r.date)).size).toBe(process.length);
    expect([...process.map((r) => r.date)].sort()).toEqual(process.map((r) => r.date));
    expect(process[0]).toMatchObject({ id: `${ocid(call.id)}-tender`, tag: ['tender'], initiationType: 'tender', tender: { status: 'active', title: call.titleEn, title_uk: `Конкурс ${call.code}` } });
    expect(process[0]!.tender.numberOfTenderers).toBeUndefined();
    expect(process[0]!.awards).toBeUndefined();
    const tags = process.flatMap((r) => r.tag);
    for (const tag of ['tender', 'tenderUpdate', 'award', 'contract', 'implementation']) expect(tags).toContain(tag);
    expect(process.find((r) => r.id === `${ocid(call.id)}-ranking`)!.tender.numberOfTenderers).toBe(2);

    // The latest release holds everything: tender, awards, contracts with milestones and transactions.
    const last = process.at(-1)!;
    expect(last.tender).toMatchObject({ status: 'complete', numberOfTenderers: 2, value: { amount: 1_000_000.01, currency: 'UAH' }, items: [{ id: 'ammunition', classification: { scheme: 'ADI-CAPABILITY', id: 'ammunition' } }] });
    const fund = last.parties.find((p: Json) => p.id === 'UA-EDR-00000000');
    expect(fund).toMatchObject({ name: 'ADI Special Defense Fund', identifier: { scheme: 'UA-EDR', id: '00000000' } });
    expect(fund.roles).toEqual(expect.arrayContaining(['buyer', 'procuringEntity', 'funder', 'payer', 'payee']));
    const partyA = last.parties.find((p: Json) => p.id === 'UA-EDR-14360570');
    expect(partyA).toMatchObject({ name: 'Kharkiv Shells LLC', identifier: { scheme: 'UA-EDR', id: '14360570', legalName: 'Kharkiv Shells LLC' }, additionalIdentifiers: [{ scheme: 'XI-LEI', id: '5493001KJTIIGC8Y1R12' }] });
    expect(partyA.roles).toEqual(expect.arrayContaining(['tenderer', 'supplier', 'payee', 'payer']));
    // B's identifier is not confirmed: it is not published, and B's party id is the fallback.
    const partyB = last.parties.find((p: Json) => p.name === 'Dnipro Munitions JSC');
    expect(partyB).toMatchObject({ id: `ADI-ORG-${b.organizationId}`, roles: ['tenderer', 'supplier'] });
    expect(partyB.identifier).toBeUndefined();

    const contractA = last.contracts.find((c: Json) => c.awardID === awardA.id);
    expect(contractA).toMatchObject({ id: awardA.agreementNumber, status: 'active', value: { amount: 600_000, currency: 'UAH' }, period: { endDate: '2027-09-30T23:59:59Z' } });
    expect(contractA.implementation.transactions).toEqual([
      { id: expect.stringMatching(/^payment-/), date: expect.any(String), value: { amount: 300_000, currency: 'UAH' }, payer: { id: 'UA-EDR-00000000', name: 'ADI Special Defense Fund' }, payee: { id: 'UA-EDR-14360570', name: 'Kharkiv Shells LLC' } },
      { id: expect.stringMatching(/^clawback-/), date: expect.any(String), value: { amount: 50_000, currency: 'UAH' }, payer: { id: 'UA-EDR-14360570', name: 'Kharkiv Shells LLC' }, payee: { id: 'UA-EDR-00000000', name: 'ADI Special Defense Fund' } },
    ]);
    expect(contractA.implementation.milestones.map((m: Json) => m.status)).toEqual(['partiallyMet', 'scheduled']);
    const contractB = last.contracts.find((c: Json) => c.awardID === awardB.id);
    expect(contractB.value.amount).toBe(400_000.01);
    expect(contractB.implementation.milestones.map((m: Json) => m.status)).toEqual(['notMet', 'scheduled']);
    expect(contractB.implementation.transactions).toEqual([]);
    expect(last.awards.find((w: Json) => w.id === awardB.id)).toMatchObject({ title: 'Fuze assembly', suppliers: [{ id: `ADI-ORG-${b.organizationId}` }] });

    // The payment release shows the payment before the clawback came.
    const payment = process.find((r) => r.id.startsWith(`${ocid(call.id)}-payment-`))!;
    const paidContract = payment.contracts.find((c: Json) => c.awardID === awardA.id);
    expect(paidContract.implementation.transactions.map((x: Json) => x.id)).toEqual([expect.stringMatching(/^payment-/)]);
    expect(paidContract.implementation.milestones[0].status).toBe('met');

    // The other call is only published: one tender release. The withdrawn one was then cancelled.
    expect(releases.filter((r) => r.ocid === ocid(otherCallId)).map((r) => r.tag)).toEqual([['tender']]);
    const withdrawn = releases.filter((r) => r.ocid === ocid(withdrawnCallId));
    expect(withdrawn.map((r) => [r.tag, r.tender.status])).toEqual([
      [['tender'], 'active'],
      [['tenderCancellation'], 'cancelled'],
    ]);
  });

  it('publishes a record package whose compiled release is the latest state', async () => {
    const releases: Json = (await fetchPublic('/open-data/ocds/releases.json')).json();
    const body: Json = (await fetchPublic('/open-data/ocds/records.json')).json();
    expectValid(schemas.recordPackage, body);
    expect(body.records.map((r: Json) => r.ocid).sort()).toEqual([ocid(call.id), ocid(otherCallId), ocid(withdrawnCallId)].sort());
    const record = body.records.find((r: Json) => r.ocid === ocid(call.id));
    const process = releases.releases.filter((r: Json) => r.ocid === ocid(call.id));
    expect(record.releases).toEqual(process.map((r: Json) => ({ url: `http://localhost:80/open-data/ocds/releases.json#${r.id}`, date: r.date, tag: r.tag })));
    const last = process.at(-1);
    expect(record.compiledRelease).toMatchObject({ ocid: ocid(call.id), id: `${ocid(call.id)}-${last.date}`, tag: ['compiled'], date: last.date });
    const { id: _id, tag: _tag, ...lastContent } = last;
    const { id: _cid, tag: _ctag, ...compiledContent } = record.compiledRelease;
    expect(compiledContent).toEqual(lastContent);
  });
});

describe('360Giving', () => {
  it('publishes a grants package that validates against the 360Giving 1.4.3 schema', async () => {
    const body: Json = (await fetchPublic('/open-data/360giving/grants.json')).json();
    expectValid(schemas.grantPackage, body);
    for (const grant of body.grants) expectValid(schemas.grant, grant);
    expect(body.grants).toHaveLength(2);
    const grantA = body.grants.find((g: Json) => g.id === `360G-adi-${awardA.id}`);
    expect(grantA).toMatchObject({
      title: 'Shell line expansion',
      currency: 'UAH',
      amountAwarded: 600_000,
      // Net: 300,000.00 paid less 50,000.00 returned.
      amountDisbursed: 250_000,
      recipientOrganization: [{ id: 'UA-EDR-14360570', name: 'Kharkiv Shells LLC' }],
      fundingOrganization: [{ id: 'UA-EDR-00000000', name: 'ADI Special Defense Fund' }],
      grantProgramme: [{ code: 'shells-2027', title: call.titleEn }],
      fromOpenCall: 'Yes',
      plannedDates: [{ endDate: '2027-09-30' }],
    });
    expect(grantA.disbursementTransaction.map((x: Json) => x.value)).toEqual([300_000, -50_000]);
    expect(grantA.disbursementTransaction.reduce((sum: number, x: Json) => sum + x.value, 0)).toBe(grantA.amountDisbursed);
    for (const field of ['id', 'title', 'description', 'currency', 'amountAwarded', 'awardDate', 'recipientOrganization', 'fundingOrganization']) expect(grantA[field], field).toBeDefined();
    const grantB = body.grants.find((g: Json) => g.id === `360G-adi-${awardB.id}`);
    expect(grantB).toMatchObject({ amountAwarded: 400_000.01, amountDisbursed: 0, recipientOrganization: [{ id: `360G-adi-ORG-${b.organizationId}` }] });
  });

  it('publishes the grants as CSV with 360Giving column titles', async () => {
    const response = await fetchPublic('/open-data/360giving/grants.csv');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = response.body.slice(1).trimEnd().split('\r\n');
    const columns = header!.split(',');
    expect(columns).toEqual(expect.arrayContaining(['Identifier', 'Title', 'Description', 'Currency', 'Amount Awarded', 'Amount Disbursed', 'Award Date', 'Recipient Org:Identifier', 'Recipient Org:Name', 'Funding Org:Identifier', 'Funding Org:Name', 'Grant Programme:Title']));
    expect(rows).toHaveLength(2);
    const rowA = rows.find((r) => r.startsWith(`360G-adi-${awardA.id},`))!;
    expect(rowA).toContain(',UAH,600000.00,250000.00,');
    expect(rowA).toContain(',UA-EDR-14360570,Kharkiv Shells LLC,UA-EDR-00000000,ADI Special Defense Fund,shells-2027,');
  });
});

describe('what is never published', () => {
  it('leaves out drafts, unpublished cancellations and everything sensitive from proposals, and needs no sign-in', async () => {
    const bodies = await Promise.all(['/open-data/ocds/releases.json', '/open-data/ocds/records.json', '/open-data/360giving/grants.json', '/open-data/360giving/grants.csv'].map(async (url) => (await fetchPublic(url)).body));
    for (const body of bodies) {
      expect(body).not.toContain(draftCallId);
      for (const secret of ['Secret draft call', 'secret-draft', 'cancelled-draft', 'Secret deliverable', 'Confidential plan', 'Secret clawback reason', 'Secret failure note', 'Internal verification note', 'Secret cancellation reason', 'quantity', 'UA-EDR-00032129']) {
        expect(body, secret).not.toContain(secret);
      }
    }
  });

  it('answers the same to a signed-in user as to anyone', async () => {
    const signedIn: Caller = staff.officer;
    const anonymous = await t.app.inject({ method: 'GET', url: '/open-data/360giving/grants.json' });
    const asOfficer = await t.app.inject({ method: 'GET', url: '/open-data/360giving/grants.json', headers: { cookie: signedIn.cookie } });
    expect(asOfficer.statusCode).toBe(200);
    expect(asOfficer.json()).toEqual(anonymous.json());
  });
});

describe('the API guide', () => {
  it('is described in the OpenAPI document', async () => {
    const spec: Json = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const url of ['/open-data/ocds/releases.json', '/open-data/ocds/records.json', '/open-data/360giving/grants.json', '/open-data/360giving/grants.csv']) {
      expect(spec.paths[url]?.get?.tags, url).toEqual(['open data']);
    }
  });
});
