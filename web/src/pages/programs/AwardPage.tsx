// One award (a grant agreement): the amount, what was paid and clawed back, the capacity promised
// and delivered, and its milestones. The company reports a milestone as done with evidence (its
// documents) and the capacity delivered; a fund officer verifies it (or finds it failed, releasing its
// reservation) and prepares its payment, which another fund officer approves (four eyes); money paid
// can be clawed back with reasons, and the award can be ended early.
import { Anchor, Button, Card, Group, List, Modal, NativeSelect, Radio, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type CapacityLine, type FundAwardDetail, type FundDisbursement, type FundMilestone } from '../../api';
import { capabilityNames, useCapabilities } from '../../capabilities';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DocumentChecklist } from '../../components/DocumentChecklist';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Money, NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { ProgramsNav } from '../../components/ProgramsNav';
import { ReasonDialog } from '../../components/ReasonDialog';
import { AwardStatusBadge, DisbursementStatusBadge, MilestoneStatusBadge } from '../../components/StatusBadge';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TableFrame } from '../../components/TableFrame';
import { splitFieldErrors } from '../../errors';
import { formatDate, formatDateTime } from '../../format';
import { amountLanguage, useIdempotencyKeys } from '../../fund';
import { parseMajorAmount } from '../../money';
import { awardKey, CALL_MANAGERS, callTitle, moneyError, nextRowKey, PROGRAMS_KEY } from '../../programs';
import { hasAnyRole, isCompanyUser, useMe } from '../../session';
import { ApproveDialog } from './ApproveDialog';

export function AwardPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const award = useQuery({ queryKey: awardKey(id), queryFn: () => api.getAward(id) });
  if (award.isPending) return <Loading />;
  if (award.isError) {
    return (
      <Stack>
        <PageHeading documentTitle={t('programs.award.title')}>{t('programs.award.title')}</PageHeading>
        <ErrorAlert error={award.error} onRetry={() => void award.refetch()} />
      </Stack>
    );
  }
  return <AwardView award={award.data} />;
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

type Dialog = { kind: 'report' | 'verify' | 'prepare'; milestone: FundMilestone } | { kind: 'approve'; disbursement: FundDisbursement } | { kind: 'clawback' } | { kind: 'terminate' };

