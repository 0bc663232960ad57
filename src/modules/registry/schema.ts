import { z } from 'zod';
import { isCleanText, zFilterText, zPageQuery, zText } from '../../core/schemas.ts';
import { zIdentifier } from './identifiers.ts';

/** ISO 3166-1 alpha-2 country code, upper case. */
export const zCountry = z
  .string()
  .max(8)
  .transform((v) => v.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as UA or DE'));

/** An ISO 8601 calendar date (YYYY-MM-DD) that exists. */
export const zDate = z.iso.date('must be a date as YYYY-MM-DD');

/** Optional multi-line text (descriptions, reasons). */
export function zLongText(max: number) {
  return z
    .string()
    .max(max * 4)
    .refine(isCleanText, 'must not contain control characters or unpaired surrogates')
    .transform((v) => v.normalize('NFC').trim())
    .pipe(z.string().max(max));
}

export const ORGANIZATION_KINDS = ['manufacturer', 'integrator', 'research', 'supplier', 'investor', 'public_body', 'other'] as const;
export const SIZE_BANDS = ['micro', 'small', 'medium', 'large'] as const;
export const REVIEW_STATUSES = ['pending', 'confirmed', 'rejected', 'removal_pending', 'removed'] as const;
export const OFFICER_ROLES = ['director', 'signatory', 'board_member', 'chief_accountant', 'other'] as const;
/** Kinds of control an owner can hold besides (or instead of) a share. */
export const CONTROL_KINDS = ['voting_rights', 'appoint_board', 'veto', 'other'] as const;
export const DOCUMENT_TYPES = ['statutes', 'registry_extract', 'financial_statement', 'licence', 'localization_plan', 'ownership_evidence', 'other'] as const;

const zWebsite = z
  .string()
  .max(300)
  .refine(isCleanText, 'must not contain control characters')
  .transform((v) => v.trim())
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }));

export const ZAddress = z.strictObject({
  type: z.enum(['registered', 'operational', 'production']),
  street: zText(300),
  city: zText(120),
  region: zText(120).optional(),
  postalCode: zText(20).optional(),
  country: zCountry,
});

export const ZContact = z.strictObject({
  name: zText(200),
  role: zText(120).optional(),
  email: z.email('must be an e-mail address').max(254).optional(),
  phone: z
    .string()
    .max(40)
    .regex(/^\+?[0-9 ()-]{5,40}$/, 'must be a phone number such as +380 44 123 4567')
    .optional(),
});

const ZAddressOut = z.object({ type: z.string(), street: z.string(), city: z.string(), region: z.string().optional(), postalCode: z.string().optional(), country: z.string() });
const ZContactOut = z.object({ name: z.string(), role: z.string().optional(), email: z.string().optional(), phone: z.string().optional() });

/** The editable profile of an organization (no defaults here: a PATCH must leave unsent fields alone). */
const ZOrganizationProfile = z.strictObject({
  name: zText(300).describe('legal name in English'),
  nameUk: zText(300).describe('legal name in Ukrainian'),
  nameOriginal: zText(300).nullable().describe('legal name in its original script, if neither of the above'),
  shortName: zText(100).nullable(),
  country: zCountry,
  kind: z.enum(ORGANIZATION_KINDS),
  sizeBand: z.enum(SIZE_BANDS).nullable(),
  website: zWebsite.nullable(),
  foundedOn: zDate.nullable(),
  addresses: z.array(ZAddress).max(10),
  contacts: z.array(ZContact).max(20),
  capabilities: z.array(z.string().max(64)).max(50).describe('capability category codes from the taxonomy'),
});

export const ZCreateOrganizationBody = ZOrganizationProfile.extend({
  nameOriginal: ZOrganizationProfile.shape.nameOriginal.optional(),
  shortName: ZOrganizationProfile.shape.shortName.optional(),
  sizeBand: ZOrganizationProfile.shape.sizeBand.optional(),
  website: ZOrganizationProfile.shape.website.optional(),
  foundedOn: ZOrganizationProfile.shape.foundedOn.optional(),
  addresses: ZOrganizationProfile.shape.addresses.default([]),
  contacts: ZOrganizationProfile.shape.contacts.default([]),
  capabilities: ZOrganizationProfile.shape.capabilities.default([]),
  identifiers: z.array(zIdentifier).max(20).default([]).describe('scheme-qualified identifiers such as UA-EDR-12345678'),
});
export type TCreateOrganization = z.output<typeof ZCreateOrganizationBody>;

export const ZUpdateOrganizationBody = ZOrganizationProfile.partial().extend({
  version: z.number().int().min(1).describe('the version you edited; a newer one on the server is a 409'),
});
export type TUpdateOrganization = z.output<typeof ZUpdateOrganizationBody>;

const reviewed = {
  status: z.enum(REVIEW_STATUSES),
  reviewNote: z.string().nullable(),
};

