// Suspension proposals: the platform opens one when a resident's annual report fails the criteria
// or is overdue past the grace period. An officer accepts it (the resident is suspended, with the
// reasons as published grounds and a deadline to cure) or dismisses it with reasons.
import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, newIdempotencyKey, PROPOSAL_STATUSES, type SuspensionProposal } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { ReasonDialog } from '../../components/ReasonDialog';
import { RegimeNav } from '../../components/RegimeNav';
import { ProposalStatusBadge } from '../../components/StatusBadge';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TableFrame } from '../../components/TableFrame';
import { formatDate, formatDateTime } from '../../format';
import { bilingual, REGIME_DECIDERS, REGIME_KEY, residentKey } from '../../regime';
import { hasAnyRole, useMe } from '../../session';

const PAGE_SIZE = 20;
const ANY = 'any';

type Decision = 'accept' | 'dismiss';

export function ProposalsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [status, setStatus] = useState('open');
  const [offset, setOffset] = useState(0);
  const [deciding, setDeciding] = useState<{ proposal: SuspensionProposal; decision: Decision } | null>(null);
  const [cureDeadline, setCureDeadline] = useState('');
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [notice, setNotice] = useState<string | null>(null);

  const proposals = useQuery({
    queryKey: [...REGIME_KEY, 'proposals', { status, offset }],
    queryFn: () => api.listProposals({ status: status === ANY ? undefined : status, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  // Criterion keys in the proposals read better as the labels of the rules.
  const ruleSets = useQuery({ queryKey: [...REGIME_KEY, 'rule-sets'], queryFn: api.listRuleSets });
  const labels = new Map<string, string>();
  for (const ruleSet of [...(ruleSets.data?.items ?? [])].reverse()) for (const c of ruleSet.criteria) labels.set(c.key, bilingual(c.label));

  const decide = useMutation({
    mutationFn: ({ proposal, decision, reason }: { proposal: SuspensionProposal; decision: Decision; reason: string }) =>
      api.decideProposal(proposal.id, { decision, reason, ...(decision === 'accept' && cureDeadline ? { cureDeadline } : {}) }, idempotencyKey),
    onSuccess: (saved, { decision }) => {
      setDeciding(null);
      setNotice(t(`regime.proposals.done.${decision}`, { name: saved.organizationName }));
      void queryClient.invalidateQueries({ queryKey: [...REGIME_KEY, 'proposals'] });
      void queryClient.invalidateQueries({ queryKey: residentKey(saved.residentId) });
      void queryClient.invalidateQueries({ queryKey: [...REGIME_KEY, 'residents'] });
    },
  });

  if (!me) return null;
  const canDecide = hasAnyRole(me.user, REGIME_DECIDERS);
  const title = t('regime.proposals.title');
  const open = (proposal: SuspensionProposal, decision: Decision) => {
    decide.reset();
    setIdempotencyKey(newIdempotencyKey());
    setCureDeadline('');
    setNotice(null);
    setDeciding({ proposal, decision });
  };

  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <RegimeNav />
      <Text maw={760}>{t('regime.proposals.intro')}</Text>
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
      <Group align="flex-end" role="search" aria-label={t('regime.proposals.filters')}>
        <NativeSelect
          label={t('regime.columns.status')}
          data={[...PROPOSAL_STATUSES.map((s) => ({ value: s, label: t(`regime.proposalStatus.${s}`) })), { value: ANY, label: t('regime.proposals.anyStatus') }]}
          value={status}
          onChange={(event) => {
            setStatus(event.currentTarget.value);
            setOffset(0);
          }}
        />
      </Group>
      {proposals.isPending ? (
        <Loading />
      ) : proposals.isError ? (
        <ErrorAlert error={proposals.error} onRetry={() => void proposals.refetch()} />
      ) : (
        <>
          <TableFrame label={title}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={900}>
              <Table.Caption>{t('regime.proposals.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('regime.columns.organization')}</Table.Th>
                  <Table.Th scope="col">{t('regime.columns.year')}</Table.Th>
                  <Table.Th scope="col">{t('regime.columns.cause')}</Table.Th>
                  <Table.Th scope="col">{t('regime.columns.openedAt')}</Table.Th>
                  <Table.Th scope="col">{t('regime.columns.status')}</Table.Th>
                  <Table.Th scope="col">{canDecide ? t('common.actions') : t('regime.columns.decisionReason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {proposals.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>{t('regime.proposals.none')}</Table.Td>
                  </Table.Tr>
                )}
                {proposals.data.items.map((proposal) => (
                  <Table.Tr key={proposal.id} data-testid="proposal-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/app/regime/residents/${proposal.residentId}`} fw={600}>
                        {proposal.organizationName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {proposal.reportId ? (
                        <Anchor component={Link} to={`/app/regime/reports/${proposal.reportId}`} aria-label={t('regime.resident.reportFor', { year: proposal.year })}>
                          {proposal.year}
                        </Anchor>
                      ) : (
                        proposal.year
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {t(`regime.proposals.cause.${proposal.cause}`)}
                      </Text>
                      {proposal.details.failed && proposal.details.failed.length > 0 && (
                        <Text size="sm">{t('regime.proposals.failed', { criteria: proposal.details.failed.map((key) => labels.get(key) ?? key).join('; ') })}</Text>
                      )}
                      {proposal.details.dueOn && <Text size="sm">{t('regime.proposals.dueOn', { date: formatDate(proposal.details.dueOn) })}</Text>}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(proposal.createdAt)}</Table.Td>
                    <Table.Td>
                      <ProposalStatusBadge status={proposal.status} />
                    </Table.Td>
                    <Table.Td>
                      {canDecide && proposal.status === 'open' ? (
                        <Group gap="xs" wrap="nowrap">
                          <Button size="xs" color="orange" variant="outline" onClick={() => open(proposal, 'accept')} data-testid="proposal-accept">
                            {t('regime.proposals.accept')}
                          </Button>
                          <Button size="xs" variant="default" onClick={() => open(proposal, 'dismiss')} data-testid="proposal-dismiss">
                            {t('regime.proposals.dismiss')}
                          </Button>
                        </Group>
                      ) : (
                        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                          {proposal.decisionReason ?? t('common.none')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={proposals.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={title} />
        </>
      )}

      <ReasonDialog
        opened={deciding !== null}
        title={deciding ? t(`regime.proposals.${deciding.decision}Title`, { name: deciding.proposal.organizationName }) : ''}
        text={deciding ? t(`regime.proposals.${deciding.decision}Text`) : undefined}
        label={deciding?.decision === 'accept' ? t('regime.groundsLabel') : t('regime.reason')}
        description={deciding?.decision === 'accept' ? t('regime.groundsHelp') : t('regime.reasonHelp')}
        required
        confirmLabel={deciding ? t(`regime.proposals.${deciding.decision}`) : ''}
        confirmColor={deciding?.decision === 'accept' ? 'red' : undefined}
        pending={decide.isPending}
        error={decide.error}
        onConfirm={(reason) => deciding && decide.mutate({ ...deciding, reason })}
        onClose={() => setDeciding(null)}
        fieldLabel={(field) => (field.endsWith('cureDeadline') ? t('regime.resident.cureDeadline') : undefined)}
      >
        {deciding?.decision === 'accept' && (
          <TextInput
            type="date"
            label={t('regime.resident.cureDeadline')}
            description={t('regime.resident.cureDeadlineHelp')}
            value={cureDeadline}
            onChange={(event) => setCureDeadline(event.currentTarget.value)}
            max="2100-12-31"
            maw={260}
          />
        )}
      </ReasonDialog>
    </Stack>
  );
}
