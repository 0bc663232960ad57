import { enqueueJobs } from '../jobs/service.ts';
import { fileTypeFromBuffer } from 'file-type';
import type { Kysely, Transaction } from 'kysely';
import type { AuthContext } from '../../core/access.ts';
import { AppError } from '../../core/errors.ts';
import { inTransaction } from '../../core/idempotency.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Database, ReviewStatus } from '../../db/schema.ts';
import { type AuditActor, recordAudit, recordAuditBatch } from '../audit/service.ts';
import { linkUserToOrganization } from '../identity/service.ts';
import type { BlobStore } from './blob-store.ts';
import { type BodsLink, toBodsStatements } from './bods.ts';
import { documentsClearedForEvaluator } from '../fund/calls-service.ts';
import { changesAreTrusted, isEvaluatorOnly, visibleOrganizationId } from './policy.ts';
import * as repo from './repo.ts';
import { CONTROL_KINDS, OFFICER_ROLES, type TCreateOrganization, type TCreatePerson, type TDocument, type TOrganization, type TPerson, type TUpdateOrganization } from './schema.ts';
import { BENEFICIAL_OWNER_THRESHOLD_PPM, type OwnershipEdge, computeUltimateBeneficialOwners, ppmToPercentString } from './ubo.ts';

type Db = Kysely<Database>;
type OrganizationRow = NonNullable<Awaited<ReturnType<typeof repo.findOrganization>>>;

const NOT_FOUND = 'no such organization';

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function presentIdentifier(row: { id: string; identifier: string; scheme: string; value: string; status: ReviewStatus; review_note: string | null }) {
  return { id: row.id, identifier: row.identifier, scheme: row.scheme, value: row.value, status: row.status, reviewNote: row.review_note };
}

