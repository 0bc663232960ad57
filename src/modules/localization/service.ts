import type { Kysely } from 'kysely';
import type { AuthContext } from '../../core/access.ts';
import { AppError, invalidFields, staleVersion } from '../../core/errors.ts';
import { inTransaction } from '../../core/idempotency.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Table } from '../../core/tabular.ts';
import type { Database } from '../../db/schema.ts';
import { type AuditActor, recordAuditBatch } from '../audit/service.ts';
import { awardCapacity } from '../fund/awards-service.ts';
import { enqueueOrganizationEmail } from '../notifications/service.ts';
import { documentsOfOrganization } from '../registry/service.ts';
import { type CategoryNode, type Gap, type GapInput, PERIOD_PATTERN, gapModel, gapsFor, isQuarter, periodsOf, weightedImportedPct, yearOf } from './gaps.ts';
import { CAPACITY_FILERS, LOCALIZATION_STAFF, capacityScope, holdsAny } from './policy.ts';
import { DOMINANCE_LIMIT_PERCENT, MIN_COMPANIES, COVERAGE_BANDS, publicCategory } from './public-aggregates.ts';
import * as repo from './repo.ts';
import type { TCapacityReportListQuery, TCreateCapacityReportBody, TCreateCategoryBody, TNeedListQuery, TPublicAggregates, TReviseCapacityReportBody, TReviseNeedBody, TCreateNeedBody, TUpdateCategoryBody } from './schema.ts';

type Db = Kysely<Database>;

// Taxonomy ----------------------------------------------------------------------------------------

type CategoryRow = Awaited<ReturnType<typeof repo.listCategories>>[number];

function presentCategory(row: CategoryRow) {
  return {
    code: row.code,
    parentCode: row.parent_code,
    level: row.code.split('.').length - 1,
    nameUk: row.name_uk,
    nameEn: row.name_en,
    unitUk: row.unit_uk,
    unitEn: row.unit_en,
    sortOrder: row.sort_order,
    archived: row.archived,
    version: row.version,
  };
}

/** The whole taxonomy, archived categories included, in display order (parents before children). */
export async function listCategories(db: Db) {
  const rows = await repo.listCategories(db);
  const children = new Map<string | null, CategoryRow[]>();
  for (const row of rows) children.set(row.parent_code, [...(children.get(row.parent_code) ?? []), row]);
  const ordered: CategoryRow[] = [];
  const walk = (parent: string | null) => {
    for (const row of children.get(parent) ?? []) {
      ordered.push(row);
      walk(row.code);
    }
  };
  walk(null);
  return { items: ordered.map(presentCategory) };
}

/** An administrator adds a category; a sub-category's code extends its parent's, and it counts in its top-level unit. */
export async function createCategory(db: Db, actor: AuditActor, input: TCreateCategoryBody) {
  return inTransaction(db, async (trx) => {
    if (await repo.findCategory(trx, input.code)) throw new AppError('already_exists', { detail: `category ${input.code} already exists` });
    let unitUk = input.unitUk;
    let unitEn = input.unitEn;
    if (input.parentCode) {
      const parent = await repo.lockCategory(trx, input.parentCode);
      if (!parent) throw invalidFields([{ field: 'body.parentCode', message: 'no such category' }]);
      if (parent.archived) throw invalidFields([{ field: 'body.parentCode', message: 'the category is archived' }]);
      if (!input.code.startsWith(`${parent.code}.`) || input.code.slice(parent.code.length + 1).includes('.')) {
        throw invalidFields([{ field: 'body.code', message: `must be ${parent.code}.<name>` }]);
      }
      if ((unitUk && unitUk !== parent.unit_uk) || (unitEn && unitEn !== parent.unit_en)) {
        throw invalidFields([{ field: 'body.unitEn', message: `a sub-category counts in its parent’s unit (${parent.unit_en} / ${parent.unit_uk})` }]);
      }
      unitUk = parent.unit_uk;
      unitEn = parent.unit_en;
    } else {
      if (input.code.includes('.')) throw invalidFields([{ field: 'body.code', message: 'a top-level code has no dot' }]);
      const missing = [!unitUk && 'body.unitUk', !unitEn && 'body.unitEn'].filter((f): f is string => Boolean(f));
      if (missing.length) throw invalidFields(missing.map((field) => ({ field, message: 'a top-level category needs its unit in both languages' })));
    }
    await repo.insertCategory(trx, { code: input.code, parent_code: input.parentCode, name_uk: input.nameUk, name_en: input.nameEn, unit_uk: unitUk!, unit_en: unitEn!, sort_order: input.sortOrder ?? 0 });
    await recordAuditBatch(trx, actor, [{ action: 'localization.category_created', targetType: 'capability_category', targetId: input.code, details: { parentCode: input.parentCode } }]);
    return presentCategory((await repo.findCategory(trx, input.code))!);
  });
}