export const ZIdentifierRecord = z.object({ id: z.uuid(), identifier: z.string(), scheme: z.string(), value: z.string(), ...reviewed }).meta({ id: 'OrganizationIdentifier' });

export const ZOrganizationSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    nameUk: z.string().nullable(),
    shortName: z.string().nullable(),
    country: z.string(),
    kind: z.enum(ORGANIZATION_KINDS),
    capabilities: z.array(z.string()),
    identifiers: z.array(z.string()).describe('confirmed and pending identifiers'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'OrganizationSummary' });

export const ZOrganization = z
  .object({
    id: z.uuid(),
    name: z.string(),
    nameUk: z.string().nullable(),
    nameOriginal: z.string().nullable(),
    shortName: z.string().nullable(),
    country: z.string(),
    kind: z.enum(ORGANIZATION_KINDS),
    sizeBand: z.enum(SIZE_BANDS).nullable(),
    website: z.string().nullable(),
    foundedOn: z.string().nullable(),
    addresses: z.array(ZAddressOut),
    contacts: z.array(ZContactOut),
    capabilities: z.array(z.string()),
    identifiers: z.array(ZIdentifierRecord),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Organization' });
export type TOrganization = z.infer<typeof ZOrganization>;

export const ZOrganizationListQuery = z.strictObject({
  q: zFilterText(200).describe('words of a name in any script, or an identifier'),
  country: zCountry.optional(),
  capability: z.string().max(64).regex(/^[a-z][a-z0-9_.]*$/, 'must be a capability code').optional(),
  kind: z.enum(ORGANIZATION_KINDS).optional(),
  ...zPageQuery,
});

export const ZOrganizationList = z.object({
  items: z.array(ZOrganizationSummary),
  total: z.number().int(),
  totalIsLowerBound: z.boolean().describe('true when more than `total` organizations match (a search for similar names does not count them all)'),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const ZAddIdentifierBody = z.strictObject({ identifier: zIdentifier });

export const ZIdentifierParams = z.strictObject({ id: z.uuid('must be a UUID'), itemId: z.uuid('must be a UUID') });

export const ZCapability = z
  .object({ code: z.string(), parentCode: z.string().nullable(), nameUk: z.string(), nameEn: z.string(), unitUk: z.string(), unitEn: z.string(), archived: z.boolean().describe('kept for history; not offered for new records') })
  .meta({ id: 'CapabilityCategory' });

// People ------------------------------------------------------------------------------------------

/** ISO 15924 script codes people's names are commonly written in. */
export const NAME_SCRIPTS = ['Latn', 'Cyrl', 'Arab', 'Hebr', 'Grek', 'Hani', 'Hang', 'Jpan', 'Geor', 'Armn', 'Other'] as const;

export const ZPersonName = z.strictObject({ fullName: zText(300), script: z.enum(NAME_SCRIPTS) });

export const ZCreatePersonBody = z.strictObject({
  names: z.array(ZPersonName).min(1, 'give at least one name').max(10),
  birthDate: zDate.nullish(),
  nationalities: z.array(zCountry).max(5).default([]),
  identifiers: z
    .array(z.strictObject({ scheme: zText(40), value: zText(100) }))
    .max(10)
    .default([])
    .describe('passport or tax numbers: sensitive, shown to staff and the own company only'),
  organizationId: z.uuid().optional().describe('staff: the organization the person is entered for (company users: always their own)'),
});
export type TCreatePerson = z.output<typeof ZCreatePersonBody>;

export const ZPerson = z
  .object({
    id: z.uuid(),
    primaryName: z.string(),
    names: z.array(z.object({ fullName: z.string(), script: z.string() })),
    birthDate: z.string().nullable(),
    nationalities: z.array(z.string()),
    identifiers: z.array(z.object({ scheme: z.string(), value: z.string() })),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Person' });
export type TPerson = z.infer<typeof ZPerson>;

export const ZPersonListQuery = z.strictObject({ q: zFilterText(200), ...zPageQuery });
export const ZPersonList = z.object({ items: z.array(ZPerson), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

// Officers and owners ----------------------------------------------------------------------------

const datedRange = {
  fromDate: zDate.nullish(),
  toDate: zDate.nullish(),
};

export const ZAddOfficerBody = z.strictObject({ personId: z.uuid(), role: z.enum(OFFICER_ROLES), ...datedRange });

export const ZOfficer = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    personName: z.string(),
    role: z.enum(OFFICER_ROLES),
    fromDate: z.string().nullable(),
    toDate: z.string().nullable(),
    ...reviewed,
  })
  .meta({ id: 'Officer' });

const { organizationId: _staffOnly, ...personFields } = ZCreatePersonBody.shape;

export const zOwnerBody = z.strictObject({
  owner: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('person'), id: z.uuid() }),
    z.strictObject({ kind: z.literal('organization'), id: z.uuid() }),
    z.strictObject({ kind: z.literal('new_person'), person: z.strictObject(personFields) }),
    z.strictObject({ kind: z.literal('new_organization'), organization: ZCreateOrganizationBody }),
  ]),
  sharePercent: z
    .number()
    .gt(0, 'must be above 0')
    .max(100, 'must be at most 100')
    .refine((v) => Math.abs(v * 10_000 - Math.round(v * 10_000)) < 1e-6, 'at most 4 decimal places')
    .nullish(),
  controlKinds: z.array(z.enum(CONTROL_KINDS)).max(4).default([]),
  ...datedRange,
});

export const ZOwnershipLink = z
  .object({
    id: z.uuid(),
    ownedOrganizationId: z.uuid(),
    owner: z.object({ kind: z.enum(['person', 'organization']), id: z.uuid(), name: z.string() }),
    sharePercent: z.number().nullable(),
    controlKinds: z.array(z.string()),
    fromDate: z.string().nullable(),
    toDate: z.string().nullable(),
    ...reviewed,
  })
  .meta({ id: 'OwnershipLink' });

export const ZOrganizationPeople = z.object({ officers: z.array(ZOfficer), owners: z.array(ZOwnershipLink) });

export const ZBeneficialOwnersQuery = z.strictObject({
  asOf: zDate.optional(),
  includePending: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('also count links a company proposed and an officer has not confirmed yet (a provisional picture)'),
});

export const ZBeneficialOwners = z
  .object({
    organizationId: z.uuid(),
    asOf: z.string(),
    includesPending: z.boolean(),
    thresholdPercent: z.number(),
    owners: z.array(
      z.object({
        personId: z.uuid(),
        name: z.string(),
        effectiveSharePercent: z.string().describe('exact decimal percent'),
        control: z.boolean(),
        isBeneficialOwner: z.boolean(),
        reasons: z.array(z.enum(['share', 'control'])),
        paths: z.array(z.object({ organizationIds: z.array(z.uuid()), sharePercent: z.string() })),
      }),
    ),
    unresolvedOrganizations: z.array(z.object({ id: z.uuid(), name: z.string() })),
    cycles: z.array(z.array(z.object({ id: z.uuid(), name: z.string() }))),
    truncated: z.boolean(),
    graph: z.object({
      nodes: z.array(z.object({ id: z.uuid(), kind: z.enum(['person', 'organization']), name: z.string(), country: z.string().nullable() })),
      edges: z.array(z.object({ id: z.uuid(), from: z.uuid(), to: z.uuid(), sharePercent: z.number().nullable(), controlKinds: z.array(z.string()) })),
    }),
  })
  .meta({ id: 'BeneficialOwners' });

// Reviews -----------------------------------------------------------------------------------------

export const REVIEW_KINDS = ['identifier', 'officer', 'owner'] as const;

export const ZReviewItem = z
  .object({
    kind: z.enum(REVIEW_KINDS),
    id: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    status: z.enum(['pending', 'removal_pending']),
    summary: z.string().describe('one line in English, for logs and scripts; the fields below are for display'),
    identifier: z.string().nullable(),
    officerRole: z.string().nullable(),
    name: z.string().nullable().describe("the officer's or owner's name"),
    sharePercent: z.number().nullable(),
    controlKinds: z.array(z.string()),
    proposedAt: z.iso.datetime(),
  })
  .meta({ id: 'ReviewItem' });

export const ZReviewList = z.object({ items: z.array(ZReviewItem), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
export const ZReviewListQuery = z.strictObject({ organizationId: z.uuid().optional(), ...zPageQuery });
export const ZReviewParams = z.strictObject({ kind: z.enum(REVIEW_KINDS), id: z.uuid('must be a UUID') });
export const ZReviewDecisionBody = z.strictObject({ decision: z.enum(['confirm', 'reject']), note: zLongText(2000).optional() });

// Documents ---------------------------------------------------------------------------------------

export const ZDocument = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    documentType: z.enum(DOCUMENT_TYPES),
    title: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Document' });
export type TDocument = z.infer<typeof ZDocument>;

export const ZUploadDocumentQuery = z.strictObject({
  type: z.enum(DOCUMENT_TYPES),
  fileName: zText(200).refine((v) => !/[\\/]/.test(v), 'must be a file name, not a path'),
  title: zText(300).optional(),
});

export const ZDocumentList = z.object({ items: z.array(ZDocument), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export const ZDirectoryQuery = z.strictObject({ q: zFilterText(200), country: zCountry.optional(), ...zPageQuery });
export const ZDirectory = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), nameUk: z.string().nullable(), country: z.string() })),
  total: z.number().int(),
  totalIsLowerBound: z.boolean(),
  limit: z.number().int(),
  offset: z.number().int(),
});