function presentOrganization(row: OrganizationRow, identifiers: Awaited<ReturnType<typeof repo.listIdentifiers>>): TOrganization {
  return {
    id: row.id,
    name: row.name,
    nameUk: row.name_uk,
    nameOriginal: row.name_original,
    shortName: row.short_name,
    country: row.country,
    kind: row.kind,
    sizeBand: row.size_band,
    website: row.website,
    foundedOn: row.founded_on,
    addresses: row.addresses,
    contacts: row.contacts,
    capabilities: row.capabilities,
    identifiers: identifiers.filter((i) => i.status !== 'removed' && i.status !== 'rejected').map(presentIdentifier),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function presentPerson(row: NonNullable<Awaited<ReturnType<typeof repo.findPerson>>>): TPerson {
  return {
    id: row.id,
    primaryName: row.primary_name,
    names: row.names,
    birthDate: row.birth_date,
    nationalities: row.nationalities,
    identifiers: row.identifiers,
    createdAt: row.created_at.toISOString(),
  };
}

// Access ------------------------------------------------------------------------------------------

/**
 * The organizations a caller may see: null for staff (all of them); for a company user their own
 * organization and every organization above it in its declared ownership chain, so they can
 * declare the owners of their holding companies; nobody else's.
 */
async function organizationScope(db: Db, auth: AuthContext): Promise<string[] | null> {
  const own = visibleOrganizationId(auth);
  if (own === null) return null;
  if (own === 'none') return [];
  return repo.organizationAndConfirmedOwnersAbove(db, own);
}

/** Throws 404 (not 403, so ids cannot be probed) when the caller may not see the organization. */
async function assertMaySee(db: Db, auth: AuthContext, organizationId: string): Promise<void> {
  const scope = await organizationScope(db, auth);
  if (scope !== null && !scope.includes(organizationId)) throw new AppError('not_found', NOT_FOUND);
}

/**
 * Throws 404 unless the caller may change the organization's records: staff as their roles allow; a
 * company user its own organization and the holding companies it registered itself, never another
 * company above it (even through a confirmed link, a subsidiary does not edit its parent).
 */
async function assertMayChange(db: Db, auth: AuthContext, organizationId: string): Promise<void> {
  const own = visibleOrganizationId(auth);
  if (own === null) return;
  if (own === 'none' || !(await repo.organizationAndRegisteredOwnersAbove(db, own)).includes(organizationId)) throw new AppError('not_found', NOT_FOUND);
}

/** True when the caller may see the organization (for other domains that show registry data). */
export async function maySeeOrganization(db: Db, auth: AuthContext, organizationId: string): Promise<boolean> {
  const scope = await organizationScope(db, auth);
  return scope === null || scope.includes(organizationId);
}

async function assertCapabilitiesKnown(db: Db | Transaction<Database>, codes: string[], field: string): Promise<void> {
  const unknown = await repo.unknownCapabilities(db, [...new Set(codes)]);
  if (unknown.length) {
    throw new AppError('validation_failed', { detail: `unknown capability categories: ${unknown.join(', ')}`, errors: [{ field, message: `unknown codes: ${unknown.join(', ')}` }] });
  }
}

/** Refuses identifiers that repeat within the request (400) or that another live record holds (409, naming it). */
async function assertIdentifiersFree(db: Db | Transaction<Database>, identifiers: string[]): Promise<void> {
  const repeated = identifiers.filter((id, index) => identifiers.indexOf(id) !== index);
  if (repeated.length) throw new AppError('validation_failed', { detail: `identifier given twice: ${repeated[0]}`, errors: [{ field: 'body.identifiers', message: `${repeated[0]} is given twice` }] });
  const taken = await repo.findLiveIdentifiers(db, identifiers);
  if (taken.length) {
    const first = taken[0];
    throw new AppError('already_exists', {
      detail: `${first.identifier} is already registered to ${first.organization_name} (${first.organization_id})`,
      extra: { existing: { identifier: first.identifier, organizationId: first.organization_id, organizationName: first.organization_name } },
    });
  }
}

// Organizations -----------------------------------------------------------------------------------

/** True when an organization with this id exists. */
export async function organizationExists(db: Db, id: string): Promise<boolean> {
  return (await repo.findOrganization(db, id)) !== undefined;
}

/** The starter and administrator-maintained capability taxonomy. */
export async function listCapabilities(db: Db) {
  const rows = await repo.listCapabilities(db);
  return rows.map((row) => ({ code: row.code, parentCode: row.parent_code, nameUk: row.name_uk, nameEn: row.name_en, unitUk: row.unit_uk, unitEn: row.unit_en, archived: row.archived }));
}

/** The table row for a new organization. */
function organizationRow(input: TCreateOrganization, now: Date) {
  return {
    id: uuidv7(),
    name: input.name,
    name_uk: input.nameUk,
    name_original: input.nameOriginal ?? null,
    short_name: input.shortName ?? null,
    country: input.country,
    kind: input.kind,
    size_band: input.sizeBand ?? null,
    website: input.website ?? null,
    founded_on: input.foundedOn ?? null,
    addresses: JSON.stringify(input.addresses),
    contacts: JSON.stringify(input.contacts),
    capabilities: [...new Set(input.capabilities)],
    version: 1,
    created_at: now,
    updated_at: now,
  };
}

/** The identifier rows of a new organization: confirmed when `trusted`, otherwise awaiting an officer. */
function identifierRows(organizationId: string, input: TCreateOrganization, trusted: boolean, proposedBy: string | null, now: Date) {
  return input.identifiers.map((i) => ({
    id: uuidv7(),
    organization_id: organizationId,
    scheme: i.scheme,
    value: i.value,
    identifier: i.identifier,
    status: trusted ? ('confirmed' as const) : ('pending' as const),
    proposed_by: proposedBy,
    reviewed_by: trusted ? proposedBy : null,
    review_note: null,
    created_at: now,
    updated_at: now,
  }));
}

/** Inserts an organization with its identifiers in the caller's transaction; identifiers are pending unless `trusted`. */
async function insertOrganization(trx: Transaction<Database>, actor: AuditActor, input: TCreateOrganization, trusted: boolean, proposedBy: string | null): Promise<OrganizationRow> {
  await assertCapabilitiesKnown(trx, input.capabilities, 'body.capabilities');
  await assertIdentifiersFree(trx, input.identifiers.map((i) => i.identifier));
  const now = new Date();
  const row = organizationRow(input, now);
  await repo.insertOrganizations(trx, [row]);
  await repo.insertIdentifiers(trx, identifierRows(row.id, input, trusted, proposedBy, now));
  await recordAudit(trx, actor, {
    action: 'organization.created',
    targetType: 'organization',
    targetId: row.id,
    details: { name: row.name, country: row.country, identifiers: input.identifiers.map((i) => i.identifier), reviewed: trusted },
  });
  await queueScreening(trx, { organizationId: row.id });
  const created = await repo.findOrganization(trx, row.id);
  if (!created) throw new Error('organization vanished inside its own transaction');
  return created;
}

/**
 * Registers an organization. Staff (and the system, with no `auth`) register any organization;
 * a company user without an organization registers their own and is linked to it, its
 * identifiers awaiting an officer's confirmation.
 */
export async function createOrganization(db: Db, actor: AuditActor, input: TCreateOrganization, auth?: AuthContext): Promise<TOrganization> {
  const trusted = !auth || changesAreTrusted(auth);
  const companyUser = auth && !trusted ? auth.user : null;
  if (companyUser?.organizationId) {
    throw new AppError('conflict', { detail: 'you already represent an organization; add holding companies as its owners instead', extra: { organizationId: companyUser.organizationId } });
  }
  const row = await db.transaction().execute(async (trx) => {
    const created = await insertOrganization(trx, actor, input, trusted, auth?.user?.id ?? null);
    if (companyUser) await linkUserToOrganization(trx, actor, companyUser.id, created.id);
    return created;
  });
  return presentOrganization(row, await repo.listIdentifiers(db, row.id));
}

/** Organizations the caller may see, best match first, a page at a time. */
export async function listOrganizations(db: Db, auth: AuthContext, filter: Omit<repo.OrganizationFilter, 'onlyIds'>, limit: number, offset: number) {
  const scope = await organizationScope(db, auth);
  const { items, total, totalIsLowerBound } = await repo.searchOrganizations(db, { ...filter, onlyIds: scope ?? undefined }, limit, offset);
  return {
    totalIsLowerBound,
    items: items.map((row) => ({
      id: row.id,
      name: row.name,
      nameUk: row.name_uk,
      shortName: row.short_name,
      country: row.country,
      kind: row.kind,
      capabilities: row.capabilities,
      identifiers: row.identifiers ?? [],
      createdAt: row.created_at.toISOString(),
    })),
    total,
    limit,
    offset,
  };
}

/**
 * Names and countries of every organization, for pickers (a local partner in an application): a
 * directory any signed-in reader may search, carrying nothing beyond what the public register shows.
 */
export async function organizationDirectory(db: Db, filter: { q?: string; country?: string }, limit: number, offset: number) {
  const { items, total, totalIsLowerBound } = await repo.searchOrganizations(db, filter, limit, offset);
  return { items: items.map((row) => ({ id: row.id, name: row.name, nameUk: row.name_uk, country: row.country })), total, totalIsLowerBound, limit, offset };
}

/** One organization, if the caller may see it (404 otherwise, so ids cannot be probed). */
export async function getOrganization(db: Db, auth: AuthContext, id: string): Promise<TOrganization> {
  await assertMaySee(db, auth, id);
  const row = await repo.findOrganization(db, id);
  if (!row) throw new AppError('not_found', NOT_FOUND);
  return presentOrganization(row, await repo.listIdentifiers(db, id));
}

/** Changes an organization's profile, refusing a stale `version` with 409. */
export async function updateOrganization(db: Db, auth: AuthContext, actor: AuditActor, id: string, patch: TUpdateOrganization): Promise<TOrganization> {
  await assertMayChange(db, auth, id);
  const { version, ...changes } = patch;
  if (changes.capabilities) await assertCapabilitiesKnown(db, changes.capabilities, 'body.capabilities');
  await db.transaction().execute(async (trx) => {
    const current = await repo.lockOrganization(trx, id);
    if (!current) throw new AppError('not_found', NOT_FOUND);
    if (current.version !== version) {
      throw new AppError('conflict', { detail: `the organization was changed by someone else (now version ${current.version}); reload and try again`, extra: { currentVersion: current.version } });
    }
    const updated = await repo.updateOrganization(trx, id, version, {
      name: changes.name,
      name_uk: changes.nameUk,
      name_original: changes.nameOriginal,
      short_name: changes.shortName,
      country: changes.country,
      kind: changes.kind,
      size_band: changes.sizeBand,
      website: changes.website,
      founded_on: changes.foundedOn,
      addresses: changes.addresses ? JSON.stringify(changes.addresses) : undefined,
      contacts: changes.contacts ? JSON.stringify(changes.contacts) : undefined,
      capabilities: changes.capabilities ? [...new Set(changes.capabilities)] : undefined,
      updated_at: new Date(),
    });
    if (!updated) throw new AppError('conflict', 'the organization was changed by someone else; reload and try again');
    await recordAudit(trx, actor, { action: 'organization.updated', targetType: 'organization', targetId: id, details: { fields: Object.keys(changes), version: version + 1 } });
    await queueScreening(trx, { organizationId: id });
  });
  return getOrganization(db, auth, id);
}

/** Adds an identifier: at once for staff, as a proposal for a company user. */
export async function addIdentifier(db: Db, auth: AuthContext, actor: AuditActor, organizationId: string, parsed: { scheme: string; value: string; identifier: string }): Promise<TOrganization> {
  await assertMayChange(db, auth, organizationId);
  const trusted = changesAreTrusted(auth);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.lockOrganization(trx, organizationId))) throw new AppError('not_found', NOT_FOUND);
    await assertIdentifiersFree(trx, [parsed.identifier]);
    const now = new Date();
    const id = uuidv7();
    await repo.insertIdentifiers(trx, [
      { id, organization_id: organizationId, ...parsed, status: trusted ? 'confirmed' : 'pending', proposed_by: auth.user?.id ?? null, reviewed_by: trusted ? (auth.user?.id ?? null) : null, review_note: null, created_at: now, updated_at: now },
    ]);
    await recordAudit(trx, actor, { action: trusted ? 'organization.identifier_added' : 'organization.identifier_proposed', targetType: 'organization', targetId: organizationId, details: { identifier: parsed.identifier, recordId: id } });
    await queueScreening(trx, { organizationId });
  });
  return getOrganization(db, auth, organizationId);
}

