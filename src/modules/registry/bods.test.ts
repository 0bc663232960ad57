import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toBodsStatements, type BodsExportInput, type BodsLink } from './bods.ts';

// ---- A Zod mirror of the BODS 0.4 schema (the parts this export can produce) ------------------
// Strict objects: a field BODS 0.4 does not define is a typo in the export, not an extension.

const zFullDate = z.iso.date();
const zCountry = z.strictObject({ name: z.string().min(1), code: z.string().length(2) });
const zJurisdiction = z.strictObject({ name: z.string().min(1), code: z.string().min(2).max(6).optional() });
const zIdentifier = z
  .strictObject({ id: z.string(), scheme: z.string().optional(), schemeName: z.string().optional(), uri: z.url().optional() })
  .refine((identifier) => identifier.scheme !== undefined || identifier.schemeName !== undefined, 'scheme or schemeName is required');
const zAddress = z.strictObject({
  type: z.enum(['placeOfBirth', 'residence', 'registered', 'service', 'alternative', 'business']).optional(),
  address: z.string().optional(),
  postCode: z.string().optional(),
  country: zCountry.optional(),
});

const zEntityRecord = z.strictObject({
  isComponent: z.boolean(),
  entityType: z.strictObject({
    type: z.enum(['registeredEntity', 'legalEntity', 'arrangement', 'anonymousEntity', 'unknownEntity', 'state', 'stateBody']),
    subtype: z.enum(['governmentDepartment', 'stateAgency', 'other', 'trust', 'nomination']).optional(),
    details: z.string().optional(),
  }),
  name: z.string().optional(),
  alternateNames: z.array(z.string()).optional(),
  jurisdiction: zJurisdiction.optional(),
  identifiers: z.array(zIdentifier).optional(),
  foundingDate: zFullDate.optional(),
  dissolutionDate: zFullDate.optional(),
  addresses: z.array(zAddress).optional(),
  uri: z.url().optional(),
});

const zPersonRecord = z.strictObject({
  isComponent: z.boolean(),
  personType: z.enum(['anonymousPerson', 'unknownPerson', 'knownPerson']),
  names: z
    .array(
      z.strictObject({
        type: z.enum(['legal', 'translation', 'transliteration', 'former', 'alternative', 'birth']).optional(),
        fullName: z.string().optional(),
        familyName: z.string().optional(),
        givenName: z.string().optional(),
        patronymicName: z.string().optional(),
      }),
    )
    .optional(),
  nationalities: z.array(zCountry).optional(),
  birthDate: z.union([z.string().regex(/^\d{4}(-(1[0-2]|0[1-9]))?$/), zFullDate]).optional(),
  addresses: z.array(zAddress).optional(),
});

const zPercent = z.number().min(0).max(100);
const zInterest = z.strictObject({
  type: z.enum([
    'shareholding',
    'votingRights',
    'appointmentOfBoard',
    'otherInfluenceOrControl',
    'seniorManagingOfficial',
    'settlor',
    'trustee',
    'protector',
    'beneficiaryOfLegalArrangement',
    'rightsToSurplusAssetsOnDissolution',
    'rightsToProfitOrIncome',
    'rightsGrantedByContract',
    'conditionalRightsGrantedByContract',
    'controlViaCompanyRulesOrArticles',
    'controlByLegalFramework',
    'boardMember',
    'boardChair',
    'unknownInterest',
    'unpublishedInterest',
    'enjoymentAndUseOfAssets',
    'rightToProfitOrIncomeFromAssets',
  ]),
  directOrIndirect: z.enum(['direct', 'indirect', 'unknown']).optional(),
  beneficialOwnershipOrControl: z.boolean().optional(),
  details: z.string().optional(),
  share: z
    .strictObject({
      exact: zPercent.optional(),
      maximum: zPercent.optional(),
      minimum: zPercent.optional(),
      exclusiveMinimum: zPercent.optional(),
      exclusiveMaximum: zPercent.optional(),
    })
    .optional(),
  startDate: zFullDate.optional(),
  endDate: zFullDate.optional(),
});

const zRelationshipRecord = z.strictObject({
  isComponent: z.boolean(),
  subject: z.string(),
  interestedParty: z.string(),
  interests: z.array(zInterest).optional(),
});

