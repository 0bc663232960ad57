import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type App, type AppDeps, openDataHeaders as publicHeaders } from '../../core/http.ts';
import { OPEN_DATA_PATHS, type OpenDataContext, grantsCsv, grantsPackage, ocdsRecordPackage, ocdsReleasePackage } from './open-data.ts';
import { loadOpenDataSnapshot } from './open-data-repo.ts';

const tags = ['open data'];

// The documents are checked against the official JSON Schemas in the tests; here they are described
// for the API guide and passed through whole (a strict schema would drop every field it does not
// list). Keys are declared in the order the builders write them, since declared keys come out first.
const ZOcdsPublisher = z.object({ name: z.string(), scheme: z.string(), uid: z.string() });
const ocdsPackageMetadata = { uri: z.string(), version: z.literal('1.1'), publishedDate: z.string(), publisher: ZOcdsPublisher, license: z.string(), publicationPolicy: z.string() };
const ZOcdsReleasePackage = z
  .looseObject({ ...ocdsPackageMetadata, releases: z.array(z.looseObject({ ocid: z.string(), id: z.string(), date: z.string(), tag: z.array(z.string()) })) })
  .describe('OCDS 1.1 release package (https://standard.open-contracting.org/1.1/en/schema/release_package/)');
const ZOcdsRecordPackage = z
  .looseObject({
    ...ocdsPackageMetadata,
    packages: z.array(z.string()),
    records: z.array(z.looseObject({ ocid: z.string(), releases: z.array(z.object({ url: z.string(), date: z.string(), tag: z.array(z.string()) })), compiledRelease: z.looseObject({ ocid: z.string(), id: z.string(), date: z.string() }) })),
  })
  .describe('OCDS 1.1 record package (https://standard.open-contracting.org/1.1/en/schema/record_package/)');
const ZGrantsPackage = z
  .looseObject({
    version: z.string(),
    title: z.string(),
    description: z.string(),
    identifier: z.string(),
    modified: z.string(),
    publisher: z.object({ identifier: z.string(), name: z.string() }),
    license: z.string(),
    accessURL: z.string(),
    downloadURL: z.string(),
    grants: z.array(
      z.looseObject({ id: z.string(), title: z.string(), description: z.string(), currency: z.string(), amountAwarded: z.number().describe('major units'), amountDisbursed: z.number().describe('major units, net of clawbacks'), awardDate: z.string() }),
    ),
  })
  .describe('360Giving 1.4 grants package (https://standard.threesixtygiving.org/en/latest/technical/grant-package/)');

const POLICY =
  'Published: every call once it is published (never a draft), and for each award its title, capability categories, the recipient, its confirmed registry identifiers, the amounts, the milestones’ status and each payment and clawback. ' +
  'Withheld: the rest of a proposal (summary, deliverables, capacity quantities, budget lines: sensitive), applicants that were not funded (counted only), scores, notes and reasons. ' +
  'Built from the live records on every request, cached for 60 seconds. Licence: CC BY 4.0.';

/** Where the platform is reached, and who publishes. */
function contextOf(deps: AppDeps, request: FastifyRequest): OpenDataContext {
  const baseUrl = (deps.config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
  return { baseUrl, ...deps.config.openData, now: new Date() };
}


/** Open data of the fund's programmes: OCDS 1.1 release and record packages, 360Giving grants as JSON and CSV. */
export function registerFundOpenDataRoutes(app: App, deps: AppDeps): void {
  app.get(OPEN_DATA_PATHS.ocdsReleases, {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'OCDS 1.1 release package: a contracting process per published call (ocid <prefix>-<call id>), a release at each public event',
      description: `A release at publication (tender), cancellation, ranking (numberOfTenderers), award (award and contract) and each milestone decision, payment, clawback and contract end; each release repeats the process as it stood at its date. ${POLICY}`,
      response: { 200: ZOcdsReleasePackage },
    },
    handler: async (request, reply) => {
      publicHeaders(reply);
      return ocdsReleasePackage(await loadOpenDataSnapshot(deps.db), contextOf(deps, request));
    },
  });

  app.get(OPEN_DATA_PATHS.ocdsRecords, {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'OCDS 1.1 record package: a record per call, linking its releases, with the compiled release (the latest values)',
      description: POLICY,
      response: { 200: ZOcdsRecordPackage },
    },
    handler: async (request, reply) => {
      publicHeaders(reply);
      return ocdsRecordPackage(await loadOpenDataSnapshot(deps.db), contextOf(deps, request));
    },
  });

  app.get(OPEN_DATA_PATHS.grantsJson, {
    config: { access: 'public' },
    schema: {
      tags,
      summary: '360Giving 1.4 grants package: a grant per award (amounts in major units; amountDisbursed is net of clawbacks)',
      description: POLICY,
      response: { 200: ZGrantsPackage },
    },
    handler: async (request, reply) => {
      publicHeaders(reply);
      return grantsPackage(await loadOpenDataSnapshot(deps.db), contextOf(deps, request));
    },
  });

  app.get(OPEN_DATA_PATHS.grantsCsv, {
    config: { access: 'public' },
    schema: {
      tags,
      summary: '360Giving grants as CSV with the standard’s column titles (one row per grant; UTF-8 with BOM)',
      description: POLICY,
      response: { 200: { description: 'the grants', content: { 'text/csv': { schema: z.string() } } } },
    },
    handler: async (request, reply) => {
      publicHeaders(reply);
      const csv = grantsCsv(await loadOpenDataSnapshot(deps.db), contextOf(deps, request));
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="adi-360giving-grants.csv"').send(csv);
    },
  });
}
