import { z } from 'zod';
import { zText } from '../../core/schemas.ts';

/** The list formats the platform imports. */
export const LIST_FORMATS = ['ofac-csv', 'un-xml', 'ftm-json', 'simple-csv'] as const;
/** Schemas a query may name (FollowTheMoney names). */
export const QUERY_SCHEMAS = ['Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Aircraft'] as const;

/** A list source name: also the prefix of entity ids of formats without their own. */
export const zListSource = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, 'must be 1–40 lower-case letters, digits, "_", "." or "-", starting with a letter or digit');

/** A partial ISO date as lists and queries give birth dates. */
export const zPartialDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD');

/** Body of a list import: the list's files as text (CSV, XML or JSON lines are text formats). */
export const ZImportListBody = z.strictObject({
  format: z.enum(LIST_FORMATS),
  source: zListSource,
  files: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be a plain file name (letters, digits, ".", "_", "-"; no folders)'),
        content: z.string().min(1, 'must not be empty'),
      }),
    )
    .min(1, 'give at least one file')
    .max(10),
});
/** A validated list import. */
export type TImportListBody = z.infer<typeof ZImportListBody>;

/** An imported list and its current version. */
export const ZList = z
  .object({
    source: z.string(),
    format: z.enum(LIST_FORMATS),
    versionId: z.uuid().nullable(),
    entityCount: z.int(),
    nameCount: z.int(),
    files: z.array(z.object({ name: z.string(), bytes: z.int(), sha256: z.string() })),
    warnings: z.int().describe('values the importer had to leave out (unknown country names, unparsed dates, skipped records)'),
    importedBy: z.string().nullable(),
    importedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'SanctionsList' });
/** A presented list. */
export type TList = z.infer<typeof ZList>;

const zName = zText(1000).describe('the name to screen, in any script');

/** One screening query (the flat form, or FollowTheMoney `properties` as yente takes them). */
export const ZMatchQuery = z.strictObject({
  schema: z.enum(QUERY_SCHEMAS).optional(),
  name: zName.optional(),
  birthDate: zPartialDate.optional(),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code').optional(),
  gender: z.enum(['male', 'female']).optional(),
  identifiers: z
    .array(z.strictObject({ scheme: z.string().regex(/^[A-Za-z_]{2,20}$/, 'must be a scheme such as INN, OGRN, EDRPOU, LEI, IMO, PASSPORT'), value: zText(100) }))
    .max(20)
    .optional(),
  properties: z
    .strictObject({
      name: z.array(zName).max(20).optional(),
      birthDate: z.array(zPartialDate).max(5).optional(),
      country: z.array(z.string().regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')).max(5).optional(),
      nationality: z.array(z.string().regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')).max(5).optional(),
      innCode: z.array(zText(50)).max(5).optional(),
      ogrnCode: z.array(zText(50)).max(5).optional(),
      registrationNumber: z.array(zText(50)).max(5).optional(),
      leiCode: z.array(zText(50)).max(5).optional(),
      imoNumber: z.array(zText(50)).max(5).optional(),
      passportNumber: z.array(zText(50)).max(5).optional(),
    })
    .optional()
    .describe('yente-style FollowTheMoney properties (alternative to the flat fields)'),
});
/** A validated query. */
export type TMatchQuery = z.infer<typeof ZMatchQuery>;

/** Body of a match request (the yente /match shape). */
export const ZMatchBody = z.strictObject({
  queries: z
    .record(z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'keys must be 1–100 letters, digits, "_", "." or "-"'), ZMatchQuery)
    .refine((q) => Object.keys(q).length >= 1 && Object.keys(q).length <= 100, 'give 1 to 100 queries'),
  threshold: z.number().min(0).max(1).default(0.7),
  limit: z.int().min(1).max(100).default(10),
});

/** Why a match scored what it did. */
const ZEvidence = z.object({ feature: z.string(), queryValue: z.string(), entityValue: z.string(), weight: z.number() });

/** One listed entity that matched. */
export const ZMatchResult = z.object({
  id: z.string().describe('entity id: ofac:<ent_num>, un:<DATAID>, <source>:<id>'),
  caption: z.string(),
  schema: z.string(),
  score: z.number().min(0).max(1),
  match: z.boolean().describe('score at or above the threshold'),
  matchedName: z.string(),
  source: z.string(),
  datasets: z.array(z.string()),
  programs: z.array(z.string()),
  evidence: z.array(ZEvidence),
});

/** The answer to a match request, per query key. */
export const ZMatchResponse = z.object({
  responses: z.record(
    z.string(),
    z.object({
      status: z.literal(200),
      query: z.object({ schema: z.string().nullable(), name: z.string(), birthDate: z.string().nullable(), country: z.string().nullable() }),
      results: z.array(ZMatchResult),
      total: z.object({ value: z.int(), relation: z.literal('eq') }),
    }),
  ),
  threshold: z.number(),
  limit: z.int(),
  lists: z.array(z.object({ source: z.string(), versionId: z.string(), importedAt: z.string() })),
});
/** A presented match response. */
export type TMatchResponse = z.infer<typeof ZMatchResponse>;