const REVIEW_TABLES = { identifier: 'organization_identifiers', officer: 'organization_officers', owner: 'ownership_links' } as const;
type ReviewKind = keyof typeof REVIEW_TABLES;

/**
 * Removes an identifier, officer or owner. Staff remove at once (officers and owners end today);
 * a company user withdraws its own pending proposal at once, or asks an officer to remove a
 * confirmed record.
 */
export async function removeRegistryItem(db: Db, auth: AuthContext, actor: AuditActor, kind: ReviewKind, organizationId: string, itemId: string): Promise<{ status: ReviewStatus }> {
  await assertMayChange(db, auth, organizationId);
  const trusted = changesAreTrusted(auth);
  return db.transaction().execute(async (trx) => {
    const item = await repo.lockReviewable(trx, REVIEW_TABLES[kind], itemId);
    if (!item || item.organization_id !== organizationId) throw new AppError('not_found', `no such ${kind} of this organization`);
    let status: ReviewStatus;
    if (item.status === 'pending' || (trusted && (item.status === 'confirmed' || item.status === 'removal_pending'))) status = 'removed';
    else if (item.status === 'confirmed') status = 'removal_pending';
    else throw new AppError('invalid_transition', { detail: `the ${kind} is ${item.status}; it cannot be removed now`, extra: { allowed: [] } });
    await repo.setReviewStatus(trx, REVIEW_TABLES[kind], itemId, { status, reviewedBy: trusted ? (auth.user?.id ?? null) : undefined, toDate: status === 'removed' && item.status !== 'pending' ? today() : undefined });
    await recordAudit(trx, actor, { action: `organization.${kind}_${status === 'removed' ? 'removed' : 'removal_requested'}`, targetType: 'organization', targetId: organizationId, details: { recordId: itemId } });
    await queueScreening(trx, { organizationId });
    return { status };
  });
}

// Reviews -----------------------------------------------------------------------------------------

/** The officer's queue of proposals awaiting confirmation, oldest first. */
export async function listReviews(db: Db, organizationId: string | undefined, limit: number, offset: number) {
  const rows = await repo.listPendingReviews(db, organizationId, limit, offset);
  const total = rows[0]?.total ?? (await repo.countPendingReviews(db, organizationId));
  return {
    items: rows.map((row) => ({
      kind: row.kind,
      id: row.id,
      organizationId: row.organization_id,
      organizationName: row.organization_name,
      status: row.status,
      summary: row.summary,
      identifier: row.identifier,
      officerRole: row.officer_role,
      name: row.person_or_owner_name,
      sharePercent: row.share_ppm === null ? null : row.share_ppm / 10_000,
      controlKinds: row.control_kinds ?? [],
      proposedAt: new Date(row.proposed_at).toISOString(),
    })),
    total: Number(total),
    limit,
    offset,
  };
}

/**
 * Confirms or rejects a company's proposal. Confirming a removal request removes the record
 * (ending it today); rejecting one keeps it confirmed.
 */
export async function decideReview(db: Db, auth: AuthContext, actor: AuditActor, kind: ReviewKind, itemId: string, decision: 'confirm' | 'reject', note: string | undefined) {
  return db.transaction().execute(async (trx) => {
    const item = await repo.lockReviewable(trx, REVIEW_TABLES[kind], itemId);
    if (!item) throw new AppError('not_found', `no such ${kind}`);
    if (item.status !== 'pending' && item.status !== 'removal_pending') {
      throw new AppError('invalid_transition', { detail: `the ${kind} is ${item.status}, not awaiting review`, extra: { allowed: [] } });
    }
    const removal = item.status === 'removal_pending';
    const status: ReviewStatus = removal ? (decision === 'confirm' ? 'removed' : 'confirmed') : decision === 'confirm' ? 'confirmed' : 'rejected';
    await repo.setReviewStatus(trx, REVIEW_TABLES[kind], itemId, { status, reviewedBy: auth.user?.id ?? null, note: note ?? null, toDate: status === 'removed' ? today() : undefined });
    await recordAudit(trx, actor, {
      action: `registry.review_${decision === 'confirm' ? 'confirmed' : 'rejected'}`,
      targetType: kind,
      targetId: itemId,
      details: { organizationId: item.organization_id, removal, status, note: note ?? null },
    });
    await queueScreening(trx, { organizationId: item.organization_id });
    return { kind, id: itemId, status };
  });
}

// People ------------------------------------------------------------------------------------------

/** Picks the name shown first: a Latin-script one if there is one (staff read lists in Latin), else the first. */
function primaryNameOf(names: Array<{ fullName: string; script: string }>): string {
  return (names.find((n) => n.script === 'Latn') ?? names[0]).fullName;
}

/** The table row for a new person. */
function personRow(input: Omit<TCreatePerson, 'organizationId'>, enteredFor: string | null, now: Date) {
  return {
    id: uuidv7(),
    primary_name: primaryNameOf(input.names),
    names: JSON.stringify(input.names),
    birth_date: input.birthDate ?? null,
    nationalities: [...new Set(input.nationalities)],
    identifiers: JSON.stringify(input.identifiers),
    search_text: input.names.map((n) => n.fullName.toLowerCase()).join(' '),
    entered_for_organization_id: enteredFor,
    created_at: now,
    updated_at: now,
  };
}

async function insertPerson(trx: Transaction<Database>, actor: AuditActor, input: Omit<TCreatePerson, 'organizationId'>, enteredFor: string | null): Promise<string> {
  const row = personRow(input, enteredFor, new Date());
  const id = row.id;
  await repo.insertPerson(trx, row);
  // Personal data stays out of the audit log: the event names the record, not the person.
  await recordAudit(trx, actor, { action: 'person.created', targetType: 'person', targetId: id, details: { enteredForOrganizationId: enteredFor } });
  return id;
}

/** Records a person (an officer or owner to be). Company users enter people for their own organization. */
export async function createPerson(db: Db, auth: AuthContext, actor: AuditActor, input: TCreatePerson): Promise<TPerson> {
  const own = visibleOrganizationId(auth);
  let enteredFor: string | null = input.organizationId ?? null;
  if (own === 'none') throw new AppError('forbidden', 'register your organization first');
  if (own !== null) enteredFor = own;
  else if (enteredFor && !(await organizationExists(db, enteredFor))) throw new AppError('validation_failed', { detail: 'no such organization', errors: [{ field: 'body.organizationId', message: 'no such organization' }] });
  const id = await db.transaction().execute((trx) => insertPerson(trx, actor, input, enteredFor));
  return getPerson(db, auth, id);
}

