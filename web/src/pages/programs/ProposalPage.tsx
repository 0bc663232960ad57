// One proposal to a call. The applicant edits and submits its draft, or withdraws it while the call
// is open; after the award it sees its outcome, the final scores with their reasons and the
// evaluators' scores and comments without their names. An evaluator first declares whether they have
// a conflict of interest (the server shows nothing before), then scores every criterion 0–5 in steps
// of 0.5 with a comment. Fund staff see each evaluator's scores side by side with the spread per
// criterion (a spread beyond the call's limit is flagged), and a fund officer records the consensus:
// a final score and its reason per criterion.
import { Alert, Anchor, Badge, Button, Card, Group, List, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, isApiError, type FundAssignment, type FundCall, type FundProposalDetail } from '../../api';
import { capabilityNames, useCapabilities } from '../../capabilities';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Money, NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { ProgramsNav } from '../../components/ProgramsNav';
import { AssignmentStatusBadge, FundProposalStatusBadge, RankingOutcomeBadge } from '../../components/StatusBadge';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TableFrame } from '../../components/TableFrame';
import { formatDate, formatDateTime } from '../../format';
import { amountLanguage, useIdempotencyKeys } from '../../fund';
import { CALL_MANAGERS, callKey, callTitle, criterionLabel, formatPoints, formatWeighted, PROGRAM_STAFF, PROGRAMS_KEY, proposalKey, scoreOptions } from '../../programs';
import { hasAnyRole, useMe } from '../../session';
import { DeclareDialog } from './DeclareDialog';

export function ProposalPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const proposal = useQuery({ queryKey: proposalKey(id), queryFn: () => api.getFundProposal(id) });
  if (proposal.isPending) return <Loading />;
  if (proposal.isError) {
    // An evaluator sees the proposal only after declaring whether they have a conflict of interest.
    if (isApiError(proposal.error, 'forbidden') && proposal.error.extra.mustDeclare === true) return <MustDeclare proposalId={id} />;
    return (
      <Stack>
        <PageHeading documentTitle={t('programs.proposal.title')}>{t('programs.proposal.title')}</PageHeading>
        <ErrorAlert error={proposal.error} onRetry={() => void proposal.refetch()} />
      </Stack>
    );
  }
  return <ProposalLoaded key={proposal.data.id} proposal={proposal.data} />;
}

function MustDeclare({ proposalId }: { proposalId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [declaring, setDeclaring] = useState(false);
  const title = t('programs.proposal.title');
  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <ProgramsNav />
      <Alert color="yellow" variant="light" title={t('programs.declare.mustTitle')} data-testid="must-declare">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{t('programs.declare.mustText')}</Text>
          <Button onClick={() => setDeclaring(true)} data-testid="declare">
            {t('programs.declare.open')}
          </Button>
        </Stack>
      </Alert>
      <DeclareDialog
        opened={declaring}
        proposalId={proposalId}
        onClose={() => setDeclaring(false)}
        onDone={(result) => {
          setDeclaring(false);
          void queryClient.invalidateQueries({ queryKey: [...PROGRAMS_KEY, 'proposals'] });
          if (result.proposal) queryClient.setQueryData(proposalKey(proposalId), result.proposal);
          else navigate('/app/programs/evaluations', { state: { notice: t('programs.declare.conflictRecorded') } });
        }}
      />
    </Stack>
  );
}

function ProposalLoaded({ proposal }: { proposal: FundProposalDetail }) {
  const call = useQuery({ queryKey: callKey(proposal.callId), queryFn: () => api.getCall(proposal.callId) });
  if (call.isPending) return <Loading />;
  if (call.isError) return <ErrorAlert error={call.error} onRetry={() => void call.refetch()} />;
  return <ProposalView proposal={proposal} call={call.data} />;
}

type ProposalAction = 'submit' | 'withdraw' | 'assign';