/** An administrator renames, re-orders, archives or restores a category, or changes a top-level category's unit (its sub-categories follow). */
export async function updateCategory(db: Db, actor: AuditActor, code: string, input: TUpdateCategoryBody) {
  return inTransaction(db, async (trx) => {
    const row = await repo.lockCategory(trx, code);
    if (!row) throw new AppError('not_found', { detail: 'no such category' });
    if (row.version !== input.version) throw staleVersion(row.version, 'category');
    const unitChange = input.unitUk !== undefined || input.unitEn !== undefined;
    if (unitChange && row.parent_code) throw invalidFields([{ field: 'body.unitEn', message: 'a sub-category counts in its top-level category’s unit: change it there' }]);
    const patch = {
      ...(input.nameUk !== undefined && { name_uk: input.nameUk }),
      ...(input.nameEn !== undefined && { name_en: input.nameEn }),
      ...(input.unitUk !== undefined && { unit_uk: input.unitUk }),
      ...(input.unitEn !== undefined && { unit_en: input.unitEn }),
      ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }),
      ...(input.archived !== undefined && { archived: input.archived }),
    };
    await repo.updateCategory(trx, code, { ...patch, version: row.version + 1 });
    if (unitChange) await repo.setUnitOfDescendants(trx, code, input.unitUk ?? row.unit_uk, input.unitEn ?? row.unit_en);
    await recordAuditBatch(trx, actor, [{ action: 'localization.category_updated', targetType: 'capability_category', targetId: code, details: { changed: Object.keys(patch), version: row.version + 1 } }]);
    return presentCategory((await repo.findCategory(trx, code))!);
  });
}

/** The category for a new need or report: it must exist and not be archived. */
async function activeCategory(db: Db, code: string, field: string) {
  const category = await repo.findCategory(db, code);
  if (!category) throw invalidFields([{ field, message: 'no such category' }]);
  if (category.archived) throw invalidFields([{ field, message: 'the category is archived' }]);
  return category;
}

// Needs -------------------------------------------------------------------------------------------

