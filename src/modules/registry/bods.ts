/**
 * Ownership exported as Beneficial Ownership Data Standard (BODS) 0.4 statements.
 *
 * Written against the BODS 0.4 JSON schema (openownership/data-standard, schema/statement.json,
 * entity-record.json, person-record.json, relationship-record.json, components.json):
 *
 * - One statement per organization (recordType 'entity'), per person ('person') and per ownership
 *   link ('relationship'). All entity and person statements come first, so every relationship's
 *   `subject` and `interestedParty` refer to a record already stated, as BODS requires.
 * - `recordId` is the platform id; `statementId` is a UUID-formatted SHA-256 of what the statement
 *   says (publisher, declaration subject, record, date, details), so re-exporting unchanged data
 *   gives the same ids and any change gives new ones. Publication details are left out of the hash
 *   on purpose: publishing the same claim again is not a new statement.
 * - Every record is published with recordStatus 'new': this is a snapshot, not a change feed. An
 *   ended link keeps its `endDate` on its interests.
 * - Interests, all `directOrIndirect: 'direct'` (each link is a direct holding):
 *     sharePpm                → 'shareholding' with share.exact (and minimum = maximum = exact) in percent
 *     'voting_rights'         → 'votingRights'
 *     'appoint_board'         → 'appointmentOfBoard'
 *     'veto'                  → 'otherInfluenceOrControl', details 'veto rights'
 *     'other'                 → 'otherInfluenceOrControl'
 *     any other kind          → 'otherInfluenceOrControl', details = the kind (nothing is dropped)
 *     neither share nor kind  → 'unknownInterest'
 *   `beneficialOwnershipOrControl` is true only for a person's link flagged as such: BODS defines
 *   beneficial ownership as always between a natural person and an entity.
 * - Person names: the first is the 'legal' name; a later name in another script is a
 *   'transliteration', one in the same (or no) script an 'alternative'.
 * - Addresses: 'registered' stays, the platform's 'operational' and 'production' become
 *   'business'; BODS codes pass through; other types are published without a type.
 * - Country and jurisdiction names come from the ISO 3166-1 code through Intl (English).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { IDENTIFIER_SCHEMES } from './identifiers.ts';

export interface BodsOrganization {
  id: string;
  name: string;
  country: string;
  identifiers: Array<{ scheme: string; value: string; identifier: string }>;
  addresses?: Array<{ type: string; address: string; country: string }>;
  foundingDate?: string | null;
  /** Names in other languages or scripts (BODS `alternateNames`). */
  alternateNames?: string[];
  updatedAt: string;
}

export interface BodsPerson {
  id: string;
  names: Array<{ fullName: string; script?: string }>;
  birthDate?: string | null;
  nationalities: string[];
  updatedAt: string;
}

export interface BodsLink {
  id: string;
  ownerKind: 'person' | 'organization';
  ownerId: string;
  ownedId: string;
  sharePpm: number | null;
  controlKinds: string[];
  fromDate: string | null;
  toDate: string | null;
  beneficialOwnershipOrControl: boolean;
  updatedAt: string;
}

export type BodsSourceType = 'selfDeclaration' | 'officialRegister' | 'thirdParty' | 'primaryResearch' | 'verified';

export interface BodsExportInput {
  organizations: BodsOrganization[];
  people: BodsPerson[];
  links: BodsLink[];
  publisherName: string;
  /** YYYY-MM-DD, or an ISO date-time (its UTC date is used). */
  publicationDate: string;
  /** The organization whose ownership network this is; by default the one organization that owns none of the others. */
  declarationSubjectId?: string;
  /** Where the information comes from; by default the organizations' own declarations to the platform. */
  source?: { type: BodsSourceType[]; description?: string };
}

export const BODS_VERSION = '0.4';

const DEFAULT_SOURCE = { type: ['selfDeclaration'] as BodsSourceType[], description: 'Declared by the organization to the ADI Platform registry' };

const BODS_ADDRESS_TYPES = new Set(['placeOfBirth', 'residence', 'registered', 'service', 'alternative', 'business']);
const PLATFORM_ADDRESS_TYPES: Record<string, string> = { operational: 'business', production: 'business' };