/** One person, if the caller may see them (company users: people linked to their organizations). */
export async function getPerson(db: Db, auth: AuthContext, id: string): Promise<TPerson> {
  const scope = await organizationScope(db, auth);
  if (scope !== null && !(await repo.personLinkedToOrganizations(db, id, scope))) throw new AppError('not_found', 'no such person');
  const row = await repo.findPerson(db, id);
  if (!row) throw new AppError('not_found', 'no such person');
  return presentPerson(row);
}

/** People the caller may see, by name in any script. */
export async function listPeople(db: Db, auth: AuthContext, q: string | undefined, limit: number, offset: number) {
  const scope = await organizationScope(db, auth);
  const { items, total } = await repo.searchPeople(db, { q, linkedTo: scope ?? undefined }, limit, offset);
  return { items: items.map(presentPerson), total, limit, offset };
}

// Officers and owners ----------------------------------------------------------------------------

function presentOfficer(row: Awaited<ReturnType<typeof repo.listOfficers>>[number]) {
  return { id: row.id, personId: row.person_id, personName: row.person_name, role: row.role, fromDate: row.from_date, toDate: row.to_date, status: row.status, reviewNote: row.review_note };
}

function presentLink(row: Awaited<ReturnType<typeof repo.listDirectOwners>>[number]) {
  return {
    id: row.id,
    ownedOrganizationId: row.owned_organization_id,
    owner: { kind: row.owner_person_id ? ('person' as const) : ('organization' as const), id: (row.owner_person_id ?? row.owner_organization_id) as string, name: row.owner_name },
    sharePercent: row.share_ppm === null ? null : row.share_ppm / 10_000,
    controlKinds: row.control_kinds,
    fromDate: row.from_date,
    toDate: row.to_date,
    status: row.status,
    reviewNote: row.review_note,
  };
}

/** An organization's officers and direct owners (with pending proposals, marked as such). */
export async function organizationPeople(db: Db, auth: AuthContext, organizationId: string) {
  await assertMaySee(db, auth, organizationId);
  if (!(await organizationExists(db, organizationId))) throw new AppError('not_found', NOT_FOUND);
  const [officers, owners] = await Promise.all([repo.listOfficers(db, organizationId), repo.listDirectOwners(db, organizationId)]);
  return { officers: officers.map(presentOfficer), owners: owners.map(presentLink) };
}

function dateRangeError(fromDate: string | null | undefined, toDate: string | null | undefined) {
  if (fromDate && toDate && toDate < fromDate) throw new AppError('validation_failed', { detail: 'toDate is before fromDate', errors: [{ field: 'body.toDate', message: 'must not be before fromDate' }] });
}

/** Appoints an officer (director, signatory…): at once for staff, as a proposal for a company user. */
export async function addOfficer(db: Db, auth: AuthContext, actor: AuditActor, organizationId: string, input: { personId: string; role: 'director' | 'signatory' | 'board_member' | 'chief_accountant' | 'other'; fromDate?: string | null; toDate?: string | null }) {
  await assertMayChange(db, auth, organizationId);
  dateRangeError(input.fromDate, input.toDate);
  await getPerson(db, auth, input.personId).catch(() => {
    throw new AppError('validation_failed', { detail: 'no such person', errors: [{ field: 'body.personId', message: 'no such person' }] });
  });
  const trusted = changesAreTrusted(auth);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.lockOrganization(trx, organizationId))) throw new AppError('not_found', NOT_FOUND);
    const now = new Date();
    const id = uuidv7();
    await repo.insertOfficer(trx, {
      id,
      organization_id: organizationId,
      person_id: input.personId,
      role: input.role,
      from_date: input.fromDate ?? null,
      to_date: input.toDate ?? null,
      status: trusted ? 'confirmed' : 'pending',
      proposed_by: auth.user?.id ?? null,
      reviewed_by: trusted ? (auth.user?.id ?? null) : null,
      review_note: null,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, { action: trusted ? 'organization.officer_added' : 'organization.officer_proposed', targetType: 'organization', targetId: organizationId, details: { recordId: id, personId: input.personId, role: input.role } });
    await queueScreening(trx, { organizationId });
  });
  return organizationPeople(db, auth, organizationId);
}

/** Who owns: an existing person or organization, or one registered in the same request. */
export type OwnerInput =
  | { kind: 'person'; id: string }
  | { kind: 'organization'; id: string }
  | { kind: 'new_person'; person: Omit<TCreatePerson, 'organizationId'> }
  | { kind: 'new_organization'; organization: TCreateOrganization };

/**
 * Records that an owner holds a share and/or control of the organization. The shares in force may
 * not add up to more than 100 %; an organization cannot own itself (longer cycles of
 * cross-holdings are real and are reported by the beneficial-owner computation instead).
 */
export async function addOwner(
  db: Db,
  auth: AuthContext,
  actor: AuditActor,
  organizationId: string,
  input: { owner: OwnerInput; sharePercent?: number | null; controlKinds: string[]; fromDate?: string | null; toDate?: string | null },
) {
  await assertMayChange(db, auth, organizationId);
  dateRangeError(input.fromDate, input.toDate);
  const owner = input.owner;
  if (owner.kind === 'person') {
    await getPerson(db, auth, owner.id).catch(() => {
      throw new AppError('validation_failed', { detail: 'no such person', errors: [{ field: 'body.owner.id', message: 'no such person' }] });
    });
  }
  if (owner.kind === 'organization') {
    if (owner.id === organizationId) throw new AppError('validation_failed', { detail: 'an organization cannot own itself', errors: [{ field: 'body.owner.id', message: 'is the owned organization itself' }] });
    if (!(await organizationExists(db, owner.id))) throw new AppError('validation_failed', { detail: 'no such organization', errors: [{ field: 'body.owner.id', message: 'no such organization' }] });
  }
  const sharePpm = input.sharePercent == null ? null : Math.round(input.sharePercent * 10_000);
  if (sharePpm === null && input.controlKinds.length === 0) {
    throw new AppError('validation_failed', { detail: 'give a share, a kind of control, or both', errors: [{ field: 'body.sharePercent', message: 'required when there is no control kind' }] });
  }
  const trusted = changesAreTrusted(auth);
  await db.transaction().execute(async (trx) => {
    // Locking the owned organization serializes concurrent additions, so the 100 % check holds.
    if (!(await repo.lockOrganization(trx, organizationId))) throw new AppError('not_found', NOT_FOUND);
    if (sharePpm !== null) {
      const existing = await repo.liveShareTotal(trx, organizationId, input.fromDate && input.fromDate > today() ? input.fromDate : today());
      if (existing + sharePpm > 1_000_000) {
        throw new AppError('validation_failed', {
          detail: `shares would add up to ${ppmToPercentString(existing + sharePpm)} %; ${ppmToPercentString(1_000_000 - existing)} % is left`,
          errors: [{ field: 'body.sharePercent', message: `at most ${ppmToPercentString(1_000_000 - existing)} % is left` }],
        });
      }
    }
    let ownerPersonId: string | null = null;
    let ownerOrganizationId: string | null = null;
    if (owner.kind === 'person') ownerPersonId = owner.id;
    else if (owner.kind === 'organization') ownerOrganizationId = owner.id;
    else if (owner.kind === 'new_person') ownerPersonId = await insertPerson(trx, actor, owner.person, visibleOrganizationId(auth) === null ? organizationId : (auth.user?.organizationId ?? organizationId));
    else ownerOrganizationId = (await insertOrganization(trx, actor, owner.organization, trusted, auth.user?.id ?? null)).id;
    const now = new Date();
    const id = uuidv7();
    await repo.insertOwnershipLinks(trx, [
      {
        id,
        owned_organization_id: organizationId,
        owner_person_id: ownerPersonId,
        owner_organization_id: ownerOrganizationId,
        share_ppm: sharePpm,
        control_kinds: [...new Set(input.controlKinds)],
        from_date: input.fromDate ?? null,
        to_date: input.toDate ?? null,
        status: trusted ? 'confirmed' : 'pending',
        proposed_by: auth.user?.id ?? null,
        reviewed_by: trusted ? (auth.user?.id ?? null) : null,
        review_note: null,
        owner_registered_with_link: owner.kind === 'new_organization',
        created_at: now,
        updated_at: now,
      },
    ]);
    await recordAudit(trx, actor, {
      action: trusted ? 'organization.owner_added' : 'organization.owner_proposed',
      targetType: 'organization',
      targetId: organizationId,
      details: { recordId: id, ownerPersonId, ownerOrganizationId, sharePpm, controlKinds: input.controlKinds },
    });
    await queueScreening(trx, { organizationId });
  });
  return organizationPeople(db, auth, organizationId);
}

