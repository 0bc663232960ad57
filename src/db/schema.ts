import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { CertificateFields } from '../modules/regime/certificate.ts';
import type { Criterion, Evaluation } from '../modules/regime/rules.ts';

/**
 * Table types for Kysely, kept by hand beside the migrations (one interface per table). A column's
 * type here must match its migration; tests on both engines catch a mismatch.
 */
export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  audit_events: AuditEventsTable;
  audit_checkpoints: AuditCheckpointsTable;
  capability_categories: CapabilityCategoriesTable;
  organization_identifiers: OrganizationIdentifiersTable;
  people: PeopleTable;
  organization_officers: OrganizationOfficersTable;
  ownership_links: OwnershipLinksTable;
  documents: DocumentsTable;
  membership_applications: MembershipApplicationsTable;
  membership_transitions: MembershipTransitionsTable;
  membership_deadlines: MembershipDeadlinesTable;
  email_outbox: EmailOutboxTable;
  idempotency_keys: IdempotencyKeysTable;
  ledger_accounts: LedgerAccountsTable;
  ledger_entries: LedgerEntriesTable;
  ledger_postings: LedgerPostingsTable;
  fund_program_settings: FundProgramSettingsTable;
  fund_calls: FundCallsTable;
  fund_proposals: FundProposalsTable;
  fund_evaluator_assignments: FundEvaluatorAssignmentsTable;
  fund_awards: FundAwardsTable;
  fund_award_milestones: FundAwardMilestonesTable;
  fund_disbursements: FundDisbursementsTable;
  fund_clawbacks: FundClawbacksTable;
  regime_settings: RegimeSettingsTable;
  localization_needs: LocalizationNeedsTable;
  localization_need_versions: LocalizationNeedVersionsTable;
  capacity_reports: CapacityReportsTable;
  events: EventsTable;
  event_sessions: EventSessionsTable;
  event_registrations: EventRegistrationsTable;
  event_participants: EventParticipantsTable;
  meeting_requests: MeetingRequestsTable;
  meeting_attendance: MeetingAttendanceTable;
  portal_posts: PortalPostsTable;
  portal_faq: PortalFaqTable;
  portal_images: PortalImagesTable;
  regime_rule_sets: RegimeRuleSetsTable;
  regime_applications: RegimeApplicationsTable;
  regime_residents: RegimeResidentsTable;
  regime_transitions: RegimeTransitionsTable;
  regime_reports: RegimeReportsTable;
  regime_suspension_proposals: RegimeSuspensionProposalsTable;
  regime_notices: RegimeNoticesTable;
  regime_commission_members: RegimeCommissionMembersTable;
  regime_appeals: RegimeAppealsTable;
  screening_lists: ScreeningListsTable;
  screening_list_versions: ScreeningListVersionsTable;
  screening_entities: ScreeningEntitiesTable;
  screening_cases: ScreeningCasesTable;
  screening_case_organizations: ScreeningCaseOrganizationsTable;
  screening_runs: ScreeningRunsTable;
  background_jobs: BackgroundJobsTable;
  fund_assets: FundAssetsTable;
  fund_asset_valuations: FundAssetValuationsTable;
  fund_asset_transitions: FundAssetTransitionsTable;
  fund_asset_sales: FundAssetSalesTable;
  fund_donations: FundDonationsTable;
}

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Generated<T> = ColumnType<T, never, never>;

/** A calendar date column (PostgreSQL `date`), read back as `YYYY-MM-DD` text by both engines' parsers. */
type DateColumn = ColumnType<string, string, string>;
type Jsonb<T> = ColumnType<T, string, string>;

/** Postal address of an organization. */
export interface OrganizationAddress {
  type: 'registered' | 'operational' | 'production';
  street: string;
  city: string;
  region?: string;
  postalCode?: string;
  country: string;
}

/** A contact person or channel of an organization. */
export interface OrganizationContact {
  name: string;
  role?: string;
  email?: string;
  phone?: string;
}