function ProposalView({ proposal, call }: { proposal: FundProposalDetail; call: FundCall }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const keyFor = useIdempotencyKeys();
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  useEffect(() => {
    if ((location.state as { notice?: string } | null)?.notice) navigate({ pathname: location.pathname }, { replace: true, state: null });
  }, [location.state]);
  const [action, setAction] = useState<ProposalAction | null>(null);

  const staff = me ? hasAnyRole(me.user, PROGRAM_STAFF) : false;
  const manager = me ? hasAnyRole(me.user, CALL_MANAGERS) : false;
  const ownAssignment = me && !staff ? proposal.assignments.find((a) => a.evaluatorId === me.user.id) : undefined;
  const applicant = Boolean(me && !staff && !ownAssignment && me.user.organizationId === proposal.organizationId);
  // The applicant edits, submits and withdraws; the server also lets fund officers do so when they file
  // for a company, which this interface does not offer.
  const canFile = applicant;

  const refresh = (saved: FundProposalDetail) => {
    queryClient.setQueryData(proposalKey(saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: [...PROGRAMS_KEY, 'proposals'] });
    void queryClient.invalidateQueries({ queryKey: [...PROGRAMS_KEY, 'calls'] });
    void queryClient.invalidateQueries({ queryKey: [...PROGRAMS_KEY, 'ranking'] });
  };

  const run = useMutation({
    mutationFn: (chosen: ProposalAction) => {
      if (chosen === 'assign') return api.assignEvaluators(proposal.id, undefined, keyFor({ assign: proposal.id, n: proposal.assignments.length }));
      const body = { action: chosen, version: proposal.version };
      return api.transitionFundProposal(proposal.id, body, keyFor({ id: proposal.id, ...body }));
    },
    onSuccess: (saved, chosen) => {
      setAction(null);
      refresh(saved);
      setNotice(t(`programs.proposal.done.${chosen}`));
    },
  });
  const open = (chosen: ProposalAction) => {
    run.reset();
    setNotice(null);
    setAction(chosen);
  };

  const awards = useQuery({
    queryKey: [...PROGRAMS_KEY, 'awards', { callId: proposal.callId }],
    queryFn: () => api.listAwards({ callId: proposal.callId, limit: 200, offset: 0 }),
    enabled: (staff || applicant) && call.status === 'awarded',
  });
  const award = awards.data?.items.find((a) => a.proposalId === proposal.id);

  if (!me) return null;
  const active = proposal.assignments.filter((a) => a.status !== 'conflict');
  const callOpen = call.phase === 'open';
  const actions: ProposalAction[] = [
    ...(canFile && proposal.status === 'draft' && callOpen ? (['submit'] as const) : []),
    ...(canFile && proposal.status === 'submitted' && callOpen ? (['withdraw'] as const) : []),
    ...(manager && proposal.status === 'submitted' && !proposal.finalScores && call.status === 'published' && active.length < call.evaluatorsPerProposal ? (['assign'] as const) : []),
  ];
  const submittedCount = active.filter((a) => a.status === 'submitted').length;
  const consensusReady = manager && proposal.status === 'submitted' && !proposal.finalScores && (call.status === 'published' || call.status === 'ranked') && submittedCount >= call.evaluatorsPerProposal && submittedCount === active.length;

  return (
    <Stack>
      <div>
        <PageHeading documentTitle={proposal.title}>{proposal.title}</PageHeading>
        <Group gap="xs" mt={-8} wrap="wrap">
          <FundProposalStatusBadge status={proposal.status} />
          <Text size="sm">
            {proposal.organizationName} ·{' '}
            <Anchor component={Link} to={`/app/programs/calls/${call.id}`}>
              {callTitle(call)}
            </Anchor>
          </Text>
        </Group>
      </div>
      <ProgramsNav />
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}

      {(actions.length > 0 || (canFile && proposal.status === 'draft')) && (
        <Card withBorder component="section" aria-labelledby="proposal-actions-heading">
          <Title order={2} size="h4" id="proposal-actions-heading" mb="sm">
            {t('programs.proposal.actionsHeading')}
          </Title>
          {canFile && proposal.status === 'draft' && <Text size="sm" mb="sm">{callOpen ? t('programs.proposal.draftHelp', { date: formatDateTime(call.closesAt) }) : t('programs.proposal.callNotOpen')}</Text>}
          <Group gap="sm">
            {canFile && proposal.status === 'draft' && (
              <Button component={Link} to={`/app/programs/proposals/${proposal.id}/edit`} variant="outline" data-testid="edit-proposal">
                {t('programs.proposal.edit')}
              </Button>
            )}
            {actions.map((chosen) => (
              <Button key={chosen} variant={chosen === 'withdraw' ? 'outline' : 'filled'} color={chosen === 'withdraw' ? 'red' : undefined} onClick={() => open(chosen)} data-testid={`proposal-${chosen}`}>
                {t(`programs.proposal.action.${chosen}`)}
              </Button>
            ))}
          </Group>
          {action === null && run.error != null && (
            <Stack mt="sm">
              <ErrorAlert error={run.error} />
            </Stack>
          )}
        </Card>
      )}

      {proposal.outcome && (
        <Card withBorder component="section" aria-labelledby="outcome-heading" data-testid="proposal-outcome">
          <Title order={2} size="h3" id="outcome-heading" mb="sm">
            {t('programs.proposal.outcomeHeading')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
            <Fact label={t('programs.columns.outcome')}>
              <RankingOutcomeBadge outcome={proposal.outcome} />
            </Fact>
            <Fact label={t('programs.columns.rank')}>{proposal.rank ?? t('common.none')}</Fact>
            <Fact label={t('programs.columns.weightedScore')}>{proposal.weightedScoreMilli === null ? t('common.none') : formatWeighted(proposal.weightedScoreMilli, amountLanguage())}</Fact>
            <Fact label={t('programs.columns.awarded')}>{proposal.awardedMinor === null ? t('common.none') : <Money minor={proposal.awardedMinor} currency={proposal.currency} />}</Fact>
          </SimpleGrid>
          {award && (
            <Anchor component={Link} to={`/app/programs/awards/${award.id}`} mt="sm" display="inline-block" data-testid="open-award">
              {t('programs.proposal.openAward', { number: award.agreementNumber })}
            </Anchor>
          )}
        </Card>
      )}

      {ownAssignment && (
        <ScoreSection
          proposal={proposal}
          call={call}
          assignment={ownAssignment}
          onSaved={(saved) => {
            refresh(saved);
            setNotice(t('programs.score.saved'));
          }}
        />
      )}

      {staff && proposal.status !== 'draft' && <EvaluationsSection proposal={proposal} call={call} />}

      {consensusReady && (
        <ConsensusSection
          proposal={proposal}
          call={call}
          onSaved={(saved) => {
            refresh(saved);
            setNotice(t('programs.consensus.saved'));
          }}
        />
      )}

      {proposal.finalScores && <FinalScores proposal={proposal} call={call} />}

      {applicant && proposal.assignments.length > 0 && (
        <Card withBorder component="section" aria-labelledby="evaluator-comments-heading">
          <Title order={2} size="h3" id="evaluator-comments-heading" mb="sm">
            {t('programs.proposal.evaluatorCommentsHeading')}
          </Title>
          <Text size="sm" mb="sm">
            {t('programs.proposal.evaluatorCommentsIntro')}
          </Text>
          <ScoreMatrix call={call} assignments={proposal.assignments.filter((a) => a.scores)} spread={[]} />
        </Card>
      )}

      <ProposalContent proposal={proposal} call={call} />

      <ConfirmDialog
        opened={action !== null}
        title={action ? t(`programs.proposal.action.${action}`) : ''}
        text={action ? t(`programs.proposal.confirm.${action}`, { n: call.evaluatorsPerProposal - active.length }) : ''}
        confirmLabel={action ? t(`programs.proposal.action.${action}`) : ''}
        confirmColor={action === 'withdraw' ? 'red' : 'blue'}
        confirmTestId="confirm-proposal-action"
        pending={run.isPending}
        error={run.error}
        onConfirm={() => action && run.mutate(action)}
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
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

/** What the company proposes: amounts, capacity, milestones, budget lines and documents. */
function ProposalContent({ proposal, call }: { proposal: FundProposalDetail; call: FundCall }) {
  const { t } = useTranslation();
  const capabilities = useCapabilities();
  const documents = useQuery({
    queryKey: ['organizations', 'documents', proposal.organizationId, 'all'],
    queryFn: () => api.listDocuments(proposal.organizationId, { limit: 200, offset: 0 }),
    enabled: proposal.documentIds.length > 0,
  });
  const attached = proposal.documentIds.map((id) => ({ id, document: documents.data?.items.find((d) => d.id === id) }));
  return (
    <Card withBorder component="section" aria-labelledby="proposal-content-heading">
      <Title order={2} size="h3" id="proposal-content-heading" mb="sm">
        {t('programs.proposal.contentHeading')}
      </Title>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm" data-testid="proposal-figures">
          <Fact label={t('programs.columns.requested')}>
            <Money minor={proposal.requestedMinor} currency={proposal.currency} />
          </Fact>
          <Fact label={t('programs.proposalForm.cofinancing')}>
            <Money minor={proposal.cofinancingMinor} currency={proposal.currency} />
          </Fact>
          <Fact label={t('programs.columns.submittedAt')}>{proposal.submittedAt ? formatDateTime(proposal.submittedAt) : t('common.none')}</Fact>
          <Fact label={t('programs.proposal.eligibility')}>
            {proposal.eligibility ? (
              <span data-testid="eligibility">
                {t('programs.proposal.eligibilityText', {
                  membership: proposal.eligibility.membership ? t(`membershipStatus.${proposal.eligibility.membership as 'member'}`, { defaultValue: proposal.eligibility.membership }) : t('common.none'),
                  residency: proposal.eligibility.residency ? t(`regime.residentStatus.${proposal.eligibility.residency as 'active'}`, { defaultValue: proposal.eligibility.residency }) : t('common.none'),
                  screening: t(`screening.orgStatus.${proposal.eligibility.screening as 'clear'}`, { defaultValue: proposal.eligibility.screening }),
                })}
              </span>
            ) : (
              t('programs.proposal.eligibilityLater')
            )}
          </Fact>
        </SimpleGrid>
        {proposal.summary && (
          <Text style={{ whiteSpace: 'pre-wrap' }} maw={800}>
            {proposal.summary}
          </Text>
        )}

        <TableFrame label={t('programs.proposalForm.capacityLegend')}>
          <Table striped captionSide="top" verticalSpacing="xs" miw={520}>
            <Table.Caption>{t('programs.proposalForm.capacityLegend')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('programs.proposalForm.capability')}</Table.Th>
                <Table.Th scope="col">{t('programs.proposalForm.period')}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  {t('programs.proposalForm.quantity')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {proposal.capacity.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={3}>{t('common.none')}</Table.Td>
                </Table.Tr>
              )}
              {proposal.capacity.map((line, index) => (
                <Table.Tr key={index}>
                  <Table.Td>{capabilityNames(capabilities.data, [line.capability])[0]}</Table.Td>
                  <Table.Td>{line.period}</Table.Td>
                  <Table.Td style={NUMERIC}>{line.quantity.toLocaleString(amountLanguage() === 'uk' ? 'uk-UA' : 'en-GB')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>

        <TableFrame label={t('programs.proposalForm.milestonesLegend')}>
          <Table striped captionSide="top" verticalSpacing="xs" miw={520}>
            <Table.Caption>{t('programs.proposalForm.milestonesLegend')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">#</Table.Th>
                <Table.Th scope="col">{t('programs.columns.deliverable')}</Table.Th>
                <Table.Th scope="col">{t('programs.proposalForm.dueDate')}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  {t('programs.proposalForm.amount')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {proposal.milestones.map((m, index) => (
                <Table.Tr key={index}>
                  <Table.Td>{index + 1}</Table.Td>
                  <Table.Td>{m.deliverable}</Table.Td>
                  <Table.Td>{formatDate(m.dueDate)}</Table.Td>
                  <Table.Td style={NUMERIC}>
                    <Money minor={m.amountMinor} currency={proposal.currency} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>

        {proposal.budgetLines.length > 0 && (
          <TableFrame label={t('programs.proposalForm.budgetLegend')}>
            <Table striped captionSide="top" verticalSpacing="xs" miw={420}>
              <Table.Caption>{t('programs.proposalForm.budgetLegend')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('programs.columns.item')}</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('programs.proposalForm.amount')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {proposal.budgetLines.map((line, index) => (
                  <Table.Tr key={index}>
                    <Table.Td>{line.item}</Table.Td>
                    <Table.Td style={NUMERIC}>
                      <Money minor={line.amountMinor} currency={proposal.currency} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
        )}

        <div>
          <Text size="sm" fw={600}>
            {t('programs.proposalForm.documentsLegend')}
          </Text>
          {attached.length === 0 ? (
            <Text size="sm">{call.requiredDocuments.length ? t('programs.proposal.noDocumentsYet') : t('common.none')}</Text>
          ) : (
            <List size="sm" data-testid="proposal-documents">
              {attached.map(({ id, document }) => (
                <List.Item key={id}>
                  <Anchor href={api.documentUrl(id)} size="sm">
                    {document ? `${document.title} (${t(`documentType.${document.documentType}`)})` : t('programs.proposal.document')}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          )}
        </div>
      </Stack>
    </Card>
  );
}

/** The evaluator's own scores: a form until the consensus, then what they gave. */
function ScoreSection({ proposal, call, assignment, onSaved }: { proposal: FundProposalDetail; call: FundCall; assignment: FundAssignment; onSaved: (saved: FundProposalDetail) => void }) {
  const { t } = useTranslation();
  const language = amountLanguage();
  const initial = () => Object.fromEntries(call.criteria.map((c) => [c.key, { score: assignment.scores?.[c.key] ? String(assignment.scores[c.key].scoreTenths) : '', comment: assignment.scores?.[c.key]?.comment ?? '' }]));
  const [values, setValues] = useState<Record<string, { score: string; comment: string }>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => setValues(initial()), [assignment.version]);
  const save = useMutation({
    mutationFn: () =>
      api.putScores(proposal.id, {
        version: assignment.version,
        scores: Object.fromEntries(call.criteria.map((c) => [c.key, { scoreTenths: Number(values[c.key].score), comment: values[c.key].comment.trim() }])),
      }),
    onSuccess: onSaved,
  });
  const locked = proposal.finalScores !== null;
  const set = (key: string, field: 'score' | 'comment', value: string) => {
    setValues((current) => ({ ...current, [key]: { ...current[key], [field]: value } }));
    setErrors((current) => ({ ...current, [`${key}.${field}`]: '' }));
  };
  return (
    <Card withBorder component="section" aria-labelledby="score-heading" data-testid="score-section">
      <Title order={2} size="h3" id="score-heading" mb="xs">
        {t('programs.score.heading')}
      </Title>
      <Group gap="xs" mb="sm">
        <AssignmentStatusBadge status={assignment.status} />
        {assignment.submittedAt && <Text size="sm">{t('programs.score.submittedAt', { date: formatDateTime(assignment.submittedAt) })}</Text>}
      </Group>
      {locked ? (
        <>
          <Text size="sm" mb="sm">
            {t('programs.score.locked')}
          </Text>
          <ScoreMatrix call={call} assignments={[assignment]} spread={[]} />
        </>
      ) : (
        <form
          noValidate
          aria-labelledby="score-heading"
          onSubmit={(event) => {
            event.preventDefault();
            const found: Record<string, string> = {};
            for (const c of call.criteria) {
              if (values[c.key].score === '') found[`${c.key}.score`] = t('programs.score.choose');
              if (!values[c.key].comment.trim()) found[`${c.key}.comment`] = t('programs.score.commentRequired');
            }
            setErrors(found);
            if (Object.keys(found).length > 0) {
              window.setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
              return;
            }
            save.mutate();
          }}
        >
          <Stack>
            <Text size="sm" maw={760}>
              {t('programs.score.intro')}
            </Text>
            <ErrorAlert error={save.error} fieldErrors={[]} />
            {call.criteria.map((criterion) => (
              <SimpleGrid key={criterion.key} cols={{ base: 1, sm: 3 }} data-testid={`score-${criterion.key}`}>
                <NativeSelect
                  label={criterionLabel(call.criteria, criterion.key)}
                  description={t('programs.score.criterionHelp', { weight: criterion.weight, threshold: formatPoints(criterion.thresholdTenths, language) })}
                  data={[{ value: '', label: t('programs.score.choose') }, ...scoreOptions(language)]}
                  value={values[criterion.key].score}
                  onChange={(event) => set(criterion.key, 'score', event.currentTarget.value)}
                  error={errors[`${criterion.key}.score`] || undefined}
                  required
                  data-testid={`score-${criterion.key}-value`}
                />
                <Textarea
                  label={t('programs.score.comment', { criterion: criterionLabel(call.criteria, criterion.key) })}
                  autosize
                  minRows={2}
                  maxRows={8}
                  maxLength={5000}
                  value={values[criterion.key].comment}
                  onChange={(event) => set(criterion.key, 'comment', event.currentTarget.value)}
                  error={errors[`${criterion.key}.comment`] || undefined}
                  required
                  style={{ gridColumn: 'span 2' }}
                  data-testid={`score-${criterion.key}-comment`}
                />
              </SimpleGrid>
            ))}
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} data-testid="save-scores">
                {assignment.status === 'submitted' ? t('programs.score.revise') : t('programs.score.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}

/** Each evaluator's score and comment per criterion, side by side; the spread per criterion for staff, flagged ones highlighted. */
function ScoreMatrix({ call, assignments, spread }: { call: FundCall; assignments: FundAssignment[]; spread: FundProposalDetail['disagreement'] }) {
  const { t } = useTranslation();
  const language = amountLanguage();
  const caption = t('programs.evaluations.matrixCaption');
  const withSpread = spread.length > 0;
  return (
    <TableFrame label={caption}>
      <Table captionSide="top" verticalSpacing="xs" withColumnBorders miw={Math.max(520, 220 + assignments.length * 220)} data-testid="score-matrix">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('programs.columns.criterion')}</Table.Th>
            {assignments.map((a) => (
              <Table.Th scope="col" key={a.id}>
                {a.evaluatorLabel}
              </Table.Th>
            ))}
            {withSpread && <Table.Th scope="col">{t('programs.columns.spread')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {call.criteria.map((criterion) => {
            const row = spread.find((s) => s.key === criterion.key);
            return (
              <Table.Tr
                key={criterion.key}
                data-testid={`matrix-${criterion.key}`}
                data-flagged={row?.flagged || undefined}
                style={row?.flagged ? { background: 'var(--mantine-color-orange-0)' } : undefined}
              >
                <Table.Th scope="row" fw={600}>
                  {criterionLabel(call.criteria, criterion.key)}
                </Table.Th>
                {assignments.map((a) => {
                  const score = a.scores?.[criterion.key];
                  return (
                    <Table.Td key={a.id} valign="top">
                      {score ? (
                        <>
                          <Text size="sm" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
                            {formatPoints(score.scoreTenths, language)}
                          </Text>
                          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                            {score.comment}
                          </Text>
                        </>
                      ) : (
                        t('common.none')
                      )}
                    </Table.Td>
                  );
                })}
                {withSpread && (
                  <Table.Td valign="top">
                    {row ? (
                      <Stack gap={4} align="flex-start">
                        <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                          {t('programs.evaluations.spreadText', { min: formatPoints(row.minTenths, language), max: formatPoints(row.maxTenths, language), spread: formatPoints(row.spreadTenths, language) })}
                        </Text>
                        {row.flagged && (
                          <Badge color="orange" variant="light" tt="none" miw="max-content" data-testid="spread-flag">
                            {t('programs.evaluations.flagged', { limit: formatPoints(call.disagreementLimitTenths, language) })}
                          </Badge>
                        )}
                      </Stack>
                    ) : (
                      t('common.none')
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}

/** Fund staff: who evaluates, their declarations, and their scores side by side with the spread. */
function EvaluationsSection({ proposal, call }: { proposal: FundProposalDetail; call: FundCall }) {
  const { t } = useTranslation();
  const caption = t('programs.evaluations.assignmentsCaption');
  const scored = proposal.assignments.filter((a) => a.status === 'submitted');
  const flagged = proposal.disagreement.filter((d) => d.flagged);
  return (
    <Card withBorder component="section" aria-labelledby="evaluations-heading" data-testid="evaluations">
      <Title order={2} size="h3" id="evaluations-heading" mb="sm">
        {t('programs.evaluations.heading')}
      </Title>
      <Stack gap="md">
        {proposal.assignments.length === 0 ? (
          <Text size="sm">{t('programs.evaluations.noneAssigned')}</Text>
        ) : (
          <TableFrame label={caption}>
            <Table striped captionSide="top" verticalSpacing="xs" miw={720}>
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('programs.columns.evaluator')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.declaredAt')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.scoredAt')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.conflictReason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {proposal.assignments.map((a) => (
                  <Table.Tr key={a.id} data-testid="assignment-row">
                    <Table.Td>{a.evaluatorLabel}</Table.Td>
                    <Table.Td>
                      <AssignmentStatusBadge status={a.status} />
                    </Table.Td>
                    <Table.Td>{a.declaredAt ? formatDateTime(a.declaredAt) : t('common.none')}</Table.Td>
                    <Table.Td>{a.submittedAt ? formatDateTime(a.submittedAt) : t('common.none')}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{a.conflictReason ?? t('common.none')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
        )}
        {flagged.length > 0 && (
          <Alert color="orange" variant="light" title={t('programs.evaluations.disagreementTitle')} data-testid="disagreement-alert">
            {t('programs.evaluations.disagreementText', {
              criteria: flagged.map((d) => criterionLabel(call.criteria, d.key)).join(', '),
              limit: formatPoints(call.disagreementLimitTenths, amountLanguage()),
            })}
          </Alert>
        )}
        {scored.length > 0 && <ScoreMatrix call={call} assignments={scored} spread={proposal.disagreement} />}
      </Stack>
    </Card>
  );
}

/** The score to suggest for the consensus: the evaluators' mean, to the nearest half point. */
function suggested(assignments: FundAssignment[], key: string): string {
  const values = assignments.map((a) => a.scores?.[key]?.scoreTenths).filter((v): v is number => typeof v === 'number');
  if (values.length === 0) return '';
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return String(Math.min(50, Math.max(0, Math.round(mean / 5) * 5)));
}

/** A fund officer records the consensus: a final score and its reason per criterion. */
function ConsensusSection({ proposal, call, onSaved }: { proposal: FundProposalDetail; call: FundCall; onSaved: (saved: FundProposalDetail) => void }) {
  const { t } = useTranslation();
  const language = amountLanguage();
  const keyFor = useIdempotencyKeys();
  const scored = proposal.assignments.filter((a) => a.status === 'submitted');
  const [values, setValues] = useState<Record<string, { score: string; reason: string }>>(() =>
    Object.fromEntries(call.criteria.map((c) => [c.key, { score: suggested(scored, c.key), reason: '' }])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () => {
      const body = { version: proposal.version, scores: Object.fromEntries(call.criteria.map((c) => [c.key, { scoreTenths: Number(values[c.key].score), reason: values[c.key].reason.trim() }])) };
      return api.recordConsensus(proposal.id, body, keyFor({ id: proposal.id, ...body }));
    },
    onSuccess: onSaved,
  });
  const set = (key: string, field: 'score' | 'reason', value: string) => {
    setValues((current) => ({ ...current, [key]: { ...current[key], [field]: value } }));
    setErrors((current) => ({ ...current, [`${key}.${field}`]: '' }));
  };
  return (
    <Card withBorder component="section" aria-labelledby="consensus-heading" data-testid="consensus-section">
      <Title order={2} size="h3" id="consensus-heading" mb="xs">
        {t('programs.consensus.heading')}
      </Title>
      <form
        noValidate
        aria-labelledby="consensus-heading"
        onSubmit={(event) => {
          event.preventDefault();
          const found: Record<string, string> = {};
          for (const c of call.criteria) {
            if (values[c.key].score === '') found[`${c.key}.score`] = t('programs.score.choose');
            if (!values[c.key].reason.trim()) found[`${c.key}.reason`] = t('validation.reasonRequired');
          }
          setErrors(found);
          if (Object.keys(found).length > 0) {
            window.setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
            return;
          }
          save.mutate();
        }}
      >
        <Stack>
          <Text size="sm" maw={760}>
            {t('programs.consensus.intro')}
          </Text>
          <ErrorAlert error={save.error} fieldErrors={[]} />
          {call.criteria.map((criterion) => {
            const flagged = proposal.disagreement.find((d) => d.key === criterion.key)?.flagged;
            return (
              <SimpleGrid key={criterion.key} cols={{ base: 1, sm: 3 }} data-testid={`consensus-${criterion.key}`}>
                <NativeSelect
                  label={criterionLabel(call.criteria, criterion.key)}
                  description={flagged ? t('programs.consensus.flaggedHelp') : t('programs.consensus.suggestedHelp')}
                  data={[{ value: '', label: t('programs.score.choose') }, ...scoreOptions(language)]}
                  value={values[criterion.key].score}
                  onChange={(event) => set(criterion.key, 'score', event.currentTarget.value)}
                  error={errors[`${criterion.key}.score`] || undefined}
                  required
                  data-testid={`consensus-${criterion.key}-value`}
                />
                <Textarea
                  label={t('programs.consensus.reason', { criterion: criterionLabel(call.criteria, criterion.key) })}
                  autosize
                  minRows={2}
                  maxRows={8}
                  maxLength={5000}
                  value={values[criterion.key].reason}
                  onChange={(event) => set(criterion.key, 'reason', event.currentTarget.value)}
                  error={errors[`${criterion.key}.reason`] || undefined}
                  required
                  style={{ gridColumn: 'span 2' }}
                  data-testid={`consensus-${criterion.key}-reason`}
                />
              </SimpleGrid>
            );
          })}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} data-testid="save-consensus">
              {t('programs.consensus.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The consensus: final score and reason per criterion. */
function FinalScores({ proposal, call }: { proposal: FundProposalDetail; call: FundCall }) {
  const { t } = useTranslation();
  const language = amountLanguage();
  const caption = t('programs.consensus.caption');
  return (
    <Card withBorder component="section" aria-labelledby="final-scores-heading" data-testid="final-scores">
      <Title order={2} size="h3" id="final-scores-heading" mb="sm">
        {t('programs.consensus.finalHeading')}
      </Title>
      <TableFrame label={caption}>
        <Table striped captionSide="top" verticalSpacing="xs" miw={600}>
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('programs.columns.criterion')}</Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                {t('programs.columns.finalScore')}
              </Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                {t('programs.callForm.threshold')}
              </Table.Th>
              <Table.Th scope="col">{t('programs.columns.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {call.criteria.map((criterion) => {
              const score = proposal.finalScores?.[criterion.key];
              return (
                <Table.Tr key={criterion.key} data-testid={`final-${criterion.key}`}>
                  <Table.Td>{criterionLabel(call.criteria, criterion.key)}</Table.Td>
                  <Table.Td style={NUMERIC}>{score ? formatPoints(score.scoreTenths, language) : t('common.none')}</Table.Td>
                  <Table.Td style={NUMERIC}>{formatPoints(criterion.thresholdTenths, language)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{score?.reason ?? t('common.none')}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </TableFrame>
    </Card>
  );
}