const CONTROL_INTERESTS: Record<string, { type: string; details?: string }> = {
  voting_rights: { type: 'votingRights' },
  appoint_board: { type: 'appointmentOfBoard' },
  veto: { type: 'otherInfluenceOrControl', details: 'veto rights' },
  other: { type: 'otherInfluenceOrControl' },
};

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

function country(code: string, what: string): { name: string; code: string } {
  if (!/^[A-Z]{2}$/.test(code)) throw new RangeError(`${what}: "${code}" is not an ISO 3166-1 alpha-2 country code`);
  return { name: regionNames.of(code) ?? code, code };
}

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(text: string): boolean {
  const match = FULL_DATE.exec(text);
  if (match === null) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** A calendar date as YYYY-MM-DD from a date or an ISO date-time (its UTC date). */
function calendarDate(text: string, what: string): string {
  if (isRealDate(text)) return text;
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const millis = Date.parse(text);
    if (!Number.isNaN(millis)) return new Date(millis).toISOString().slice(0, 10);
  }
  throw new RangeError(`${what}: "${text}" is not an ISO 8601 date`);
}

function birthDate(text: string, what: string): string {
  // BODS allows a year or a year and month where the day is not known.
  if (/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(text) || isRealDate(text)) return text;
  throw new RangeError(`${what}: "${text}" is not a date as YYYY, YYYY-MM or YYYY-MM-DD`);
}