/** Review status of facts a company user proposes and an officer confirms. */
export type ReviewStatus = 'pending' | 'confirmed' | 'rejected' | 'removal_pending' | 'removed';

export interface OrganizationsTable {
  id: string;
  /** Legal name in English (the display name when no other language fits). */
  name: string;
  name_uk: string | null;
  name_original: string | null;
  short_name: string | null;
  country: string;
  kind: 'manufacturer' | 'integrator' | 'research' | 'supplier' | 'investor' | 'public_body' | 'other';
  size_band: 'micro' | 'small' | 'medium' | 'large' | null;
  website: string | null;
  founded_on: DateColumn | null;
  addresses: Jsonb<OrganizationAddress[]>;
  contacts: Jsonb<OrganizationContact[]>;
  capabilities: string[];
  version: number;
  search_text: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CapabilityCategoriesTable {
  code: string;
  parent_code: string | null;
  name_uk: string;
  name_en: string;
  sort_order: number;
  unit_uk: ColumnType<string, string | undefined, string>;
  unit_en: ColumnType<string, string | undefined, string>;
  archived: ColumnType<boolean, boolean | undefined, boolean>;
  version: ColumnType<number, number | undefined, number>;
}

export interface OrganizationIdentifiersTable {
  id: string;
  organization_id: string;
  scheme: string;
  value: string;
  identifier: string;
  status: ReviewStatus;
  proposed_by: string | null;
  reviewed_by: string | null;
  review_note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One of a person's names, in the script it is written in. */
export interface PersonName {
  fullName: string;
  script: string;
}

export interface PeopleTable {
  id: string;
  primary_name: string;
  names: Jsonb<PersonName[]>;
  birth_date: DateColumn | null;
  nationalities: string[];
  identifiers: Jsonb<Array<{ scheme: string; value: string }>>;
  search_text: string;
  entered_for_organization_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrganizationOfficersTable {
  id: string;
  organization_id: string;
  person_id: string;
  role: 'director' | 'signatory' | 'board_member' | 'chief_accountant' | 'other';
  from_date: DateColumn | null;
  to_date: DateColumn | null;
  status: ReviewStatus;
  proposed_by: string | null;
  reviewed_by: string | null;
  review_note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OwnershipLinksTable {
  id: string;
  owned_organization_id: string;
  owner_person_id: string | null;
  owner_organization_id: string | null;
  share_ppm: number | null;
  control_kinds: string[];
  from_date: DateColumn | null;
  to_date: DateColumn | null;
  status: ReviewStatus;
  proposed_by: string | null;
  reviewed_by: string | null;
  review_note: string | null;
  /** The owner organization was registered in the same request as the link (a company's new holding company). */
  owner_registered_with_link: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DocumentsTable {
  id: string;
  organization_id: string;
  document_type: 'statutes' | 'registry_extract' | 'financial_statement' | 'licence' | 'localization_plan' | 'ownership_evidence' | 'other';
  title: string;
  file_name: string;
  content_type: string;
  size_bytes: bigint;
  sha256: string;
  uploaded_by: string | null;
  created_at: Timestamp;
}

/** The states of an Alliance membership application (see membership/service.ts for the machine). */
export type MembershipStatus = 'draft' | 'submitted' | 'screening' | 'under_review' | 'approved' | 'rejected' | 'returned' | 'member' | 'suspended' | 'terminated' | 'withdrawn';

export interface MembershipApplicationsTable {
  id: string;
  organization_id: string;
  status: MembershipStatus;
  local_partner_organization_id: string | null;
  site_oblast: string | null;
  site_city: string | null;
  investment_minor: bigint | null;
  investment_currency: string | null;
  jobs: number | null;
  capabilities: string[];
  planned_start: DateColumn | null;
  plan_summary: string | null;
  document_ids: string[];
  decision_reason: string | null;
  screening_mode: 'manual' | 'automatic';
  status_changed_at: Timestamp;
  due_at: Timestamp | null;
  submitted_at: Timestamp | null;
  member_since: Timestamp | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipTransitionsTable {
  id: string;
  application_id: string;
  from_status: MembershipStatus | null;
  to_status: MembershipStatus;
  actor_id: string | null;
  actor_label: string;
  reason: string | null;
  occurred_at: Timestamp;
}

export interface MembershipDeadlinesTable {
  status: string;
  days: number;
}

export interface EmailOutboxTable {
  id: string;
  organization_id: string | null;
  to_address: string;
  subject: string;
  body: string;
  created_at: Timestamp;
  delivered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  delivery: ColumnType<'smtp' | 'file' | null, 'smtp' | 'file' | null | undefined, 'smtp' | 'file' | null>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  route: string;
  request_hash: string;
  status_code: number;
  response_body: string;
  created_at: Timestamp;
}

/** The kind of a ledger account, which decides its normal balance side. */
export type LedgerAccountType = 'asset' | 'liability' | 'equity' | 'income' | 'expense';
/** Who a ledger account belongs to. */
export type LedgerOwnerType = 'fund' | 'program' | 'award' | 'organization';
/** Two-phase state of a ledger entry. */
export type LedgerEntryStatus = 'posted' | 'pending' | 'voided';
/** What a ledger entry books. */
export type LedgerReferenceType = 'asset_sale' | 'donation' | 'budget' | 'disbursement' | 'clawback' | 'fx' | 'reversal' | 'other';
/** The side of a posting. */
export type LedgerDirection = 'debit' | 'credit';

/** An int8 money or total column: a bigint read back, a bigint or its decimal text written. */
type MoneyColumn = ColumnType<bigint, bigint | string | undefined, bigint | string>;

export interface LedgerAccountsTable {
  id: string;
  code: string;
  name_uk: string;
  name_en: string;
  type: LedgerAccountType;
  currency: string;
  debits_must_not_exceed_credits: ColumnType<boolean, boolean | undefined, boolean>;
  credits_must_not_exceed_debits: ColumnType<boolean, boolean | undefined, boolean>;
  owner_type: ColumnType<LedgerOwnerType, LedgerOwnerType | undefined, LedgerOwnerType>;
  owner_id: string | null;
  debits_posted: MoneyColumn;
  credits_posted: MoneyColumn;
  debits_pending: MoneyColumn;
  credits_pending: MoneyColumn;
  opened_at: Timestamp;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: ColumnType<number, number | undefined, number>;
  /** Set on the cash accounts that hold earmarked money; fixed when the account is opened. */
  earmark_type: ColumnType<LedgerEarmarkType | null, LedgerEarmarkType | null | undefined, never>;
  earmark_code: ColumnType<string | null, string | null | undefined, never>;
}

/** What earmarked money may be spent on: a fund program or a capability category (and its sub-categories). */
export type LedgerEarmarkType = 'program' | 'capability';

export interface LedgerEntriesTable {
  id: string;
  entry_seq: Generated<bigint>;
  currency: string;
  description: string;
  reference_type: LedgerReferenceType;
  reference_id: string | null;
  reverses_entry_id: string | null;
  status: LedgerEntryStatus;
  effective_date: DateColumn;
  client_key: string;
  content_hash: string;
  /** Decimal text (numeric), never a float. */
  fx_rate: string | null;
  fx_rate_source: string | null;
  fx_rate_date: ColumnType<string | null, string | null | undefined, string | null>;
  created_by_id: string | null;
  created_by: string;
  created_at: Timestamp;
  resolved_by: ColumnType<string | null, string | null | undefined, string | null>;
  resolved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** What the entry pays for; money leaves an earmarked account only for a matching purpose. */
  purpose_program: ColumnType<string | null, string | null | undefined, never>;
  purpose_capability: ColumnType<string | null, string | null | undefined, never>;
}

export interface LedgerPostingsTable {
  id: string;
  entry_id: string;
  account_id: string;
  direction: LedgerDirection;
  amount: ColumnType<bigint, bigint | string, never>;
  seq: number;
}

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  organization_id: string | null;
  status: 'active' | 'disabled';
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: Timestamp | null;
  totp_last_step: bigint | null;
  password_changed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  stage: 'full' | 'totp_enrolment';
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginFailuresTable {
  id: string;
  email: string;
  ip: string;
  occurred_at: Timestamp;
}

export interface AuditEventsTable {
  seq: bigint;
  hash: string;
  /** The canonical JSON the hash covers; every column below is generated from it. */
  payload: string;
  id: Generated<string>;
  occurred_at: Generated<Date>;
  actor_id: Generated<string | null>;
  actor_label: Generated<string>;
  action: Generated<string>;
  target_type: Generated<string | null>;
  target_id: Generated<string | null>;
  request_id: Generated<string | null>;
  details: Generated<unknown>;
}

export interface AuditCheckpointsTable {
  seq: bigint;
  from_seq: bigint;
  head_hash: string;
  range_digest: string;
  event_hashes: Uint8Array;
  signed_at: Timestamp;
  key_id: string;
  public_key: string;
  signature: string;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type AuditCheckpointRow = Selectable<AuditCheckpointsTable>;

/** Kind of a confiscated asset. */
export type FundAssetKind = 'real_estate' | 'company_shares' | 'vessel' | 'aircraft' | 'securities' | 'cash' | 'other';
/** Where a confiscated asset stands, from seizure to the proceeds in the fund's account. */
export type FundAssetStatus = 'seized' | 'confiscated' | 'in_management' | 'for_sale' | 'sold' | 'proceeds_received';

export interface FundAssetsTable {
  id: string;
  kind: FundAssetKind;
  description: string;
  former_owner_type: 'person' | 'organization' | null;
  former_owner_id: string | null;
  former_owner_name: string | null;
  legal_court: string;
  legal_decision_number: string;
  legal_decision_date: DateColumn;
  custodian: string | null;
  status: FundAssetStatus;
  version: ColumnType<number, number | undefined, number>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FundAssetValuationsTable {
  id: string;
  asset_id: string;
  valued_on: DateColumn;
  amount: ColumnType<bigint, bigint | string, never>;
  currency: string;
  valuer: string;
  created_by: string;
  created_at: Timestamp;
}

export interface FundAssetTransitionsTable {
  id: string;
  asset_id: string;
  from_status: FundAssetStatus | null;
  to_status: FundAssetStatus;
  note: string | null;
  actor: string;
  at: Timestamp;
}

export interface FundAssetSalesTable {
  asset_id: string;
  sale_date: DateColumn;
  method: 'auction' | 'direct' | 'tender';
  lot_reference: string | null;
  buyer_name: string;
  price: ColumnType<bigint, bigint | string, never>;
  costs: ColumnType<bigint, bigint | string, never>;
  currency: string;
  proceeds_entry_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string;
  created_at: Timestamp;
}

/** Who gave a donation. */
export type FundDonorKind = 'state' | 'organization' | 'person';
/** What a donation is earmarked for. */
export type FundEarmarkType = 'none' | 'program' | 'capability';

export interface FundDonationsTable {
  id: string;
  donor_kind: FundDonorKind;
  donor_name: string;
  donor_registry_id: string | null;
  amount: ColumnType<bigint, bigint | string, never>;
  currency: string;
  donated_on: DateColumn;
  earmark_type: FundEarmarkType;
  earmark_code: string | null;
  agreement_document_id: string | null;
  ledger_entry_id: string;
  created_by: string;
  created_at: Timestamp;
}

/** A sanctions list source and its current version. */
export interface ScreeningListsTable {
  source: string;
  format: string;
  current_version_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One imported version of a list: its files and counts. */
export interface ScreeningListVersionsTable {
  id: string;
  source: string;
  format: string;
  files: Jsonb<Array<{ name: string; bytes: number; sha256: string }>>;
  entity_count: number;
  name_count: number;
  warnings: ColumnType<unknown[], string | undefined, string>;
  imported_by: string;
  imported_at: Timestamp;
  replaced_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** A listed entity of one list version, with the whole parsed record. */
export interface ScreeningEntitiesTable {
  version_id: string;
  entity_id: string;
  schema: string;
  caption: string;
  content_hash: string;
  data: Jsonb<unknown>;
}

/** Status of a screening case. */
export type ScreeningCaseStatus = 'open' | 'confirmed' | 'dismissed';

/** One screened record against one listed entity, with the analyst's decision. */
export interface ScreeningCasesTable {
  id: string;
  subject_type: 'organization' | 'person';
  subject_id: string;
  subject_name: string;
  subject: Jsonb<unknown>;
  entity_id: string;
  entity_caption: string;
  list_source: string;
  entity_hash: string;
  entity: Jsonb<unknown>;
  /** numeric(5,4): text from both drivers. */
  score: ColumnType<string, number, number>;
  matched_name: string;
  evidence: Jsonb<unknown>;
  status: ScreeningCaseStatus;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  reopened_because: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Which organizations a case concerns. */
export interface ScreeningCaseOrganizationsTable {
  case_id: string;
  organization_id: string;
}

/** When an organization was last screened, and against which list versions. */
export interface ScreeningRunsTable {
  organization_id: string;
  screened_at: Timestamp;
  subjects: number;
  hits: number;
  list_versions: string;
}

/** A queued piece of background work. */
export interface BackgroundJobsTable {
  id: string;
  queue: string;
  job_key: string;
  payload: Jsonb<unknown>;
  status: 'queued' | 'done' | 'failed';
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  run_after: Timestamp;
  created_at: Timestamp;
  finished_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** The special economic regime's settings: one row. */
export interface RegimeSettingsTable {
  id: Generated<boolean>;
  decision_working_days: number;
  report_due_month: number;
  report_due_day: number;
  report_grace_days: number;
  reminder_days_before: number[];
  cure_days: number;
  appeal_days: number;
  benefit_rates: Jsonb<RegimeBenefitRates>;
  hideable_fields: string[];
  last_certificate_seq: number;
  version: number;
  updated_at: Timestamp;
}

/** Rates of the benefits estimate, as decimal strings (percentages). */
export interface RegimeBenefitRates {
  corporateIncomeTaxPct: string;
  landTaxReliefPct: string;
  propertyTaxReliefPct: string;
  environmentalTaxReliefPct: string;
}

export interface RegimeRuleSetsTable {
  id: string;
  version: number;
  effective_from: DateColumn;
  title: string;
  notes: string | null;
  criteria: Jsonb<Criterion[]>;
  created_by: string;
  created_at: Timestamp;
}

export type RegimeApplicationStatus = 'draft' | 'submitted' | 'checks' | 'granted' | 'refused' | 'returned' | 'withdrawn';
export type RegimeResidentStatus = 'active' | 'suspended' | 'terminated' | 'exited';

/** Figures of an application or annual report, as the company gave them (money in minor units of `currency`). */
export interface RegimeFigures {
  fiscalYear: number | null;
  currency: string | null;
  revenueMinor: number | null;
  qualifiedDefenseIncomeMinor: number | null;
  employees: number | null;
  averageMonthlyWageMinor: number | null;
  stateOwnershipPct: string | null;
  localContentPct: string | null;
  investmentMinor: number | null;
  reinvestedProfitMinor: number | null;
  landTaxMinor: number | null;
  propertyTaxMinor: number | null;
  environmentalTaxMinor: number | null;
}

export interface RegimeApplicationsTable {
  id: string;
  organization_id: string;
  status: RegimeApplicationStatus;
  figures: Jsonb<RegimeFigures>;
  auditor_report_document_id: string | null;
  document_ids: string[];
  rule_set_id: string | null;
  evaluation: Jsonb<Evaluation> | null;
  submitted_at: Timestamp | null;
  decision_due_at: Timestamp | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RegimeResidentsTable {
  id: string;
  organization_id: string;
  application_id: string;
  status: RegimeResidentStatus;
  rule_set_id: string;
  granted_at: Timestamp;
  certificate_id: string;
  certificate_number: string;
  certificate: Jsonb<CertificateFields>;
  signature: string;
  key_id: string;
  public_key: string;
  suspended_at: Timestamp | null;
  cure_deadline: DateColumn | null;
  suspension_reason: string | null;
  ended_at: Timestamp | null;
  end_grounds: string | null;
  hidden_fields: string[];
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RegimeTransitionsTable {
  id: string;
  subject_type: 'application' | 'resident';
  subject_id: string;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  actor_label: string;
  reason: string | null;
  occurred_at: Timestamp;
}

export interface RegimeReportsTable {
  id: string;
  resident_id: string;
  organization_id: string;
  year: number;
  status: 'draft' | 'accepted' | 'failed';
  figures: Jsonb<RegimeFigures>;
  auditor_report_document_id: string | null;
  rule_set_id: string | null;
  evaluation: Jsonb<Evaluation> | null;
  submitted_at: Timestamp | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RegimeSuspensionProposalsTable {
  id: string;
  resident_id: string;
  report_id: string | null;
  year: number;
  cause: 'report_failed' | 'report_overdue';
  details: Jsonb<{ failed?: string[]; dueOn?: string; graceEndedOn?: string }>;
  status: 'open' | 'accepted' | 'dismissed';
  decided_by: string | null;
  decision_reason: string | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
}

export interface RegimeNoticesTable {
  resident_id: string;
  year: number;
  kind: string;
  sent_at: Timestamp;
}

export interface RegimeCommissionMembersTable {
  user_id: string;
  added_by: string;
  added_at: Timestamp;
}

export interface RegimeAppealsTable {
  id: string;
  organization_id: string;
  subject_type: 'application' | 'resident';
  subject_id: string;
  grounds: string;
  status: 'pending' | 'upheld' | 'dismissed';
  filed_by: string;
  decided_by: string | null;
  decision_reason: string | null;
  decided_at: Timestamp | null;
  version: number;
  created_at: Timestamp;
}

export interface FundProgramSettingsTable {
  id: Generated<boolean>;
  /** Per currency: a disbursement above this many minor units needs two approvers. */
  second_approval_above: Jsonb<Record<string, number>>;
  version: number;
  updated_at: Timestamp;
}

/** A weighted criterion of a call; scores are 0–5 in tenths (steps of five tenths). */
export interface CallCriterion {
  key: string;
  label: { en: string; uk: string };
  weight: number;
  thresholdTenths: number;
}

export type FundCallStatus = 'draft' | 'published' | 'ranked' | 'awarded' | 'cancelled';

export interface FundCallsTable {
  id: string;
  code: string;
  title_en: string;
  title_uk: string;
  text_en: string;
  text_uk: string;
  currency: string;
  budget_minor: bigint;
  capabilities: string[];
  eligibility: 'members' | 'residents' | 'both';
  opens_at: Timestamp;
  closes_at: Timestamp;
  required_documents: string[];
  criteria: Jsonb<CallCriterion[]>;
  overall_threshold_tenths: number;
  evaluators_per_proposal: number;
  disagreement_limit_tenths: number;
  min_partial_percent: number;
  status: FundCallStatus;
  reservation_entry_id: string | null;
  created_by: string;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Capacity a proposal adds (or a milestone delivers) in one capability category and period. */
export interface CapacityLine {
  capability: string;
  period: string;
  quantity: number;
}

export interface ProposalMilestone {
  deliverable: string;
  dueDate: string;
  amountMinor: number;
}

export interface FundProposalsTable {
  id: string;
  call_id: string;
  organization_id: string;
  status: 'draft' | 'submitted' | 'withdrawn';
  title: string;
  summary: string | null;
  requested_minor: bigint;
  cofinancing_minor: bigint;
  capacity: Jsonb<CapacityLine[]>;
  milestones: Jsonb<ProposalMilestone[]>;
  budget_lines: Jsonb<Array<{ item: string; amountMinor: number }>>;
  document_ids: string[];
  eligibility: Jsonb<{ membership: string | null; residency: string | null; screening: string }> | null;
  submitted_at: Timestamp | null;
  final_scores: Jsonb<Record<string, { scoreTenths: number; reason: string }>> | null;
  consensus_by: string | null;
  consensus_at: Timestamp | null;
  weighted_score_milli: number | null;
  rank: number | null;
  outcome: 'funded' | 'partially_funded' | 'reserve' | 'below_threshold' | null;
  awarded_minor: bigint | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FundEvaluatorAssignmentsTable {
  id: string;
  proposal_id: string;
  evaluator_id: string;
  status: 'assigned' | 'declared' | 'conflict' | 'submitted';
  declared_at: Timestamp | null;
  conflict_reason: string | null;
  scores: Jsonb<Record<string, { scoreTenths: number; comment: string }>> | null;
  submitted_at: Timestamp | null;
  assigned_by: string;
  created_at: Timestamp;
  version: number;
}

export interface FundAwardsTable {
  id: string;
  call_id: string;
  proposal_id: string;
  organization_id: string;
  agreement_number: string;
  currency: string;
  amount_minor: bigint;
  status: 'active' | 'completed' | 'terminated';
  capacity_promised: Jsonb<CapacityLine[]>;
  awarded_at: Timestamp;
  awarded_by: string;
  ended_at: Timestamp | null;
  end_reason: string | null;
  version: number;
}

export interface FundAwardMilestonesTable {
  id: string;
  award_id: string;
  seq: number;
  deliverable: string;
  due_date: DateColumn;
  amount_minor: bigint;
  status: 'planned' | 'reported' | 'verified' | 'failed' | 'paid' | 'cancelled';
  reservation_entry_id: string;
  report_text: string | null;
  evidence_document_ids: string[];
  capacity_delivered: Jsonb<CapacityLine[]>;
  reported_at: Timestamp | null;
  verified_by: string | null;
  verified_at: Timestamp | null;
  verification_note: string | null;
  version: number;
}

export interface FundDisbursementsTable {
  id: string;
  award_id: string;
  milestone_id: string;
  currency: string;
  amount_minor: bigint;
  status: 'prepared' | 'paid' | 'cancelled';
  required_approvals: number;
  prepared_by: string;
  prepared_by_label: string;
  prepared_at: Timestamp;
  approvals: Jsonb<Array<{ userId: string; label: string; at: string }>>;
  entry_id: string | null;
  paid_at: Timestamp | null;
  version: number;
}

export interface FundClawbacksTable {
  id: string;
  award_id: string;
  milestone_id: string | null;
  currency: string;
  amount_minor: bigint;
  reason: string;
  entry_id: string;
  created_by: string;
  created_at: Timestamp;
}

// Localization ------------------------------------------------------------------------------------

/** A need for a capability category in a period (restricted): the current version. */
export interface LocalizationNeedsTable {
  id: string;
  category_code: string;
  period: string;
  quantity: ColumnType<bigint, bigint, bigint>;
  note: string | null;
  version: number;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Every version of a need. */
export interface LocalizationNeedVersionsTable {
  need_id: string;
  version: number;
  quantity: ColumnType<bigint, bigint, never>;
  note: string | null;
  reason: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

/** Where a capacity report stands: filed by the company, then confirmed or returned by an officer. */
export type CapacityReportStatus = 'submitted' | 'confirmed' | 'returned';

/** A member's domestic output and capacity in one category and period (restricted). */
export interface CapacityReportsTable {
  id: string;
  organization_id: string;
  category_code: string;
  period: string;
  domestic_output: ColumnType<bigint, bigint, bigint>;
  capacity: ColumnType<bigint, bigint, bigint>;
  imported_content_pct: number;
  imported_components: string[];
  evidence_document_ids: string[];
  note: string | null;
  status: CapacityReportStatus;
  submitted_by: string;
  submitted_at: Timestamp;
  decided_by_id: string | null;
  decided_by: string | null;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  decision_reason: string | null;
  version: number;
}

// Forum and matchmaking (migration 202611280400_events) ---------------------------------------------

export type EventStatus = 'draft' | 'published' | 'closed' | 'cancelled';

/** A day's meeting hours, in the event's time zone. */
export interface MeetingHours {
  date: string;
  from: string;
  to: string;
}

/** A session's speaker; a delegate who speaks is not available for meetings during the session. */
export interface SessionSpeaker {
  name: string;
  affiliation?: string;
  registrationId?: string;
}

export interface EventsTable {
  id: string;
  title_uk: string;
  title_en: string;
  description_uk: string;
  description_en: string;
  venue_uk: string;
  venue_en: string;
  starts_on: DateColumn;
  ends_on: DateColumn;
  time_zone: string;
  capacity: number;
  per_company_limit: number;
  meeting_minutes: number;
  table_count: number;
  meeting_hours: Jsonb<MeetingHours[]>;
  status: EventStatus;
  version: number;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EventSessionsTable {
  id: string;
  event_id: string;
  title_uk: string;
  title_en: string;
  description_uk: string;
  description_en: string;
  room: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  speakers: Jsonb<SessionSpeaker[]>;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type RegistrationStatus = 'registered' | 'waitlisted' | 'cancelled';

export interface EventRegistrationsTable {
  id: string;
  event_id: string;
  organization_id: string;
  full_name: string;
  email: string;
  position: string;
  status: RegistrationStatus;
  badge_code: string;
  /** Start times (ISO) of the meeting slots the delegate cannot attend. */
  unavailable_slots: Jsonb<string[]>;
  checked_in_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  checked_in_by: string | null;
  registered_by: string;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EventParticipantsTable {
  event_id: string;
  organization_id: string;
  goals: string;
  seeks: string[];
  offers: string[];
  interests: string[];
  version: number;
  updated_at: Timestamp;
}

export type MeetingRequestStatus = 'requested' | 'accepted' | 'declined' | 'cancelled';

export interface MeetingRequestsTable {
  id: string;
  event_id: string;
  requester_organization_id: string;
  requester_registration_id: string;
  recipient_organization_id: string;
  recipient_registration_ids: string[];
  message: string;
  status: MeetingRequestStatus;
  decision_reason: string | null;
  slot_start: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  table_no: number | null;
  placed_by: 'booking' | 'scheduler' | null;
  placed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: string;
  created_at: Timestamp;
  decided_by: string | null;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: number;
}

export interface MeetingAttendanceTable {
  event_id: string;
  registration_id: string;
  slot_start: Timestamp;
  meeting_id: string;
}

// Public portal (migration 202611280500_portal) ------------------------------------------------------

export type PostStatus = 'draft' | 'scheduled' | 'published' | 'archived';

export interface PortalPostsTable {
  id: string;
  slug: string;
  title_uk: string;
  title_en: string;
  summary_uk: string;
  summary_en: string;
  /** Markdown; rendered and sanitized when shown. */
  body_uk: string;
  body_en: string;
  tags: string[];
  status: PostStatus;
  publish_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: number;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PortalFaqTable {
  id: string;
  group_key: string;
  group_uk: string;
  group_en: string;
  question_uk: string;
  question_en: string;
  /** Markdown. */
  answer_uk: string;
  answer_en: string;
  sort_order: number;
  published: boolean;
  version: number;
  updated_at: Timestamp;
}

/** An image for news posts: its bytes are in the documents store under `sha256`. */
export interface PortalImagesTable {
  id: string;
  sha256: string;
  content_type: 'image/png' | 'image/jpeg' | 'image/webp';
  size_bytes: ColumnType<bigint, bigint, bigint>;
  file_name: string;
  alt_uk: string;
  alt_en: string;
  uploaded_by: string;
  created_at: Timestamp;
}
