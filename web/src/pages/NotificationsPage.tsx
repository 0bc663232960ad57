// The e-mail outbox as notifications: a company sees those sent to its organization, staff see all
// (with delivery errors) and may narrow them to one organization.
import { Accordion, Badge, Group, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Notification } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { OrganizationSelect } from '../components/OrganizationSelect';
import { PageHeading } from '../components/PageHeading';
import { Pager } from '../components/Pager';
import { formatDateTime } from '../format';
import { isStaff, useMe } from '../session';

const PAGE_SIZE = 20;

export function NotificationsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const staff = me ? isStaff(me.user) : false;
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const notifications = useQuery({
    queryKey: ['notifications', { organizationId, offset }],
    queryFn: () => api.listNotifications({ organizationId: organizationId ?? undefined, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack>
      <PageHeading documentTitle={t('notifications.title')}>{t('notifications.title')}</PageHeading>
      <Text maw={760}>{staff ? t('notifications.introStaff') : t('notifications.introCompany')}</Text>
      {staff && (
        <div role="search">
          <OrganizationSelect
            label={t('notifications.organization')}
            placeholder={t('notifications.allOrganizations')}
            value={organizationId}
            onChange={(value) => {
              setOrganizationId(value);
              setOffset(0);
            }}
            maw={420}
          />
        </div>
      )}
      {notifications.isPending ? (
        <Loading />
      ) : notifications.isError ? (
        <ErrorAlert error={notifications.error} onRetry={() => void notifications.refetch()} />
      ) : (
        <>
          {notifications.data.items.length === 0 ? (
            <Text>{t('notifications.none')}</Text>
          ) : (
            <Accordion variant="separated" multiple>
              {notifications.data.items.map((n) => (
                <NotificationItem key={n.id} notification={n} staff={staff} />
              ))}
            </Accordion>
          )}
          <Pager
            total={notifications.data.total}
            limit={PAGE_SIZE}
            offset={offset}
            onChange={setOffset}
            label={t('notifications.title')}
          />
        </>
      )}
    </Stack>
  );
}

function NotificationItem({ notification: n, staff }: { notification: Notification; staff: boolean }) {
  const { t } = useTranslation();
  const delivered = n.deliveredAt !== null;
  return (
    <Accordion.Item value={n.id}>
      <Accordion.Control>
        <Stack gap={4}>
          <Text fw={600}>{n.subject}</Text>
          <Group gap="xs">
            <Text size="sm">{formatDateTime(n.createdAt)}</Text>
            <Badge color={delivered ? 'green' : n.lastError ? 'red' : 'yellow'} variant="light" tt="none" miw="max-content">
              {delivered
                ? n.delivery === 'file'
                  ? t('notifications.deliveredFile')
                  : t('notifications.delivered')
                : t('notifications.queued')}
            </Badge>
          </Group>
        </Stack>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack gap="xs">
          <Text size="sm">
            {t('notifications.to')}: {n.to}
          </Text>
          {delivered && n.deliveredAt && (
            <Text size="sm">{t('notifications.deliveredAt', { date: formatDateTime(n.deliveredAt) })}</Text>
          )}
          {staff && (
            <Text size="sm">
              {t('notifications.attempts', { count: n.attempts })}
              {n.lastError ? ` · ${t('notifications.lastError')}: ${n.lastError}` : ''}
            </Text>
          )}
          <Text component="pre" size="sm" style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }} m={0}>
            {n.body}
          </Text>
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}