function uuidFromHash(text: string): string {
  const bytes = sha256(new TextEncoder().encode(text)).slice(0, 16);
  // RFC 9562 version 8 (custom) with the standard variant: a valid UUID that says it is not random.
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function entityDetails(organization: BodsOrganization): Record<string, unknown> {
  const what = `organization ${organization.id}`;
  const details: Record<string, unknown> = {
    isComponent: false,
    entityType: { type: 'registeredEntity' },
    name: organization.name,
  };
  if (organization.alternateNames !== undefined && organization.alternateNames.length > 0) details.alternateNames = organization.alternateNames;
  details.jurisdiction = country(organization.country, what);
  details.identifiers = organization.identifiers.map((identifier) => {
    const scheme = IDENTIFIER_SCHEMES[identifier.scheme];
    return scheme === undefined
      ? { id: identifier.value, scheme: identifier.scheme }
      : { id: identifier.value, scheme: identifier.scheme, schemeName: scheme.name };
  });
  if (organization.foundingDate) details.foundingDate = calendarDate(organization.foundingDate, `${what} founding date`);
  if (organization.addresses !== undefined && organization.addresses.length > 0) {
    details.addresses = organization.addresses.map((address) => {
      const type = BODS_ADDRESS_TYPES.has(address.type) ? address.type : PLATFORM_ADDRESS_TYPES[address.type];
      const out: Record<string, unknown> = {};
      if (type !== undefined) out.type = type;
      out.address = address.address;
      out.country = country(address.country, `${what} address`);
      return out;
    });
  }
  return details;
}

function personDetails(person: BodsPerson): Record<string, unknown> {
  const what = `person ${person.id}`;
  const firstScript = person.names[0]?.script;
  const details: Record<string, unknown> = {
    isComponent: false,
    personType: 'knownPerson',
    names: person.names.map((name, index) => ({
      type: index === 0 ? 'legal' : name.script !== undefined && firstScript !== undefined && name.script !== firstScript ? 'transliteration' : 'alternative',
      fullName: name.fullName,
    })),
    nationalities: person.nationalities.map((code) => country(code, `${what} nationality`)),
  };
  if (person.birthDate) details.birthDate = birthDate(person.birthDate, `${what} birth date`);
  return details;
}

function relationshipDetails(link: BodsLink): Record<string, unknown> {
  const what = `link ${link.id}`;
  const beneficial = link.ownerKind === 'person' && link.beneficialOwnershipOrControl;
  const dates: Record<string, string> = {};
  if (link.fromDate) dates.startDate = calendarDate(link.fromDate, `${what} start date`);
  if (link.toDate) dates.endDate = calendarDate(link.toDate, `${what} end date`);
  const interest = (type: string, extra: Record<string, unknown> = {}) => ({
    type,
    directOrIndirect: 'direct',
    beneficialOwnershipOrControl: beneficial,
    ...extra,
    ...dates,
  });

  const interests: Array<Record<string, unknown>> = [];
  if (link.sharePpm !== null) {
    if (!Number.isSafeInteger(link.sharePpm) || link.sharePpm < 0 || link.sharePpm > 1_000_000) {
      throw new RangeError(`${what}: share ${link.sharePpm} ppm is not a whole number from 0 to 1000000`);
    }
    // ppm / 10^4 is the correctly rounded double of the decimal percentage, so JSON shows e.g. 24.99.
    const percent = link.sharePpm / 10_000;
    interests.push(interest('shareholding', { share: { exact: percent, minimum: percent, maximum: percent } }));
  }
  for (const kind of new Set(link.controlKinds)) {
    const mapped = CONTROL_INTERESTS[kind] ?? { type: 'otherInfluenceOrControl', details: kind };
    interests.push(interest(mapped.type, mapped.details === undefined ? {} : { details: mapped.details }));
  }
  if (interests.length === 0) interests.push(interest('unknownInterest'));

  return { isComponent: false, subject: link.ownedId, interestedParty: link.ownerId, interests };
}

function uniqueIds(records: Array<{ id: string }>, what: string): Set<string> {
  const ids = new Set<string>();
  for (const record of records) {
    if (ids.has(record.id)) throw new RangeError(`${what} ${record.id} is listed twice`);
    ids.add(record.id);
  }
  return ids;
}

function chooseDeclarationSubject(input: BodsExportInput, organizationIds: Set<string>): string {
  if (input.declarationSubjectId !== undefined) {
    if (!organizationIds.has(input.declarationSubjectId)) {
      throw new RangeError(`declaration subject ${input.declarationSubjectId} is not among the organizations`);
    }
    return input.declarationSubjectId;
  }
  // The network's subject is the company at the bottom: owned, but owning none of the others.
  const owners = new Set(input.links.filter((link) => link.ownerKind === 'organization').map((link) => link.ownerId));
  const bottom = input.organizations.filter((organization) => !owners.has(organization.id));
  return (bottom.length === 1 ? bottom[0] : input.organizations[0]).id;
}

/** Builds BODS 0.4 statements (entities, then people, then relationships) for an ownership network. */
export function toBodsStatements(input: BodsExportInput): unknown[] {
  const organizationIds = uniqueIds(input.organizations, 'organization');
  const personIds = uniqueIds(input.people, 'person');
  uniqueIds(input.links, 'link');
  for (const link of input.links) {
    if (!organizationIds.has(link.ownedId)) throw new RangeError(`link ${link.id} owns organization ${link.ownedId}, which is not in the export`);
    const owners = link.ownerKind === 'person' ? personIds : organizationIds;
    if (!owners.has(link.ownerId)) throw new RangeError(`link ${link.id} is held by ${link.ownerKind} ${link.ownerId}, which is not in the export`);
  }
  if (input.organizations.length === 0) return [];

  const declarationSubject = chooseDeclarationSubject(input, organizationIds);
  const publicationDetails = {
    publicationDate: calendarDate(input.publicationDate, 'publication date'),
    bodsVersion: BODS_VERSION,
    publisher: { name: input.publisherName },
  };
  const source = input.source ?? DEFAULT_SOURCE;

  const statement = (recordType: 'entity' | 'person' | 'relationship', recordId: string, updatedAt: string, recordDetails: Record<string, unknown>) => {
    const statementDate = calendarDate(updatedAt, `${recordType} ${recordId} update time`);
    const recordStatus = 'new';
    const statementId = uuidFromHash(JSON.stringify([input.publisherName, declarationSubject, recordType, recordId, statementDate, recordStatus, recordDetails]));
    return {
      statementId,
      declarationSubject,
      statementDate,
      recordId,
      recordType,
      recordStatus,
      recordDetails,
      // Copies, so that a caller editing one statement does not edit them all.
      publicationDetails: { ...publicationDetails, publisher: { ...publicationDetails.publisher } },
      source: { ...source, type: [...source.type] },
    };
  };

  return [
    ...input.organizations.map((organization) => statement('entity', organization.id, organization.updatedAt, entityDetails(organization))),
    ...input.people.map((person) => statement('person', person.id, person.updatedAt, personDetails(person))),
    ...input.links.map((link) => statement('relationship', link.id, link.updatedAt, relationshipDetails(link))),
  ];
}
