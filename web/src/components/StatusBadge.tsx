// Coloured, translated badges for review statuses (registry) and application statuses (membership).
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MembershipStatus, ReviewStatus } from '../api';

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
