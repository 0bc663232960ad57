// Coloured, translated badges for review statuses (registry), application statuses (membership),
// and ledger entries and confiscated assets (fund). The text carries the meaning; colour only repeats it.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AssetStatus, EntryStatus, MembershipStatus, ReviewStatus } from '../api';

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
