// One call for proposals: its texts in the interface language, budget, dates, phase and criteria.
// Fund officers publish it (the budget is reserved in the ledger) or cancel it, assign evaluators to
// each proposal, and once it has closed rank it by the documented rule and award it; fund staff see
// every proposal with its evaluations (assigned, scored, consensus, disagreement) and the ranking.
// A company applies while it is open, or opens the proposal it started.
import { Alert, Anchor, Badge, Button, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, isApiError, type FundCall, type FundProposal, type FundProposalDetail } from '../../api';
import { capabilityNames, useCapabilities } from '../../capabilities';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Money, NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { ProgramsNav } from '../../components/ProgramsNav';
import { ReasonDialog } from '../../components/ReasonDialog';
import { CallPhaseBadge, FundProposalStatusBadge, RankingOutcomeBadge } from '../../components/StatusBadge';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TableFrame } from '../../components/TableFrame';
import { formatDateTime } from '../../format';
import { formatMoney } from '../../money';
import { amountLanguage, useIdempotencyKeys } from '../../fund';
import { CALL_MANAGERS, callKey, callText, callTitle, criterionLabel, formatPoints, formatWeighted, PROGRAM_STAFF, PROGRAMS_KEY, proposalKey } from '../../programs';
import { hasAnyRole, isCompanyUser, useMe } from '../../session';

type CallAction = 'publish' | 'cancel' | 'rank' | 'award';

export function CallPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const call = useQuery({ queryKey: callKey(id), queryFn: () => api.getCall(id) });
  if (call.isPending) return <Loading />;
  if (call.isError) {
    return (
      <Stack>
        <PageHeading documentTitle={t('programs.call.title')}>{t('programs.call.title')}</PageHeading>
        <ErrorAlert error={call.error} onRetry={() => void call.refetch()} />
      </Stack>
    );
  }
  return <CallView key={call.data.id} call={call.data} />;
}