// Beneficial owners -------------------------------------------------------------------------------

async function loadOwnership(db: Db, organizationId: string, asOf: string, includePending = false) {
  const links = await repo.ownershipLinksUpward(db, organizationId, asOf, includePending ? repo.LIVE_STATUSES : repo.EFFECTIVE_STATUSES);
  const edges: OwnershipEdge[] = links.map((l) => ({
    id: l.id,
    ownerKind: l.owner_person_id ? 'person' : 'organization',
    ownerId: (l.owner_person_id ?? l.owner_organization_id) as string,
    ownedId: l.owned_organization_id,
    sharePpm: l.share_ppm,
    control: l.control_kinds.length > 0,
  }));
  const organizationIds = new Set<string>([organizationId]);
  const personIds = new Set<string>();
  for (const edge of edges) {
    organizationIds.add(edge.ownedId);
    (edge.ownerKind === 'person' ? personIds : organizationIds).add(edge.ownerId);
  }
  const [organizations, people] = await Promise.all([repo.organizationNames(db, [...organizationIds]), repo.findPeople(db, [...personIds])]);
  return { links, edges, organizations, people };
}

/**
 * The ultimate beneficial owners of an organization on a date (default today): people holding
 * 25 % or more through any chain of companies, or control; with the ownership graph to draw.
 */
export async function beneficialOwners(db: Db, auth: AuthContext, organizationId: string, asOf = today(), includePending = false) {
  await assertMaySee(db, auth, organizationId);
  if (!(await organizationExists(db, organizationId))) throw new AppError('not_found', NOT_FOUND);
  const { links, edges, organizations, people } = await loadOwnership(db, organizationId, asOf, includePending);
  const result = computeUltimateBeneficialOwners(organizationId, edges);
  const organizationName = new Map(organizations.map((o) => [o.id, o.name]));
  const personName = new Map(people.map((p) => [p.id, p.primary_name]));
  const named = (id: string) => ({ id, name: organizationName.get(id) ?? id });
  return {
    organizationId,
    asOf,
    includesPending: includePending,
    thresholdPercent: BENEFICIAL_OWNER_THRESHOLD_PPM / 10_000,
    owners: result.owners.map((o) => ({
      personId: o.personId,
      name: personName.get(o.personId) ?? o.personId,
      effectiveSharePercent: o.effectiveShareExact,
      control: o.control,
      isBeneficialOwner: o.isBeneficialOwner,
      reasons: o.reasons,
      paths: o.paths.map((p) => ({ organizationIds: p.organizationIds, sharePercent: p.sharePercentExact })),
    })),
    unresolvedOrganizations: result.unresolvedOrganizations.map(named),
    cycles: result.cycles.map((cycle) => cycle.map(named)),
    truncated: result.truncated,
    graph: {
      nodes: [
        ...organizations.map((o) => ({ id: o.id, kind: 'organization' as const, name: o.name, country: o.country })),
        ...people.map((p) => ({ id: p.id, kind: 'person' as const, name: p.primary_name, country: p.nationalities[0] ?? null })),
      ],
      edges: links.map((l) => ({
        id: l.id,
        from: (l.owner_person_id ?? l.owner_organization_id) as string,
        to: l.owned_organization_id,
        sharePercent: l.share_ppm === null ? null : l.share_ppm / 10_000,
        controlKinds: l.control_kinds,
      })),
    },
  };
}

/** The ownership of an organization (confirmed links in force today, upward) as BODS 0.4 statements. */
export async function ownershipAsBods(db: Db, auth: AuthContext, organizationId: string, publisherName: string) {
  await assertMaySee(db, auth, organizationId);
  if (!(await organizationExists(db, organizationId))) throw new AppError('not_found', NOT_FOUND);
  const asOf = today();
  const { links, edges, organizations, people } = await loadOwnership(db, organizationId, asOf);
  const beneficial = new Set(computeUltimateBeneficialOwners(organizationId, edges).owners.filter((o) => o.isBeneficialOwner).map((o) => o.personId));
  const full = await Promise.all(organizations.map(async (o) => ({ row: await repo.findOrganization(db, o.id), identifiers: await repo.listIdentifiers(db, o.id) })));
  const fullLinks = await repo.findOwnershipLinks(db, links.map((l) => l.id));
  const bodsLinks: BodsLink[] = fullLinks.map((l) => ({
    id: l.id,
    ownerKind: l.owner_person_id ? 'person' : 'organization',
    ownerId: (l.owner_person_id ?? l.owner_organization_id) as string,
    ownedId: l.owned_organization_id,
    sharePpm: l.share_ppm,
    controlKinds: l.control_kinds,
    fromDate: l.from_date,
    toDate: l.to_date,
    beneficialOwnershipOrControl: l.owner_person_id !== null && beneficial.has(l.owner_person_id),
    updatedAt: l.updated_at.toISOString(),
  }));
  return toBodsStatements({
    organizations: full
      .filter((f) => f.row)
      .map(({ row, identifiers }) => ({
        id: row!.id,
        name: row!.name,
        country: row!.country,
        identifiers: identifiers.filter((i) => i.status === 'confirmed' || i.status === 'removal_pending').map((i) => ({ scheme: i.scheme, value: i.value, identifier: i.identifier })),
        addresses: row!.addresses.map((a) => ({ type: a.type, address: [a.street, a.city, a.region, a.postalCode].filter(Boolean).join(', '), country: a.country })),
        foundingDate: row!.founded_on,
        updatedAt: row!.updated_at.toISOString(),
      })),
    people: people.map((p) => ({ id: p.id, names: p.names.map((n) => ({ fullName: n.fullName, script: n.script })), birthDate: p.birth_date, nationalities: p.nationalities, updatedAt: p.updated_at.toISOString() })),
    links: bodsLinks,
    publisherName,
    publicationDate: asOf,
  });
}

