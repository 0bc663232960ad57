// The organization's sanctions screening status for staff: a badge in words, when it was last
// screened and its cases by status; analysts, officers and administrators screen it again on demand,
// and those who read cases follow a link to them.
import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, newIdempotencyKey, type User } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrganizationScreeningBadge } from '../../components/StatusBadge';
import { formatDateTime } from '../../format';
import { organizationScreeningKey, SCREENING_KEY } from '../../screening';
import { hasAnyRole, SCREENING_CASE_READERS, SCREENING_RUNNERS } from '../../session';

interface ScreeningPanelProps {
  organizationId: string;
  user: Pick<User, 'roles'>;
  onNotice: (message: string | null) => void;
}

export function ScreeningPanel({ organizationId, user, onNotice }: ScreeningPanelProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: organizationScreeningKey(organizationId), queryFn: () => api.organizationScreening(organizationId) });
  const screen = useMutation({
    // Each click is its own run: a new key, so a second click screens again.
    mutationFn: () => api.screenOrganization(organizationId, newIdempotencyKey()),
    onSuccess: (run) => {
      queryClient.setQueryData(organizationScreeningKey(organizationId), run.status);
      void queryClient.invalidateQueries({ queryKey: SCREENING_KEY });
      onNotice(t('screening.organization.done', { subjects: run.subjects, hits: run.hits, opened: run.opened }));
    },
  });
  const canRun = hasAnyRole(user, SCREENING_RUNNERS);
  const canReadCases = hasAnyRole(user, SCREENING_CASE_READERS);

  return (
    <Card withBorder component="section" aria-labelledby="screening-heading" padding="sm" data-testid="screening-panel">
      <Stack gap="xs">
        <Group justify="space-between" align="center" wrap="wrap" gap="sm">
          <Group gap="sm" wrap="wrap">
            <Title order={2} size="h5" id="screening-heading">
              {t('screening.organization.heading')}
            </Title>
            {status.data && <OrganizationScreeningBadge status={status.data.status} />}
          </Group>
          <Group gap="sm" wrap="wrap">
            {canReadCases && (
              <Anchor component={Link} to={`/app/screening?organizationId=${encodeURIComponent(organizationId)}`} size="sm" data-testid="screening-cases-link">
                {t('screening.organization.cases')}
              </Anchor>
            )}
            {canRun && (
              <Button size="xs" variant="outline" loading={screen.isPending} onClick={() => screen.mutate()} data-testid="screen-now">
                {t('screening.organization.screenNow')}
              </Button>
            )}
          </Group>
        </Group>
        {status.isError && <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />}
        {screen.isError && <ErrorAlert error={screen.error} />}
        {status.data && (
          <Text size="sm" data-testid="screening-summary">
            {status.data.screenedAt ? t('screening.organization.screenedAt', { date: formatDateTime(status.data.screenedAt) }) : t('screening.organization.never')}
            {status.data.screenedAt &&
              ` · ${t('screening.organization.counts', { open: status.data.openCases, confirmed: status.data.confirmedCases, dismissed: status.data.dismissedCases })}`}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