function AwardView({ award }: { award: FundAwardDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const capabilities = useCapabilities();
  const keyFor = useIdempotencyKeys();
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const manager = me ? hasAnyRole(me.user, CALL_MANAGERS) : false;
  const company = me ? isCompanyUser(me.user) && me.user.organizationId === award.organizationId : false;
  const active = award.status === 'active';

  const refresh = (saved?: FundAwardDetail) => {
    if (saved) queryClient.setQueryData(awardKey(saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: PROGRAMS_KEY });
    void queryClient.invalidateQueries({ queryKey: ['fund'] });
  };
  const done = (message: string, saved?: FundAwardDetail) => {
    setDialog(null);
    refresh(saved);
    setNotice(message);
  };

  const prepare = useMutation({
    mutationFn: (milestone: FundMilestone) => api.prepareDisbursement(award.id, milestone.id, keyFor({ prepare: milestone.id })),
    onSuccess: () => done(t('programs.award.done.prepared')),
  });
  const terminate = useMutation({
    mutationFn: (reason: string) => api.terminateAward(award.id, { version: award.version, reason }, keyFor({ terminate: award.id, version: award.version, reason })),
    onSuccess: (saved) => done(t('programs.award.done.terminated'), saved),
  });

  const open = (next: Dialog) => {
    prepare.reset();
    terminate.reset();
    setNotice(null);
    setDialog(next);
  };

  const paidNet = award.disbursedMinor - award.clawedBackMinor;
  const seqOf = (milestoneId: string | null) => award.milestones.find((m) => m.id === milestoneId)?.seq;
  const milestoneCaption = t('programs.award.milestonesCaption');
  const disbursementCaption = t('programs.award.disbursementsCaption');
  const title = `${award.agreementNumber}: ${award.title}`;

  return (
    <Stack>
      <div>
        <PageHeading documentTitle={award.agreementNumber}>{title}</PageHeading>
        <Group gap="xs" mt={-8} wrap="wrap">
          <AwardStatusBadge status={award.status} />
          <Text size="sm">
            {award.organizationName} ·{' '}
            <Anchor component={Link} to={`/app/programs/calls/${award.callId}`}>
              {callTitle(award)}
            </Anchor>{' '}
            ·{' '}
            <Anchor component={Link} to={`/app/programs/proposals/${award.proposalId}`}>
              {t('programs.award.proposal')}
            </Anchor>
          </Text>
        </Group>
      </div>
      <ProgramsNav />
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}

      <Card withBorder component="section" aria-labelledby="award-figures-heading">
        <Title order={2} size="h3" id="award-figures-heading" mb="sm">
          {t('programs.award.figuresHeading')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm" data-testid="award-figures">
          <Fact label={t('programs.columns.amount')}>
            <Money minor={award.amountMinor} currency={award.currency} />
          </Fact>
          <Fact label={t('programs.columns.paid')}>
            <Money minor={award.disbursedMinor} currency={award.currency} />
          </Fact>
          <Fact label={t('programs.columns.clawedBack')}>
            <Money minor={award.clawedBackMinor} currency={award.currency} />
          </Fact>
          <Fact label={t('programs.columns.awardedAt')}>{formatDateTime(award.awardedAt)}</Fact>
          {award.endedAt && <Fact label={t('programs.columns.endedAt')}>{formatDateTime(award.endedAt)}</Fact>}
          {award.endReason && <Fact label={t('programs.award.endReason')}>{award.endReason}</Fact>}
        </SimpleGrid>
        {manager && (
          <Group gap="sm" mt="md">
            {paidNet > 0 && (
              <Button variant="outline" color="orange" onClick={() => open({ kind: 'clawback' })} data-testid="clawback">
                {t('programs.award.clawback')}
              </Button>
            )}
            {active && (
              <Button variant="outline" color="red" onClick={() => open({ kind: 'terminate' })} data-testid="terminate">
                {t('programs.award.terminate')}
              </Button>
            )}
          </Group>
        )}
      </Card>

      <Card withBorder component="section" aria-labelledby="capacity-heading">
        <Title order={2} size="h3" id="capacity-heading" mb="sm">
          {t('programs.award.capacityHeading')}
        </Title>
        <CapacityTable promised={award.capacityPromised} delivered={award.capacityDelivered} names={(code) => capabilityNames(capabilities.data, [code])[0]} />
      </Card>

      <Card withBorder component="section" aria-labelledby="milestones-heading">
        <Title order={2} size="h3" id="milestones-heading" mb="sm">
          {t('programs.award.milestonesHeading')}
        </Title>
        <TableFrame label={milestoneCaption}>
          <Table striped captionSide="top" verticalSpacing="sm" miw={1000}>
            <Table.Caption>{milestoneCaption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">#</Table.Th>
                <Table.Th scope="col">{t('programs.columns.deliverable')}</Table.Th>
                <Table.Th scope="col">{t('programs.proposalForm.dueDate')}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  {t('programs.columns.amount')}
                </Table.Th>
                <Table.Th scope="col">{t('programs.columns.status')}</Table.Th>
                <Table.Th scope="col">{t('programs.award.report')}</Table.Th>
                <Table.Th scope="col">{t('programs.award.verification')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {award.milestones.map((milestone) => {
                const payment = award.disbursements.find((d) => d.milestoneId === milestone.id && d.status !== 'cancelled');
                return (
                  <Table.Tr key={milestone.id} data-testid={`milestone-${milestone.seq}`}>
                    <Table.Td>{milestone.seq}</Table.Td>
                    <Table.Td>{milestone.deliverable}</Table.Td>
                    <Table.Td>{formatDate(milestone.dueDate)}</Table.Td>
                    <Table.Td style={NUMERIC}>
                      <Money minor={milestone.amountMinor} currency={award.currency} />
                    </Table.Td>
                    <Table.Td>
                      <MilestoneStatusBadge status={milestone.status} />
                    </Table.Td>
                    <Table.Td maw={320}>
                      {milestone.reportedAt ? (
                        <Stack gap={4}>
                          <Text size="xs">{formatDateTime(milestone.reportedAt)}</Text>
                          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                            {milestone.reportText}
                          </Text>
                          <List size="sm">
                            {milestone.evidenceDocumentIds.map((documentId, index) => (
                              <List.Item key={documentId}>
                                <Anchor href={api.documentUrl(documentId)} size="sm">
                                  {t('programs.award.evidence', { n: index + 1 })}
                                </Anchor>
                              </List.Item>
                            ))}
                          </List>
                          {milestone.capacityDelivered.length > 0 && (
                            <Text size="xs">
                              {t('programs.award.deliveredList', {
                                lines: milestone.capacityDelivered.map((line) => `${capabilityNames(capabilities.data, [line.capability])[0]} ${line.period}: ${line.quantity}`).join('; '),
                              })}
                            </Text>
                          )}
                        </Stack>
                      ) : (
                        t('common.none')
                      )}
                    </Table.Td>
                    <Table.Td maw={260}>
                      {milestone.verifiedAt ? (
                        <Stack gap={4}>
                          <Text size="xs">{formatDateTime(milestone.verifiedAt)}</Text>
                          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                            {milestone.verificationNote}
                          </Text>
                        </Stack>
                      ) : (
                        t('common.none')
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={6} align="flex-start">
                        {company && active && (milestone.status === 'planned' || milestone.status === 'reported') && (
                          <Button size="xs" onClick={() => open({ kind: 'report', milestone })} aria-label={t('programs.award.reportNamed', { n: milestone.seq })} data-testid="report-milestone">
                            {milestone.status === 'reported' ? t('programs.award.reportAgain') : t('programs.award.reportAction')}
                          </Button>
                        )}
                        {manager && (milestone.status === 'reported' || milestone.status === 'planned') && (
                          <Button size="xs" variant="outline" onClick={() => open({ kind: 'verify', milestone })} aria-label={t('programs.award.verifyNamed', { n: milestone.seq })} data-testid="verify-milestone">
                            {milestone.status === 'reported' ? t('programs.award.verify') : t('programs.award.markFailed')}
                          </Button>
                        )}
                        {manager && active && milestone.status === 'verified' && !payment && (
                          <Button size="xs" onClick={() => open({ kind: 'prepare', milestone })} aria-label={t('programs.award.prepareNamed', { n: milestone.seq })} data-testid="prepare-disbursement">
                            {t('programs.award.prepare')}
                          </Button>
                        )}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableFrame>
      </Card>

      <Card withBorder component="section" aria-labelledby="disbursements-heading">
        <Title order={2} size="h3" id="disbursements-heading" mb="sm">
          {t('programs.award.disbursementsHeading')}
        </Title>
        {award.disbursements.length === 0 ? (
          <Text size="sm">{t('programs.award.noDisbursements')}</Text>
        ) : (
          <TableFrame label={disbursementCaption}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={900}>
              <Table.Caption>{disbursementCaption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('programs.columns.milestone')}</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('programs.columns.amount')}
                  </Table.Th>
                  <Table.Th scope="col">{t('programs.columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.preparedBy')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.approvals')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.paidAt')}</Table.Th>
                  {manager && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {award.disbursements.map((d) => (
                  <Table.Tr key={d.id} data-testid="award-disbursement">
                    <Table.Td>{t('programs.award.milestoneN', { n: seqOf(d.milestoneId) ?? '?' })}</Table.Td>
                    <Table.Td style={NUMERIC}>
                      <Money minor={d.amountMinor} currency={d.currency} />
                    </Table.Td>
                    <Table.Td>
                      <DisbursementStatusBadge status={d.status} />
                    </Table.Td>
                    <Table.Td>
                      {d.preparedBy}
                      <Text size="xs">{formatDateTime(d.preparedAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <ApprovalList disbursement={d} />
                    </Table.Td>
                    <Table.Td>{d.paidAt ? formatDateTime(d.paidAt) : t('common.none')}</Table.Td>
                    {manager && (
                      <Table.Td>
                        {d.status === 'prepared' && (
                          <Button size="xs" color="teal.9" onClick={() => open({ kind: 'approve', disbursement: d })} data-testid="approve-disbursement">
                            {t('programs.disbursements.approve')}
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
        )}
      </Card>

      {award.clawbacks.length > 0 && (
        <Card withBorder component="section" aria-labelledby="clawbacks-heading">
          <Title order={2} size="h3" id="clawbacks-heading" mb="sm">
            {t('programs.award.clawbacksHeading')}
          </Title>
          <TableFrame label={t('programs.award.clawbacksHeading')}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={700}>
              <Table.Caption>{t('programs.award.clawbacksCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('programs.columns.date')}</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('programs.columns.amount')}
                  </Table.Th>
                  <Table.Th scope="col">{t('programs.columns.milestone')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {award.clawbacks.map((c) => (
                  <Table.Tr key={c.id} data-testid="clawback-row">
                    <Table.Td>{formatDateTime(c.createdAt)}</Table.Td>
                    <Table.Td style={NUMERIC}>
                      <Money minor={c.amountMinor} currency={c.currency} />
                    </Table.Td>
                    <Table.Td>{c.milestoneId ? t('programs.award.milestoneN', { n: seqOf(c.milestoneId) ?? '?' }) : t('common.none')}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{c.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
        </Card>
      )}

      {dialog?.kind === 'report' && <ReportDialog award={award} milestone={dialog.milestone} onDone={(saved) => done(t('programs.award.done.reported', { n: dialog.milestone.seq }), saved)} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'verify' && <VerifyDialog award={award} milestone={dialog.milestone} onDone={(saved, decision) => done(t(`programs.award.done.${decision}`, { n: dialog.milestone.seq }), saved)} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'clawback' && <ClawbackDialog award={award} onDone={(saved) => done(t('programs.award.done.clawedBack'), saved)} onClose={() => setDialog(null)} />}
      <ConfirmDialog
        opened={dialog?.kind === 'prepare'}
        title={t('programs.award.prepare')}
        text={dialog?.kind === 'prepare' ? t('programs.award.prepareText', { n: dialog.milestone.seq, organization: award.organizationName }) : ''}
        confirmLabel={t('programs.award.prepare')}
        confirmColor="blue"
        confirmTestId="confirm-prepare"
        pending={prepare.isPending}
        error={prepare.error}
        onConfirm={() => dialog?.kind === 'prepare' && prepare.mutate(dialog.milestone)}
        onClose={() => setDialog(null)}
      />
      <ApproveDialog
        disbursement={dialog?.kind === 'approve' ? dialog.disbursement : null}
        description={`${award.agreementNumber}, ${award.organizationName}`}
        onDone={(saved) => done(saved.status === 'paid' ? t('programs.disbursements.paid') : t('programs.disbursements.approved'))}
        onClose={() => setDialog(null)}
      />
      <ReasonDialog
        opened={dialog?.kind === 'terminate'}
        title={t('programs.award.terminate')}
        text={t('programs.award.terminateText')}
        label={t('programs.reason')}
        description={t('programs.award.terminateHelp')}
        required
        confirmLabel={t('programs.award.terminate')}
        confirmColor="red"
        pending={terminate.isPending}
        error={terminate.error}
        onConfirm={(reason) => terminate.mutate(reason)}
        onClose={() => setDialog(null)}
      />
    </Stack>
  );
}

export function ApprovalList({ disbursement }: { disbursement: FundDisbursement }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Text size="sm" data-testid="approval-count">
        {t('programs.disbursements.approvalCount', { given: disbursement.approvals.length, required: disbursement.requiredApprovals })}
      </Text>
      {disbursement.approvals.map((a) => (
        <Text size="xs" key={`${a.label}-${a.at}`}>
          {a.label}, {formatDateTime(a.at)}
        </Text>
      ))}
    </Stack>
  );
}

function CapacityTable({ promised, delivered, names }: { promised: CapacityLine[]; delivered: CapacityLine[]; names: (code: string) => string }) {
  const { t } = useTranslation();
  const keys = [...new Set([...promised, ...delivered].map((l) => `${l.capability}|${l.period}`))];
  const caption = t('programs.award.capacityCaption');
  if (keys.length === 0) return <Text size="sm">{t('programs.award.noCapacity')}</Text>;
  const locale = amountLanguage() === 'uk' ? 'uk-UA' : 'en-GB';
  return (
    <TableFrame label={caption}>
      <Table striped captionSide="top" verticalSpacing="xs" miw={560} data-testid="capacity-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('programs.proposalForm.capability')}</Table.Th>
            <Table.Th scope="col">{t('programs.proposalForm.period')}</Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>
              {t('programs.award.promised')}
            </Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>
              {t('programs.award.delivered')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((key) => {
            const [capability, period] = key.split('|');
            const find = (lines: CapacityLine[]) => lines.find((l) => l.capability === capability && l.period === period)?.quantity ?? 0;
            return (
              <Table.Tr key={key}>
                <Table.Td>{names(capability)}</Table.Td>
                <Table.Td>{period}</Table.Td>
                <Table.Td style={NUMERIC}>{find(promised).toLocaleString(locale)}</Table.Td>
                <Table.Td style={NUMERIC}>{find(delivered).toLocaleString(locale)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}

interface DeliveredRow {
  rowKey: string;
  capability: string;
  period: string;
  quantity: string;
}

/** The company reports a milestone: what was done, the evidence among its documents, the capacity delivered. */
function ReportDialog({ award, milestone, onDone, onClose }: { award: FundAwardDetail; milestone: FundMilestone; onDone: (saved: FundAwardDetail) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const keyFor = useIdempotencyKeys();
  const capabilities = useCapabilities();
  const [text, setText] = useState(milestone.reportText ?? '');
  const [evidence, setEvidence] = useState<string[]>(milestone.evidenceDocumentIds);
  const promised = [...new Set(award.capacityPromised.map((l) => l.capability))];
  const [rows, setRows] = useState<DeliveredRow[]>(() =>
    milestone.capacityDelivered.length > 0
      ? milestone.capacityDelivered.map((l) => ({ rowKey: nextRowKey(), capability: l.capability, period: l.period, quantity: String(l.quantity) }))
      : award.capacityPromised.map((l) => ({ rowKey: nextRowKey(), capability: l.capability, period: l.period, quantity: '' })),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const report = useMutation({
    mutationFn: () => {
      const body = {
        version: milestone.version,
        reportText: text.trim(),
        evidenceDocumentIds: evidence,
        capacityDelivered: rows.filter((r) => r.quantity.trim()).map((r) => ({ capability: r.capability, period: r.period.trim(), quantity: Number(r.quantity.trim()) })),
      };
      return api.reportMilestone(award.id, milestone.id, body, keyFor({ milestone: milestone.id, ...body }));
    },
    onSuccess: onDone,
  });
  const serverErrors = splitFieldErrors(report.error, ['reportText', 'evidenceDocumentIds']).byField;
  const options = (capabilities.data ?? []).filter((c) => promised.length === 0 || promised.some((code) => c.code === code || c.code.startsWith(`${code}.`)));
  const update = (index: number, field: keyof DeliveredRow, value: string) => setRows((current) => current.map((r, i) => (i === index ? { ...r, [field]: value } : r)));
  return (
    <Modal opened onClose={onClose} title={t('programs.award.reportTitle', { n: milestone.seq })} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const found: Record<string, string> = {};
          if (!text.trim()) found.reportText = t('validation.required');
          if (evidence.length === 0) found.evidence = t('programs.award.evidenceRequired');
          rows.forEach((row, index) => {
            if (!row.quantity.trim()) return;
            if (!row.capability) found[`${index}.capability`] = t('validation.required');
            if (!/^20\d\d(-Q[1-4])?$/.test(row.period.trim())) found[`${index}.period`] = t('programs.validation.period');
            if (!/^\d{1,10}$/.test(row.quantity.trim()) || Number(row.quantity) < 1 || Number(row.quantity) > 1_000_000_000) found[`${index}.quantity`] = t('programs.validation.quantity');
          });
          setErrors(found);
          if (Object.keys(found).length === 0) report.mutate();
        }}
      >
        <Stack>
          <Text size="sm">{t('programs.award.reportText', { deliverable: milestone.deliverable })}</Text>
          <ErrorAlert error={report.error} fieldErrors={[]} />
          <Textarea
            label={t('programs.award.reportLabel')}
            required
            autosize
            minRows={3}
            maxRows={10}
            maxLength={10_000}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            error={errors.reportText ?? serverErrors.reportText}
            data-autofocus
            data-testid="report-text"
          />
          <DocumentChecklist
            organizationId={award.organizationId}
            label={t('programs.award.evidenceLabel')}
            description={t('programs.award.evidenceHelp')}
            required
            value={evidence}
            onChange={setEvidence}
            error={errors.evidence ?? serverErrors.evidenceDocumentIds}
            noDocumentsText={t('programs.proposalForm.noDocuments')}
            testId="evidence-document"
          />
          <Text size="sm" fw={600}>
            {t('programs.award.deliveredLegend')}
          </Text>
          <Text size="sm">{t('programs.award.deliveredHelp')}</Text>
          {rows.map((row, index) => (
            <Group key={row.rowKey} align="flex-start" wrap="wrap" data-testid={`delivered-${index}`}>
              <NativeSelect
                label={t('programs.proposalForm.capability')}
                data={[{ value: '', label: t('programs.proposalForm.chooseCapability') }, ...options.map((c) => ({ value: c.code, label: capabilityNames(capabilities.data, [c.code])[0] }))]}
                value={row.capability}
                onChange={(event) => update(index, 'capability', event.currentTarget.value)}
                error={errors[`${index}.capability`]}
                style={{ flex: '2 1 220px' }}
              />
              <TextInput label={t('programs.proposalForm.period')} maxLength={7} value={row.period} onChange={(event) => update(index, 'period', event.currentTarget.value)} error={errors[`${index}.period`]} style={{ flex: '1 1 110px' }} />
              <TextInput
                label={t('programs.award.quantityDelivered')}
                inputMode="numeric"
                maxLength={10}
                value={row.quantity}
                onChange={(event) => update(index, 'quantity', event.currentTarget.value)}
                error={errors[`${index}.quantity`]}
                style={{ flex: '1 1 120px' }}
                data-testid={`delivered-${index}-quantity`}
              />
              <Button variant="subtle" color="red" size="xs" mt={28} onClick={() => setRows((current) => current.filter((_, i) => i !== index))} aria-label={t('programs.award.removeDelivered', { n: index + 1 })}>
                {t('common.remove')}
              </Button>
            </Group>
          ))}
          <Group>
            <Button variant="default" size="xs" onClick={() => setRows((current) => [...current, { rowKey: nextRowKey(), capability: promised[0] ?? '', period: '', quantity: '' }])}>
              {t('programs.proposalForm.addCapacity')}
            </Button>
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={report.isPending} data-testid="confirm-report">
              {t('programs.award.sendReport')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A fund officer verifies a reported milestone, or finds it failed (its reservation is released). */
function VerifyDialog({ award, milestone, onDone, onClose }: { award: FundAwardDetail; milestone: FundMilestone; onDone: (saved: FundAwardDetail, decision: 'verified' | 'failed') => void; onClose: () => void }) {
  const { t } = useTranslation();
  const keyFor = useIdempotencyKeys();
  const canVerify = milestone.status === 'reported';
  const [decision, setDecision] = useState<'verified' | 'failed' | ''>(canVerify ? '' : 'failed');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ decision?: string; note?: string }>({});
  const verify = useMutation({
    mutationFn: (chosen: 'verified' | 'failed') => {
      const body = { version: milestone.version, decision: chosen, note: note.trim() };
      return api.verifyMilestone(award.id, milestone.id, body, keyFor({ milestone: milestone.id, ...body }));
    },
    onSuccess: (saved, chosen) => onDone(saved, chosen),
  });
  useEffect(() => verify.reset(), [milestone.id]);
  return (
    <Modal opened onClose={onClose} title={t('programs.award.verifyTitle', { n: milestone.seq })} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const found: { decision?: string; note?: string } = {};
          if (!decision) found.decision = t('programs.declare.chooseOne');
          if (!note.trim()) found.note = t('validation.required');
          setErrors(found);
          if (decision && Object.keys(found).length === 0) verify.mutate(decision);
        }}
      >
        <Stack>
          <Text size="sm">{t('programs.award.verifyText', { deliverable: milestone.deliverable })}</Text>
          <ErrorAlert error={verify.error} fieldErrors={[]} />
          <Radio.Group label={t('programs.award.decision')} required value={decision} onChange={(value) => setDecision(value as 'verified' | 'failed')} error={errors.decision}>
            <Stack gap="xs" mt="xs">
              <Radio value="verified" label={t('programs.award.decisionVerified')} disabled={!canVerify} data-testid="decision-verified" />
              <Radio value="failed" label={t('programs.award.decisionFailed')} data-testid="decision-failed" />
            </Stack>
          </Radio.Group>
          <Textarea
            label={t('programs.award.note')}
            description={t('programs.award.noteHelp')}
            required
            autosize
            minRows={3}
            maxRows={8}
            maxLength={5000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            error={errors.note}
            data-testid="verification-note"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={decision === 'failed' ? 'red' : undefined} loading={verify.isPending} data-testid="confirm-verify">
              {t('programs.award.recordDecision')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A fund officer claws money back: at most what was paid and not yet returned, with reasons. */
function ClawbackDialog({ award, onDone, onClose }: { award: FundAwardDetail; onDone: (saved: FundAwardDetail) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const keyFor = useIdempotencyKeys();
  const language = amountLanguage();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [milestoneId, setMilestoneId] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; reason?: string }>({});
  const paid = award.disbursedMinor - award.clawedBackMinor;
  const clawBack = useMutation({
    mutationFn: (amountMinor: number) => {
      const body = { amountMinor, reason: reason.trim(), ...(milestoneId ? { milestoneId } : {}) };
      return api.clawBack(award.id, body, keyFor({ award: award.id, ...body }));
    },
    onSuccess: onDone,
  });
  const serverAmount = splitFieldErrors(clawBack.error, ['amountMinor']).byField.amountMinor;
  return (
    <Modal opened onClose={onClose} title={t('programs.award.clawback')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const found: { amount?: string; reason?: string } = {};
          const amountProblem = moneyError(t, amount, award.currency, language);
          const parsed = parseMajorAmount(amount, award.currency, language);
          if (amountProblem) found.amount = amountProblem;
          else if (parsed.ok && parsed.minor > paid) found.amount = t('programs.award.clawbackTooMuch');
          if (!reason.trim()) found.reason = t('validation.reasonRequired');
          setErrors(found);
          if (Object.keys(found).length === 0 && parsed.ok) clawBack.mutate(parsed.minor);
        }}
      >
        <Stack>
          <Text size="sm">
            {t('programs.award.clawbackText')} <Money minor={paid} currency={award.currency} />
          </Text>
          <ErrorAlert error={clawBack.error} fieldErrors={[]} />
          <TextInput
            label={t('programs.columns.amount')}
            description={t('programs.inCurrency', { currency: award.currency })}
            required
            inputMode="decimal"
            maxLength={40}
            value={amount}
            onChange={(event) => setAmount(event.currentTarget.value)}
            error={errors.amount ?? serverAmount}
            data-autofocus
            data-testid="clawback-amount"
          />
          <NativeSelect
            label={t('programs.columns.milestone')}
            data={[{ value: '', label: t('programs.award.noMilestone') }, ...award.milestones.filter((m) => m.status === 'paid').map((m) => ({ value: m.id, label: t('programs.award.milestoneN', { n: m.seq }) }))]}
            value={milestoneId}
            onChange={(event) => setMilestoneId(event.currentTarget.value)}
          />
          <Textarea
            label={t('programs.reason')}
            required
            autosize
            minRows={3}
            maxRows={8}
            maxLength={5000}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={errors.reason}
            data-testid="clawback-reason"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={clawBack.isPending} data-testid="confirm-clawback">
              {t('programs.award.clawback')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