// Documents ---------------------------------------------------------------------------------------

/** Content types a document may have, as detected from its bytes (the name and header are not trusted). */
export const ALLOWED_DOCUMENT_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/tiff': 'TIFF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
};

function presentDocument(row: NonNullable<Awaited<ReturnType<typeof repo.findDocument>>>): TDocument {
  return {
    id: row.id,
    organizationId: row.organization_id,
    documentType: row.document_type,
    title: row.title,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    createdAt: row.created_at.toISOString(),
  };
}

/** Stores an uploaded document for an organization after checking what its bytes really are. */
export async function uploadDocument(
  db: Db,
  blobs: BlobStore,
  auth: AuthContext,
  actor: AuditActor,
  organizationId: string,
  input: { type: TDocument['documentType']; fileName: string; title?: string; bytes: Buffer },
): Promise<TDocument> {
  await assertMayChange(db, auth, organizationId);
  if (!(await organizationExists(db, organizationId))) throw new AppError('not_found', NOT_FOUND);
  if (input.bytes.length === 0) throw new AppError('validation_failed', { detail: 'the file is empty', errors: [{ field: 'body', message: 'is empty' }] });
  const detected = await fileTypeFromBuffer(input.bytes);
  if (!detected || !ALLOWED_DOCUMENT_TYPES[detected.mime]) {
    throw new AppError('unsupported_media_type', {
      detail: `the file content is ${detected ? detected.mime : 'not a recognised document format'}; allowed: ${Object.values(ALLOWED_DOCUMENT_TYPES).join(', ')}`,
    });
  }
  const sha256 = await blobs.put(input.bytes);
  const row = {
    id: uuidv7(),
    organization_id: organizationId,
    document_type: input.type,
    title: input.title ?? input.fileName,
    file_name: input.fileName,
    content_type: detected.mime,
    size_bytes: BigInt(input.bytes.length),
    sha256,
    uploaded_by: auth.user?.id ?? null,
    created_at: new Date(),
  };
  // In the caller's transaction when there is one (an upload with an Idempotency-Key).
  await inTransaction(db, async (trx) => {
    await repo.insertDocument(trx, row);
    await recordAudit(trx, actor, {
      action: 'document.uploaded',
      targetType: 'document',
      targetId: row.id,
      details: { organizationId, documentType: row.document_type, fileName: row.file_name, contentType: row.content_type, sizeBytes: input.bytes.length, sha256 },
    });
  });
  return presentDocument({ ...row });
}

/** An organization's documents, newest first; an evaluator sees only those of proposals it is cleared for (else 404). */
export async function listDocuments(db: Db, auth: AuthContext, organizationId: string, limit: number, offset: number) {
  await assertMaySee(db, auth, organizationId);
  if (isEvaluatorOnly(auth)) {
    const cleared = await documentsClearedForEvaluator(db, auth.user!.id, organizationId);
    if (cleared.size === 0) throw new AppError('not_found', NOT_FOUND);
    const rows = (await repo.findDocumentsOfOrganization(db, organizationId, [...cleared])).sort((a, b) => b.created_at.getTime() - a.created_at.getTime());
    return { items: rows.slice(offset, offset + limit).map(presentDocument), total: rows.length, limit, offset };
  }
  const { items, total } = await repo.listDocuments(db, organizationId, limit, offset);
  return { items: items.map(presentDocument), total, limit, offset };
}

/** Documents of an organization with these ids (for other domains to check attachments belong to it). */
export async function documentsOfOrganization(db: Db, organizationId: string, ids: string[]): Promise<TDocument[]> {
  return (await repo.findDocumentsOfOrganization(db, organizationId, [...new Set(ids)])).map(presentDocument);
}

/** A document's metadata and bytes for download; the download itself is audited. */
export async function downloadDocument(db: Db, blobs: BlobStore, auth: AuthContext, actor: AuditActor, id: string) {
  const row = await repo.findDocument(db, id);
  if (!row || !(await maySeeOrganization(db, auth, row.organization_id))) throw new AppError('not_found', 'no such document');
  // An evaluator reads a company's documents only through a proposal it is cleared for (conflict of interest declared).
  if (isEvaluatorOnly(auth) && !(await documentsClearedForEvaluator(db, auth.user!.id, row.organization_id)).has(id)) throw new AppError('not_found', 'no such document');
  const stream = blobs.open(row.sha256);
  if (!stream) throw new AppError('not_found', 'the document file is missing from storage; restore the documents folder');
  try {
    await db.transaction().execute((trx) =>
      recordAudit(trx, actor, { action: 'document.downloaded', targetType: 'document', targetId: id, details: { organizationId: row.organization_id, sha256: row.sha256 } }),
    );
  } catch (error) {
    stream.destroy();
    throw error;
  }
  return { document: presentDocument(row), stream };
}

// Bulk import ------------------------------------------------------------------------------------

/** One refused row of an import: its number in the file (the header is row 1) and what is wrong. */
export interface ImportRowError {
  row: number;
  messages: string[];
}

/**
 * Loads many organizations at once (the CLI's `adi org import`). Every row is checked like an API
 * request; rows with errors are reported by number and skipped, valid rows are kept. An identifier
 * already in the registry, or given by an earlier row, refuses the later row. Rows are written in
 * batches, each batch in one transaction with its audit events. Returns the new organizations' ids by row.
 */
