import { z } from 'zod';
import { zFilterText, zPageQuery } from '../../core/schemas.ts';

/** Statuses of a screening case. */
export const CASE_STATUSES = ['open', 'confirmed', 'dismissed'] as const;

const ZEvidence = z.object({ feature: z.string(), queryValue: z.string(), entityValue: z.string(), weight: z.number() });

/** A screening case: the screened record and the listed entity side by side, with the evidence and the decision. */
export const ZCase = z
  .object({
    id: z.uuid(),
    status: z.enum(CASE_STATUSES),
    score: z.number(),
    subject: z.object({
      type: z.enum(['organization', 'person']),
      id: z.uuid(),
      name: z.string(),
      role: z.string().describe('organization, holding_company, owner or officer'),
      names: z.array(z.string()),
      country: z.string().nullable(),
      birthDate: z.string().nullable(),
      nationalities: z.array(z.string()),
      identifiers: z.array(z.object({ scheme: z.string(), value: z.string() })),
    }),
    entity: z.object({
      id: z.string(),
      caption: z.string(),
      source: z.string(),
      schema: z.string(),
      names: z.array(z.object({ value: z.string(), kind: z.string() })),
      birthDates: z.array(z.string()),
      countries: z.array(z.string()),
      identifiers: z.array(z.object({ scheme: z.string(), value: z.string(), country: z.string().optional() })),
      programs: z.array(z.string()),
      sourceUrls: z.array(z.string()),
      notes: z.string().optional(),
    }),
    matchedName: z.string(),
    evidence: z.array(ZEvidence),
    organizations: z.array(z.object({ id: z.uuid(), name: z.string() })).describe('the organizations this case concerns'),
    decision: z.object({ reason: z.string(), by: z.string(), at: z.iso.datetime() }).nullable(),
    reopenedBecause: z.string().nullable(),
    allowedDecisions: z.array(z.enum(['confirm', 'dismiss'])),
    version: z.int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ScreeningCase' });
/** A presented case. */
export type TCase = z.infer<typeof ZCase>;

/** Filters of the case list. */
export const ZCaseListQuery = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  organizationId: z.uuid('must be a UUID').optional(),
  subjectType: z.enum(['organization', 'person']).optional(),
  q: zFilterText(200),
  ...zPageQuery,
});

/** An analyst's decision on a case. */
export const ZCaseDecisionBody = z.strictObject({
  decision: z.enum(['confirm', 'dismiss']),
  reason: z
    .string()
    .trim()
    .min(10, 'give the reason (at least 10 characters): which evidence decided it')
    .max(2000),
  version: z.int().min(1).describe('the version you read; another current version is a 409'),
});

/** An organization's screening status, as every domain shows it. */
export const ZOrganizationScreening = z
  .object({
    organizationId: z.uuid(),
    status: z.enum(['not_screened', 'clear', 'open_cases', 'confirmed_hit']).describe('confirmed_hit blocks the organization everywhere'),
    openCases: z.int(),
    confirmedCases: z.int(),
    dismissedCases: z.int(),
    screenedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'OrganizationScreening' });
/** A presented screening status. */
export type TOrganizationScreening = z.infer<typeof ZOrganizationScreening>;

/** The outcome of screening an organization now. */
export const ZScreeningRun = z.object({
  organizationId: z.uuid(),
  subjects: z.int().describe('records screened: the organization, holding companies, owners and officers'),
  hits: z.int(),
  opened: z.int().describe('new cases and cases reopened because the list entry changed'),
  status: ZOrganizationScreening,
});
