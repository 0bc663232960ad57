// Coloured, translated badges for review statuses (registry), application statuses (membership),
// ledger entries and confiscated assets (fund), screening cases and organizations' screening status,
// and the regime's applications, residents, reports, criteria outcomes, proposals and appeals.
// The text carries the meaning; colour only repeats it.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type {
  AppealStatus,
  AssetStatus,
  CaseStatus,
  EntryStatus,
  MembershipStatus,
  OrganizationScreeningStatus,
  Outcome,
  ProposalStatus,
  RegimeApplicationStatus,
  ReportStatus,
  ResidentStatus,
  ReviewStatus,
} from '../api';

const REVIEW_COLORS: Record<ReviewStatus, string> = {
  pending: 'yellow',
  confirmed: 'green',
  rejected: 'red',
  removal_pending: 'orange',
  removed: 'gray',
};

export function ReviewStatusBadge({ status }: { status: ReviewStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={REVIEW_COLORS[status]} variant="light" tt="none" miw="max-content">
      {t(`reviewStatus.${status}`)}
    </Badge>
  );
}

const MEMBERSHIP_COLORS: Record<MembershipStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  screening: 'violet',
  under_review: 'blue',
  approved: 'green',
  rejected: 'red',
  returned: 'orange',
  member: 'green',
  suspended: 'orange',
  terminated: 'red',
  withdrawn: 'gray',
};

export function MembershipStatusBadge({ status }: { status: MembershipStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={MEMBERSHIP_COLORS[status]} variant="light" tt="none" miw="max-content" data-testid="application-status">
      {t(`membershipStatus.${status}`)}
    </Badge>
  );
}

const ENTRY_COLORS: Record<EntryStatus, string> = {
  posted: 'green',
  pending: 'yellow',
  voided: 'gray',
};

export function EntryStatusBadge({ status }: { status: EntryStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={ENTRY_COLORS[status]} variant="light" tt="none" miw="max-content" data-testid="entry-status">
      {t(`fund.entryStatus.${status}`)}
    </Badge>
  );
}

const ASSET_COLORS: Record<AssetStatus, string> = {
  seized: 'gray',
  confiscated: 'orange',
  in_management: 'blue',
  for_sale: 'violet',
  sold: 'teal',
  proceeds_received: 'green',
};

export function AssetStatusBadge({ status }: { status: AssetStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={ASSET_COLORS[status]} variant="light" tt="none" miw="max-content" data-testid="asset-status">
      {t(`fund.assetStatus.${status}`)}
    </Badge>
  );
}

const CASE_COLORS: Record<CaseStatus, string> = {
  open: 'orange',
  confirmed: 'red',
  dismissed: 'gray',
};

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={CASE_COLORS[status]} variant="light" tt="none" miw="max-content" data-testid="case-status">
      {t(`screening.caseStatus.${status}`)}
    </Badge>
  );
}

const ORGANIZATION_SCREENING_COLORS: Record<OrganizationScreeningStatus, string> = {
  not_screened: 'gray',
  clear: 'green',
  open_cases: 'orange',
  confirmed_hit: 'red',
};

export function OrganizationScreeningBadge({ status }: { status: OrganizationScreeningStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={ORGANIZATION_SCREENING_COLORS[status]}
      variant={status === 'confirmed_hit' ? 'filled' : 'light'}
      tt="none"
      miw="max-content"
      data-testid="screening-status"
    >
      {t(`screening.orgStatus.${status}`)}
    </Badge>
  );
}

const REGIME_APPLICATION_COLORS: Record<RegimeApplicationStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  checks: 'violet',
  granted: 'green',
  refused: 'red',
  returned: 'orange',
  withdrawn: 'gray',
};

export function RegimeApplicationStatusBadge({ status }: { status: RegimeApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={REGIME_APPLICATION_COLORS[status]} variant="light" tt="none" miw="max-content" data-testid="regime-application-status">
      {t(`regime.applicationStatus.${status}`)}
    </Badge>
  );
}

const RESIDENT_COLORS: Record<ResidentStatus, string> = {
  active: 'green',
  suspended: 'orange',
  terminated: 'red',
  exited: 'gray',
};

export function ResidentStatusBadge({ status, size }: { status: ResidentStatus; size?: 'sm' | 'md' | 'lg' | 'xl' }) {
  const { t } = useTranslation();
  return (
    <Badge color={RESIDENT_COLORS[status]} variant="light" tt="none" miw="max-content" size={size} data-testid="resident-status">
      {t(`regime.residentStatus.${status}`)}
    </Badge>
  );
}

const REPORT_COLORS: Record<ReportStatus | 'not_started', string> = {
  not_started: 'gray',
  draft: 'blue',
  accepted: 'green',
  failed: 'red',
};

export function ReportStatusBadge({ status }: { status: ReportStatus | 'not_started' }) {
  const { t } = useTranslation();
  return (
    <Badge color={REPORT_COLORS[status]} variant="light" tt="none" miw="max-content" data-testid="report-status">
      {t(`regime.reportStatus.${status}`)}
    </Badge>
  );
}

const OUTCOME_COLORS: Record<Outcome, string> = {
  pass: 'green',
  fail: 'red',
  missing: 'yellow',
};

export function OutcomeBadge({ outcome, testId = 'criterion-outcome' }: { outcome: Outcome; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={OUTCOME_COLORS[outcome]} variant="light" tt="none" miw="max-content" data-testid={testId}>
      {t(`regime.outcome.${outcome}`)}
    </Badge>
  );
}

const PROPOSAL_COLORS: Record<ProposalStatus, string> = {
  open: 'orange',
  accepted: 'red',
  dismissed: 'gray',
};

export function ProposalStatusBadge({ status }: { status: ProposalStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={PROPOSAL_COLORS[status]} variant="light" tt="none" miw="max-content" data-testid="proposal-status">
      {t(`regime.proposalStatus.${status}`)}
    </Badge>
  );
}

const APPEAL_COLORS: Record<AppealStatus, string> = {
  pending: 'yellow',
  upheld: 'green',
  dismissed: 'gray',
};

export function AppealStatusBadge({ status }: { status: AppealStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={APPEAL_COLORS[status]} variant="light" tt="none" miw="max-content" data-testid="appeal-status">
      {t(`regime.appealStatus.${status}`)}
    </Badge>
  );
}
