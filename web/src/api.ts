// HTTP client for the ADI Platform API (described by /api/v1/openapi.json; examples in docs/api.md).
// Every call goes through `request`, which adds the CSRF header to writes and turns
// RFC 9457 problem+json bodies into `ApiError`s that forms can map onto fields.
import { PARTNERING_TOPICS } from '../../src/modules/events/recommend';

export const ROLES = [
  'public',
  'company',
  'officer',
  'analyst',
  'evaluator',
  'fund_officer',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export type UserStatus = 'active' | 'disabled';

export interface User {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  organizationId: string | null;
  organizationName: string | null;
  status: UserStatus;
  totpEnabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Session {
  stage: 'full' | 'totp_enrolment';
  csrfToken: string;
  expiresAt: string;
}

export interface Me {
  user: User;
  session: Session;
}

/** A demo account as demo mode lists it on the sign-in page (GET /api/v1/demo/accounts). */
export interface DemoAccount {
  role: Role;
  email: string;
  password: string;
  displayName: string;
  organizationName: string | null;
  /** Staff: the two-factor code that signs in now; null for company accounts. */
  totpCode: string | null;
  totpValidForSeconds: number | null;
}

/** What the demo accounts route says: the accounts (demo mode), still loading, or no demo here. */
export type DemoAccounts = { kind: 'accounts'; accounts: DemoAccount[] } | { kind: 'loading' } | { kind: 'none' };

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

// Registry ----------------------------------------------------------------------------------------

export const ORGANIZATION_KINDS = ['manufacturer', 'integrator', 'research', 'supplier', 'investor', 'public_body', 'other'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export const SIZE_BANDS = ['micro', 'small', 'medium', 'large'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];
export const REVIEW_STATUSES = ['pending', 'confirmed', 'rejected', 'removal_pending', 'removed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const OFFICER_ROLES = ['director', 'signatory', 'board_member', 'chief_accountant', 'other'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];
export const CONTROL_KINDS = ['voting_rights', 'appoint_board', 'veto', 'other'] as const;
export type ControlKind = (typeof CONTROL_KINDS)[number];
export const DOCUMENT_TYPES = ['statutes', 'registry_extract', 'financial_statement', 'licence', 'localization_plan', 'ownership_evidence', 'other'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const ADDRESS_TYPES = ['registered', 'operational', 'production'] as const;
export type AddressType = (typeof ADDRESS_TYPES)[number];
/** ISO 15924 scripts a person's name can be written in. */
export const NAME_SCRIPTS = ['Latn', 'Cyrl', 'Arab', 'Hebr', 'Grek', 'Hani', 'Hang', 'Jpan', 'Geor', 'Armn', 'Other'] as const;
export type NameScript = (typeof NAME_SCRIPTS)[number];
export const REVIEW_KINDS = ['identifier', 'officer', 'owner'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export interface Address {
  type: AddressType;
  street: string;
  city: string;
  region?: string;
  postalCode?: string;
  country: string;
}

export interface Contact {
  name: string;
  role?: string;
  email?: string;
  phone?: string;
}

/** A row of the organization search. */
export interface OrganizationSummary {
  id: string;
  name: string;
  nameUk: string | null;
  shortName: string | null;
  country: string;
  kind: OrganizationKind;
  capabilities: string[];
  /** Confirmed and pending identifiers. */
  identifiers: string[];
  createdAt: string;
}

export interface OrganizationIdentifier {
  id: string;
  identifier: string;
  scheme: string;
  value: string;
  status: ReviewStatus;
  reviewNote: string | null;
}

export interface Organization {
  id: string;
  name: string;
  nameUk: string | null;
  nameOriginal: string | null;
  shortName: string | null;
  country: string;
  kind: OrganizationKind;
  sizeBand: SizeBand | null;
  website: string | null;
  foundedOn: string | null;
  addresses: Address[];
  contacts: Contact[];
  capabilities: string[];
  identifiers: OrganizationIdentifier[];
  /** Send it back with a change: a newer version on the server answers 409. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The editable profile, as sent to the server. */
export interface OrganizationProfile {
  name: string;
  nameUk: string;
  nameOriginal: string | null;
  shortName: string | null;
  country: string;
  kind: OrganizationKind;
  sizeBand: SizeBand | null;
  website: string | null;
  foundedOn: string | null;
  addresses: Address[];
  contacts: Contact[];
  capabilities: string[];
}

export interface NewOrganization extends OrganizationProfile {
  identifiers: string[];
}

export interface Capability {
  code: string;
  parentCode: string | null;
  nameUk: string;
  nameEn: string;
  unitUk?: string;
  unitEn?: string;
  archived?: boolean;
}

export interface PersonName {
  fullName: string;
  script: NameScript;
}

export interface Person {
  id: string;
  primaryName: string;
  names: PersonName[];
  birthDate: string | null;
  nationalities: string[];
  identifiers: { scheme: string; value: string }[];
  createdAt: string;
}

export interface NewPerson {
  names: PersonName[];
  birthDate?: string | null;
  nationalities: string[];
}

export interface Officer {
  id: string;
  personId: string;
  personName: string;
  role: OfficerRole;
  fromDate: string | null;
  toDate: string | null;
  status: ReviewStatus;
  reviewNote: string | null;
}

export interface OwnershipLink {
  id: string;
  ownedOrganizationId: string;
  owner: { kind: 'person' | 'organization'; id: string; name: string };
  sharePercent: number | null;
  controlKinds: string[];
  fromDate: string | null;
  toDate: string | null;
  status: ReviewStatus;
  reviewNote: string | null;
}

export interface OrganizationPeople {
  officers: Officer[];
  owners: OwnershipLink[];
}

export type OwnerInput =
  | { kind: 'person'; id: string }
  | { kind: 'organization'; id: string }
  | { kind: 'new_person'; person: NewPerson }
  | { kind: 'new_organization'; organization: NewOrganization };

export interface NewOwner {
  owner: OwnerInput;
  sharePercent?: number | null;
  controlKinds: ControlKind[];
  fromDate?: string | null;
  toDate?: string | null;
}

export interface GraphNode {
  id: string;
  kind: 'person' | 'organization';
  name: string;
  country: string | null;
}

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  sharePercent: number | null;
  controlKinds: string[];
}

export interface BeneficialOwner {
  personId: string;
  name: string;
  /** Exact decimal percent, as a string. */
  effectiveSharePercent: string;
  control: boolean;
  isBeneficialOwner: boolean;
  reasons: ('share' | 'control')[];
  /** Each chain from the person's first company down to the organization, with its exact share in percent. */
  paths: { organizationIds: string[]; sharePercent: string }[];
}

export interface BeneficialOwners {
  organizationId: string;
  asOf: string;
  includesPending: boolean;
  thresholdPercent: number;
  owners: BeneficialOwner[];
  unresolvedOrganizations: { id: string; name: string }[];
  cycles: { id: string; name: string }[][];
  truncated: boolean;
  graph: { nodes: GraphNode[]; edges: GraphEdge[] };
}

export interface ReviewItem {
  kind: ReviewKind;
  id: string;
  organizationId: string;
  organizationName: string;
  status: 'pending' | 'removal_pending';
  summary: string;
  proposedAt: string;
}

export interface OrganizationDocument {
  id: string;
  organizationId: string;
  documentType: DocumentType;
  title: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

// Membership --------------------------------------------------------------------------------------

export const MEMBERSHIP_STATUSES = ['draft', 'submitted', 'screening', 'under_review', 'approved', 'rejected', 'returned', 'member', 'suspended', 'terminated', 'withdrawn'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];
export const MEMBERSHIP_ACTIONS = ['submit', 'clear_screening', 'reject', 'return', 'approve', 'suspend', 'reinstate', 'terminate', 'withdraw'] as const;
export type MembershipAction = (typeof MEMBERSHIP_ACTIONS)[number];
/** Actions the server refuses without a reason (the company sees it). */
export const ACTIONS_NEEDING_REASON: readonly MembershipAction[] = ['reject', 'return', 'suspend', 'terminate'];
/** States that can carry a deadline. */
export const DEADLINE_STATUSES = ['draft', 'submitted', 'screening', 'under_review', 'returned', 'approved', 'suspended'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];
/** ISO 4217 currencies an investment may be stated in. */
export const INVESTMENT_CURRENCIES = ['UAH', 'EUR', 'USD', 'GBP', 'PLN', 'CHF', 'SEK', 'NOK', 'DKK', 'CZK', 'HUF', 'RON', 'BGN', 'CAD', 'AUD', 'JPY', 'KRW', 'TRY', 'ILS'] as const;
export type InvestmentCurrency = (typeof INVESTMENT_CURRENCIES)[number];

/** The localization plan; on a change, absent fields stay as they are and `null` clears one. */
export interface LocalizationPlan {
  localPartnerOrganizationId?: string | null;
  siteOblast?: string | null;
  siteCity?: string | null;
  /** Integer minor units (kopiykas, cents) of `investmentCurrency`: never a float. */
  investmentMinor?: number | null;
  investmentCurrency?: InvestmentCurrency | null;
  jobs?: number | null;
  capabilities?: string[];
  plannedStart?: string | null;
  planSummary?: string | null;
  documentIds?: string[];
}

export interface MembershipApplication {
  id: string;
  organizationId: string;
  organizationName: string;
  status: MembershipStatus;
  localPartnerOrganizationId: string | null;
  siteOblast: string | null;
  siteCity: string | null;
  investmentMinor: number | null;
  investmentCurrency: string | null;
  jobs: number | null;
  capabilities: string[];
  plannedStart: string | null;
  planSummary: string | null;
  documentIds: string[];
  decisionReason: string | null;
  screening: { mode: 'manual' | 'automatic'; note: string };
  statusChangedAt: string;
  dueAt: string | null;
  overdue: boolean;
  submittedAt: string | null;
  memberSince: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** What the caller may do now, as the server decides it. */
  allowedActions: MembershipAction[];
}

export interface MembershipTransition {
  id: string;
  from: MembershipStatus | null;
  to: MembershipStatus;
  actorId: string | null;
  actorLabel: string;
  reason: string | null;
  occurredAt: string;
}

export interface MembershipApplicationDetail extends MembershipApplication {
  transitions: MembershipTransition[];
}

export interface Deadlines {
  items: { status: DeadlineStatus; days: number | null }[];
}

/** Search, filters and sort of the public register of members (empty text: no filter). */
export type PublicMemberQuery = {
  q?: string;
  country?: string;
  capability?: string;
  sort?: 'name' | 'country' | 'member_since';
  order?: 'asc' | 'desc';
};

export interface PublicMember {
  name: string;
  nameUk: string | null;
  country: string;
  capabilities: { code: string; nameUk: string; nameEn: string }[];
  memberSince: string;
}

export interface Notification {
  id: string;
  organizationId: string | null;
  to: string;
  subject: string;
  body: string;
  createdAt: string;
  deliveredAt: string | null;
  delivery: 'smtp' | 'file' | null;
  attempts: number;
  lastError: string | null;
}

/** Money into the fund from one source category, or out of it to one use, in one currency (minor units). */
export interface FundFlow {
  currency: string;
  category: string;
  amount: number;
}

// Fund ---------------------------------------------------------------------------------------------

/** Currencies the fund holds a bank account in: donations and sale proceeds arrive only in these. */
export const BOOKABLE_CURRENCIES = ['UAH', 'EUR', 'USD'] as const;
export type BookableCurrency = (typeof BOOKABLE_CURRENCIES)[number];
export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'income', 'expense'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export const ENTRY_STATUSES = ['posted', 'pending', 'voided'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
export const REFERENCE_TYPES = ['asset_sale', 'donation', 'budget', 'disbursement', 'clawback', 'fx', 'reversal', 'other'] as const;
export type ReferenceType = (typeof REFERENCE_TYPES)[number];
/** Reference types a person may give a new entry (reversals and exchanges have their own endpoints). */
export const DIRECT_REFERENCE_TYPES = ['asset_sale', 'donation', 'budget', 'disbursement', 'clawback', 'other'] as const;
export type DirectReferenceType = (typeof DIRECT_REFERENCE_TYPES)[number];
export const ENTRY_ACTIONS = ['post', 'void', 'reverse'] as const;
export type EntryAction = (typeof ENTRY_ACTIONS)[number];
export const DONOR_KINDS = ['state', 'organization', 'person'] as const;
export type DonorKind = (typeof DONOR_KINDS)[number];
export const EARMARK_TYPES = ['none', 'program', 'capability'] as const;
export type EarmarkType = (typeof EARMARK_TYPES)[number];
export const ASSET_KINDS = ['real_estate', 'company_shares', 'vessel', 'aircraft', 'securities', 'cash', 'other'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];
/** Statuses of a confiscated asset, in the order it moves through them. */
export const ASSET_STATUSES = ['seized', 'confiscated', 'in_management', 'for_sale', 'sold', 'proceeds_received'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];
export const SALE_METHODS = ['auction', 'direct', 'tender'] as const;
export type SaleMethod = (typeof SALE_METHODS)[number];
/** Where traced money came from; `unknown` is money tracing could not place. */
export const SOURCE_KINDS = ['asset_sale', 'donation', 'budget', 'clawback', 'other', 'unknown'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** What an entry pays for (needed to spend earmarked money). */
export interface Purpose {
  program: string | null;
  capability: string | null;
}

/** A ledger account with its balances, all in minor units of `currency`. */
export interface LedgerAccount {
  id: string;
  code: string;
  nameUk: string;
  nameEn: string;
  type: AccountType;
  currency: string;
  normalSide: 'debit' | 'credit';
  ownerType: 'fund' | 'program' | 'award' | 'organization';
  ownerId: string | null;
  earmark: { type: 'program' | 'capability'; code: string } | null;
  debitsPosted: number;
  creditsPosted: number;
  debitsPending: number;
  creditsPending: number;
  /** Posted balance on the account's normal side. */
  balance: number;
  /** Balance less pending reservations. */
  available: number;
  openedAt: string;
  closedAt: string | null;
  version: number;
}

export interface Posting {
  id: string;
  seq: number;
  accountId: string;
  accountCode: string;
  direction: 'debit' | 'credit';
  amount: number;
}

export interface LedgerEntry {
  id: string;
  entrySeq: number;
  currency: string;
  description: string;
  referenceType: ReferenceType;
  referenceId: string | null;
  reversesEntryId: string | null;
  reversedByEntryId: string | null;
  status: EntryStatus;
  effectiveDate: string;
  clientKey: string;
  fx: { rate: string; source: string; date: string } | null;
  purpose: Purpose | null;
  total: number;
  postings: Posting[];
  /** What may still happen to the entry (the server decides; only fund officers may do it). */
  allowedActions: EntryAction[];
  createdBy: string;
  createdAt: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

export interface NewEntry {
  currency: string;
  description: string;
  referenceType: DirectReferenceType;
  referenceId?: string;
  effectiveDate?: string;
  pending: boolean;
  purpose?: { program?: string; capability?: string };
  postings: { account: string; direction: 'debit' | 'credit'; amount: number }[];
}

export interface Statement {
  account: LedgerAccount;
  from: string | null;
  to: string | null;
  openingBalance: number;
  closingBalance: number;
  total: number;
  lines: {
    entryId: string;
    entrySeq: number;
    effectiveDate: string;
    description: string;
    referenceType: ReferenceType;
    referenceId: string | null;
    direction: 'debit' | 'credit';
    amount: number;
    /** Running balance after this line, on the normal side. */
    balance: number;
  }[];
}

export interface TrialBalance {
  at: string;
  balanced: boolean;
  currencies: {
    currency: string;
    debits: number;
    credits: number;
    balanced: boolean;
    accounts: { id: string; code: string; nameUk: string; nameEn: string; type: AccountType; debits: number; credits: number; balance: number }[];
  }[];
}

export type Earmark = { type: 'none' } | { type: 'program'; code: string } | { type: 'capability'; code: string };

export interface Donation {
  id: string;
  donor: { kind: DonorKind; name: string; registryId: string | null };
  amount: number;
  currency: string;
  date: string;
  earmark: { type: EarmarkType; code: string | null };
  agreementDocumentId: string | null;
  ledgerEntryId: string;
  recordedBy: string;
  recordedAt: string;
}

export interface NewDonation {
  donor: { kind: DonorKind; name: string };
  amount: number;
  currency: BookableCurrency;
  date: string;
  earmark: Earmark;
}

export interface AssetSummary {
  id: string;
  kind: AssetKind;
  description: string;
  formerOwner: { type: 'person' | 'organization'; registryId: string | null; name: string | null } | null;
  legalBasis: { court: string; decisionNumber: string; decisionDate: string };
  custodian: string | null;
  status: AssetStatus;
  allowedTransitions: AssetStatus[];
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface AssetSale {
  date: string;
  method: SaleMethod;
  lotReference: string | null;
  buyerName: string;
  price: number;
  costs: number;
  netProceeds: number;
  currency: string;
  proceedsEntryId: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface Asset extends AssetSummary {
  valuations: { id: string; date: string; amount: number; currency: string; valuer: string; recordedBy: string; recordedAt: string }[];
  statusHistory: { from: AssetStatus | null; to: AssetStatus; note: string | null; by: string; at: string }[];
  sale: AssetSale | null;
}

export interface NewSale {
  date: string;
  method: SaleMethod;
  lotReference?: string;
  buyerName: string;
  price: number;
  costs: number;
  currency: BookableCurrency;
}

/** One source's part of a use: `amount` in the use's currency, `originAmount` in the source's. */
export interface TracedShare {
  sourceEntryId: string;
  kind: SourceKind;
  referenceId: string | null;
  label: string;
  currency: string;
  originAmount: number;
  amount: number;
}

export interface TracedUse {
  entryId: string;
  entrySeq: number;
  date: string;
  referenceType: ReferenceType;
  referenceId: string | null;
  description: string;
  purpose: Purpose | null;
  currency: string;
  amount: number;
  reversedByEntryId: string | null;
  sources: TracedShare[];
}

export interface TracedSource {
  entryId: string;
  entrySeq: number;
  date: string;
  kind: SourceKind;
  referenceId: string | null;
  label: string;
  currency: string;
  amount: number;
  account: string;
  spent: number;
  unspent: number;
  uses: { entryId: string; date: string; referenceType: ReferenceType; referenceId: string | null; description: string; currency: string; amount: number; originAmount: number }[];
  remaining: { account: string; currency: string; amount: number; originAmount: number }[];
}

export type FlowNodeKind = 'source' | 'program' | 'capability' | 'general' | 'award' | 'unspent';

/** The public Sankey data: source kinds (column 0) → programs, capabilities, general, unspent (1) → awards (2). */
export interface FundFlows {
  currency: string;
  from: string | null;
  to: string | null;
  nodes: { id: string; column: number; kind: FlowNodeKind; label: string }[];
  links: { source: string; target: string; amount: number }[];
}

// Screening ----------------------------------------------------------------------------------------

/** Sanctions list formats the server imports. */
export const LIST_FORMATS = ['ofac-csv', 'un-xml', 'ftm-json', 'simple-csv'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];
/** Record types a name can be screened as (FollowTheMoney schema names). */
export const MATCH_SCHEMAS = ['Person', 'Organization', 'Vessel', 'Aircraft'] as const;
export type MatchSchema = (typeof MATCH_SCHEMAS)[number];
export const CASE_STATUSES = ['open', 'confirmed', 'dismissed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_DECISIONS = ['confirm', 'dismiss'] as const;
export type CaseDecision = (typeof CASE_DECISIONS)[number];
export const SCREENING_SUBJECT_TYPES = ['organization', 'person'] as const;
export type ScreeningSubjectType = (typeof SCREENING_SUBJECT_TYPES)[number];
/** Why a record was screened for an organization. */
export type ScreeningRole = 'organization' | 'holding_company' | 'owner' | 'officer';
export type OrganizationScreeningStatus = 'not_screened' | 'clear' | 'open_cases' | 'confirmed_hit';

/** An imported sanctions list and its current version. */
export interface SanctionsList {
  source: string;
  format: ListFormat;
  versionId: string | null;
  entityCount: number;
  nameCount: number;
  files: { name: string; bytes: number; sha256: string }[];
  /** How many values the importer had to leave out. */
  warnings: number;
  importedBy: string | null;
  importedAt: string | null;
}

export interface ListImportWarning {
  kind: string;
  file: string;
  line?: number;
  value: string;
  message: string;
}

export interface ListImportResult {
  list: SanctionsList;
  entityCount: number;
  /** The first values the importer had to leave out. */
  warnings: ListImportWarning[];
}

/** Why a match scored what it did: `weight` is the name's score for `name`, the change to the score otherwise. */
export interface MatchEvidence {
  feature: string;
  queryValue: string;
  entityValue: string;
  weight: number;
}

export interface MatchQuery {
  name: string;
  schema?: MatchSchema;
  birthDate?: string;
  country?: string;
}

export interface MatchResult {
  id: string;
  caption: string;
  schema: string;
  /** In [0, 1]. */
  score: number;
  match: boolean;
  matchedName: string;
  source: string;
  datasets: string[];
  programs: string[];
  evidence: MatchEvidence[];
}

export interface MatchResponse {
  responses: Record<
    string,
    {
      query: { schema: string | null; name: string; birthDate: string | null; country: string | null };
      results: MatchResult[];
      total: { value: number };
    }
  >;
  threshold: number;
  limit: number;
  lists: { source: string; versionId: string; importedAt: string }[];
}

/** A screening case: the screened record and the listed entity side by side, with the evidence and the decision. */
export interface ScreeningCase {
  id: string;
  status: CaseStatus;
  score: number;
  subject: {
    type: ScreeningSubjectType;
    id: string;
    name: string;
    role: ScreeningRole;
    names: string[];
    country: string | null;
    birthDate: string | null;
    nationalities: string[];
    identifiers: { scheme: string; value: string }[];
  };
  entity: {
    id: string;
    caption: string;
    source: string;
    schema: string;
    names: { value: string; kind: string }[];
    birthDates: string[];
    countries: string[];
    identifiers: { scheme: string; value: string; country?: string }[];
    programs: string[];
    sourceUrls: string[];
    notes?: string;
  };
  matchedName: string;
  evidence: MatchEvidence[];
  /** The organizations this case concerns. */
  organizations: { id: string; name: string }[];
  decision: { reason: string; by: string; at: string } | null;
  reopenedBecause: string | null;
  allowedDecisions: CaseDecision[];
  /** Send it back with a decision: a newer version on the server answers 409. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** An organization's screening status; `confirmed_hit` blocks it everywhere. */
export interface OrganizationScreening {
  organizationId: string;
  status: OrganizationScreeningStatus;
  openCases: number;
  confirmedCases: number;
  dismissedCases: number;
  screenedAt: string | null;
}

export interface ScreeningRun {
  organizationId: string;
  /** Records screened: the organization, holding companies, owners and officers. */
  subjects: number;
  hits: number;
  /** New cases and cases reopened because the list entry changed. */
  opened: number;
  status: OrganizationScreening;
}

// Special economic regime ------------------------------------------------------------------------

export const REGIME_APPLICATION_STATUSES = ['draft', 'submitted', 'checks', 'granted', 'refused', 'returned', 'withdrawn'] as const;
export type RegimeApplicationStatus = (typeof REGIME_APPLICATION_STATUSES)[number];
export const REGIME_APPLICATION_ACTIONS = ['submit', 'grant', 'refuse', 'return', 'withdraw'] as const;
export type RegimeApplicationAction = (typeof REGIME_APPLICATION_ACTIONS)[number];
export const RESIDENT_STATUSES = ['active', 'suspended', 'terminated', 'exited'] as const;
export type ResidentStatus = (typeof RESIDENT_STATUSES)[number];
export const RESIDENT_ACTIONS = ['suspend', 'reinstate', 'terminate', 'exit'] as const;
export type ResidentAction = (typeof RESIDENT_ACTIONS)[number];
export const REPORT_STATUSES = ['draft', 'accepted', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const PROPOSAL_STATUSES = ['open', 'accepted', 'dismissed'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const APPEAL_STATUSES = ['pending', 'upheld', 'dismissed'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];
/** Currencies regime figures may be given in (all with two-decimal minor units). */
export const REGIME_CURRENCIES = ['UAH', 'EUR', 'USD', 'GBP', 'PLN', 'CHF', 'SEK', 'NOK', 'DKK', 'CZK', 'RON', 'BGN', 'CAD', 'AUD', 'TRY', 'ILS'] as const;
export type RegimeCurrency = (typeof REGIME_CURRENCIES)[number];
/** Fields of the public register a resident may hide, when the settings allow it. */
export const HIDEABLE_FIELDS = ['website', 'address', 'capabilities'] as const;
export type HideableField = (typeof HIDEABLE_FIELDS)[number];
export const RULE_OPERATORS = ['gte', 'gt', 'lte', 'lt', 'eq', 'ne'] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];
export type FactType = 'boolean' | 'integer' | 'percent' | 'money';
export type Outcome = 'pass' | 'fail' | 'missing';

export interface Bilingual {
  en: string;
  uk: string;
}

/** One criterion of a rule set: a typed comparison of a fact with a threshold (money in major units). */
export interface Criterion {
  key: string;
  label: Bilingual;
  fact: string;
  op: RuleOperator;
  value: boolean | string;
  currency?: RegimeCurrency;
  rates?: Partial<Record<RegimeCurrency, string>>;
}

export interface RuleSet {
  id: string;
  version: number;
  effectiveFrom: string;
  title: string;
  notes: string | null;
  criteria: Criterion[];
  inForce: boolean;
  createdBy: string;
  createdAt: string;
}

export interface RuleFact {
  name: string;
  type: FactType;
  source: string;
  label: Bilingual;
}

export interface RuleSetList {
  items: RuleSet[];
  facts: RuleFact[];
}

export interface NewRuleSet {
  title: string;
  notes?: string | null;
  effectiveFrom: string;
  criteria: Criterion[];
}

/** Figures of an application or annual report: money in minor units of `currency`, percentages as decimal strings. */
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

/** Figures as sent: percentages are numbers with at most two decimals; null clears a field. */
export type RegimeFiguresInput = Partial<Omit<RegimeFigures, 'stateOwnershipPct' | 'localContentPct' | 'currency'>> & {
  currency?: RegimeCurrency | null;
  stateOwnershipPct?: number | null;
  localContentPct?: number | null;
};

export interface CriterionResult {
  key: string;
  label: Bilingual;
  fact: string;
  outcome: Outcome;
  expected: string;
  actual: string | null;
  note: string | null;
}

export interface Evaluation {
  outcome: Outcome;
  ruleSetId: string;
  ruleSetVersion: number;
  evaluatedAt: string;
  criteria: CriterionResult[];
}

export interface RegimeTransition {
  id: string;
  from: string | null;
  to: string;
  actorLabel: string;
  reason: string | null;
  occurredAt: string;
}

export interface RegimeApplication {
  id: string;
  organizationId: string;
  organizationName: string;
  status: RegimeApplicationStatus;
  figures: RegimeFigures;
  auditorReportDocumentId: string | null;
  /** As checked on submission (stored), or a live preview for a draft. */
  evaluation: Evaluation | null;
  evaluationIsPreview: boolean;
  submittedAt: string | null;
  decisionDueAt: string | null;
  overdue: boolean;
  decidedAt: string | null;
  decisionReason: string | null;
  residentId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  allowedActions: RegimeApplicationAction[];
}

export interface RegimeApplicationDetail extends RegimeApplication {
  transitions: RegimeTransition[];
}

export interface Resident {
  id: string;
  organizationId: string;
  organizationName: string;
  applicationId: string;
  status: ResidentStatus;
  grantedAt: string;
  ruleSetVersion: number;
  certificateId: string;
  certificateNumber: string;
  suspendedAt: string | null;
  cureDeadline: string | null;
  cureOverdue: boolean;
  suspensionReason: string | null;
  endedAt: string | null;
  endGrounds: string | null;
  hiddenFields: HideableField[];
  version: number;
  allowedActions: ResidentAction[];
}

export interface RegimeReport {
  id: string;
  residentId: string;
  organizationId: string;
  organizationName: string;
  year: number;
  status: ReportStatus;
  figures: RegimeFigures;
  auditorReportDocumentId: string | null;
  evaluation: Evaluation | null;
  evaluationIsPreview: boolean;
  dueOn: string;
  submittedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SuspensionProposal {
  id: string;
  residentId: string;
  organizationId: string;
  organizationName: string;
  reportId: string | null;
  year: number;
  cause: 'report_failed' | 'report_overdue';
  details: { failed?: string[]; dueOn?: string; graceEndedOn?: string };
  status: ProposalStatus;
  decisionReason: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface Appeal {
  id: string;
  organizationId: string;
  organizationName: string;
  subjectType: 'application' | 'resident';
  subjectId: string;
  grounds: string;
  status: AppealStatus;
  decisionReason: string | null;
  decidedAt: string | null;
  createdAt: string;
  version: number;
}

export interface ResidentDetail extends Resident {
  transitions: RegimeTransition[];
  reports: RegimeReport[];
  proposals: SuspensionProposal[];
  appeals: Appeal[];
  /** `/verify/<certificate id>` */
  verifyPath: string;
}

export interface ComplianceRow {
  residentId: string;
  organizationId: string;
  organizationName: string;
  residentStatus: ResidentStatus;
  year: number;
  dueOn: string;
  reportId: string | null;
  reportStatus: 'not_started' | 'draft' | 'accepted' | 'failed';
  overdue: boolean;
  graceEndsOn: string;
}

export interface ComplianceList {
  year: number;
  dueOn: string;
  items: ComplianceRow[];
}

export interface CommissionMember {
  userId: string;
  email: string;
  addedAt: string;
}

export interface BenefitRates {
  corporateIncomeTaxPct: string;
  landTaxReliefPct: string;
  propertyTaxReliefPct: string;
  environmentalTaxReliefPct: string;
}

export interface RegimeSettings {
  decisionWorkingDays: number;
  reportDueMonth: number;
  reportDueDay: number;
  reportGraceDays: number;
  reminderDaysBefore: number[];
  cureDays: number;
  appealDays: number;
  benefitRates: BenefitRates;
  hideableFields: HideableField[];
  version: number;
  updatedAt: string;
}

export type RegimeSettingsInput = Partial<Omit<RegimeSettings, 'version' | 'updatedAt'>> & { version: number };

export interface BenefitAmounts {
  corporateIncomeTaxMinor: number;
  landTaxMinor: number;
  propertyTaxMinor: number;
  environmentalTaxMinor: number;
  totalMinor: number;
}

export interface BenefitRow extends BenefitAmounts {
  residentId: string;
  organizationId: string;
  organizationName: string;
  year: number;
  currency: string;
  reportStatus: 'accepted' | 'failed';
}

export interface Benefits {
  year: number;
  rates: BenefitRates;
  items: BenefitRow[];
  totals: (BenefitAmounts & { currency: string; residents: number })[];
}

export interface RegimePreviewItem {
  residentId: string;
  organizationId: string;
  organizationName: string;
  basis: string;
  evaluation: Evaluation;
}

export interface RegimePreview {
  items: RegimePreviewItem[];
  failing: number;
  total: number;
}

/** Search, filters and sort of the public register of residents. */
export type PublicResidentQuery = {
  q?: string;
  status?: 'current' | 'former';
  sort?: 'name' | 'since' | 'status';
  order?: 'asc' | 'desc';
};

export interface PublicResident {
  name: string;
  nameUk: string | null;
  identifiers: string[];
  status: ResidentStatus;
  certificateNumber: string;
  certificateId: string;
  grantedAt: string;
  suspendedAt: string | null;
  endedAt: string | null;
  endGrounds: string | null;
  website: string | null;
  address: string | null;
  capabilities: string[] | null;
}

export interface CertificateFields {
  certificateId: string;
  number: string;
  organizationId: string;
  legalName: string;
  legalNameUk: string | null;
  identifiers: string[];
  grantedOn: string;
  ruleSetVersion: number;
  issuedAt: string;
}

export interface CertificateStatus {
  certificate: CertificateFields;
  signature: string;
  keyId: string;
  /** The platform key (Ed25519, hex) that signed the certificate. */
  publicKey: string;
  /** The stored fields still match the signature. */
  signatureValid: boolean;
  status: ResidentStatus;
  asOf: string;
  grantedAt: string;
  suspendedAt: string | null;
  cureDeadline: string | null;
  endedAt: string | null;
  endGrounds: string | null;
  /** The exact text the signature covers. */
  message: string;
}

// Fund programs: calls for proposals, evaluation, ranking, awards, milestones, disbursements ----------

export const CALL_CURRENCIES = ['UAH', 'EUR', 'USD'] as const;
export type CallCurrency = (typeof CALL_CURRENCIES)[number];
export const CALL_STATUSES = ['draft', 'published', 'ranked', 'awarded', 'cancelled'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
export const CALL_PHASES = ['draft', 'upcoming', 'open', 'closed', 'ranked', 'awarded', 'cancelled'] as const;
export type CallPhase = (typeof CALL_PHASES)[number];
export const CALL_ELIGIBILITY = ['members', 'residents', 'both'] as const;
export type CallEligibility = (typeof CALL_ELIGIBILITY)[number];
export const FUND_PROPOSAL_STATUSES = ['draft', 'submitted', 'withdrawn'] as const;
export type FundProposalStatus = (typeof FUND_PROPOSAL_STATUSES)[number];
export const RANKING_OUTCOMES = ['funded', 'partially_funded', 'reserve', 'below_threshold'] as const;
export type RankingOutcome = (typeof RANKING_OUTCOMES)[number];
export type AssignmentStatus = 'assigned' | 'declared' | 'conflict' | 'submitted';
export const AWARD_STATUSES = ['active', 'completed', 'terminated'] as const;
export type AwardStatus = (typeof AWARD_STATUSES)[number];
export type MilestoneStatus = 'planned' | 'reported' | 'verified' | 'failed' | 'paid' | 'cancelled';
export const DISBURSEMENT_STATUSES = ['prepared', 'paid', 'cancelled'] as const;
export type DisbursementStatus = (typeof DISBURSEMENT_STATUSES)[number];

export interface CallCriterion {
  key: string;
  label: Bilingual;
  weight: number;
  /** Minimum final score in tenths of a point (0–50). */
  thresholdTenths: number;
}

export interface FundCall {
  id: string;
  code: string;
  titleEn: string;
  titleUk: string;
  textEn: string;
  textUk: string;
  currency: string;
  budgetMinor: number;
  capabilities: string[];
  eligibility: CallEligibility;
  opensAt: string;
  closesAt: string;
  requiredDocuments: string[];
  criteria: CallCriterion[];
  overallThresholdTenths: number;
  evaluatorsPerProposal: number;
  disagreementLimitTenths: number;
  minPartialPercent: number;
  status: CallStatus;
  /** The status with the dates applied. */
  phase: CallPhase;
  reservationEntryId: string | null;
  /** Submitted proposals. */
  proposals: number;
  version: number;
}

export interface NewCall {
  code: string;
  titleEn: string;
  titleUk: string;
  textEn: string;
  textUk: string;
  currency: CallCurrency;
  budgetMinor: number;
  capabilities: string[];
  eligibility: CallEligibility;
  opensAt: string;
  closesAt: string;
  requiredDocuments: string[];
  criteria: CallCriterion[];
  overallThresholdTenths: number;
  evaluatorsPerProposal: number;
  disagreementLimitTenths: number;
  minPartialPercent: number;
}

export interface CapacityLine {
  capability: string;
  /** A year (2027) or a quarter (2027-Q1). */
  period: string;
  quantity: number;
}

export interface ProposalMilestone {
  deliverable: string;
  dueDate: string;
  amountMinor: number;
}

export interface BudgetLine {
  item: string;
  amountMinor: number;
}

/** What a company writes in a proposal (created as a draft, changed while it is one). */
export interface ProposalInput {
  title: string;
  summary: string | null;
  requestedMinor: number;
  cofinancingMinor: number;
  capacity: CapacityLine[];
  milestones: ProposalMilestone[];
  budgetLines: BudgetLine[];
  documentIds: string[];
}

export interface EvaluatorScore {
  scoreTenths: number;
  comment: string;
}

export interface FundAssignment {
  id: string;
  proposalId: string;
  evaluatorId: string;
  /** The evaluator's name for staff and the evaluator; "Evaluator 1"… for the applicant. */
  evaluatorLabel: string;
  status: AssignmentStatus;
  declaredAt: string | null;
  conflictReason: string | null;
  scores: Record<string, EvaluatorScore> | null;
  submittedAt: string | null;
  version: number;
}

export interface FundProposal {
  id: string;
  callId: string;
  callTitleEn: string;
  callTitleUk: string;
  organizationId: string;
  organizationName: string;
  status: FundProposalStatus;
  title: string;
  summary: string | null;
  currency: string;
  requestedMinor: number;
  cofinancingMinor: number;
  capacity: CapacityLine[];
  milestones: ProposalMilestone[];
  budgetLines: BudgetLine[];
  documentIds: string[];
  eligibility: { membership: string | null; residency: string | null; screening: string } | null;
  submittedAt: string | null;
  /** After the consensus; the applicant sees them once the call is awarded. */
  finalScores: Record<string, { scoreTenths: number; reason: string }> | null;
  weightedScoreMilli: number | null;
  rank: number | null;
  outcome: RankingOutcome | null;
  awardedMinor: number | null;
  /** True for an evaluator who has not declared on conflicts yet: only the call, title and applicant are real. */
  contentHidden: boolean;
  version: number;
}

export interface CriterionSpread {
  key: string;
  minTenths: number;
  maxTenths: number;
  spreadTenths: number;
  flagged: boolean;
}

export interface FundProposalDetail extends FundProposal {
  assignments: FundAssignment[];
  disagreement: CriterionSpread[];
}

export interface FundRanking {
  callId: string;
  budgetMinor: number;
  fundedMinor: number;
  remainingMinor: number;
  rule: string;
  items: {
    proposalId: string;
    organizationName: string;
    title: string;
    requestedMinor: number;
    weightedScoreMilli: number;
    rank: number | null;
    outcome: RankingOutcome;
    awardedMinor: number;
    failedThresholds: string[];
  }[];
}

export interface FundMilestone {
  id: string;
  seq: number;
  deliverable: string;
  dueDate: string;
  amountMinor: number;
  status: MilestoneStatus;
  reservationEntryId: string;
  reportText: string | null;
  evidenceDocumentIds: string[];
  capacityDelivered: CapacityLine[];
  reportedAt: string | null;
  verifiedAt: string | null;
  verificationNote: string | null;
  version: number;
}

export interface FundDisbursement {
  id: string;
  awardId: string;
  milestoneId: string;
  currency: string;
  amountMinor: number;
  status: DisbursementStatus;
  requiredApprovals: number;
  preparedBy: string;
  preparedAt: string;
  approvals: { label: string; at: string }[];
  entryId: string | null;
  paidAt: string | null;
  version: number;
}

export interface FundClawback {
  id: string;
  milestoneId: string | null;
  currency: string;
  amountMinor: number;
  reason: string;
  entryId: string;
  createdAt: string;
}

export interface FundAward {
  id: string;
  callId: string;
  callCode: string;
  callTitleEn: string;
  callTitleUk: string;
  proposalId: string;
  organizationId: string;
  organizationName: string;
  agreementNumber: string;
  title: string;
  currency: string;
  amountMinor: number;
  disbursedMinor: number;
  clawedBackMinor: number;
  status: AwardStatus;
  awardedAt: string;
  endedAt: string | null;
  endReason: string | null;
  capacityPromised: CapacityLine[];
  capacityDelivered: CapacityLine[];
  version: number;
}

export interface FundAwardDetail extends FundAward {
  milestones: FundMilestone[];
  disbursements: FundDisbursement[];
  clawbacks: FundClawback[];
}

export interface ProgramSettings {
  /** Per currency, the amount (minor units) above which a disbursement needs two approvers besides its preparer. */
  secondApprovalAbove: Record<string, number>;
  version: number;
}

/** Search, filters and sort of the public register of awards. */
export type PublicAwardQuery = {
  q?: string;
  callId?: string;
  status?: 'active' | 'completed' | 'terminated';
  currency?: string;
  sort?: 'recipient' | 'amount' | 'date' | 'call';
  order?: 'asc' | 'desc';
};

export interface PublicAward {
  id: string;
  agreementNumber: string;
  callId: string;
  callCode: string;
  callTitleEn: string;
  callTitleUk: string;
  organizationName: string;
  title: string;
  currency: string;
  amountMinor: number;
  disbursedMinor: number;
  clawedBackMinor: number;
  capabilities: string[];
  status: AwardStatus;
  awardedAt: string;
}

/** Money paid out by program (the call's code) and capability category, per currency, net of clawbacks. */
export interface PublicUse {
  currency: string;
  program: string | null;
  programTitleEn: string | null;
  programTitleUk: string | null;
  capability: string | null;
  amountMinor: number;
}

/** The fund's open data: OCDS for the calls and awards, 360Giving for the grants. */
export const OPEN_DATA_FILES = {
  ocdsReleases: '/open-data/ocds/releases.json',
  ocdsRecords: '/open-data/ocds/records.json',
  grantsJson: '/open-data/360giving/grants.json',
  grantsCsv: '/open-data/360giving/grants.csv',
} as const;

// Localization: the capability taxonomy with units, needs, capacity reports, gaps ---------------------

export const CAPACITY_REPORT_STATUSES = ['submitted', 'confirmed', 'returned'] as const;
export type CapacityReportStatus = (typeof CAPACITY_REPORT_STATUSES)[number];
/** Coverage as the public sees it: a band, never the percentage (the need behind it is restricted). */
export const COVERAGE_BANDS = ['below_25', '25_to_50', '50_to_75', '75_to_100', '100_or_more'] as const;
export type CoverageBand = (typeof COVERAGE_BANDS)[number];

/** A category's names and unit in both languages. */
export interface LocalizationLabels {
  nameUk: string;
  nameEn: string;
  unitUk: string;
  unitEn: string;
}

export interface LocalizationCategory extends LocalizationLabels {
  code: string;
  parentCode: string | null;
  /** 0 for a top-level category. */
  level: number;
  sortOrder: number;
  archived: boolean;
  version: number;
}

export interface NewLocalizationCategory {
  code: string;
  parentCode: string | null;
  nameUk: string;
  nameEn: string;
  /** Top-level categories only: sub-categories count in their top-level category's unit. */
  unitUk?: string;
  unitEn?: string;
  sortOrder?: number;
}

export type LocalizationCategoryChange = Partial<Pick<LocalizationCategory, 'nameUk' | 'nameEn' | 'unitUk' | 'unitEn' | 'sortOrder' | 'archived'>> & { version: number };

/** The category a need or a capacity report is for, named in both languages. */
export interface LocalizationCategoryOf {
  categoryCode: string;
  categoryNameUk: string;
  categoryNameEn: string;
  unitUk: string;
  unitEn: string;
}

export interface LocalizationNeed extends LocalizationCategoryOf {
  id: string;
  /** A year (2027) or a quarter (2027-Q1). */
  period: string;
  quantity: number;
  note: string | null;
  classification: 'restricted';
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface LocalizationNeedDetail extends LocalizationNeed {
  history: { version: number; quantity: number; note: string | null; reason: string | null; recordedBy: string; recordedAt: string }[];
}

/** What a company reports for a category and period (and corrects). */
export interface CapacityFigures {
  domesticOutput: number;
  capacity: number;
  importedContentPercent: number;
  importedComponents: string[];
  evidenceDocumentIds: string[];
  note?: string;
}

export interface CapacityReport extends Omit<CapacityFigures, 'note'>, LocalizationCategoryOf {
  id: string;
  organizationId: string;
  organizationName: string;
  period: string;
  note: string | null;
  status: CapacityReportStatus;
  submittedAt: string;
  /** The officer; null for the company. */
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  version: number;
}

export interface LocalizationGap extends LocalizationLabels {
  code: string;
  parentCode: string | null;
  level: number;
  need: number | null;
  domesticOutput: number;
  capacity: number;
  /** Need − confirmed output; negative is a surplus. */
  gap: number | null;
  coveragePercent: number | null;
  importedContentPercent: number | null;
  reportingCompanies: number;
  /** Reports filed and not yet confirmed. */
  pendingReports: number;
  contributingAwards: number;
  outstandingPromised: number;
  forecastOutput: number;
  forecastCoveragePercent: number | null;
}

export interface LocalizationTrendPoint {
  period: string;
  need: number | null;
  domesticOutput: number;
  coveragePercent: number | null;
  forecastCoveragePercent: number | null;
}

export interface LocalizationGapDetail {
  period: string;
  category: LocalizationGap;
  members: { organizationId: string; organizationName: string; country: string; domesticOutput: number; capacity: number; importedContentPercent: number | null; sharePercent: number | null }[];
  awards: { awardId: string; agreementNumber: string; organizationName: string; status: string; promised: number; delivered: number; outstanding: number }[];
  trend: LocalizationTrendPoint[];
}

export interface LocalizationTrend {
  granularity: 'year' | 'quarter';
  periods: string[];
  series: { code: string; nameUk: string; nameEn: string; points: LocalizationTrendPoint[] }[];
}

/** A figure the public may not see reads "suppressed". */
export type Suppressible<T> = T | 'suppressed';

export interface PublicAggregateCell {
  year: number;
  status: 'published' | 'suppressed' | 'no_reports';
  companies: Suppressible<number>;
  domesticOutput: Suppressible<number> | null;
  capacity: Suppressible<number> | null;
  importedContentPercent: Suppressible<number> | null;
  coverage: Suppressible<CoverageBand> | null;
}

export interface PublicLocalization {
  title: string;
  generatedAt: string;
  licence: string;
  method: { minCompanies: number; dominanceLimitPercent: number; rounding: string; coverageBands: CoverageBand[]; description: string };
  years: number[];
  categories: (LocalizationLabels & { code: string; years: PublicAggregateCell[]; total: { domesticOutput: Suppressible<number>; capacity: Suppressible<number> } })[];
}

/** The localization aggregates as open data. */
export const LOCALIZATION_OPEN_DATA = {
  json: '/open-data/localization/aggregates.json',
  csv: '/open-data/localization/aggregates.csv',
} as const;

// Forum and matchmaking: events with their agenda, delegates with badges, partners, B2B meetings ------

export { PARTNERING_TOPICS };
/** What a participant can seek and offer at a forum (the server's list, src/modules/events/recommend.ts). */
export type PartneringTopic = (typeof PARTNERING_TOPICS)[number];
export const EVENT_STATUSES = ['draft', 'published', 'closed', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const MEETING_STATUSES = ['requested', 'accepted', 'declined', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** The local hours of one day when B2B meetings are held (HH:MM in the event's time zone). */
export interface MeetingHours {
  date: string;
  from: string;
  to: string;
}

/** An event's texts in both languages, its days and the time zone they are local to. */
export interface EventBasics {
  titleUk: string;
  titleEn: string;
  descriptionUk: string;
  descriptionEn: string;
  venueUk: string;
  venueEn: string;
  /** Local dates (YYYY-MM-DD) in the event's time zone. */
  startsOn: string;
  endsOn: string;
  /** An IANA time zone: meeting hours and times are local to it. */
  timeZone: string;
}

/** What anyone may read of an event. */
export interface PublicEventSummary extends EventBasics {
  id: string;
  status: EventStatus;
}

/** A speaker; `registrationId` links a registered delegate (staff only: the public sees name and affiliation). */
export interface EventSpeaker {
  name: string;
  affiliation?: string;
  registrationId?: string;
}

/** A session of the agenda as sent: its instants are ISO 8601 with a zone. */
export interface SessionInput {
  titleUk: string;
  titleEn: string;
  descriptionUk: string;
  descriptionEn: string;
  room: string;
  startsAt: string;
  endsAt: string;
  speakers: EventSpeaker[];
}

export interface EventSession extends SessionInput {
  id: string;
  version: number;
}

/** A meeting slot: `start` is its id (an ISO instant); `date` and `localTime` are local to the event. */
export interface MeetingSlot {
  start: string;
  end: string;
  date: string;
  localTime: string;
}

export interface PublicEvent extends PublicEventSummary {
  sessions: EventSession[];
}

export interface EventListItem extends PublicEventSummary {
  capacity: number;
  registered: number;
  waitlisted: number;
}

export interface EventDetail extends PublicEventSummary {
  capacity: number;
  perCompanyLimit: number;
  meetingMinutes: number;
  tableCount: number;
  meetingHours: MeetingHours[];
  version: number;
  createdAt: string;
  updatedAt: string;
  counts: { registered: number; waitlisted: number; checkedIn: number; organizations: number; meetingsRequested: number; meetingsAccepted: number; meetingsPlaced: number };
  sessions: EventSession[];
  slots: MeetingSlot[];
  /** For a company user: its organization's delegates at this event; null for staff. */
  ownRegistrations: number | null;
}

export interface NewEvent extends EventBasics {
  capacity: number;
  perCompanyLimit: number;
  meetingMinutes: number;
  tableCount: number;
  meetingHours: MeetingHours[];
}

/** A change to an event: absent fields stay; `status` publishes, closes or cancels it. */
export type EventChange = Partial<NewEvent> & { version: number; status?: EventStatus };

export interface EventRegistration {
  id: string;
  eventId: string;
  organizationId: string;
  organizationName: string;
  organizationCountry: string;
  fullName: string;
  email: string;
  position: string;
  status: RegistrationStatus;
  /** 1 for the next delegate to be admitted; null unless waitlisted. */
  waitlistPosition: number | null;
  /** Starts of the meeting slots the delegate cannot attend. */
  unavailableSlots: string[];
  checkedInAt: string | null;
  badgeCode: string | null;
  version: number;
  createdAt: string;
}

export interface NewRegistration {
  organizationId?: string;
  fullName: string;
  email: string;
  position: string;
  unavailableSlots: string[];
}

/** Who a badge belongs to, as the door staff see it. */
export interface EventBadge {
  registrationId: string;
  eventId: string;
  eventTitleUk: string;
  eventTitleEn: string;
  fullName: string;
  position: string;
  organizationName: string;
  organizationCountry: string;
  status: RegistrationStatus;
  checkedInAt: string | null;
  alreadyCheckedIn: boolean;
}

export interface EventParticipant {
  organizationId: string;
  name: string;
  country: string;
  kind: OrganizationKind;
  capabilities: string[];
  goals: string;
  seeks: PartneringTopic[];
  offers: PartneringTopic[];
  interests: string[];
  /** Delegates holding a seat. */
  delegates: number;
  version: number;
}

export interface ParticipantProfile {
  version: number;
  goals: string;
  seeks: PartneringTopic[];
  offers: PartneringTopic[];
  interests: string[];
}

export interface PartnerRecommendation {
  organizationId: string;
  name: string;
  country: string;
  kind: OrganizationKind;
  score: number;
  reasons: { code: string; points: number; textUk: string; textEn: string }[];
  /** The status of a request this organization already sent to the partner, if one is open. */
  openRequest: MeetingStatus | null;
}

export interface MeetingPerson {
  registrationId: string;
  fullName: string;
  position: string;
}

export interface MeetingRequest {
  id: string;
  eventId: string;
  status: MeetingStatus;
  requester: { organizationId: string; name: string; country: string; delegate: MeetingPerson };
  recipient: { organizationId: string; name: string; country: string; delegates: MeetingPerson[] };
  message: string;
  decisionReason: string | null;
  slotStart: string | null;
  slotEnd: string | null;
  tableNo: number | null;
  placedBy: 'booking' | 'scheduler' | null;
  createdAt: string;
  decidedAt: string | null;
  version: number;
}

export interface MeetingQuery {
  direction?: 'incoming' | 'outgoing' | 'all';
  status?: string;
  placed?: string;
  organizationId?: string;
  limit: number;
  offset: number;
}

export interface ScheduleRun {
  dryRun: boolean;
  accepted: number;
  keptFixed: number;
  newlyPlaced: number;
  displaced: number;
  unplaced: { meetingId: string; reason: string }[];
  milliseconds: number;
}

export interface AgendaItem {
  kind: 'session' | 'meeting';
  id: string;
  startsAt: string;
  endsAt: string;
  titleUk: string;
  titleEn: string;
  location: string;
  speaking: boolean;
  counterpart: { organizationName: string; country: string; people: string[] } | null;
}

export interface DelegateAgenda {
  event: PublicEventSummary;
  delegate: { registrationId: string; fullName: string; position: string; organizationName: string; status: RegistrationStatus };
  items: AgendaItem[];
  /** Accepted meetings not yet given a slot. */
  unplacedMeetings: number;
}

/** A list endpoint of the fund: its items and how many match in all. */
export interface Counted<T> {
  items: T[];
  total: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
  /** Set when a broad search stopped counting: more than `total` match. */
  totalIsLowerBound?: boolean;
}

export interface AuditEvent {
  seq: number;
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  details: unknown;
  /** The canonical JSON the hash covers. */
  payload?: string;
  prevHash: string;
  hash: string;
}

export interface AuditEventPage {
  items: AuditEvent[];
  nextBefore: number | null;
}

export interface Checkpoint {
  seq: number;
  fromSeq: number;
  headHash: string;
  rangeDigest?: string;
  signedAt: string;
  keyId: string;
  publicKey?: string;
  signature: string;
}

export interface CheckpointPage {
  items: Checkpoint[];
  publicKey: string;
  keyId?: string;
  nextBefore: number | null;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrSvg: string;
}

export interface FieldError {
  field: string;
  message: string;
}

/** A failed API call. `code` is the stable machine-readable code from problem+json. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[];
  readonly requestId: string | undefined;
  /** Seconds from the `Retry-After` header (429 responses), if any. */
  readonly retryAfter: number | undefined;
  /** Further members of the problem document (e.g. `existing` on a duplicate, `allowed` on a refused transition). */
  readonly extra: Record<string, unknown>;

  constructor(init: {
    status: number;
    code: string;
    title?: string;
    detail?: string;
    errors?: FieldError[];
    requestId?: string;
    retryAfter?: number;
    extra?: Record<string, unknown>;
  }) {
    super(init.detail ?? init.title ?? init.code);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter;
    this.extra = init.extra ?? {};
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

// The CSRF token lives only in memory: it is re-read from /auth/me after a reload,
// so it is never persisted where another script could pick it up later.
let csrfToken: string | null = null;

function remember(me: Me): Me {
  csrfToken = me.session.csrfToken;
  return me;
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

type Query = Record<string, string | number | null | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    // Empty filters are left out rather than sent as `q=` so the server applies its defaults.
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<{
        code: string;
        title: string;
        detail: string;
        errors: FieldError[];
        requestId: string;
      }> &
        Record<string, unknown>;
      return new ApiError({
        status: response.status,
        code: body.code ?? `http_${response.status}`,
        title: body.title,
        detail: body.detail,
        errors: Array.isArray(body.errors) ? body.errors : [],
        requestId: body.requestId,
        retryAfter,
        extra: body,
      });
    } catch {
      // Fall through: a broken body is reported like any non-JSON error.
    }
  }
  return new ApiError({ status: response.status, code: `http_${response.status}`, retryAfter });
}

interface RequestOptions {
  /** Makes a retried POST safe: the server answers a repeat with the first answer. */
  idempotencyKey?: string;
}

async function send(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  // A file (document upload) goes as the raw body; the server decides its type from its bytes.
  const raw = body instanceof Blob;
  if (body !== undefined) headers['Content-Type'] = raw ? 'application/octet-stream' : 'application/json';
  if (WRITE_METHODS.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network_error' });
  }
}

async function request<T>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<T> {
  let response = await send(method, path, body, options);
  // A token can go stale (e.g. the session was renewed in another tab): fetch the
  // current one once and retry, instead of failing the user's action.
  if (response.status === 403 && WRITE_METHODS.has(method) && path !== '/api/v1/auth/me') {
    const error = await toApiError(response.clone());
    if (error.code === 'csrf_failed') {
      const meResponse = await send('GET', '/api/v1/auth/me');
      if (meResponse.ok) {
        remember((await meResponse.json()) as Me);
        response = await send(method, path, body, options);
      }
    }
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const get = <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query));
const post = <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body ?? {}, options);
const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);
const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body);
const del = (path: string) => request<void>('DELETE', path);
const id = (value: string) => encodeURIComponent(value);

/** A fresh key for one user action (a click), reused if that action's request is retried. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

const V1 = '/api/v1';
const FUND = `${V1}/fund`;
const SCREENING = `${V1}/screening`;
const REGIME = `${V1}/regime`;
const LOCALIZATION = `${V1}/localization`;
const EVENTS = `${V1}/events`;

export const api = {
  /** The current session, or `null` when signed out (401 is an expected answer here). */
  async me(): Promise<Me | null> {
    try {
      return remember(await get<Me>(`${V1}/auth/me`));
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        csrfToken = null;
        return null;
      }
      throw error;
    }
  },
  async login(input: { email: string; password: string; totp?: string }): Promise<Me> {
    return remember(await post<Me>(`${V1}/auth/login`, input));
  },
  /** The demo accounts in demo mode; `none` whenever the platform is not a demo (404), so nothing is shown. */
  async demoAccounts(): Promise<DemoAccounts> {
    try {
      return { kind: 'accounts', accounts: (await get<{ accounts: DemoAccount[] }>(`${V1}/demo/accounts`)).accounts };
    } catch (error) {
      if (isApiError(error) && error.status === 503) return { kind: 'loading' };
      return { kind: 'none' };
    }
  },
  async logout(): Promise<void> {
    try {
      await post<void>(`${V1}/auth/logout`);
    } finally {
      csrfToken = null;
    }
  },
  totpSetup: () => post<TotpSetup>(`${V1}/auth/totp/setup`),
  async totpEnable(code: string): Promise<Me> {
    // The server rotates the CSRF token here, so the returned Me must replace the old one.
    return remember(await post<Me>(`${V1}/auth/totp/enable`, { code }));
  },
  async changePassword(input: { currentPassword: string; newPassword: string }): Promise<Me> {
    return remember(await post<Me>(`${V1}/auth/password`, input));
  },
  listTokens: () => get<{ items: ApiToken[] }>(`${V1}/auth/tokens`),
  createToken: (input: { name: string; expiresInDays?: number }) =>
    post<{ token: ApiToken; secret: string }>(`${V1}/auth/tokens`, input),
  revokeToken: (id: string) => del(`${V1}/auth/tokens/${encodeURIComponent(id)}`),

  listUsers: (query: { q?: string; role?: string; status?: string; limit: number; offset: number }) =>
    get<Page<User>>(`${V1}/users`, query),
  createUser: (input: {
    email: string;
    displayName: string;
    roles: Role[];
    organizationId?: string;
    password: string;
  }) => post<User>(`${V1}/users`, input),
  updateUser: (
    id: string,
    input: { displayName?: string; roles?: Role[]; organizationId?: string | null; status?: UserStatus },
  ) => patch<User>(`${V1}/users/${encodeURIComponent(id)}`, input),
  resetTotp: (id: string) => post<User>(`${V1}/users/${encodeURIComponent(id)}/reset-totp`),

  listCapabilities: () => get<{ items: Capability[] }>(`${V1}/capabilities`),
  listOrganizations: (query: {
    q?: string;
    country?: string;
    capability?: string;
    kind?: string;
    limit: number;
    offset: number;
  }) => get<Page<OrganizationSummary>>(`${V1}/organizations`, query),
  /** Names and countries of every organization (for pickers such as the local partner). */
  organizationDirectory: (query: { q?: string; country?: string; limit: number; offset: number }) =>
    get<Page<{ id: string; name: string; nameUk: string | null; country: string }>>(`${V1}/organizations/directory`, query),
  createOrganization: (input: NewOrganization) => post<Organization>(`${V1}/organizations`, input),
  getOrganization: (orgId: string) => get<Organization>(`${V1}/organizations/${id(orgId)}`),
  updateOrganization: (orgId: string, input: Partial<OrganizationProfile> & { version: number }) =>
    patch<Organization>(`${V1}/organizations/${id(orgId)}`, input),
  addIdentifier: (orgId: string, identifier: string) =>
    post<Organization>(`${V1}/organizations/${id(orgId)}/identifiers`, { identifier }),
  /** Removes an identifier, officer or owner; a company user's removal of a confirmed one awaits an officer. */
  removeRegistryItem: (orgId: string, segment: 'identifiers' | 'officers' | 'owners', itemId: string) =>
    request<{ status: 'removed' | 'removal_pending' }>(
      'DELETE',
      `${V1}/organizations/${id(orgId)}/${segment}/${id(itemId)}`,
    ),
  organizationPeople: (orgId: string) => get<OrganizationPeople>(`${V1}/organizations/${id(orgId)}/people`),
  addOfficer: (
    orgId: string,
    input: { personId: string; role: OfficerRole; fromDate?: string | null; toDate?: string | null },
  ) => post<OrganizationPeople>(`${V1}/organizations/${id(orgId)}/officers`, input),
  addOwner: (orgId: string, input: NewOwner) => post<OrganizationPeople>(`${V1}/organizations/${id(orgId)}/owners`, input),
  beneficialOwners: (orgId: string, asOf?: string, includePending?: boolean) =>
    get<BeneficialOwners>(`${V1}/organizations/${id(orgId)}/beneficial-owners`, { asOf, includePending: includePending ? 'true' : undefined }),
  bodsUrl: (orgId: string) => `${V1}/organizations/${id(orgId)}/ownership.bods.json`,
  listPeople: (query: { q?: string; limit: number; offset: number }) => get<Page<Person>>(`${V1}/people`, query),
  createPerson: (input: NewPerson & { organizationId?: string }) => post<Person>(`${V1}/people`, input),
  listReviews: (query: { organizationId?: string; limit: number; offset: number }) =>
    get<Page<ReviewItem>>(`${V1}/registry/reviews`, query),
  decideReview: (kind: ReviewKind, itemId: string, input: { decision: 'confirm' | 'reject'; note?: string }) =>
    post<{ kind: string; id: string; status: string }>(`${V1}/registry/reviews/${id(kind)}/${id(itemId)}`, input),
  listDocuments: (orgId: string, query: { limit: number; offset: number }) =>
    get<Page<OrganizationDocument>>(`${V1}/organizations/${id(orgId)}/documents`, query),
  /** Uploads a file as the raw request body; 413 (too large) and 415 (not an allowed format) come back as ApiError. */
  uploadDocument: (orgId: string, input: { type: DocumentType; title?: string; file: File }) =>
    request<OrganizationDocument>(
      'POST',
      withQuery(`${V1}/organizations/${id(orgId)}/documents`, {
        type: input.type,
        fileName: input.file.name,
        title: input.title,
      }),
      input.file,
    ),
  documentUrl: (documentId: string) => `${V1}/documents/${id(documentId)}/content`,

  listApplications: (query: {
    status?: string;
    overdue?: 'true' | 'false';
    q?: string;
    organizationId?: string;
    limit: number;
    offset: number;
  }) => get<Page<MembershipApplication>>(`${V1}/membership/applications`, query),
  getApplication: (appId: string) => get<MembershipApplicationDetail>(`${V1}/membership/applications/${id(appId)}`),
  createApplication: (input: LocalizationPlan & { organizationId?: string }, idempotencyKey: string) =>
    post<MembershipApplicationDetail>(`${V1}/membership/applications`, input, { idempotencyKey }),
  updateApplication: (appId: string, input: LocalizationPlan & { version: number }) =>
    patch<MembershipApplicationDetail>(`${V1}/membership/applications/${id(appId)}`, input),
  transitionApplication: (
    appId: string,
    input: { action: MembershipAction; reason?: string; version: number },
    idempotencyKey: string,
  ) =>
    post<MembershipApplicationDetail>(`${V1}/membership/applications/${id(appId)}/transitions`, input, {
      idempotencyKey,
    }),
  getDeadlines: () => get<Deadlines>(`${V1}/membership/deadlines`),
  putDeadlines: (deadlines: Partial<Record<DeadlineStatus, number | null>>) =>
    put<Deadlines>(`${V1}/membership/deadlines`, { deadlines }),
  listNotifications: (query: { organizationId?: string; limit: number; offset: number }) =>
    get<Page<Notification>>(`${V1}/notifications`, query),
  publicFundFlows: (period: { from: string; to: string }) =>
    get<{ from: string; to: string; sources: FundFlow[]; uses: FundFlow[] }>(`${V1}/public/fund/sources-and-uses`, period),
  publicFundSankey: (query: { currency: string; from?: string; to?: string }) => get<FundFlows>(`${V1}/public/fund/flows`, query),
  publicFundDownloadUrl: (period: { from: string; to: string }, format: 'csv' | 'xlsx') =>
    withQuery(`${V1}/public/fund/sources-and-uses`, { ...period, format }),

  listLedgerAccounts: (query: { currency?: string; type?: string; limit: number; offset: number }) =>
    get<Counted<LedgerAccount>>(`${FUND}/ledger/accounts`, query),
  getLedgerAccount: (accountId: string) => get<LedgerAccount>(`${FUND}/ledger/accounts/${id(accountId)}`),
  accountStatement: (accountId: string, query: { from?: string; to?: string; limit: number; offset: number }) =>
    get<Statement>(`${FUND}/ledger/accounts/${id(accountId)}/statement`, query),
  accountStatementUrl: (accountId: string, query: { from?: string; to?: string }, format: 'csv' | 'xlsx') =>
    withQuery(`${FUND}/ledger/accounts/${id(accountId)}/statement`, { ...query, format }),
  listLedgerEntries: (query: {
    currency?: string;
    status?: string;
    referenceType?: string;
    referenceId?: string;
    from?: string;
    to?: string;
    limit: number;
    offset: number;
  }) => get<Counted<LedgerEntry>>(`${FUND}/ledger/entries`, query),
  createLedgerEntry: (input: NewEntry, idempotencyKey: string) =>
    post<LedgerEntry>(`${FUND}/ledger/entries`, input, { idempotencyKey }),
  entryAction: (entryId: string, action: EntryAction, idempotencyKey: string) =>
    post<LedgerEntry>(`${FUND}/ledger/entries/${id(entryId)}/${action}`, {}, { idempotencyKey }),
  trialBalance: (at?: string) => get<TrialBalance>(`${FUND}/ledger/trial-balance`, { at }),
  trialBalanceUrl: (at: string | undefined, format: 'csv' | 'xlsx') => withQuery(`${FUND}/ledger/trial-balance`, { at, format }),
  listDonations: (query: {
    currency?: string;
    donorKind?: string;
    earmarkType?: string;
    from?: string;
    to?: string;
    limit: number;
    offset: number;
  }) => get<Counted<Donation>>(`${FUND}/donations`, query),
  recordDonation: (input: NewDonation, idempotencyKey: string) => post<Donation>(`${FUND}/donations`, input, { idempotencyKey }),
  listAssets: (query: { kind?: string; status?: string; limit: number; offset: number }) =>
    get<Counted<AssetSummary>>(`${FUND}/assets`, query),
  getAsset: (assetId: string) => get<Asset>(`${FUND}/assets/${id(assetId)}`),
  transitionAsset: (assetId: string, input: { to: AssetStatus; version: number; note?: string }, idempotencyKey: string) =>
    post<Asset>(`${FUND}/assets/${id(assetId)}/transitions`, input, { idempotencyKey }),
  recordSale: (assetId: string, input: NewSale, idempotencyKey: string) =>
    post<Asset>(`${FUND}/assets/${id(assetId)}/sale`, input, { idempotencyKey }),
  tracedUses: (query: { from?: string; to?: string; referenceType?: string; limit: number; offset: number }) =>
    get<Counted<TracedUse>>(`${FUND}/tracing/uses`, query),
  tracedSources: (query: { from?: string; to?: string; kind?: string; limit: number; offset: number }) =>
    get<Counted<TracedSource>>(`${FUND}/tracing/sources`, query),
  listPublicMembers: (query: PublicMemberQuery & { limit: number; offset: number }) => get<Page<PublicMember>>(`${V1}/public/members`, query),
  /** Every member matching the query, in its sort, as CSV or JSON (a download of the register). */
  publicMembersUrl: (query: PublicMemberQuery, format: 'csv' | 'json') => withQuery(`${V1}/public/members`, { ...query, scope: 'all', format }),

  listAuditEvents: (query: {
    action?: string;
    actorId?: string;
    targetType?: string;
    targetId?: string;
    from?: string;
    to?: string;
    before?: number;
    limit: number;
  }) => get<AuditEventPage>(`${V1}/audit/events`, query),
  listCheckpoints: (query: { before?: number; limit: number }) =>
    get<CheckpointPage>(`${V1}/audit/checkpoints`, query),
  signCheckpoint: () => post<Checkpoint>(`${V1}/audit/checkpoints`),
  auditHead: () => get<AuditHead>(`${V1}/audit/head`),

  listSanctionsLists: () => get<{ items: SanctionsList[] }>(`${SCREENING}/lists`),
  /** Imports or replaces a list; a malformed file is a 400 whose `extra` names the `file` and `line`. */
  importSanctionsList: (input: { format: ListFormat; source: string; files: { name: string; content: string }[] }, idempotencyKey: string) =>
    post<ListImportResult>(`${SCREENING}/lists`, input, { idempotencyKey }),
  screenNames: (input: { queries: Record<string, MatchQuery>; threshold?: number; limit?: number }) =>
    post<MatchResponse>(`${SCREENING}/match`, input),
  listScreeningCases: (query: { status?: string; organizationId?: string; subjectType?: string; q?: string; limit: number; offset: number }) =>
    get<Counted<ScreeningCase>>(`${SCREENING}/cases`, query),
  getScreeningCase: (caseId: string) => get<ScreeningCase>(`${SCREENING}/cases/${id(caseId)}`),
  decideScreeningCase: (caseId: string, input: { decision: CaseDecision; reason: string; version: number }, idempotencyKey: string) =>
    post<ScreeningCase>(`${SCREENING}/cases/${id(caseId)}/decision`, input, { idempotencyKey }),
  organizationScreening: (orgId: string) => get<OrganizationScreening>(`${SCREENING}/organizations/${id(orgId)}`),
  screenOrganization: (orgId: string, idempotencyKey: string) =>
    post<ScreeningRun>(`${SCREENING}/organizations/${id(orgId)}/screen`, {}, { idempotencyKey }),
  listRuleSets: () => get<RuleSetList>(`${REGIME}/rule-sets`),
  getRuleSet: (ruleSetId: string) => get<RuleSet>(`${REGIME}/rule-sets/${id(ruleSetId)}`),
  createRuleSet: (input: NewRuleSet, idempotencyKey: string) => post<RuleSet>(`${REGIME}/rule-sets`, input, { idempotencyKey }),
  previewRuleSet: (criteria: Criterion[]) => post<RegimePreview>(`${REGIME}/rule-sets/preview`, { criteria }),
  listRegimeApplications: (query: { status?: string; organizationId?: string; q?: string; limit: number; offset: number }) =>
    get<Page<RegimeApplication>>(`${REGIME}/applications`, query),
  getRegimeApplication: (appId: string) => get<RegimeApplicationDetail>(`${REGIME}/applications/${id(appId)}`),
  createRegimeApplication: (
    input: { organizationId?: string; figures?: RegimeFiguresInput; auditorReportDocumentId?: string | null },
    idempotencyKey: string,
  ) => post<RegimeApplicationDetail>(`${REGIME}/applications`, input, { idempotencyKey }),
  updateRegimeApplication: (appId: string, input: { version: number; figures?: RegimeFiguresInput; auditorReportDocumentId?: string | null }) =>
    patch<RegimeApplicationDetail>(`${REGIME}/applications/${id(appId)}`, input),
  transitionRegimeApplication: (
    appId: string,
    input: { action: RegimeApplicationAction; version: number; reason?: string },
    idempotencyKey: string,
  ) => post<RegimeApplicationDetail>(`${REGIME}/applications/${id(appId)}/transitions`, input, { idempotencyKey }),
  listResidents: (query: { status?: string; q?: string; limit: number; offset: number }) => get<Page<Resident>>(`${REGIME}/residents`, query),
  getResident: (residentId: string) => get<ResidentDetail>(`${REGIME}/residents/${id(residentId)}`),
  transitionResident: (
    residentId: string,
    input: { action: ResidentAction; version: number; reason?: string; cureDeadline?: string },
    idempotencyKey: string,
  ) => post<ResidentDetail>(`${REGIME}/residents/${id(residentId)}/transitions`, input, { idempotencyKey }),
  putResidentVisibility: (residentId: string, input: { hiddenFields: HideableField[]; version: number }) =>
    put<ResidentDetail>(`${REGIME}/residents/${id(residentId)}/visibility`, input),
  certificatePdfUrl: (residentId: string) => `${REGIME}/residents/${id(residentId)}/certificate.pdf`,
  createReport: (
    residentId: string,
    input: { year: number; figures?: RegimeFiguresInput; auditorReportDocumentId?: string | null },
    idempotencyKey: string,
  ) => post<RegimeReport>(`${REGIME}/residents/${id(residentId)}/reports`, input, { idempotencyKey }),
  listReports: (query: { year?: number; status?: string; residentId?: string; limit: number; offset: number }) =>
    get<Page<RegimeReport>>(`${REGIME}/reports`, query),
  getReport: (reportId: string) => get<RegimeReport>(`${REGIME}/reports/${id(reportId)}`),
  updateReport: (reportId: string, input: { version: number; figures?: RegimeFiguresInput; auditorReportDocumentId?: string | null }) =>
    patch<RegimeReport>(`${REGIME}/reports/${id(reportId)}`, input),
  submitReport: (reportId: string, version: number, idempotencyKey: string) =>
    post<RegimeReport>(`${REGIME}/reports/${id(reportId)}/submit`, { version }, { idempotencyKey }),
  compliance: (year?: number) => get<ComplianceList>(`${REGIME}/compliance`, { year }),
  listProposals: (query: { status?: string; limit: number; offset: number }) => get<Page<SuspensionProposal>>(`${REGIME}/proposals`, query),
  decideProposal: (
    proposalId: string,
    input: { decision: 'accept' | 'dismiss'; reason: string; cureDeadline?: string },
    idempotencyKey: string,
  ) => post<SuspensionProposal>(`${REGIME}/proposals/${id(proposalId)}/decision`, input, { idempotencyKey }),
  createAppeal: (input: { subjectType: 'application' | 'resident'; subjectId: string; grounds: string }, idempotencyKey: string) =>
    post<Appeal>(`${REGIME}/appeals`, input, { idempotencyKey }),
  listAppeals: (query: { status?: string; limit: number; offset: number }) => get<Page<Appeal>>(`${REGIME}/appeals`, query),
  decideAppeal: (appealId: string, input: { decision: 'uphold' | 'dismiss'; reason: string; version: number }, idempotencyKey: string) =>
    post<Appeal>(`${REGIME}/appeals/${id(appealId)}/decision`, input, { idempotencyKey }),
  getCommission: () => get<{ members: CommissionMember[] }>(`${REGIME}/commission`),
  putCommission: (userIds: string[]) => put<{ members: CommissionMember[] }>(`${REGIME}/commission`, { userIds }),
  getRegimeSettings: () => get<RegimeSettings>(`${REGIME}/settings`),
  putRegimeSettings: (input: RegimeSettingsInput) => put<RegimeSettings>(`${REGIME}/settings`, input),
  benefits: (year?: number) => get<Benefits>(`${REGIME}/benefits`, { year }),
  benefitsUrl: (year: number | undefined, format: 'csv' | 'xlsx') => withQuery(`${REGIME}/benefits`, { year, format }),
  listPublicResidents: (query: PublicResidentQuery & { limit: number; offset: number }) => get<Page<PublicResident>>(`${V1}/public/regime/residents`, query),
  /** Every resident matching the query, in its sort, as CSV or JSON (a download of the register). */
  publicResidentsUrl: (query: PublicResidentQuery, format: 'csv' | 'json') => withQuery(`${V1}/public/regime/residents`, { ...query, scope: 'all', format }),
  certificateStatus: (certificateId: string) => get<CertificateStatus>(`${V1}/public/regime/certificates/${id(certificateId)}`),
  verifyCertificate: (input: { certificate: CertificateFields; signature: string }) =>
    post<{ valid: boolean; known: boolean; matchesIssued: boolean }>(`${V1}/public/regime/certificates/verify`, input),
  // Fund programs
  listCalls: (query: { status?: string; q?: string; limit: number; offset: number }) => get<Page<FundCall>>(`${FUND}/calls`, query),
  getCall: (callId: string) => get<FundCall>(`${FUND}/calls/${id(callId)}`),
  createCall: (input: NewCall, idempotencyKey: string) => post<FundCall>(`${FUND}/calls`, input, { idempotencyKey }),
  transitionCall: (callId: string, input: { action: 'publish' | 'cancel'; version: number; reason?: string }, idempotencyKey: string) =>
    post<FundCall>(`${FUND}/calls/${id(callId)}/transitions`, input, { idempotencyKey }),
  callRanking: (callId: string) => get<FundRanking>(`${FUND}/calls/${id(callId)}/ranking`),
  rankCall: (callId: string, version: number, idempotencyKey: string) => post<FundRanking>(`${FUND}/calls/${id(callId)}/rank`, { version }, { idempotencyKey }),
  awardCall: (callId: string, version: number, idempotencyKey: string) => post<FundCall>(`${FUND}/calls/${id(callId)}/award`, { version }, { idempotencyKey }),
  createFundProposal: (callId: string, input: ProposalInput, idempotencyKey: string) =>
    post<FundProposalDetail>(`${FUND}/calls/${id(callId)}/proposals`, input, { idempotencyKey }),
  listFundProposals: (query: { callId?: string; status?: string; limit: number; offset: number }) => get<Page<FundProposal>>(`${FUND}/proposals`, query),
  getFundProposal: (proposalId: string) => get<FundProposalDetail>(`${FUND}/proposals/${id(proposalId)}`),
  updateFundProposal: (proposalId: string, input: ProposalInput & { version: number }) => patch<FundProposalDetail>(`${FUND}/proposals/${id(proposalId)}`, input),
  transitionFundProposal: (proposalId: string, input: { action: 'submit' | 'withdraw'; version: number }, idempotencyKey: string) =>
    post<FundProposalDetail>(`${FUND}/proposals/${id(proposalId)}/transitions`, input, { idempotencyKey }),
  assignEvaluators: (proposalId: string, evaluatorIds: string[] | undefined, idempotencyKey: string) =>
    post<FundProposalDetail>(`${FUND}/proposals/${id(proposalId)}/evaluators`, evaluatorIds ? { evaluatorIds } : {}, { idempotencyKey }),
  declareInterest: (proposalId: string, input: { conflict: boolean; reason?: string; version: number }, idempotencyKey: string) =>
    post<{ assignmentId: string; status: 'declared' | 'conflict'; proposal: FundProposalDetail | null }>(`${FUND}/proposals/${id(proposalId)}/declaration`, input, { idempotencyKey }),
  putScores: (proposalId: string, input: { version: number; scores: Record<string, EvaluatorScore> }) =>
    put<FundProposalDetail>(`${FUND}/proposals/${id(proposalId)}/scores`, input),
  recordConsensus: (proposalId: string, input: { version: number; scores: Record<string, { scoreTenths: number; reason: string }> }, idempotencyKey: string) =>
    post<FundProposalDetail>(`${FUND}/proposals/${id(proposalId)}/consensus`, input, { idempotencyKey }),
  listAwards: (query: { callId?: string; status?: string; limit: number; offset: number }) => get<Page<FundAward>>(`${FUND}/awards`, query),
  getAward: (awardId: string) => get<FundAwardDetail>(`${FUND}/awards/${id(awardId)}`),
  reportMilestone: (
    awardId: string,
    milestoneId: string,
    input: { version: number; reportText: string; evidenceDocumentIds: string[]; capacityDelivered: CapacityLine[] },
    idempotencyKey: string,
  ) => post<FundAwardDetail>(`${FUND}/awards/${id(awardId)}/milestones/${id(milestoneId)}/report`, input, { idempotencyKey }),
  verifyMilestone: (awardId: string, milestoneId: string, input: { version: number; decision: 'verified' | 'failed'; note: string }, idempotencyKey: string) =>
    post<FundAwardDetail>(`${FUND}/awards/${id(awardId)}/milestones/${id(milestoneId)}/verification`, input, { idempotencyKey }),
  prepareDisbursement: (awardId: string, milestoneId: string, idempotencyKey: string) =>
    post<FundDisbursement>(`${FUND}/awards/${id(awardId)}/disbursements`, { milestoneId }, { idempotencyKey }),
  listDisbursements: (query: { status?: string; limit: number; offset: number }) => get<Page<FundDisbursement>>(`${FUND}/disbursements`, query),
  approveDisbursement: (disbursementId: string, version: number, idempotencyKey: string) =>
    post<FundDisbursement>(`${FUND}/disbursements/${id(disbursementId)}/approval`, { version }, { idempotencyKey }),
  clawBack: (awardId: string, input: { amountMinor: number; reason: string; milestoneId?: string }, idempotencyKey: string) =>
    post<FundAwardDetail>(`${FUND}/awards/${id(awardId)}/clawbacks`, input, { idempotencyKey }),
  terminateAward: (awardId: string, input: { version: number; reason: string }, idempotencyKey: string) =>
    post<FundAwardDetail>(`${FUND}/awards/${id(awardId)}/termination`, input, { idempotencyKey }),
  getProgramSettings: () => get<ProgramSettings>(`${FUND}/program-settings`),
  putProgramSettings: (input: { version: number; secondApprovalAbove: Partial<Record<CallCurrency, number>> }) => put<ProgramSettings>(`${FUND}/program-settings`, input),
  publicAwards: (query: PublicAwardQuery & { limit: number; offset: number }) => get<Page<PublicAward>>(`${V1}/public/fund/awards`, query),
  /** Every award matching the query, in its sort, as CSV or JSON (a download of the register). */
  publicAwardsUrl: (query: PublicAwardQuery, format: 'csv' | 'json') => withQuery(`${V1}/public/fund/awards`, { ...query, scope: 'all', format }),
  publicUses: () => get<{ items: PublicUse[] }>(`${V1}/public/fund/uses`),
  // Localization
  listLocalizationCategories: () => get<{ items: LocalizationCategory[] }>(`${LOCALIZATION}/categories`),
  createLocalizationCategory: (input: NewLocalizationCategory, idempotencyKey: string) =>
    post<LocalizationCategory>(`${LOCALIZATION}/categories`, input, { idempotencyKey }),
  updateLocalizationCategory: (code: string, input: LocalizationCategoryChange) => patch<LocalizationCategory>(`${LOCALIZATION}/categories/${id(code)}`, input),
  listNeeds: (query: { period?: string; category?: string; limit: number; offset: number }) => get<Page<LocalizationNeed>>(`${LOCALIZATION}/needs`, query),
  getNeed: (needId: string) => get<LocalizationNeedDetail>(`${LOCALIZATION}/needs/${id(needId)}`),
  createNeed: (input: { categoryCode: string; period: string; quantity: number; note?: string }, idempotencyKey: string) =>
    post<LocalizationNeedDetail>(`${LOCALIZATION}/needs`, input, { idempotencyKey }),
  reviseNeed: (needId: string, input: { version: number; quantity: number; note?: string; reason: string }) =>
    put<LocalizationNeedDetail>(`${LOCALIZATION}/needs/${id(needId)}`, input),
  listCapacityReports: (query: { organizationId?: string; category?: string; period?: string; status?: string; q?: string; limit: number; offset: number }) =>
    get<Page<CapacityReport>>(`${LOCALIZATION}/capacity-reports`, query),
  getCapacityReport: (reportId: string) => get<CapacityReport>(`${LOCALIZATION}/capacity-reports/${id(reportId)}`),
  fileCapacityReport: (input: CapacityFigures & { categoryCode: string; period: string; organizationId?: string }, idempotencyKey: string) =>
    post<CapacityReport>(`${LOCALIZATION}/capacity-reports`, input, { idempotencyKey }),
  reviseCapacityReport: (reportId: string, input: CapacityFigures & { version: number }) => put<CapacityReport>(`${LOCALIZATION}/capacity-reports/${id(reportId)}`, input),
  decideCapacityReport: (reportId: string, action: 'confirm' | 'return', input: { version: number; reason?: string }, idempotencyKey: string) =>
    post<CapacityReport>(`${LOCALIZATION}/capacity-reports/${id(reportId)}/${action}`, input, { idempotencyKey }),
  localizationGaps: (period: string) => get<{ period: string; items: LocalizationGap[] }>(`${LOCALIZATION}/gaps`, { period }),
  localizationGapsUrl: (period: string, format: 'csv' | 'xlsx') => withQuery(`${LOCALIZATION}/gaps`, { period, format }),
  localizationGapDetail: (code: string, period: string) => get<LocalizationGapDetail>(`${LOCALIZATION}/gaps/${id(code)}`, { period }),
  localizationTrend: (query: { granularity: 'year' | 'quarter'; category?: string }) => get<LocalizationTrend>(`${LOCALIZATION}/trend`, query),
  publicLocalization: () => get<PublicLocalization>(`${V1}/public/localization`),
  // Forum and matchmaking
  listPublicEvents: (query: { limit: number; offset: number }) => get<{ items: PublicEventSummary[]; total: number }>(`${V1}/public/events`, query),
  getPublicEvent: (eventId: string) => get<PublicEvent>(`${V1}/public/events/${id(eventId)}`),
  listEvents: (query: { status?: string; q?: string; limit: number; offset: number }) => get<Page<EventListItem>>(EVENTS, query),
  getEvent: (eventId: string) => get<EventDetail>(`${EVENTS}/${id(eventId)}`),
  createEvent: (input: NewEvent, idempotencyKey: string) => post<EventDetail>(EVENTS, input, { idempotencyKey }),
  updateEvent: (eventId: string, input: EventChange) => patch<EventDetail>(`${EVENTS}/${id(eventId)}`, input),
  createSession: (eventId: string, input: SessionInput, idempotencyKey: string) => post<EventSession>(`${EVENTS}/${id(eventId)}/sessions`, input, { idempotencyKey }),
  updateSession: (eventId: string, sessionId: string, input: Partial<SessionInput> & { version: number }) =>
    patch<EventSession>(`${EVENTS}/${id(eventId)}/sessions/${id(sessionId)}`, input),
  deleteSession: (eventId: string, sessionId: string) => del(`${EVENTS}/${id(eventId)}/sessions/${id(sessionId)}`),
  listRegistrations: (eventId: string, query: { organizationId?: string; status?: string; q?: string; limit: number; offset: number }) =>
    get<Page<EventRegistration>>(`${EVENTS}/${id(eventId)}/registrations`, query),
  getRegistration: (eventId: string, registrationId: string) => get<EventRegistration>(`${EVENTS}/${id(eventId)}/registrations/${id(registrationId)}`),
  registerDelegate: (eventId: string, input: NewRegistration, idempotencyKey: string) =>
    post<EventRegistration>(`${EVENTS}/${id(eventId)}/registrations`, input, { idempotencyKey }),
  updateRegistration: (eventId: string, registrationId: string, input: { version: number; fullName?: string; position?: string; unavailableSlots?: string[] }) =>
    patch<EventRegistration>(`${EVENTS}/${id(eventId)}/registrations/${id(registrationId)}`, input),
  cancelRegistration: (eventId: string, registrationId: string, input: { version: number; reason?: string }, idempotencyKey: string) =>
    post<EventRegistration>(`${EVENTS}/${id(eventId)}/registrations/${id(registrationId)}/cancel`, input, { idempotencyKey }),
  badgeUrl: (eventId: string, registrationId: string) => `${EVENTS}/${id(eventId)}/registrations/${id(registrationId)}/badge.pdf`,
  badge: (code: string) => get<EventBadge>(`${EVENTS}/badges/${id(code)}`),
  checkIn: (code: string, idempotencyKey: string) => post<EventBadge>(`${EVENTS}/badges/${id(code)}/check-in`, {}, { idempotencyKey }),
  listParticipants: (eventId: string, query: { q?: string; country?: string; capability?: string; limit: number; offset: number }) =>
    get<Page<EventParticipant>>(`${EVENTS}/${id(eventId)}/participants`, query),
  getParticipant: (eventId: string, organizationId: string) => get<EventParticipant>(`${EVENTS}/${id(eventId)}/participants/${id(organizationId)}`),
  putParticipantProfile: (eventId: string, organizationId: string, input: ParticipantProfile) =>
    put<EventParticipant>(`${EVENTS}/${id(eventId)}/participants/${id(organizationId)}/profile`, input),
  recommendations: (eventId: string, organizationId: string) =>
    get<{ organizationId: string; items: PartnerRecommendation[] }>(`${EVENTS}/${id(eventId)}/participants/${id(organizationId)}/recommendations`),
  listMeetings: (eventId: string, query: MeetingQuery) => get<Page<MeetingRequest>>(`${EVENTS}/${id(eventId)}/meetings`, { ...query }),
  requestMeeting: (eventId: string, input: { requesterRegistrationId: string; recipientOrganizationId: string; message: string }, idempotencyKey: string) =>
    post<MeetingRequest>(`${EVENTS}/${id(eventId)}/meetings`, input, { idempotencyKey }),
  acceptMeeting: (eventId: string, meetingId: string, input: { version: number; registrationIds: string[]; slotStart?: string }, idempotencyKey: string) =>
    post<MeetingRequest>(`${EVENTS}/${id(eventId)}/meetings/${id(meetingId)}/accept`, input, { idempotencyKey }),
  bookMeeting: (eventId: string, meetingId: string, input: { version: number; slotStart: string }, idempotencyKey: string) =>
    post<MeetingRequest>(`${EVENTS}/${id(eventId)}/meetings/${id(meetingId)}/book`, input, { idempotencyKey }),
  decideMeeting: (eventId: string, meetingId: string, action: 'decline' | 'cancel', input: { version: number; reason?: string }, idempotencyKey: string) =>
    post<MeetingRequest>(`${EVENTS}/${id(eventId)}/meetings/${id(meetingId)}/${action}`, input, { idempotencyKey }),
  runSchedule: (eventId: string, dryRun: boolean, idempotencyKey: string) => post<ScheduleRun>(`${EVENTS}/${id(eventId)}/schedule`, { dryRun }, { idempotencyKey }),
  agenda: (eventId: string, registrationId: string) => get<DelegateAgenda>(`${EVENTS}/${id(eventId)}/registrations/${id(registrationId)}/agenda`),
  agendaUrl: (eventId: string, registrationId: string, format: 'pdf' | 'ics') => `${EVENTS}/${id(eventId)}/registrations/${id(registrationId)}/agenda.${format}`,
  // Public portal
  publicNews: (query: { tag?: string; limit: number; offset: number }) => get<Page<NewsSummary> & { tags: string[] }>(`${V1}/public/news`, query),
  publicNewsPost: (slug: string) => get<PublicNewsPost>(`${V1}/public/news/${id(slug)}`),
  publicFaq: () => get<PublicFaq>(`${V1}/public/faq`),
  publicDashboard: () => get<PublicDashboard>(`${V1}/public/dashboard`),
  openDataCatalogue: () => get<OpenDataCatalogue>(`${V1}/public/open-data`),
  listPosts: (query: { status?: string; q?: string; limit: number; offset: number }) => get<Page<PortalPostSummary>>(`${V1}/portal/posts`, query),
  getPost: (postId: string) => get<PortalPost>(`${V1}/portal/posts/${id(postId)}`),
  createPost: (input: PostInput, idempotencyKey: string) => post<PortalPost>(`${V1}/portal/posts`, input, { idempotencyKey }),
  /** Uploads an image for posts as the raw body; the answer carries the Markdown that shows it in each language. */
  uploadPostImage: (input: { file: File; altUk: string; altEn: string }) =>
    request<PortalImage>('POST', withQuery(`${V1}/portal/images`, { fileName: input.file.name, altUk: input.altUk, altEn: input.altEn }), input.file),
  updatePost: (postId: string, input: Partial<PostInput> & { version: number }) => patch<PortalPost>(`${V1}/portal/posts/${id(postId)}`, input),
  transitionPost: (postId: string, input: { version: number; action: PostAction; publishAt?: string }, idempotencyKey: string) =>
    post<PortalPost>(`${V1}/portal/posts/${id(postId)}/transitions`, input, { idempotencyKey }),
  listFaq: () => get<{ items: FaqEntry[] }>(`${V1}/portal/faq`),
  createFaq: (input: FaqInput, idempotencyKey: string) => post<FaqEntry>(`${V1}/portal/faq`, input, { idempotencyKey }),
  updateFaq: (entryId: string, input: Partial<FaqInput> & { version: number }) => patch<FaqEntry>(`${V1}/portal/faq/${id(entryId)}`, input),
  deleteFaq: (entryId: string) => del(`${V1}/portal/faq/${id(entryId)}`),
};

// Public portal: news with feeds, the FAQ, the transparency dashboard, the open data catalogue --------

export const POST_STATUSES = ['draft', 'scheduled', 'published', 'archived'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];
export type PostAction = 'schedule' | 'unschedule' | 'publish' | 'archive' | 'restore';

/** A post as a list shows it; a post without a written summary has the start of its text instead. */
export interface NewsSummary {
  id: string;
  slug: string;
  titleUk: string;
  titleEn: string;
  summaryUk: string;
  summaryEn: string;
  tags: string[];
  publishedAt: string | null;
}

/** A published post: its body rendered from Markdown and sanitized by the server. */
export interface PublicNewsPost extends NewsSummary {
  htmlUk: string;
  htmlEn: string;
  updatedAt: string;
}

/** What an editor writes: Markdown in both languages. */
export interface PostInput {
  slug: string;
  titleUk: string;
  titleEn: string;
  summaryUk: string;
  summaryEn: string;
  bodyUk: string;
  bodyEn: string;
  tags: string[];
}

export interface PortalPostSummary extends NewsSummary {
  status: PostStatus;
  /** When a scheduled post goes out. */
  publishAt: string | null;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** A post in any state, with the preview the public would see. */
/** An image uploaded for posts (`/api/v1/portal/images`). */
export interface PortalImage {
  id: string;
  url: string;
  markdownUk: string;
  markdownEn: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  altUk: string;
  altEn: string;
  createdAt: string;
}

export interface PortalPost extends PortalPostSummary {
  bodyUk: string;
  bodyEn: string;
  htmlUk: string;
  htmlEn: string;
}

/** An FAQ entry as an editor writes it (Markdown answers). */
export interface FaqInput {
  groupKey: string;
  groupUk: string;
  groupEn: string;
  questionUk: string;
  questionEn: string;
  answerUk: string;
  answerEn: string;
  sortOrder: number;
  published: boolean;
}

export interface FaqEntry extends FaqInput {
  id: string;
  answerHtmlUk: string;
  answerHtmlEn: string;
  version: number;
  updatedAt: string;
}

export interface PublicFaq {
  groups: {
    groupKey: string;
    groupUk: string;
    groupEn: string;
    items: { id: string; questionUk: string; questionEn: string; answerHtmlUk: string; answerHtmlEn: string }[];
  }[];
}

export interface OpenDataset {
  id: string;
  titleUk: string;
  titleEn: string;
  descriptionUk: string;
  descriptionEn: string;
  formats: { format: string; mediaType: string; url: string }[];
  schemaUrl: string;
  licenceUrl: string;
  /** The last change the audit log records for the dataset. */
  updatedAt: string | null;
}

export interface OpenDataCatalogue {
  licence: { name: string; url: string };
  datasets: OpenDataset[];
}

/** The transparency dashboard: public figures only (amounts in minor units). */
export interface PublicDashboard {
  generatedAt: string;
  fund: { years: { year: number; sources: FundFlow[]; uses: FundFlow[] }[] };
  members: { total: number; byCountry: { country: string; count: number }[] };
  residents: { active: number };
  localization: PublicLocalization;
  audit: { headSeq: number; headHash: string; latestCheckpoint: { seq: number; headHash: string; signedAt: string; keyId: string } | null };
}

/** The news feeds of a language. */
export function newsFeeds(language: 'uk' | 'en') {
  return { atom: `/feeds/news-${language}.atom`, rss: `/feeds/news-${language}.rss` };
}