function CallView({ call }: { call: FundCall }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const capabilities = useCapabilities();
  const keyFor = useIdempotencyKeys();
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  useEffect(() => {
    if ((location.state as { notice?: string } | null)?.notice) navigate({ pathname: location.pathname }, { replace: true, state: null });
  }, [location.state]);
  const [action, setAction] = useState<CallAction | null>(null);

  const staff = me ? hasAnyRole(me.user, PROGRAM_STAFF) : false;
  const manager = me ? hasAnyRole(me.user, CALL_MANAGERS) : false;
  const company = me ? isCompanyUser(me.user) : false;

  const own = useQuery({
    queryKey: [...PROGRAMS_KEY, 'proposals', 'own'],
    queryFn: () => api.listFundProposals({ limit: 200, offset: 0 }),
    enabled: company,
  });
  const ownProposal = own.data?.items.find((p) => p.callId === call.id);

  const run = useMutation({
    mutationFn: async ({ chosen, reason }: { chosen: CallAction; reason?: string }) => {
      if (chosen === 'publish' || chosen === 'cancel') {
        const body = { action: chosen, version: call.version, ...(reason ? { reason } : {}) };
        return api.transitionCall(call.id, body, keyFor({ call: call.id, ...body }));
      }
      if (chosen === 'rank') return api.rankCall(call.id, call.version, keyFor({ call: call.id, rank: call.version }));
      return api.awardCall(call.id, call.version, keyFor({ call: call.id, award: call.version }));
    },
    onSuccess: (_answer, { chosen }) => {
      setAction(null);
      setNotice(t(`programs.call.done.${chosen}`));
      void queryClient.invalidateQueries({ queryKey: PROGRAMS_KEY });
      // The ledger's balances changed too (a reservation booked, released or split into milestones).
      void queryClient.invalidateQueries({ queryKey: ['fund'] });
    },
  });
  const open = (chosen: CallAction) => {
    run.reset();
    setNotice(null);
    setAction(chosen);
  };

  if (!me) return null;
  const name = callTitle(call);
  const actions: CallAction[] = !manager
    ? []
    : [
        ...(call.status === 'draft' ? (['publish'] as const) : []),
        ...(call.status === 'published' && call.phase === 'closed' ? (['rank'] as const) : []),
        ...(call.status === 'ranked' ? (['award'] as const) : []),
        ...(['draft', 'published', 'ranked'].includes(call.status) ? (['cancel'] as const) : []),
      ];
  const outdated = isApiError(run.error, 'conflict') || isApiError(run.error, 'invalid_transition');

  return (
    <Stack>
      <div>
        <PageHeading documentTitle={name}>{name}</PageHeading>
        <Group gap="xs" mt={-8} wrap="wrap">
          <CallPhaseBadge phase={call.phase} />
          <Text size="sm">{t('programs.call.codeIs', { code: call.code })}</Text>
        </Group>
      </div>
      <ProgramsNav />
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}

      {(actions.length > 0 || company) && (
        <Card withBorder component="section" aria-labelledby="call-actions-heading">
          <Title order={2} size="h4" id="call-actions-heading" mb="sm">
            {t('programs.call.actionsHeading')}
          </Title>
          {manager && call.status === 'published' && call.phase !== 'closed' && (
            <Text size="sm" mb="sm">
              {t('programs.call.rankAfterClose', { date: formatDateTime(call.closesAt) })}
            </Text>
          )}
          <Group gap="sm">
            {actions.map((chosen) => (
              <Button
                key={chosen}
                color={chosen === 'cancel' ? 'red' : undefined}
                variant={chosen === 'cancel' ? 'outline' : 'filled'}
                onClick={() => open(chosen)}
                data-testid={`call-${chosen}`}
              >
                {t(`programs.call.action.${chosen}`)}
              </Button>
            ))}
            {company &&
              (ownProposal ? (
                <Button component={Link} to={`/app/programs/proposals/${ownProposal.id}`} variant="outline" data-testid="open-own-proposal">
                  {t('programs.call.openOwnProposal')}
                </Button>
              ) : call.phase === 'open' && own.isSuccess ? (
                <Button component={Link} to={`/app/programs/calls/${call.id}/apply`} data-testid="apply">
                  {t('programs.calls.apply')}
                </Button>
              ) : (
                <Text size="sm">{t('programs.call.notOpen')}</Text>
              ))}
          </Group>
          {action === null && run.error != null && (
            <Stack mt="sm" gap="xs">
              <ErrorAlert error={run.error} />
              {outdated && (
                <Group>
                  <Button size="xs" variant="subtle" onClick={() => void queryClient.invalidateQueries({ queryKey: PROGRAMS_KEY })}>
                    {t('profileTab.reload')}
                  </Button>
                </Group>
              )}
            </Stack>
          )}
        </Card>
      )}

      <Card withBorder component="section" aria-labelledby="call-details-heading">
        <Title order={2} size="h3" id="call-details-heading" mb="sm">
          {t('programs.call.detailsHeading')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm" data-testid="call-details">
          <Fact label={t('programs.columns.budget')}>
            <Money minor={call.budgetMinor} currency={call.currency} />
          </Fact>
          <Fact label={t('programs.columns.opensAt')}>{formatDateTime(call.opensAt)}</Fact>
          <Fact label={t('programs.columns.closesAt')}>{formatDateTime(call.closesAt)}</Fact>
          <Fact label={t('programs.callForm.eligibility')}>{t(`programs.eligibility.${call.eligibility}`)}</Fact>
          <Fact label={t('programs.callForm.capabilities')}>{capabilityNames(capabilities.data, call.capabilities).join(', ')}</Fact>
          <Fact label={t('programs.callForm.requiredDocuments')}>
            {call.requiredDocuments.length === 0 ? t('programs.call.noDocumentsRequired') : call.requiredDocuments.map((d) => t(`documentType.${d as 'other'}`, { defaultValue: d })).join(', ')}
          </Fact>
          <Fact label={t('programs.callForm.evaluatorsPerProposal')}>{call.evaluatorsPerProposal}</Fact>
          <Fact label={t('programs.callForm.overallThreshold')}>{formatPoints(call.overallThresholdTenths, amountLanguage())}</Fact>
          <Fact label={t('programs.callForm.disagreementLimit')}>{formatPoints(call.disagreementLimitTenths, amountLanguage())}</Fact>
          <Fact label={t('programs.callForm.minPartialPercent')}>{`${call.minPartialPercent} %`}</Fact>
          {staff && <Fact label={t('programs.columns.proposals')}>{call.proposals}</Fact>}
        </SimpleGrid>
        <Text mt="md" style={{ whiteSpace: 'pre-wrap' }} maw={800} data-testid="call-text">
          {callText(call)}
        </Text>
      </Card>

      <Card withBorder component="section" aria-labelledby="criteria-heading">
        <Title order={2} size="h3" id="criteria-heading" mb="sm">
          {t('programs.call.criteriaHeading')}
        </Title>
        <TableFrame label={t('programs.call.criteriaHeading')}>
          <Table striped captionSide="top" verticalSpacing="xs" miw={520}>
            <Table.Caption>{t('programs.call.criteriaCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('programs.columns.criterion')}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  {t('programs.callForm.weight')}
                </Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  {t('programs.callForm.threshold')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {call.criteria.map((criterion) => (
                <Table.Tr key={criterion.key}>
                  <Table.Td>{criterionLabel(call.criteria, criterion.key)}</Table.Td>
                  <Table.Td style={NUMERIC}>{criterion.weight}</Table.Td>
                  <Table.Td style={NUMERIC}>{formatPoints(criterion.thresholdTenths, amountLanguage())}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      </Card>

      {staff && call.status !== 'draft' && <ProposalsSection call={call} manager={manager} />}
      {staff && call.status !== 'draft' && call.status !== 'cancelled' && <RankingSection call={call} />}

      <ConfirmDialog
        opened={action !== null && action !== 'cancel'}
        title={action ? t(`programs.call.action.${action}`) : ''}
        text={action && action !== 'cancel' ? t(`programs.call.confirm.${action}`, { budget: formatMoney(call.budgetMinor, call.currency, amountLanguage()) }) : ''}
        confirmLabel={action ? t(`programs.call.action.${action}`) : ''}
        confirmColor="blue"
        confirmTestId="confirm-call-action"
        pending={run.isPending}
        error={run.error}
        onConfirm={() => action && run.mutate({ chosen: action })}
        onClose={() => setAction(null)}
      />
      <ReasonDialog
        opened={action === 'cancel'}
        title={t('programs.call.action.cancel')}
        text={t('programs.call.confirm.cancel')}
        label={t('programs.reason')}
        description={t('programs.call.cancelHelp')}
        required
        confirmLabel={t('programs.call.action.cancel')}
        confirmColor="red"
        pending={run.isPending}
        error={run.error}
        onConfirm={(reason) => run.mutate({ chosen: 'cancel', reason })}
        onClose={() => setAction(null)}
      />
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

/** The proposals of the call with their evaluations: assigned and scored evaluators, consensus, disagreement. */
function ProposalsSection({ call, manager }: { call: FundCall; manager: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  const [assigning, setAssigning] = useState<FundProposal | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const proposals = useQuery({
    queryKey: [...PROGRAMS_KEY, 'proposals', { callId: call.id }],
    queryFn: () => api.listFundProposals({ callId: call.id, limit: 200, offset: 0 }),
  });
  // The list has no evaluations: each submitted proposal's page gives its assignments and disagreement.
  const submitted = (proposals.data?.items ?? []).filter((p) => p.status === 'submitted');
  const details = useQueries({
    queries: submitted.map((p) => ({ queryKey: proposalKey(p.id), queryFn: () => api.getFundProposal(p.id) })),
  });
  const detailOf = new Map<string, FundProposalDetail>();
  details.forEach((d) => d.data && detailOf.set(d.data.id, d.data));

  const assign = useMutation({
    mutationFn: (proposal: FundProposal) => api.assignEvaluators(proposal.id, undefined, keyFor({ assign: proposal.id, at: proposal.version, n: detailOf.get(proposal.id)?.assignments.length })),
    onSuccess: (saved) => {
      queryClient.setQueryData(proposalKey(saved.id), saved);
      setAssigning(null);
      setNotice(t('programs.call.assigned', { n: saved.assignments.filter((a) => a.status !== 'conflict').length, title: saved.title }));
    },
  });

  const caption = t('programs.call.proposalsCaption');
  return (
    <Card withBorder component="section" aria-labelledby="call-proposals-heading">
      <Title order={2} size="h3" id="call-proposals-heading" mb="sm">
        {t('programs.call.proposalsHeading')}
      </Title>
      {notice && (
        <SuccessAlert onClose={() => setNotice(null)}>
          <span data-testid="assign-notice">{notice}</span>
        </SuccessAlert>
      )}
      {proposals.isPending ? (
        <Loading />
      ) : proposals.isError ? (
        <ErrorAlert error={proposals.error} onRetry={() => void proposals.refetch()} />
      ) : (
        <TableFrame label={caption}>
          <Table striped captionSide="top" verticalSpacing="sm" miw={1000}>
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('programs.columns.organization')}</Table.Th>
                <Table.Th scope="col">{t('programs.columns.proposal')}</Table.Th>
                <Table.Th scope="col">{t('programs.columns.status')}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  {t('programs.columns.requested')}
                </Table.Th>
                <Table.Th scope="col">{t('programs.columns.evaluators')}</Table.Th>
                <Table.Th scope="col">{t('programs.columns.consensus')}</Table.Th>
                <Table.Th scope="col">{t('programs.columns.disagreement')}</Table.Th>
                {manager && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {proposals.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={manager ? 8 : 7}>{t('programs.call.noProposals')}</Table.Td>
                </Table.Tr>
              )}
              {proposals.data.items.map((proposal) => {
                const detail = detailOf.get(proposal.id);
                const active = detail ? detail.assignments.filter((a) => a.status !== 'conflict') : [];
                const scored = active.filter((a) => a.status === 'submitted').length;
                const flagged = detail ? detail.disagreement.filter((d) => d.flagged) : [];
                const canAssign = manager && proposal.status === 'submitted' && !proposal.finalScores && detail !== undefined && active.length < call.evaluatorsPerProposal && call.status === 'published';
                return (
                  <Table.Tr key={proposal.id} data-testid="call-proposal" data-flagged={flagged.length > 0 || undefined}>
                    <Table.Td>
                      <Anchor component={Link} to={`/app/programs/proposals/${proposal.id}`} fw={600}>
                        {proposal.organizationName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{proposal.title}</Table.Td>
                    <Table.Td>
                      <FundProposalStatusBadge status={proposal.status} />
                    </Table.Td>
                    <Table.Td style={NUMERIC}>
                      <Money minor={proposal.requestedMinor} currency={proposal.currency} />
                    </Table.Td>
                    <Table.Td data-testid="evaluators-count">
                      {proposal.status !== 'submitted'
                        ? t('common.none')
                        : detail
                          ? t('programs.call.evaluatorsCount', { assigned: active.length, scored, needed: call.evaluatorsPerProposal })
                          : t('common.loading')}
                    </Table.Td>
                    <Table.Td data-testid="consensus">{proposal.status !== 'submitted' ? t('common.none') : proposal.finalScores ? t('common.yes') : t('common.no')}</Table.Td>
                    <Table.Td>
                      {flagged.length > 0 ? (
                        <Badge color="orange" variant="light" tt="none" miw="max-content" data-testid="disagreement-flag">
                          {t('programs.call.flagged', { criteria: flagged.map((d) => criterionLabel(call.criteria, d.key)).join(', ') })}
                        </Badge>
                      ) : (
                        t('common.none')
                      )}
                    </Table.Td>
                    {manager && (
                      <Table.Td>
                        {canAssign && (
                          <Button
                            size="xs"
                            variant="outline"
                            onClick={() => {
                              assign.reset();
                              setNotice(null);
                              setAssigning(proposal);
                            }}
                            aria-label={t('programs.call.assignFor', { name: proposal.organizationName })}
                            data-testid="assign-evaluators"
                          >
                            {t('programs.call.assign')}
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableFrame>
      )}
      <ConfirmDialog
        opened={assigning !== null}
        title={t('programs.call.assign')}
        text={assigning ? t('programs.call.assignText', { name: assigning.organizationName, n: call.evaluatorsPerProposal }) : ''}
        confirmLabel={t('programs.call.assignConfirm')}
        confirmColor="blue"
        confirmTestId="confirm-assign"
        pending={assign.isPending}
        error={assign.error}
        onConfirm={() => assigning && assign.mutate(assigning)}
        onClose={() => setAssigning(null)}
      />
    </Card>
  );
}

/** The ranking by the documented rule: a preview until the call is ranked, then the recorded outcome. */
function RankingSection({ call }: { call: FundCall }) {
  const { t } = useTranslation();
  const language = amountLanguage();
  const ranking = useQuery({ queryKey: [...PROGRAMS_KEY, 'ranking', call.id, call.version], queryFn: () => api.callRanking(call.id) });
  const caption = t('programs.ranking.caption');
  const preview = call.status === 'published';
  return (
    <Card withBorder component="section" aria-labelledby="ranking-heading" data-testid="ranking">
      <Title order={2} size="h3" id="ranking-heading" mb="sm">
        {t('programs.ranking.heading')}
      </Title>
      {ranking.isPending ? (
        <Loading />
      ) : ranking.isError ? (
        <ErrorAlert error={ranking.error} onRetry={() => void ranking.refetch()} />
      ) : (
        <Stack gap="sm">
          {preview && (
            <Alert color="blue" variant="light" data-testid="ranking-preview">
              {t('programs.ranking.preview')}
            </Alert>
          )}
          <div>
            <Text size="sm" fw={600}>
              {t('programs.ranking.rule')}
            </Text>
            {/* The server states the rule in English; the Ukrainian interface says the same in Ukrainian. */}
            <Text size="sm" maw={900} data-testid="ranking-rule">
              {language === 'en' ? ranking.data.rule : t('programs.ranking.ruleText')}
            </Text>
          </div>
          <Group gap="xl" data-testid="ranking-totals">
            <Text size="sm">
              {t('programs.columns.budget')}: <Money minor={ranking.data.budgetMinor} currency={call.currency} />
            </Text>
            <Text size="sm">
              {t('programs.ranking.funded')}: <Money minor={ranking.data.fundedMinor} currency={call.currency} />
            </Text>
            <Text size="sm">
              {t('programs.ranking.remaining')}: <Money minor={ranking.data.remainingMinor} currency={call.currency} />
            </Text>
          </Group>
          <TableFrame label={caption}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={900}>
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('programs.columns.rank')}
                  </Table.Th>
                  <Table.Th scope="col">{t('programs.columns.organization')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.proposal')}</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('programs.columns.weightedScore')}
                  </Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('programs.columns.requested')}
                  </Table.Th>
                  <Table.Th scope="col">{t('programs.columns.outcome')}</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('programs.columns.awarded')}
                  </Table.Th>
                  <Table.Th scope="col">{t('programs.columns.failedThresholds')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ranking.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={8}>{t('programs.ranking.none')}</Table.Td>
                  </Table.Tr>
                )}
                {ranking.data.items.map((item) => (
                  <Table.Tr key={item.proposalId} data-testid="ranking-row">
                    <Table.Td style={NUMERIC}>{item.rank ?? t('common.none')}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/app/programs/proposals/${item.proposalId}`}>
                        {item.organizationName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{item.title}</Table.Td>
                    <Table.Td style={NUMERIC}>{formatWeighted(item.weightedScoreMilli, language)}</Table.Td>
                    <Table.Td style={NUMERIC}>
                      <Money minor={item.requestedMinor} currency={call.currency} />
                    </Table.Td>
                    <Table.Td>
                      <RankingOutcomeBadge outcome={item.outcome} />
                    </Table.Td>
                    <Table.Td style={NUMERIC}>
                      <Money minor={item.awardedMinor} currency={call.currency} />
                    </Table.Td>
                    <Table.Td>
                      {item.failedThresholds.length === 0 ? (
                        t('common.none')
                      ) : (
                        <List size="sm">
                          {item.failedThresholds.map((key) => (
                            <List.Item key={key}>{criterionLabel(call.criteria, key)}</List.Item>
                          ))}
                        </List>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
        </Stack>
      )}
    </Card>
  );
}