function presentNeed(row: repo.NeedRow) {
  return {
    id: row.id,
    categoryCode: row.category_code,
    categoryNameUk: row.category_name_uk,
    categoryNameEn: row.category_name_en,
    unitUk: row.unit_uk,
    unitEn: row.unit_en,
    period: row.period,
    quantity: Number(row.quantity),
    note: row.note,
    classification: 'restricted' as const,
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Needs, newest period first. */
export async function listNeeds(db: Db, query: TNeedListQuery) {
  const { items, total } = await repo.listNeeds(db, { period: query.period, category: query.category }, query.limit, query.offset);
  return { items: items.map(presentNeed), total, limit: query.limit, offset: query.offset };
}

/** One need with every version. */
export async function getNeed(db: Db, id: string) {
  const row = await repo.findNeed(db, id);
  if (!row) throw new AppError('not_found', { detail: 'no such need' });
  const history = await repo.needVersions(db, id);
  return {
    ...presentNeed(row),
    history: history.map((v) => ({ version: v.version, quantity: Number(v.quantity), note: v.note, reason: v.reason, recordedBy: v.recorded_by, recordedAt: v.recorded_at.toISOString() })),
  };
}

/** An officer enters the need for a category and period (one per pair: revise it to change it). */
export async function createNeed(db: Db, actor: AuditActor, input: TCreateNeedBody) {
  await activeCategory(db, input.categoryCode, 'body.categoryCode');
  return inTransaction(db, async (trx) => {
    const existing = await repo.findNeedByCategoryPeriod(trx, input.categoryCode, input.period);
    if (existing) throw new AppError('already_exists', { detail: `a need for ${input.categoryCode} in ${input.period} exists: revise it`, extra: { needId: existing.id } });
    const id = uuidv7();
    const now = new Date();
    await repo.insertNeed(trx, { id, category_code: input.categoryCode, period: input.period, quantity: BigInt(input.quantity), note: input.note ?? null, version: 1, created_by: actor.actorLabel, created_at: now, updated_at: now });
    await repo.insertNeedVersion(trx, { need_id: id, version: 1, quantity: BigInt(input.quantity), note: input.note ?? null, reason: null, recorded_by: actor.actorLabel, recorded_at: now });
    // The audit log names the need, not its quantity: the figure is restricted.
    await recordAuditBatch(trx, actor, [{ action: 'localization.need_created', targetType: 'localization_need', targetId: id, details: { categoryCode: input.categoryCode, period: input.period } }]);
    return getNeed(trx, id);
  });
}

/** An officer revises a need; the earlier versions stay in its history. */
export async function reviseNeed(db: Db, actor: AuditActor, id: string, input: TReviseNeedBody) {
  return inTransaction(db, async (trx) => {
    const row = await repo.lockNeed(trx, id);
    if (!row) throw new AppError('not_found', { detail: 'no such need' });
    if (row.version !== input.version) throw staleVersion(row.version, 'need');
    const now = new Date();
    const version = row.version + 1;
    const note = input.note === undefined ? row.note : input.note;
    await repo.updateNeed(trx, id, { quantity: BigInt(input.quantity), note, version, updated_at: now });
    await repo.insertNeedVersion(trx, { need_id: id, version, quantity: BigInt(input.quantity), note, reason: input.reason, recorded_by: actor.actorLabel, recorded_at: now });
    await recordAuditBatch(trx, actor, [{ action: 'localization.need_revised', targetType: 'localization_need', targetId: id, details: { categoryCode: row.category_code, period: row.period, version } }]);
    return getNeed(trx, id);
  });
}

// Capacity reports --------------------------------------------------------------------------------

function presentReport(row: repo.ReportRow, auth: AuthContext) {
  const staff = holdsAny(auth, LOCALIZATION_STAFF);
  return {
    id: row.id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    categoryCode: row.category_code,
    categoryNameUk: row.category_name_uk,
    categoryNameEn: row.category_name_en,
    unitUk: row.unit_uk,
    unitEn: row.unit_en,
    period: row.period,
    domesticOutput: Number(row.domestic_output),
    capacity: Number(row.capacity),
    importedContentPercent: row.imported_content_pct,
    importedComponents: row.imported_components,
    evidenceDocumentIds: row.evidence_document_ids,
    note: row.note,
    status: row.status,
    submittedAt: row.submitted_at.toISOString(),
    decidedBy: staff ? row.decided_by : null,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    decisionReason: row.decision_reason,
    version: row.version,
  };
}

/** A report the caller may see, else 404 (another company's report does not exist for it). */
async function visibleReport(db: Db, auth: AuthContext, id: string) {
  const row = await repo.findReport(db, id);
  const scope = capacityScope(auth);
  if (!row || (scope !== null && row.organization_id !== scope)) throw new AppError('not_found', { detail: 'no such capacity report' });
  return row;
}

/** Capacity reports: staff see all, a company its own. */
export async function listReports(db: Db, auth: AuthContext, query: TCapacityReportListQuery) {
  const scope = capacityScope(auth);
  if (scope === 'none') return { items: [], total: 0, limit: query.limit, offset: query.offset };
  const { limit, offset, organizationId, ...filter } = query;
  const { items, total } = await repo.listReports(db, { ...filter, organizationId: scope ?? organizationId }, limit, offset);
  return { items: items.map((row) => presentReport(row, auth)), total, limit, offset };
}

/** One capacity report. */
export async function getReport(db: Db, auth: AuthContext, id: string) {
  return presentReport(await visibleReport(db, auth, id), auth);
}

/** Checks the figures and that the evidence is the organization's own documents. */
async function checkFigures(db: Db, organizationId: string, input: TReviseCapacityReportBody | TCreateCapacityReportBody) {
  if (input.domesticOutput > input.capacity) throw invalidFields([{ field: 'body.capacity', message: 'must be at least the domestic output' }]);
  const documents = await documentsOfOrganization(db, organizationId, input.evidenceDocumentIds);
  const known = new Set(documents.map((d) => d.id));
  const unknown = input.evidenceDocumentIds.filter((id) => !known.has(id));
  if (unknown.length) throw invalidFields([{ field: 'body.evidenceDocumentIds', message: `not documents of this organization: ${unknown.join(', ')}` }]);
}

/** The organization a filer reports for: a company user its own; an officer names one. */
function filingOrganization(auth: AuthContext, organizationId: string | undefined): string {
  if (holdsAny(auth, ['officer'])) {
    if (!organizationId) throw invalidFields([{ field: 'body.organizationId', message: 'staff filing on paper name the organization' }]);
    return organizationId;
  }
  const own = auth.user?.organizationId;
  if (!own || !holdsAny(auth, CAPACITY_FILERS)) throw new AppError('forbidden', { detail: 'your account is not linked to an organization' });
  if (organizationId && organizationId !== own) throw new AppError('forbidden', { detail: 'you may report only for your own organization' });
  return own;
}

/** The columns a filing or a correction writes: the figures, and the report back to submitted by this filer. */
function filedFigures(input: TReviseCapacityReportBody | TCreateCapacityReportBody, actor: AuditActor) {
  return {
    domestic_output: BigInt(input.domesticOutput),
    capacity: BigInt(input.capacity),
    imported_content_pct: input.importedContentPercent,
    imported_components: input.importedComponents,
    evidence_document_ids: input.evidenceDocumentIds,
    note: input.note ?? null,
    status: 'submitted' as const,
    submitted_by: actor.actorLabel,
    submitted_at: new Date(),
  };
}

/** A company files its capacity for a category and period; officers confirm it before it counts. */
export async function fileReport(db: Db, auth: AuthContext, actor: AuditActor, input: TCreateCapacityReportBody) {
  const organizationId = filingOrganization(auth, input.organizationId);
  await activeCategory(db, input.categoryCode, 'body.categoryCode');
  if (!(await repo.organizationExists(db, organizationId))) throw invalidFields([{ field: 'body.organizationId', message: 'no such organization' }]);
  await checkFigures(db, organizationId, input);
  return inTransaction(db, async (trx) => {
    const existing = await repo.findReportOf(trx, organizationId, input.categoryCode, input.period);
    if (existing) throw new AppError('already_exists', { detail: `a report for ${input.categoryCode} in ${input.period} exists: revise it`, extra: { reportId: existing.id } });
    const id = uuidv7();
    await repo.insertReport(trx, {
      id,
      organization_id: organizationId,
      category_code: input.categoryCode,
      period: input.period,
      ...filedFigures(input, actor),
      version: 1,
    });
    await recordAuditBatch(trx, actor, [{ action: 'localization.capacity_reported', targetType: 'capacity_report', targetId: id, details: { organizationId, categoryCode: input.categoryCode, period: input.period } }]);
    return presentReport((await repo.findReport(trx, id))!, auth);
  });
}

/** The company (or an officer filing for it) corrects a report; it goes back to the officers to confirm. */
export async function reviseReport(db: Db, auth: AuthContext, actor: AuditActor, id: string, input: TReviseCapacityReportBody) {
  const current = await visibleReport(db, auth, id);
  if (!holdsAny(auth, CAPACITY_FILERS)) throw new AppError('forbidden', { detail: 'only the company or an officer may revise a report' });
  await checkFigures(db, current.organization_id, input);
  return inTransaction(db, async (trx) => {
    const row = (await repo.lockReport(trx, id))!;
    if (row.version !== input.version) throw staleVersion(row.version, 'capacity report');
    await repo.updateReport(trx, id, {
      ...filedFigures(input, actor),
      decided_by_id: null,
      decided_by: null,
      decided_at: null,
      decision_reason: null,
      version: row.version + 1,
    });
    await recordAuditBatch(trx, actor, [{ action: 'localization.capacity_revised', targetType: 'capacity_report', targetId: id, details: { previousStatus: row.status, version: row.version + 1 } }]);
    return presentReport((await repo.findReport(trx, id))!, auth);
  });
}

/** An officer confirms a filed report (it then counts in the gaps) or returns it with what to correct. */
export async function decideReport(db: Db, auth: AuthContext, actor: AuditActor, id: string, decision: { action: 'confirm' | 'return'; version: number; reason?: string }) {
  return inTransaction(db, async (trx) => {
    const row = await repo.lockReport(trx, id);
    if (!row) throw new AppError('not_found', { detail: 'no such capacity report' });
    if (row.version !== decision.version) throw staleVersion(row.version, 'capacity report');
    if (row.status !== 'submitted') throw new AppError('invalid_transition', { detail: `the report is ${row.status}; only a submitted report is confirmed or returned`, extra: { allowed: [] } });
    // Separation of duties: the officer who filed a paper report does not confirm it.
    if (row.submitted_by === actor.actorLabel) throw new AppError('forbidden', { detail: 'you filed this report: another officer decides it' });
    const status = decision.action === 'confirm' ? 'confirmed' : 'returned';
    await repo.updateReport(trx, id, { status, decided_by_id: auth.user!.id, decided_by: actor.actorLabel, decided_at: new Date(), decision_reason: decision.reason ?? null, version: row.version + 1 });
    await recordAuditBatch(trx, actor, [{ action: `localization.capacity_${status}`, targetType: 'capacity_report', targetId: id, details: { organizationId: row.organization_id, categoryCode: row.category_code, period: row.period, version: row.version + 1 } }]);
    await enqueueOrganizationEmail(trx, {
      organizationId: row.organization_id,
      subject: 'Звіт про потужності / Capacity report',
      body:
        status === 'confirmed'
          ? `Звіт про потужності (${row.category_code}, ${row.period}) підтверджено.\n\n---\n\nYour capacity report (${row.category_code}, ${row.period}) was confirmed.\n`
          : `Звіт про потужності (${row.category_code}, ${row.period}) повернуто на виправлення: ${decision.reason}\n\n---\n\nYour capacity report (${row.category_code}, ${row.period}) was returned for correction: ${decision.reason}\n`,
    });
    return presentReport((await repo.findReport(trx, id))!, auth);
  });
}

// Gaps --------------------------------------------------------------------------------------------

/** Everything the gap arithmetic reads, loaded at once. */
async function loadGapData(db: Db) {
  const [categoryRows, needs, reports, awards, pending] = await Promise.all([repo.listCategories(db), repo.allNeeds(db), repo.confirmedReports(db), awardCapacity(db), repo.pendingReportCounts(db)]);
  const known = new Set(categoryRows.map((c) => c.code));
  const input: GapInput = {
    categories: categoryRows.map((c): CategoryNode => ({ code: c.code, parentCode: c.parent_code })),
    needs: needs.map((n) => ({ category: n.category_code, period: n.period, quantity: BigInt(n.quantity) })),
    outputs: reports.map((r) => ({ organizationId: r.organization_id, category: r.category_code, period: r.period, domesticOutput: BigInt(r.domestic_output), capacity: BigInt(r.capacity), importedContentPct: r.imported_content_pct })),
    // Award lines name categories and periods as the proposal gave them; ones outside the taxonomy or
    // not a period are left out rather than guessed.
    awards: awards.flatMap((award) => {
      const delivered = new Map(award.delivered.map((line) => [`${line.capability}|${line.period}`, line.quantity]));
      const keys = new Set([...award.promised.map((l) => `${l.capability}|${l.period}`), ...delivered.keys()]);
      const promised = new Map(award.promised.map((line) => [`${line.capability}|${line.period}`, line.quantity]));
      return [...keys].flatMap((key) => {
        const [category = '', period = ''] = key.split('|');
        if (!known.has(category) || !PERIOD_PATTERN.test(period)) return [];
        return [{ awardId: award.awardId, active: award.status === 'active', category, period, promised: BigInt(promised.get(key) ?? 0), delivered: BigInt(delivered.get(key) ?? 0) }];
      });
    }),
  };
  return {
    input,
    model: gapModel(input),
    categories: new Map(categoryRows.map((c) => [c.code, c])),
    categoryRows,
    organizations: new Map(reports.map((r) => [r.organization_id, { name: r.organization_name, country: r.organization_country }])),
    awards: new Map(awards.map((a) => [a.awardId, a])),
    pending,
  };
}
type GapData = Awaited<ReturnType<typeof loadGapData>>;

/** Basis points as a percentage with two decimals. */
function percentOf(bp: number | null): number | null {
  return bp === null ? null : bp / 100;
}

/** Pending reports in a category (and its sub-categories) for a period (a year counts its quarters). */
function pendingIn(data: GapData, code: string, period: string): number {
  return data.pending
    .filter((p) => (p.category_code === code || p.category_code.startsWith(`${code}.`)) && (p.period === period || (!isQuarter(period) && p.period.startsWith(`${period}-`))))
    .reduce((sum, p) => sum + Number(p.pending), 0);
}

function presentGap(data: GapData, code: string, period: string, gap: Gap) {
  const category = data.categories.get(code)!;
  return {
    code,
    parentCode: category.parent_code,
    level: code.split('.').length - 1,
    nameUk: category.name_uk,
    nameEn: category.name_en,
    unitUk: category.unit_uk,
    unitEn: category.unit_en,
    need: gap.need === null ? null : Number(gap.need),
    domesticOutput: Number(gap.domesticOutput),
    capacity: Number(gap.capacity),
    gap: gap.gap === null ? null : Number(gap.gap),
    coveragePercent: percentOf(gap.coverageBp),
    importedContentPercent: gap.importedContentPct,
    reportingCompanies: gap.companies.size,
    pendingReports: pendingIn(data, code, period),
    contributingAwards: gap.awards.size,
    outstandingPromised: Number(gap.outstandingPromised),
    forecastOutput: Number(gap.forecastOutput),
    forecastCoveragePercent: percentOf(gap.forecastCoverageBp),
  };
}

/** Category codes in display order (parents before children), archived ones left out unless they hold figures. */
function displayOrder(data: GapData, gaps: Map<string, Gap>): string[] {
  const listed = new Set<string>();
  const children = new Map<string | null, typeof data.categoryRows>();
  for (const row of data.categoryRows) children.set(row.parent_code, [...(children.get(row.parent_code) ?? []), row]);
  const order: string[] = [];
  const walk = (parent: string | null) => {
    for (const row of children.get(parent) ?? []) {
      const gap = gaps.get(row.code);
      const hasFigures = gap && (gap.need !== null || gap.companies.size > 0 || gap.awards.size > 0);
      if (!row.archived || hasFigures) {
        order.push(row.code);
        listed.add(row.code);
      }
      walk(row.code);
    }
  };
  walk(null);
  return order;
}

/** Need, confirmed output, gap, coverage and forecast in every category for a period. */
export async function gaps(db: Db, period: string) {
  const data = await loadGapData(db);
  const result = gapsFor(data.model, period);
  return { period, items: displayOrder(data, result).map((code) => presentGap(data, code, period, result.get(code)!)) };
}

function trendPoints(data: GapData, code: string, periods: string[], cache: Map<string, Map<string, Gap>>) {
  return periods.map((period) => {
    let gaps = cache.get(period);
    if (!gaps) {
      gaps = gapsFor(data.model, period);
      cache.set(period, gaps);
    }
    const gap = gaps.get(code)!;
    return { period, need: gap.need === null ? null : Number(gap.need), domesticOutput: Number(gap.domesticOutput), coveragePercent: percentOf(gap.coverageBp), forecastCoveragePercent: percentOf(gap.forecastCoverageBp) };
  });
}

/** One category in a period: who contributes (members and awards) and its trend over the years. */
export async function gapDetail(db: Db, code: string, period: string) {
  const data = await loadGapData(db);
  if (!data.categories.has(code)) throw new AppError('not_found', { detail: 'no such category' });
  const gap = gapsFor(data.model, period).get(code)!;
  const members = [...gap.companies].map(([organizationId, share]) => ({
    organizationId,
    organizationName: data.organizations.get(organizationId)?.name ?? '',
    country: data.organizations.get(organizationId)?.country ?? '',
    domesticOutput: Number(share.domesticOutput),
    capacity: Number(share.capacity),
    importedContentPercent: weightedImportedPct(share.domesticOutput, share.importedWeighted),
    sharePercent: gap.domesticOutput > 0n ? Number((share.domesticOutput * 10_000n) / gap.domesticOutput) / 100 : null,
  }));
  members.sort((a, b) => b.domesticOutput - a.domesticOutput || a.organizationName.localeCompare(b.organizationName));
  const awards = [...gap.awards].map(([awardId, figures]) => {
    const award = data.awards.get(awardId)!;
    return {
      awardId,
      agreementNumber: award.agreementNumber,
      organizationName: award.organizationName,
      status: award.status,
      promised: Number(figures.promised),
      delivered: Number(figures.delivered),
      outstanding: figures.active && figures.promised > figures.delivered ? Number(figures.promised - figures.delivered) : 0,
    };
  });
  const granularity = isQuarter(period) ? 'quarter' : 'year';
  return { period, category: presentGap(data, code, period, gap), members, awards, trend: trendPoints(data, code, periodsOf(data.input, granularity), new Map()) };
}

/** Coverage over time for the top-level categories, or for one category's sub-categories. */
export async function trend(db: Db, granularity: 'year' | 'quarter', categoryCode: string | undefined) {
  const data = await loadGapData(db);
  if (categoryCode && !data.categories.has(categoryCode)) throw new AppError('not_found', { detail: 'no such category' });
  const periods = periodsOf(data.input, granularity);
  const codes = data.categoryRows.filter((c) => c.parent_code === (categoryCode ?? null) && !c.archived).map((c) => c.code);
  const cache = new Map<string, Map<string, Gap>>();
  return {
    granularity,
    periods,
    series: codes.map((code) => {
      const category = data.categories.get(code)!;
      return { code, nameUk: category.name_uk, nameEn: category.name_en, points: trendPoints(data, code, periods, cache) };
    }),
  };
}

/** The gaps, contributors, needs and reports of a period as tables (the staff export). */
export async function gapTables(db: Db, period: string): Promise<Table[]> {
  const data = await loadGapData(db);
  const result = gapsFor(data.model, period);
  const rows = displayOrder(data, result).map((code) => presentGap(data, code, period, result.get(code)!));
  const contributors = rows.flatMap((row) => {
    const gap = result.get(row.code)!;
    return [
      ...[...gap.companies].map(([id, share]) => ({ category: row.code, kind: 'member', name: data.organizations.get(id)?.name ?? id, country: data.organizations.get(id)?.country ?? '', domestic_output: Number(share.domesticOutput), capacity: Number(share.capacity), promised: null, delivered: null })),
      ...[...gap.awards].map(([id, figures]) => ({ category: row.code, kind: 'award', name: `${data.awards.get(id)?.agreementNumber ?? id} ${data.awards.get(id)?.organizationName ?? ''}`.trim(), country: '', domestic_output: null, capacity: null, promised: Number(figures.promised), delivered: Number(figures.delivered) })),
    ];
  });
  const needs = await repo.listNeeds(db, {}, 10_000, 0);
  const reports = await repo.listReports(db, { period }, 10_000, 0);
  return [
    {
      name: `Gaps ${period}`,
      columns: [
        { key: 'code', header: 'Category code', width: 30 },
        { key: 'nameEn', header: 'Category', width: 36 },
        { key: 'nameUk', header: 'Категорія', width: 36 },
        { key: 'unitEn', header: 'Unit', width: 14 },
        { key: 'need', header: 'Need', kind: 'integer' },
        { key: 'domesticOutput', header: 'Confirmed domestic output', kind: 'integer' },
        { key: 'capacity', header: 'Confirmed capacity', kind: 'integer' },
        { key: 'gap', header: 'Gap', kind: 'integer' },
        { key: 'coveragePercent', header: 'Coverage %' },
        { key: 'importedContentPercent', header: 'Imported content %' },
        { key: 'reportingCompanies', header: 'Companies', kind: 'integer' },
        { key: 'pendingReports', header: 'Reports to confirm', kind: 'integer' },
        { key: 'outstandingPromised', header: 'Promised by awards, not delivered', kind: 'integer' },
        { key: 'forecastOutput', header: 'Forecast output', kind: 'integer' },
        { key: 'forecastCoveragePercent', header: 'Forecast coverage %' },
      ],
      rows,
    },
    {
      name: 'Contributors',
      columns: [
        { key: 'category', header: 'Category code', width: 30 },
        { key: 'kind', header: 'Kind' },
        { key: 'name', header: 'Member or award', width: 40 },
        { key: 'country', header: 'Country' },
        { key: 'domestic_output', header: 'Domestic output', kind: 'integer' },
        { key: 'capacity', header: 'Capacity', kind: 'integer' },
        { key: 'promised', header: 'Promised', kind: 'integer' },
        { key: 'delivered', header: 'Delivered', kind: 'integer' },
      ],
      rows: contributors,
    },
    {
      name: 'Needs',
      columns: [
        { key: 'category', header: 'Category code', width: 30 },
        { key: 'period', header: 'Period' },
        { key: 'quantity', header: 'Quantity', kind: 'integer' },
        { key: 'version', header: 'Version', kind: 'integer' },
        { key: 'updated', header: 'Updated', kind: 'date' },
      ],
      rows: needs.items.map((n) => ({ category: n.category_code, period: n.period, quantity: Number(n.quantity), version: n.version, updated: n.updated_at.toISOString() })),
    },
    {
      name: `Capacity reports ${period}`,
      columns: [
        { key: 'organization', header: 'Organization', width: 40 },
        { key: 'category', header: 'Category code', width: 30 },
        { key: 'period', header: 'Period' },
        { key: 'status', header: 'Status' },
        { key: 'domestic_output', header: 'Domestic output', kind: 'integer' },
        { key: 'capacity', header: 'Capacity', kind: 'integer' },
        { key: 'imported', header: 'Imported content %', kind: 'integer' },
        { key: 'components', header: 'Main imported components', width: 40 },
      ],
      rows: reports.items.map((r) => ({ organization: r.organization_name, category: r.category_code, period: r.period, status: r.status, domestic_output: Number(r.domestic_output), capacity: Number(r.capacity), imported: r.imported_content_pct, components: r.imported_components.join('; ') })),
    },
  ];
}

// Public aggregates -------------------------------------------------------------------------------

/** What the public sees: per top-level category and year, with suppression (public-aggregates.ts). */
export async function publicAggregates(db: Db, now = new Date()): Promise<TPublicAggregates> {
  const data = await loadGapData(db);
  const years = [...new Set(data.input.outputs.map((o) => yearOf(o.period)))].sort((a, b) => a - b);
  const top = data.categoryRows.filter((c) => c.parent_code === null && !c.archived);
  const byYear = new Map(years.map((year) => [year, gapsFor(data.model, String(year))]));
  return {
    title: 'Localization of defense production: domestic output and capacity by category and year',
    generatedAt: now.toISOString(),
    licence: 'CC-BY-4.0',
    method: {
      minCompanies: MIN_COMPANIES,
      dominanceLimitPercent: DOMINANCE_LIMIT_PERCENT,
      rounding: 'two significant figures, at least to tens',
      coverageBands: [...COVERAGE_BANDS],
      description:
        `Confirmed capacity reports of members, per top-level category and year. A figure is suppressed when fewer than ${MIN_COMPANIES} companies reported in it, or one company makes up more than ${DOMINANCE_LIMIT_PERCENT} % of its output or capacity; ` +
        'further years (or the all-years total) are suppressed where the total would reveal a suppressed one. Needs are not published; coverage is shown as a band.',
    },
    years,
    categories: top.map((category) => {
      const table = publicCategory(
        { code: category.code, years: new Map(years.map((year) => { const gap = byYear.get(year)!.get(category.code)!; return [year, { shares: gap.companies, need: gap.need }]; })) },
        years,
      );
      return { code: category.code, nameUk: category.name_uk, nameEn: category.name_en, unitUk: category.unit_uk, unitEn: category.unit_en, years: table.years, total: table.total };
    }),
  };
}

/** The public aggregates as CSV rows: one per category and year, and one `all` row per category. */
export function publicAggregatesTable(aggregates: TPublicAggregates): Table {
  return {
    name: 'Localization',
    columns: [
      { key: 'category_code', header: 'category_code' },
      { key: 'category_en', header: 'category_en' },
      { key: 'category_uk', header: 'category_uk' },
      { key: 'unit_en', header: 'unit_en' },
      { key: 'year', header: 'year' },
      { key: 'status', header: 'status' },
      { key: 'companies', header: 'companies' },
      { key: 'domestic_output', header: 'domestic_output' },
      { key: 'capacity', header: 'capacity' },
      { key: 'imported_content_percent', header: 'imported_content_percent' },
      { key: 'coverage', header: 'coverage' },
    ],
    rows: aggregates.categories.flatMap((category) => {
      const label = { category_code: category.code, category_en: category.nameEn, category_uk: category.nameUk, unit_en: category.unitEn };
      return [
        ...category.years.map((cell) => ({ ...label, year: String(cell.year), status: cell.status, companies: cell.companies, domestic_output: cell.domesticOutput, capacity: cell.capacity, imported_content_percent: cell.importedContentPercent, coverage: cell.coverage })),
        { ...label, year: 'all', status: category.total.domesticOutput === 'suppressed' ? 'suppressed' : 'published', companies: null, domestic_output: category.total.domesticOutput, capacity: category.total.capacity, imported_content_percent: null, coverage: null },
      ];
    }),
  };
}