const statementCommon = {
  statementId: z.string().min(32).max(64),
  declarationSubject: z.string(),
  statementDate: z.union([zFullDate, z.iso.datetime()]),
  recordId: z.string(),
  recordStatus: z.enum(['new', 'updated', 'closed']).optional(),
  publicationDetails: z.strictObject({
    publicationDate: z.union([zFullDate, z.iso.datetime()]),
    bodsVersion: z.string().regex(/^(\d+\.)(\d+)$/),
    license: z.url().optional(),
    publisher: z
      .strictObject({ name: z.string().optional(), url: z.url().optional() })
      .refine((publisher) => publisher.name !== undefined || publisher.url !== undefined, 'publisher needs a name or a url'),
  }),
  source: z
    .strictObject({
      type: z.array(z.enum(['selfDeclaration', 'officialRegister', 'thirdParty', 'primaryResearch', 'verified'])).optional(),
      description: z.string().optional(),
      url: z.url().optional(),
    })
    .optional(),
};

const zStatement = z.discriminatedUnion('recordType', [
  z.strictObject({ ...statementCommon, recordType: z.literal('entity'), recordDetails: zEntityRecord }),
  z.strictObject({ ...statementCommon, recordType: z.literal('person'), recordDetails: zPersonRecord }),
  z.strictObject({ ...statementCommon, recordType: z.literal('relationship'), recordDetails: zRelationshipRecord }),
]);
type Statement = z.infer<typeof zStatement>;

/** Validates every statement and the ordering rules BODS puts on a list of them. */
function checkStatements(raw: unknown[]): Statement[] {
  const statements = raw.map((statement) => zStatement.parse(statement));
  const seen = new Set<string>();
  for (const statement of statements) {
    if (statement.recordType === 'relationship') {
      expect(seen.has(statement.recordDetails.subject), `subject ${statement.recordDetails.subject} stated earlier`).toBe(true);
      expect(seen.has(statement.recordDetails.interestedParty), `party ${statement.recordDetails.interestedParty} stated earlier`).toBe(true);
    }
    seen.add(statement.recordId);
  }
  const ids = statements.map((statement) => statement.statementId);
  expect(new Set(ids).size).toBe(ids.length);
  return statements;
}

// ---- The hand-built example ---------------------------------------------------------------------
// Olena (a person) holds 60 % of Holding s.r.o. (Czechia) with voting rights; the holding holds 50 %
// of Target LLC (Ukraine) and may appoint its board and veto; Olena also had a control-only
// "other" right in the target in 2023.

function example(): BodsExportInput {
  return {
    organizations: [
      {
        id: 'org-target',
        name: 'Target LLC',
        alternateNames: ['ТОВ «Таргет»'],
        country: 'UA',
        identifiers: [{ scheme: 'UA-EDR', value: '14360570', identifier: 'UA-EDR-14360570' }],
        addresses: [
          { type: 'registered', address: 'vul. Khreshchatyk 1, Kyiv', country: 'UA' },
          { type: 'production', address: 'Zavodska 5, Kharkiv', country: 'UA' },
        ],
        foundingDate: '1992-03-19',
        updatedAt: '2026-01-15T10:20:30.000Z',
      },
      {
        id: 'org-holding',
        name: 'Holding s.r.o.',
        country: 'CZ',
        identifiers: [
          { scheme: 'CZ-ICO', value: '28179609', identifier: 'CZ-ICO-28179609' },
          { scheme: 'XM-ZZZ', value: 'A1', identifier: 'XM-ZZZ-A1' },
        ],
        foundingDate: null,
        updatedAt: '2026-01-10',
      },
    ],
    people: [
      {
        id: 'person-olena',
        names: [
          { fullName: 'Олена Петренко', script: 'Cyrl' },
          { fullName: 'Olena Petrenko', script: 'Latn' },
          { fullName: 'Олена Іваненко', script: 'Cyrl' },
        ],
        birthDate: '1970-05',
        nationalities: ['UA', 'CZ'],
        updatedAt: '2026-01-12T08:00:00Z',
      },
    ],
    links: [
      {
        id: 'link-olena-holding',
        ownerKind: 'person',
        ownerId: 'person-olena',
        ownedId: 'org-holding',
        sharePpm: 600_000,
        controlKinds: ['voting_rights'],
        fromDate: '2020-01-01',
        toDate: null,
        beneficialOwnershipOrControl: true,
        updatedAt: '2026-01-12',
      },
      {
        id: 'link-holding-target',
        ownerKind: 'organization',
        ownerId: 'org-holding',
        ownedId: 'org-target',
        sharePpm: 500_000,
        controlKinds: ['appoint_board', 'veto'],
        fromDate: '2019-06-30',
        toDate: null,
        beneficialOwnershipOrControl: true,
        updatedAt: '2026-01-12',
      },
      {
        id: 'link-olena-target',
        ownerKind: 'person',
        ownerId: 'person-olena',
        ownedId: 'org-target',
        sharePpm: null,
        controlKinds: ['other'],
        fromDate: '2023-01-01',
        toDate: '2023-12-31',
        beneficialOwnershipOrControl: true,
        updatedAt: '2026-01-12',
      },
    ],
    publisherName: 'Alliance of Defense Industries',
    publicationDate: '2026-02-01T12:00:00Z',
  };
}