export async function importOrganizations(
  db: Db,
  actor: AuditActor,
  rows: Array<{ row: number; input: TCreateOrganization }>,
  options: { dryRun?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ created: number; errors: ImportRowError[]; ids: Array<{ row: number; id: string }> }> {
  const onProgress = options.onProgress ?? (() => {});
  const errors: ImportRowError[] = [];
  const known = new Set((await repo.listCapabilities(db)).map((c) => c.code));
  const claimed = new Map<string, number>();
  const candidates: Array<{ row: number; input: TCreateOrganization }> = [];
  for (const entry of rows) {
    const messages: string[] = [];
    const unknown = entry.input.capabilities.filter((code) => !known.has(code));
    if (unknown.length) messages.push(`capabilities: unknown codes ${unknown.join(', ')}`);
    for (const { identifier } of entry.input.identifiers) {
      const earlier = claimed.get(identifier);
      if (earlier !== undefined) messages.push(`identifiers: ${identifier} is also given by row ${earlier}`);
    }
    if (messages.length) {
      errors.push({ row: entry.row, messages });
      continue;
    }
    for (const { identifier } of entry.input.identifiers) claimed.set(identifier, entry.row);
    candidates.push(entry);
  }
  const BATCH = 500;
  const taken = new Map<string, string>();
  const allIdentifiers = [...claimed.keys()];
  for (let i = 0; i < allIdentifiers.length; i += 1000) {
    for (const hit of await repo.findLiveIdentifiers(db, allIdentifiers.slice(i, i + 1000))) taken.set(hit.identifier, hit.organization_name);
  }
  const accepted = candidates.filter((entry) => {
    const clash = entry.input.identifiers.filter((i) => taken.has(i.identifier));
    if (clash.length) errors.push({ row: entry.row, messages: clash.map((i) => `identifiers: ${i.identifier} is already registered to ${taken.get(i.identifier)}`) });
    return clash.length === 0;
  });
  errors.sort((a, b) => a.row - b.row);
  // Every check above only reads, so a dry run stops here with the same verdicts.
  if (options.dryRun) return { created: accepted.length, errors, ids: [] };
  let created = 0;
  const ids: Array<{ row: number; id: string }> = [];
  onProgress(0, accepted.length);
  for (let start = 0; start < accepted.length; start += BATCH) {
    const batch = accepted.slice(start, start + BATCH);
    const now = new Date();
    const organizations = batch.map(({ input }) => organizationRow(input, now));
    const identifiers = batch.flatMap(({ input }, index) => identifierRows(organizations[index].id, input, true, null, now));
    await db.transaction().execute(async (trx) => {
      await repo.insertOrganizations(trx, organizations);
      await repo.insertIdentifiers(trx, identifiers);
      await recordAuditBatch(
        trx,
        actor,
        organizations.map((o, index) => ({
          action: 'organization.imported',
          targetType: 'organization',
          targetId: o.id,
          details: { name: o.name, country: o.country, row: batch[index].row, identifiers: batch[index].input.identifiers.map((i) => i.identifier) },
        })),
      );
      await enqueueJobs(trx, SCREENING_QUEUE, organizations.map((o) => ({ key: o.id, payload: { organizationId: o.id } })));
    });
    created += batch.length;
    ids.push(...organizations.map((o, index) => ({ row: batch[index]!.row, id: o.id })));
    onProgress(created, accepted.length);
  }
  return { created, errors, ids };
}

/** A person of an ownership import; `key` names them within the import. */
export interface ImportedPerson {
  key: string;
  person: Omit<TCreatePerson, 'organizationId'>;
  enteredForOrganizationId: string | null;
}

/** An officer of an ownership import. */
export interface ImportedOfficer {
  organizationId: string;
  personKey: string;
  role: (typeof OFFICER_ROLES)[number];
  fromDate?: string | null;
}

/** An ownership link of an ownership import: the owner is a person of the import or an organization. */
export interface ImportedLink {
  ownedOrganizationId: string;
  owner: { kind: 'person'; key: string } | { kind: 'organization'; id: string };
  sharePercent: number | null;
  controlKinds: Array<(typeof CONTROL_KINDS)[number]>;
  fromDate?: string | null;
  toDate?: string | null;
}

/**
 * Loads people, officers and ownership links at once, confirmed, as an officer's import (the
 * counterpart of importOrganizations for who runs and owns the organizations). Each record is checked
 * as addOfficer and addOwner check it: the organizations exist, none owns itself, a link gives a share
 * or a kind of control, dates are in order, and the shares in force in an organization, old and new,
 * add up to at most 100 %. Everything is written in one transaction with one audit event per record
 * (no personal data in them), and every organization touched is queued for screening. A refused
 * import writes nothing. Returns the new people's ids by key.
 */
export async function importOwnership(
  db: Db,
  actor: AuditActor,
  input: { people: ImportedPerson[]; officers: ImportedOfficer[]; links: ImportedLink[] },
): Promise<{ people: Map<string, string>; officers: number; links: number }> {
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const p of input.people) {
    if (keys.has(p.key)) problems.push(`person ${p.key} is given twice`);
    keys.add(p.key);
  }
  for (const o of input.officers) if (!keys.has(o.personKey)) problems.push(`officer of ${o.organizationId}: no person ${o.personKey} in the import`);
  const share = new Map<string, number>();
  for (const [i, l] of input.links.entries()) {
    const where = `link ${i + 1}`;
    if (l.owner.kind === 'person' && !keys.has(l.owner.key)) problems.push(`${where}: no person ${l.owner.key} in the import`);
    if (l.owner.kind === 'organization' && l.owner.id === l.ownedOrganizationId) problems.push(`${where}: an organization cannot own itself`);
    if (l.sharePercent == null && l.controlKinds.length === 0) problems.push(`${where}: give a share, a kind of control, or both`);
    if (l.sharePercent != null && !(l.sharePercent > 0 && l.sharePercent <= 100)) problems.push(`${where}: the share must be above 0 and at most 100`);
    if (l.fromDate && l.toDate && l.toDate < l.fromDate) problems.push(`${where}: toDate is before fromDate`);
    // Links ending before today are history and take no share now (as liveShareTotal counts them).
    if (l.sharePercent != null && !(l.toDate && l.toDate < today())) share.set(l.ownedOrganizationId, (share.get(l.ownedOrganizationId) ?? 0) + Math.round(l.sharePercent * 10_000));
  }
  const organizationIds = [
    ...new Set([
      ...input.people.flatMap((p) => (p.enteredForOrganizationId ? [p.enteredForOrganizationId] : [])),
      ...input.officers.map((o) => o.organizationId),
      ...input.links.flatMap((l) => [l.ownedOrganizationId, ...(l.owner.kind === 'organization' ? [l.owner.id] : [])]),
    ]),
  ];
  if (problems.length) throw new AppError('validation_failed', { detail: `the ownership import is refused: ${problems.slice(0, 5).join('; ')}`, errors: problems.map((message) => ({ field: 'body', message })) });

  return db.transaction().execute(async (trx) => {
    const found = new Set(await repo.lockOrganizations(trx, organizationIds));
    const missing = organizationIds.filter((id) => !found.has(id));
    if (missing.length) throw new AppError('validation_failed', { detail: `no such organizations: ${missing.slice(0, 5).join(', ')}`, errors: missing.map((id) => ({ field: 'body', message: `no such organization ${id}` })) });
    const existing = await repo.liveShareTotals(trx, [...share.keys()], today());
    for (const [organizationId, added] of share) {
      const before = existing.get(organizationId) ?? 0;
      if (before + added > 1_000_000) {
        throw new AppError('validation_failed', { detail: `shares in ${organizationId} would add up to ${ppmToPercentString(before + added)} %; ${ppmToPercentString(1_000_000 - before)} % is left` });
      }
    }
    const now = new Date();
    const reviewer = actor.actorId;
    const people = input.people.map((p) => ({ key: p.key, row: personRow(p.person, p.enteredForOrganizationId, now) }));
    const personId = new Map(people.map((p) => [p.key, p.row.id]));
    const officers = input.officers.map((o) => ({
      id: uuidv7(),
      organization_id: o.organizationId,
      person_id: personId.get(o.personKey)!,
      role: o.role,
      from_date: o.fromDate ?? null,
      to_date: null,
      status: 'confirmed' as const,
      proposed_by: reviewer,
      reviewed_by: reviewer,
      review_note: null,
      created_at: now,
      updated_at: now,
    }));
    const links = input.links.map((l) => ({
      id: uuidv7(),
      owned_organization_id: l.ownedOrganizationId,
      owner_person_id: l.owner.kind === 'person' ? personId.get(l.owner.key)! : null,
      owner_organization_id: l.owner.kind === 'organization' ? l.owner.id : null,
      share_ppm: l.sharePercent == null ? null : Math.round(l.sharePercent * 10_000),
      control_kinds: [...new Set(l.controlKinds)],
      from_date: l.fromDate ?? null,
      to_date: l.toDate ?? null,
      status: 'confirmed' as const,
      proposed_by: reviewer,
      reviewed_by: reviewer,
      review_note: null,
      owner_registered_with_link: false,
      created_at: now,
      updated_at: now,
    }));
    await repo.insertPeople(trx, people.map((p) => p.row));
    await repo.insertOfficers(trx, officers);
    await repo.insertOwnershipLinks(trx, links);
    await recordAuditBatch(trx, actor, [
      ...people.map((p) => ({ action: 'person.created', targetType: 'person', targetId: p.row.id, details: { enteredForOrganizationId: p.row.entered_for_organization_id, imported: true } })),
      ...officers.map((o) => ({ action: 'organization.officer_added', targetType: 'organization', targetId: o.organization_id, details: { recordId: o.id, personId: o.person_id, role: o.role, imported: true } })),
      ...links.map((l) => ({
        action: 'organization.owner_added',
        targetType: 'organization',
        targetId: l.owned_organization_id,
        details: { recordId: l.id, ownerPersonId: l.owner_person_id, ownerOrganizationId: l.owner_organization_id, sharePpm: l.share_ppm, controlKinds: l.control_kinds, imported: true },
      })),
    ]);
    const touched = [...new Set([...officers.map((o) => o.organization_id), ...links.map((l) => l.owned_organization_id)])];
    const affected = await repo.organizationsBelow(trx, touched);
    await enqueueJobs(trx, SCREENING_QUEUE, affected.map((id) => ({ key: id, payload: { organizationId: id } })));
    return { people: personId, officers: officers.length, links: links.length };
  });
}

