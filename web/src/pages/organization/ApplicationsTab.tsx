// The organization's membership applications, newest deadline first, each linking to its page.
import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Organization } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { MembershipStatusBadge } from '../../components/StatusBadge';
import { TableFrame } from '../../components/TableFrame';
import { formatDateTime } from '../../format';
import { isCompanyUser, useMe } from '../../session';

const OPEN = ['draft', 'submitted', 'screening', 'under_review', 'approved', 'returned', 'member', 'suspended'];

export function ApplicationsTab({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const applications = useQuery({
    queryKey: ['applications', 'organization', organization.id],
    queryFn: () => api.listApplications({ organizationId: organization.id, limit: 50, offset: 0 }),
  });
  const ownCompany = me ? isCompanyUser(me.user) && me.user.organizationId === organization.id : false;
  const hasOpen = (applications.data?.items ?? []).some((a) => OPEN.includes(a.status));

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('applicationsTab.heading')}
        </Title>
        {ownCompany && !hasOpen && applications.isSuccess && (
          <Button component={Link} to="/app/membership/new">
            {t('membership.apply')}
          </Button>
        )}
      </Group>
      {applications.isPending ? (
        <Loading />
      ) : applications.isError ? (
        <ErrorAlert error={applications.error} onRetry={() => void applications.refetch()} />
      ) : applications.data.items.length === 0 ? (
        <Text>{t('applicationsTab.none')}</Text>
      ) : (
        <TableFrame label={t('applicationsTab.caption')}>
          <Table striped captionSide="top" verticalSpacing="sm" miw={640}>
            <Table.Caption>{t('applicationsTab.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('membership.columns.application')}</Table.Th>
                <Table.Th scope="col">{t('membership.columns.status')}</Table.Th>
                <Table.Th scope="col">{t('membership.columns.submittedAt')}</Table.Th>
                <Table.Th scope="col">{t('membership.columns.updatedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {applications.data.items.map((application) => (
                <Table.Tr key={application.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/app/membership/applications/${application.id}`}>
                      {t('membership.applicationOf', { date: formatDateTime(application.createdAt) })}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <MembershipStatusBadge status={application.status} />
                  </Table.Td>
                  <Table.Td>{application.submittedAt ? formatDateTime(application.submittedAt) : t('common.none')}</Table.Td>
                  <Table.Td>{formatDateTime(application.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      )}
    </Stack>
  );
}
