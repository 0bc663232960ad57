// Coloured, translated badges for review statuses (registry), application statuses (membership),
// ledger entries and confiscated assets (fund), screening cases and organizations' screening status,
// the regime's applications, residents, reports, criteria outcomes, proposals and appeals, and the
// fund programs' calls, proposals, evaluations, ranking outcomes, awards, milestones and payments,
// localization's capacity reports, the forum's events, delegates and meeting requests, and the portal's posts.
// The text carries the meaning; colour only repeats it.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type {
  AppealStatus,
  AssetStatus,
  AssignmentStatus,
  AwardStatus,
  CapacityReportStatus,
  CallPhase,
  DisbursementStatus,
  EventStatus,
  MeetingStatus,
  RegistrationStatus,
  FundProposalStatus,
  MilestoneStatus,
  RankingOutcome,
  CaseStatus,
  EntryStatus,
  MembershipStatus,
  OrganizationScreeningStatus,
  Outcome,
  PostStatus,
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

const CALL_PHASE_COLORS: Record<CallPhase, string> = {
  draft: 'gray',
  upcoming: 'violet',
  open: 'green',
  closed: 'orange',
  ranked: 'blue',
  awarded: 'teal',
  cancelled: 'red',
};

export function CallPhaseBadge({ phase }: { phase: CallPhase }) {
  const { t } = useTranslation();
  return (
    <Badge color={CALL_PHASE_COLORS[phase]} variant="light" tt="none" miw="max-content" data-testid="call-phase">
      {t(`programs.phase.${phase}`)}
    </Badge>
  );
}

const FUND_PROPOSAL_COLORS: Record<FundProposalStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  withdrawn: 'orange',
};

export function FundProposalStatusBadge({ status }: { status: FundProposalStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={FUND_PROPOSAL_COLORS[status]} variant="light" tt="none" miw="max-content" data-testid="fund-proposal-status">
      {t(`programs.proposalStatus.${status}`)}
    </Badge>
  );
}

const RANKING_OUTCOME_COLORS: Record<RankingOutcome, string> = {
  funded: 'green',
  partially_funded: 'teal',
  reserve: 'yellow',
  below_threshold: 'red',
};

export function RankingOutcomeBadge({ outcome }: { outcome: RankingOutcome }) {
  const { t } = useTranslation();
  return (
    <Badge color={RANKING_OUTCOME_COLORS[outcome]} variant="light" tt="none" miw="max-content" data-testid="ranking-outcome" data-outcome={outcome}>
      {t(`programs.outcome.${outcome}`)}
    </Badge>
  );
}

const ASSIGNMENT_COLORS: Record<AssignmentStatus, string> = {
  assigned: 'yellow',
  declared: 'blue',
  conflict: 'gray',
  submitted: 'green',
};

export function AssignmentStatusBadge({ status }: { status: AssignmentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={ASSIGNMENT_COLORS[status]} variant="light" tt="none" miw="max-content" data-testid="assignment-status">
      {t(`programs.assignmentStatus.${status}`)}
    </Badge>
  );
}

const AWARD_COLORS: Record<AwardStatus, string> = {
  active: 'blue',
  completed: 'green',
  terminated: 'red',
};

export function AwardStatusBadge({ status }: { status: AwardStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={AWARD_COLORS[status]} variant="light" tt="none" miw="max-content" data-testid="award-status">
      {t(`programs.awardStatus.${status}`)}
    </Badge>
  );
}

const MILESTONE_COLORS: Record<MilestoneStatus, string> = {
  planned: 'gray',
  reported: 'yellow',
  verified: 'blue',
  failed: 'red',
  paid: 'green',
  cancelled: 'gray',
};

export function MilestoneStatusBadge({ status }: { status: MilestoneStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={MILESTONE_COLORS[status]} variant="light" tt="none" miw="max-content" data-testid="milestone-status">
      {t(`programs.milestoneStatus.${status}`)}
    </Badge>
  );
}

const DISBURSEMENT_COLORS: Record<DisbursementStatus, string> = {
  prepared: 'yellow',
  paid: 'green',
  cancelled: 'gray',
};

export function DisbursementStatusBadge({ status }: { status: DisbursementStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={DISBURSEMENT_COLORS[status]} variant="light" tt="none" miw="max-content" data-testid="disbursement-status">
      {t(`programs.disbursementStatus.${status}`)}
    </Badge>
  );
}

const CAPACITY_REPORT_COLORS: Record<CapacityReportStatus, string> = {
  submitted: 'blue',
  confirmed: 'green',
  returned: 'orange',
};

export function CapacityReportStatusBadge({ status }: { status: CapacityReportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={CAPACITY_REPORT_COLORS[status]} variant="light" tt="none" miw="max-content" data-testid="capacity-report-status">
      {t(`localization.reportStatus.${status}`)}
    </Badge>
  );
}

const EVENT_COLORS: Record<EventStatus, string> = {
  draft: 'gray',
  published: 'green',
  closed: 'blue',
  cancelled: 'red',
};

export function EventStatusBadge({ status }: { status: EventStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={EVENT_COLORS[status]} variant="light" tt="none" miw="max-content" data-testid="event-status">
      {t(`events.status.${status}`)}
    </Badge>
  );
}

const REGISTRATION_COLORS: Record<RegistrationStatus, string> = {
  registered: 'green',
  waitlisted: 'yellow',
  cancelled: 'gray',
};

/** A delegate's status; a waitlisted one with their place in the queue. */
export function RegistrationStatusBadge({ status, waitlistPosition }: { status: RegistrationStatus; waitlistPosition?: number | null }) {
  const { t } = useTranslation();
  return (
    <Badge color={REGISTRATION_COLORS[status]} variant="light" tt="none" miw="max-content" data-testid="registration-status">
      {status === 'waitlisted' && waitlistPosition ? t('events.registrationStatus.waitlistedAt', { position: waitlistPosition }) : t(`events.registrationStatus.${status}`)}
    </Badge>
  );
}

const MEETING_COLORS: Record<MeetingStatus, string> = {
  requested: 'yellow',
  accepted: 'green',
  declined: 'red',
  cancelled: 'gray',
};

export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={MEETING_COLORS[status]} variant="light" tt="none" miw="max-content" data-testid="meeting-status">
      {t(`events.meetingStatus.${status}`)}
    </Badge>
  );
}

const POST_COLORS: Record<PostStatus, string> = {
  draft: 'gray',
  scheduled: 'yellow',
  published: 'green',
  archived: 'dark',
};

export function PostStatusBadge({ status }: { status: PostStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={POST_COLORS[status]} variant="light" tt="none" miw="max-content" data-testid="post-status">
      {t(`portal.postStatus.${status}`)}
    </Badge>
  );
}