// Screening ---------------------------------------------------------------------------------------

/** The job queue that screens one organization (its handler is in the screening domain). */
export const SCREENING_QUEUE = 'screening.organization';

/**
 * Queues re-screening of every organization a change touches (the organization itself and those it
 * owns, directly or through companies), in the transaction of the change: sanctions screening follows
 * every new owner, officer, name and identifier.
 */
async function queueScreening(trx: Transaction<Database>, target: { organizationId: string } | { personId: string }): Promise<void> {
  const ids = await repo.organizationsAffectedBy(trx, target);
  await enqueueJobs(trx, SCREENING_QUEUE, ids.map((id) => ({ key: id, payload: { organizationId: id } })));
}

/** Identifier schemes of the registry (org-id.guide) as the sanctions lists name them. */
const LIST_SCHEME: Record<string, string> = { 'UA-EDR': 'EDRPOU', 'XI-LEI': 'LEI', 'RU-INN': 'INN', 'RU-OGRN': 'OGRN', 'RU-OGRNIP': 'OGRN', IMO: 'IMO' };

/** One record screening checks: an organization (the one screened or a holding company above it) or a person. */
export interface ScreeningRecord {
  type: 'organization' | 'person';
  id: string;
  /** Names in every script the registry holds (first: the display name). */
  names: string[];
  /** Why it is screened for this organization. */
  role: 'organization' | 'holding_company' | 'owner' | 'officer';
  country: string | null;
  birthDate: string | null;
  nationalities: string[];
  identifiers: Array<{ scheme: string; value: string }>;
}

/** The records to screen for an organization: itself, the companies above it, their owners and its officers. */
export async function screeningRecords(db: Db, organizationId: string): Promise<ScreeningRecord[]> {
  const { organizations, identifiers, ownerLinks, officers, people } = await repo.screeningRecords(db, organizationId);
  if (!organizations.some((o) => o.id === organizationId)) throw new AppError('not_found', NOT_FOUND);
  const records: ScreeningRecord[] = organizations
    .sort((a, b) => (a.id === organizationId ? -1 : b.id === organizationId ? 1 : a.name.localeCompare(b.name)))
    .map((o) => ({
      type: 'organization',
      id: o.id,
      names: [...new Set([o.name, o.name_uk, o.name_original, o.short_name].filter((n): n is string => !!n))],
      role: o.id === organizationId ? 'organization' : 'holding_company',
      country: o.country,
      birthDate: null,
      nationalities: [],
      identifiers: identifiers.filter((i) => i.organization_id === o.id).map((i) => ({ scheme: LIST_SCHEME[i.scheme] ?? 'REGISTRATION', value: i.value })),
    }));
  const owners = new Set(ownerLinks.map((l) => l.owner_person_id));
  const officerIds = new Set(officers.map((o) => o.person_id));
  for (const person of people.sort((a, b) => a.primary_name.localeCompare(b.primary_name))) {
    records.push({
      type: 'person',
      id: person.id,
      names: [...new Set([person.primary_name, ...person.names.map((n) => n.fullName)])],
      role: owners.has(person.id) ? 'owner' : officerIds.has(person.id) ? 'officer' : 'owner',
      country: person.nationalities[0] ?? null,
      birthDate: person.birth_date,
      nationalities: person.nationalities,
      identifiers: person.identifiers.map((i) => ({ scheme: i.scheme.toUpperCase(), value: i.value })),
    });
  }
  return records;
}

/** The organizations whose screening a change to this organization's or person's records touches. */
export async function organizationsAffectedBy(db: Db, target: { organizationId: string } | { personId: string }): Promise<string[]> {
  return repo.organizationsAffectedBy(db, target);
}

/** Every organization id in the registry. */
export async function allOrganizationIds(db: Db): Promise<string[]> {
  return repo.allOrganizationIds(db);
}

/** What other domains need to know of an organization's legal identity: names, country, confirmed identifiers, public profile. */
export async function legalIdentity(db: Db, organizationId: string) {
  const organization = await repo.findOrganization(db, organizationId);
  if (!organization) throw new AppError('not_found', NOT_FOUND);
  const identifiers = (await repo.listIdentifiers(db, organizationId)).filter((i) => i.status === 'confirmed' || i.status === 'removal_pending').map((i) => i.identifier);
  return {
    id: organization.id,
    name: organization.name,
    nameUk: organization.name_uk,
    country: organization.country,
    identifiers: identifiers.sort(),
    website: organization.website,
    addresses: organization.addresses,
    capabilities: organization.capabilities,
  };
}

/**
 * Whether an organization has disclosed its beneficial owners today: at least one person holds 25 %
 * or control through confirmed links, and no chain ends in a company whose owners are unknown.
 */
export async function ownershipDisclosed(db: Db, organizationId: string): Promise<boolean> {
  const { edges } = await loadOwnership(db, organizationId, today());
  const result = computeUltimateBeneficialOwners(organizationId, edges);
  return result.owners.some((owner) => owner.isBeneficialOwner) && result.unresolvedOrganizations.length === 0;
}