function byRecord(statements: Statement[], recordId: string) {
  const found = statements.find((statement) => statement.recordId === recordId);
  if (found === undefined) throw new Error(`no statement for ${recordId}`);
  return found;
}

describe('toBodsStatements', () => {
  it('states entities, then people, then relationships, each valid BODS 0.4', () => {
    const statements = checkStatements(toBodsStatements(example()));
    expect(statements.map((s) => [s.recordType, s.recordId])).toEqual([
      ['entity', 'org-target'],
      ['entity', 'org-holding'],
      ['person', 'person-olena'],
      ['relationship', 'link-olena-holding'],
      ['relationship', 'link-holding-target'],
      ['relationship', 'link-olena-target'],
    ]);
    for (const statement of statements) {
      expect(statement.publicationDetails).toEqual({
        publicationDate: '2026-02-01',
        bodsVersion: '0.4',
        publisher: { name: 'Alliance of Defense Industries' },
      });
      expect(statement.recordStatus).toBe('new');
      // The target is the one organization that owns none of the others.
      expect(statement.declarationSubject).toBe('org-target');
      expect(statement.statementId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(statement.source?.type).toEqual(['selfDeclaration']);
    }
    expect(statements.map((s) => s.statementDate)).toEqual(['2026-01-15', '2026-01-10', '2026-01-12', '2026-01-12', '2026-01-12', '2026-01-12']);
  });

  it('describes an organization with its jurisdiction, identifiers and addresses', () => {
    const statements = checkStatements(toBodsStatements(example()));
    expect(byRecord(statements, 'org-target').recordDetails).toEqual({
      isComponent: false,
      entityType: { type: 'registeredEntity' },
      name: 'Target LLC',
      alternateNames: ['ТОВ «Таргет»'],
      jurisdiction: { name: 'Ukraine', code: 'UA' },
      identifiers: [{ id: '14360570', scheme: 'UA-EDR', schemeName: 'Unified State Register of Ukraine (EDRPOU code)' }],
      foundingDate: '1992-03-19',
      addresses: [
        { type: 'registered', address: 'vul. Khreshchatyk 1, Kyiv', country: { name: 'Ukraine', code: 'UA' } },
        { type: 'business', address: 'Zavodska 5, Kharkiv', country: { name: 'Ukraine', code: 'UA' } },
      ],
    });
    const holding = byRecord(statements, 'org-holding').recordDetails as z.infer<typeof zEntityRecord>;
    // An identifier of an unknown scheme keeps its scheme code and has no name; no founding date.
    expect(holding.identifiers).toEqual([
      { id: '28179609', scheme: 'CZ-ICO', schemeName: 'Registers of Economic Subjects (Czechia, IČO)' },
      { id: 'A1', scheme: 'XM-ZZZ' },
    ]);
    expect(holding.jurisdiction).toEqual({ name: 'Czechia', code: 'CZ' });
    expect('foundingDate' in holding).toBe(false);
  });

  it('describes a person with a legal name, a transliteration and an alternative', () => {
    const statements = checkStatements(toBodsStatements(example()));
    expect(byRecord(statements, 'person-olena').recordDetails).toEqual({
      isComponent: false,
      personType: 'knownPerson',
      names: [
        { type: 'legal', fullName: 'Олена Петренко' },
        { type: 'transliteration', fullName: 'Olena Petrenko' },
        { type: 'alternative', fullName: 'Олена Іваненко' },
      ],
      nationalities: [
        { name: 'Ukraine', code: 'UA' },
        { name: 'Czechia', code: 'CZ' },
      ],
      birthDate: '1970-05',
    });
  });

  it('maps shares and kinds of control to BODS interests', () => {
    const statements = checkStatements(toBodsStatements(example()));
    expect(byRecord(statements, 'link-olena-holding').recordDetails).toEqual({
      isComponent: false,
      subject: 'org-holding',
      interestedParty: 'person-olena',
      interests: [
        {
          type: 'shareholding',
          directOrIndirect: 'direct',
          beneficialOwnershipOrControl: true,
          share: { exact: 60, minimum: 60, maximum: 60 },
          startDate: '2020-01-01',
        },
        { type: 'votingRights', directOrIndirect: 'direct', beneficialOwnershipOrControl: true, startDate: '2020-01-01' },
      ],
    });
    // A company's holding is never beneficial ownership in BODS terms, whatever the flag says.
    const holding = byRecord(statements, 'link-holding-target').recordDetails as z.infer<typeof zRelationshipRecord>;
    expect(holding.interests?.map((i) => [i.type, i.details, i.beneficialOwnershipOrControl, i.share?.exact])).toEqual([
      ['shareholding', undefined, false, 50],
      ['appointmentOfBoard', undefined, false, undefined],
      ['otherInfluenceOrControl', 'veto rights', false, undefined],
    ]);
    const ended = byRecord(statements, 'link-olena-target').recordDetails as z.infer<typeof zRelationshipRecord>;
    expect(ended.interests).toEqual([
      { type: 'otherInfluenceOrControl', directOrIndirect: 'direct', beneficialOwnershipOrControl: true, startDate: '2023-01-01', endDate: '2023-12-31' },
    ]);
  });

  it('keeps fractional percentages exact in JSON and states unknown interests', () => {
    const input = example();
    input.links[0] = { ...input.links[0], sharePpm: 249_900, controlKinds: ['strange_kind', 'strange_kind'] };
    input.links[1] = { ...input.links[1], sharePpm: null, controlKinds: [] };
    const statements = checkStatements(toBodsStatements(input));
    expect(JSON.stringify(byRecord(statements, 'link-olena-holding').recordDetails)).toContain('"exact":24.99');
    expect((byRecord(statements, 'link-olena-holding').recordDetails as z.infer<typeof zRelationshipRecord>).interests?.map((i) => [i.type, i.details])).toEqual([
      ['shareholding', undefined],
      ['otherInfluenceOrControl', 'strange_kind'],
    ]);
    expect((byRecord(statements, 'link-holding-target').recordDetails as z.infer<typeof zRelationshipRecord>).interests?.map((i) => i.type)).toEqual(['unknownInterest']);
  });

  it('gives the same statement ids for the same data and new ones for changed records only', () => {
    const first = checkStatements(toBodsStatements(example()));
    const again = checkStatements(toBodsStatements({ ...example(), publicationDate: '2026-03-01' }));
    expect(again.map((s) => s.statementId)).toEqual(first.map((s) => s.statementId));

    const changed = example();
    changed.links[1] = { ...changed.links[1], sharePpm: 510_000 };
    const after = checkStatements(toBodsStatements(changed));
    const differing = after.filter((s, i) => s.statementId !== first[i].statementId).map((s) => s.recordId);
    expect(differing).toEqual(['link-holding-target']);
  });

  it('takes an explicit declaration subject and refuses one outside the export', () => {
    const statements = checkStatements(toBodsStatements({ ...example(), declarationSubjectId: 'org-holding' }));
    expect(new Set(statements.map((s) => s.declarationSubject))).toEqual(new Set(['org-holding']));
    expect(() => toBodsStatements({ ...example(), declarationSubjectId: 'org-elsewhere' })).toThrow(RangeError);
  });

  it('uses a given source', () => {
    const statements = checkStatements(toBodsStatements({ ...example(), source: { type: ['officialRegister', 'verified'], description: 'EDR extract' } }));
    expect(statements[0].source).toEqual({ type: ['officialRegister', 'verified'], description: 'EDR extract' });
  });

  it('refuses links to records that are not in the export, and malformed codes and dates', () => {
    const dangling = example();
    dangling.links.push({ ...dangling.links[0], id: 'link-x', ownerId: 'person-nobody' });
    expect(() => toBodsStatements(dangling)).toThrow(/person person-nobody, which is not in the export/);
    const missingOwned = example();
    missingOwned.links.push({ ...missingOwned.links[0], id: 'link-y', ownedId: 'org-nowhere' });
    expect(() => toBodsStatements(missingOwned)).toThrow(/org-nowhere/);
    const badCountry = example();
    badCountry.organizations[0] = { ...badCountry.organizations[0], country: 'Ukraine' };
    expect(() => toBodsStatements(badCountry)).toThrow(RangeError);
    const badDate = example();
    badDate.links[0] = { ...badDate.links[0], fromDate: '2020-02-30' };
    expect(() => toBodsStatements(badDate)).toThrow(/not an ISO 8601 date/);
    const twice = example();
    twice.people.push(twice.people[0]);
    expect(() => toBodsStatements(twice)).toThrow(/listed twice/);
  });

  it('returns nothing for nothing', () => {
    expect(toBodsStatements({ organizations: [], people: [], links: [], publisherName: 'ADI', publicationDate: '2026-02-01' })).toEqual([]);
  });

  it('produces valid, correctly ordered statements for any ownership network (property)', () => {
    const network = fc
      .record({ organizations: fc.integer({ min: 1, max: 8 }), people: fc.integer({ min: 0, max: 5 }) })
      .chain(({ organizations, people }) =>
        fc.record({
          organizations: fc.constant(organizations),
          people: fc.constant(people),
          links: fc.array(
            fc.record({
              owner: fc.integer({ min: 0, max: organizations + people - 1 }),
              owned: fc.integer({ min: 0, max: organizations - 1 }),
              share: fc.option(fc.integer({ min: 0, max: 1_000_000 })),
              kinds: fc.subarray(['voting_rights', 'appoint_board', 'veto', 'other']),
              beneficial: fc.boolean(),
              from: fc.option(fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })),
            }),
            { maxLength: 20 },
          ),
          names: fc.array(fc.string({ minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 3 }),
        }),
      );
    fc.assert(
      fc.property(network, (spec) => {
        const links: BodsLink[] = spec.links.map((link, index) => {
          const isCompany = link.owner < spec.organizations;
          return {
            id: `l${index}`,
            ownerKind: isCompany ? 'organization' : 'person',
            ownerId: isCompany ? `o${link.owner}` : `p${link.owner - spec.organizations}`,
            ownedId: `o${link.owned}`,
            sharePpm: link.share,
            controlKinds: link.kinds,
            fromDate: link.from === null ? null : link.from.toISOString().slice(0, 10),
            toDate: null,
            beneficialOwnershipOrControl: link.beneficial,
            updatedAt: '2026-01-01T00:00:00Z',
          };
        });
        const statements = checkStatements(
          toBodsStatements({
            organizations: Array.from({ length: spec.organizations }, (_, i) => ({
              id: `o${i}`,
              name: spec.names[i % spec.names.length],
              country: 'UA',
              identifiers: [],
              updatedAt: '2026-01-01',
            })),
            people: Array.from({ length: spec.people }, (_, i) => ({
              id: `p${i}`,
              names: spec.names.map((fullName) => ({ fullName })),
              nationalities: [],
              updatedAt: '2026-01-01',
            })),
            links,
            publisherName: 'ADI',
            publicationDate: '2026-02-01',
          }),
        );
        expect(statements).toHaveLength(spec.organizations + spec.people + links.length);
        for (const statement of statements) {
          if (statement.recordType !== 'relationship') continue;
          for (const interest of statement.recordDetails.interests ?? []) {
            if (interest.beneficialOwnershipOrControl) expect(statement.recordDetails.interestedParty.startsWith('p')).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
