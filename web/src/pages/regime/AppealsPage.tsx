// Appeals against a refusal of residency or a termination. A company sees its own; staff and the
// members of the appeal commission see all, and a member decides a pending appeal with reasons
// (upholding reverses the decision). Who decided the appealed step may not decide its appeal.
import { Anchor, Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, APPEAL_STATUSES, isApiError, newIdempotencyKey, type Appeal } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { ReasonDialog } from '../../components/ReasonDialog';
import { RegimeNav } from '../../components/RegimeNav';
import { AppealStatusBadge } from '../../components/StatusBadge';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TableFrame } from '../../components/TableFrame';
import { formatDateTime } from '../../format';
import { APPEAL_DECIDER_ROLES, REGIME_KEY, REGIME_READERS, REGIME_STAFF } from '../../regime';
import { hasAnyRole, useMe } from '../../session';

const PAGE_SIZE = 20;
const ANY = 'any';
type Decision = 'uphold' | 'dismiss';

export function AppealsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [status, setStatus] = useState('pending');
  const [offset, setOffset] = useState(0);
  const [deciding, setDeciding] = useState<{ appeal: Appeal; decision: Decision } | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [notice, setNotice] = useState<string | null>(null);

  const appeals = useQuery({
    queryKey: [...REGIME_KEY, 'appeals', { status, offset }],
    queryFn: () => api.listAppeals({ status: status === ANY ? undefined : status, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  const staff = me ? hasAnyRole(me.user, REGIME_STAFF) : false;
  // Staff may read the commission; a member from another role is told by the server when deciding.
  const commission = useQuery({ queryKey: [...REGIME_KEY, 'commission'], queryFn: api.getCommission, enabled: staff });

  const decide = useMutation({
    mutationFn: ({ appeal, decision, reason }: { appeal: Appeal; decision: Decision; reason: string }) =>
      api.decideAppeal(appeal.id, { decision, reason, version: appeal.version }, idempotencyKey),
    onSuccess: (saved, { decision }) => {
      setDeciding(null);
      setNotice(t(`regime.appealsPage.done.${decision}`, { name: saved.organizationName }));
      void queryClient.invalidateQueries({ queryKey: REGIME_KEY });
    },
  });

  if (!me) return null;
  const member = commission.data ? commission.data.members.some((m) => m.userId === me.user.id) : !staff && hasAnyRole(me.user, APPEAL_DECIDER_ROLES);
  const canDecide = hasAnyRole(me.user, APPEAL_DECIDER_ROLES) && member;
  const reader = hasAnyRole(me.user, REGIME_READERS);
  const title = t('regime.appealsPage.title');
  const open = (appeal: Appeal, decision: Decision) => {
    decide.reset();
    setIdempotencyKey(newIdempotencyKey());
    setNotice(null);
    setDeciding({ appeal, decision });
  };
  const subjectLink = (appeal: Appeal) =>
    appeal.subjectType === 'application' ? `/app/regime/applications/${appeal.subjectId}` : `/app/regime/residents/${appeal.subjectId}`;

  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <RegimeNav />
      <Text maw={760}>{t('regime.appealsPage.intro')}</Text>
      {staff && commission.isSuccess && !member && <Text size="sm">{t('regime.appealsPage.notMember')}</Text>}
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
      <Group align="flex-end" role="search" aria-label={t('regime.appealsPage.filters')}>
        <NativeSelect
          label={t('regime.columns.status')}
          data={[...APPEAL_STATUSES.map((s) => ({ value: s, label: t(`regime.appealStatus.${s}`) })), { value: ANY, label: t('regime.appealsPage.anyStatus') }]}
          value={status}
          onChange={(event) => {
            setStatus(event.currentTarget.value);
            setOffset(0);
          }}
        />
      </Group>
      {appeals.isPending ? (
        <Loading />
      ) : appeals.isError ? (
        <ErrorAlert error={appeals.error} onRetry={() => void appeals.refetch()} />
      ) : (
        <>
          <TableFrame label={title}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={900}>
              <Table.Caption>{t('regime.appealsPage.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('regime.columns.organization')}</Table.Th>
                  <Table.Th scope="col">{t('regime.columns.subject')}</Table.Th>
                  <Table.Th scope="col">{t('regime.columns.grounds')}</Table.Th>
                  <Table.Th scope="col">{t('regime.columns.filedAt')}</Table.Th>
                  <Table.Th scope="col">{t('regime.columns.status')}</Table.Th>
                  <Table.Th scope="col">{canDecide ? t('common.actions') : t('regime.columns.decisionReason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {appeals.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>{t('regime.appealsPage.none')}</Table.Td>
                  </Table.Tr>
                )}
                {appeals.data.items.map((appeal) => (
                  <Table.Tr key={appeal.id} data-testid="appeal-row">
                    <Table.Td fw={600}>{appeal.organizationName}</Table.Td>
                    <Table.Td>
                      {reader ? (
                        <Anchor component={Link} to={subjectLink(appeal)}>
                          {t(`regime.appeals.subject.${appeal.subjectType}`)}
                        </Anchor>
                      ) : (
                        t(`regime.appeals.subject.${appeal.subjectType}`)
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{appeal.grounds}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(appeal.createdAt)}</Table.Td>
                    <Table.Td>
                      <AppealStatusBadge status={appeal.status} />
                    </Table.Td>
                    <Table.Td>
                      {canDecide && appeal.status === 'pending' ? (
                        <Group gap="xs" wrap="nowrap">
                          <Button size="xs" color="teal.9" variant="outline" onClick={() => open(appeal, 'uphold')} data-testid="appeal-uphold">
                            {t('regime.appealsPage.uphold')}
                          </Button>
                          <Button size="xs" variant="default" onClick={() => open(appeal, 'dismiss')} data-testid="appeal-dismiss">
                            {t('regime.appealsPage.dismiss')}
                          </Button>
                        </Group>
                      ) : (
                        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                          {appeal.decisionReason ?? t('common.none')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={appeals.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={title} />
        </>
      )}

      <ReasonDialog
        opened={deciding !== null}
        title={deciding ? t(`regime.appealsPage.${deciding.decision}Title`, { name: deciding.appeal.organizationName }) : ''}
        text={deciding ? t(`regime.appealsPage.${deciding.decision}Text`) : undefined}
        label={t('regime.reason')}
        description={t('regime.reasonHelp')}
        required
        confirmLabel={deciding ? t(`regime.appealsPage.${deciding.decision}`) : ''}
        confirmColor={deciding?.decision === 'uphold' ? 'teal.9' : undefined}
        pending={decide.isPending}
        error={decide.error}
        onConfirm={(reason) => deciding && decide.mutate({ ...deciding, reason })}
        onClose={() => {
          setDeciding(null);
          // A stale version (someone decided meanwhile) is fixed by reading the list again.
          if (isApiError(decide.error, 'conflict') || isApiError(decide.error, 'invalid_transition')) void appeals.refetch();
        }}
      />
    </Stack>
  );
}
