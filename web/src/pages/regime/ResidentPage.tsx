// One resident: its status today with the dates, the cure deadline and the published grounds; the
// signed certificate (PDF) and its public verification page; the actions the server allows the
// viewer (officers suspend with a reason and a cure deadline, reinstate, terminate; the company may
// leave or appeal); the annual reports, with a way to start the next one; the suspension proposals
// and appeals about it; which optional fields the public register hides; and the history.
import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  api,
  HIDEABLE_FIELDS,
  isApiError,
  newIdempotencyKey,
  type HideableField,
  type ResidentAction,
  type ResidentDetail,
} from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Mono } from '../../components/Mono';
import { PageHeading } from '../../components/PageHeading';
import { ReasonDialog } from '../../components/ReasonDialog';
import { RegimeHistory } from '../../components/RegimeHistory';
import { RegimeNav } from '../../components/RegimeNav';
import { AppealStatusBadge, ProposalStatusBadge, ReportStatusBadge, ResidentStatusBadge } from '../../components/StatusBadge';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TableFrame } from '../../components/TableFrame';
import { formatDate, formatDateTime } from '../../format';
import { REGIME_FILERS, REGIME_KEY, reportKey, residentKey } from '../../regime';
import { hasAnyRole, isCompanyUser, useMe } from '../../session';

const NEEDS_REASON: readonly ResidentAction[] = ['suspend', 'terminate'];
const ACTION_COLORS: Record<ResidentAction, string> = { suspend: 'orange', reinstate: 'teal.9', terminate: 'red', exit: 'gray' };
const DIALOG_COLORS: Partial<Record<ResidentAction, string>> = { reinstate: 'teal.9', terminate: 'red' };

export function ResidentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const resident = useQuery({ queryKey: residentKey(id), queryFn: () => api.getResident(id) });
  if (resident.isPending) return <Loading />;
  if (resident.isError) {
    return (
      <Stack>
        <PageHeading documentTitle={t('regime.resident.title')}>{t('regime.resident.title')}</PageHeading>
        <ErrorAlert error={resident.error} onRetry={() => void resident.refetch()} />
      </Stack>
    );
  }
  return <ResidentView resident={resident.data} />;
}

function Item({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} data-testid={testId} style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}

function ResidentView({ resident }: { resident: ResidentDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [notice, setNotice] = useState<string | null>(null);
  const [action, setAction] = useState<ResidentAction | null>(null);
  const [cureDeadline, setCureDeadline] = useState('');
  const [appealing, setAppealing] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  const update = (saved: ResidentDetail) => {
    queryClient.setQueryData(residentKey(saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: [...REGIME_KEY, 'residents'] });
  };

  const transition = useMutation({
    mutationFn: ({ chosen, reason }: { chosen: ResidentAction; reason: string }) =>
      api.transitionResident(
        resident.id,
        { action: chosen, version: resident.version, ...(reason ? { reason } : {}), ...(chosen === 'suspend' && cureDeadline ? { cureDeadline } : {}) },
        idempotencyKey,
      ),
    onSuccess: (saved, { chosen }) => {
      update(saved);
      setAction(null);
      setNotice(t(`regime.resident.done.${chosen}`));
    },
  });

  const fileAppeal = useMutation({
    mutationFn: (grounds: string) => api.createAppeal({ subjectType: 'resident', subjectId: resident.id, grounds }, idempotencyKey),
    onSuccess: () => {
      setAppealing(false);
      setNotice(t('regime.appeals.filed'));
      void queryClient.invalidateQueries({ queryKey: residentKey(resident.id) });
      void queryClient.invalidateQueries({ queryKey: [...REGIME_KEY, 'appeals'] });
    },
  });

  const open = (chosen: ResidentAction) => {
    transition.reset();
    setIdempotencyKey(newIdempotencyKey());
    setCureDeadline('');
    setNotice(null);
    setAction(chosen);
  };

  if (!me) return null;
  const company = isCompanyUser(me.user);
  const pendingAppeal = resident.appeals.some((a) => a.subjectType === 'resident' && a.subjectId === resident.id && a.status === 'pending');
  // A termination can be appealed (a suspension is cured, not appealed).
  const canAppeal = company && resident.status === 'terminated' && !pendingAppeal;
  const outdated = isApiError(transition.error, 'conflict') || isApiError(transition.error, 'invalid_transition');
  const none = t('common.none');

  return (
    <Stack>
      <div>
        <PageHeading documentTitle={t('regime.resident.title')}>{t('regime.resident.heading', { name: resident.organizationName })}</PageHeading>
        <Group gap="xs" mt={-8} wrap="wrap">
          <ResidentStatusBadge status={resident.status} size="lg" />
          <Text size="sm">{t('regime.resident.certificateNumber', { number: resident.certificateNumber })}</Text>
        </Group>
      </div>
      <RegimeNav />

      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}

      {resident.status === 'suspended' && (
        <Alert color="orange" variant="light" title={t('regime.resident.suspendedTitle')} data-testid="suspension">
          <Stack gap={4}>
            {resident.suspensionReason && <Text style={{ whiteSpace: 'pre-wrap' }}>{resident.suspensionReason}</Text>}
            {resident.cureDeadline && (
              <Group gap={6}>
                <Text size="sm" fw={600}>
                  {t('regime.resident.cureBy', { date: formatDate(resident.cureDeadline) })}
                </Text>
                {resident.cureOverdue && (
                  <Badge color="red" variant="filled" tt="none" miw="max-content">
                    {t('regime.overdue')}
                  </Badge>
                )}
              </Group>
            )}
          </Stack>
        </Alert>
      )}

      <Card withBorder component="section" aria-labelledby="status-heading">
        <Title order={2} size="h3" id="status-heading" mb="sm">
          {t('regime.resident.statusHeading')}
        </Title>
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: 3 }} spacing="md" verticalSpacing="sm" m={0}>
          <Item label={t('regime.resident.grantedAt')}>{formatDate(resident.grantedAt)}</Item>
          <Item label={t('regime.resident.ruleSetVersion')}>{resident.ruleSetVersion}</Item>
          <Item label={t('regime.resident.certificate')}>
            <Mono>{resident.certificateNumber}</Mono>
          </Item>
          <Item label={t('regime.resident.suspendedAt')}>{resident.suspendedAt ? formatDate(resident.suspendedAt) : none}</Item>
          <Item label={t('regime.resident.cureDeadline')} testId="cure-deadline">
            {resident.cureDeadline ? formatDate(resident.cureDeadline) : none}
          </Item>
          <Item label={t('regime.resident.suspensionReason')}>{resident.suspensionReason ?? none}</Item>
          <Item label={t('regime.resident.endedAt')}>{resident.endedAt ? formatDate(resident.endedAt) : none}</Item>
          <Item label={t('regime.resident.endGrounds')}>{resident.endGrounds ?? none}</Item>
          <Item label={t('regime.resident.application')}>
            <Anchor component={Link} to={`/app/regime/applications/${resident.applicationId}`}>
              {t('regime.resident.openApplication')}
            </Anchor>
          </Item>
        </SimpleGrid>
        <Group gap="lg" mt="md" wrap="wrap">
          <Anchor href={api.certificatePdfUrl(resident.id)} download data-testid="certificate-pdf" fw={600}>
            {t('regime.resident.downloadCertificate')}
          </Anchor>
          <Anchor component={Link} to={resident.verifyPath} data-testid="verify-link" fw={600}>
            {t('regime.resident.openVerification')}
          </Anchor>
        </Group>
      </Card>

      {(resident.allowedActions.length > 0 || canAppeal) && (
        <Card withBorder component="section" aria-labelledby="actions-heading">
          <Title order={2} size="h4" id="actions-heading" mb="sm">
            {t('regime.resident.actionsHeading')}
          </Title>
          <Group gap="sm">
            {resident.allowedActions.map((allowed) => (
              <Button key={allowed} color={ACTION_COLORS[allowed]} variant="outline" onClick={() => open(allowed)} data-testid={`resident-action-${allowed}`}>
                {t(`regime.resident.action.${allowed}`)}
              </Button>
            ))}
            {canAppeal && (
              <Button
                variant="outline"
                onClick={() => {
                  fileAppeal.reset();
                  setIdempotencyKey(newIdempotencyKey());
                  setAppealing(true);
                }}
                data-testid="resident-appeal"
              >
                {t('regime.appeals.file')}
              </Button>
            )}
          </Group>
          {action === null && transition.error != null && (
            <Stack mt="sm" gap="xs">
              <ErrorAlert error={transition.error} />
              {outdated && (
                <Group>
                  <Button size="xs" variant="subtle" onClick={() => void queryClient.invalidateQueries({ queryKey: residentKey(resident.id) })}>
                    {t('profileTab.reload')}
                  </Button>
                </Group>
              )}
            </Stack>
          )}
        </Card>
      )}

      <ReportsSection resident={resident} canFile={hasAnyRole(me.user, REGIME_FILERS)} />
      <ProposalsSection resident={resident} />
      <AppealsSection resident={resident} />
      <VisibilitySection resident={resident} canChange={company || me.user.roles.includes('admin')} onSaved={(saved) => {
        update(saved);
        setNotice(t('regime.visibility.saved'));
      }} />
      <RegimeHistory transitions={resident.transitions} statusLabel={(status) => t(`regime.residentStatus.${status as 'active'}`, { defaultValue: status })} />

      <ReasonDialog
        opened={action !== null}
        title={action ? t(`regime.resident.action.${action}`) : ''}
        text={action ? t(`regime.resident.confirm.${action}`) : undefined}
        label={action && NEEDS_REASON.includes(action) ? t('regime.groundsLabel') : t('regime.note')}
        description={action && NEEDS_REASON.includes(action) ? t('regime.groundsHelp') : t('regime.noteHelp')}
        required={action !== null && NEEDS_REASON.includes(action)}
        confirmLabel={action ? t(`regime.resident.action.${action}`) : ''}
        confirmColor={action ? DIALOG_COLORS[action] : undefined}
        pending={transition.isPending}
        error={transition.error}
        onConfirm={(reason) => action && transition.mutate({ chosen: action, reason })}
        onClose={() => setAction(null)}
        fieldLabel={(field) => (field.endsWith('cureDeadline') ? t('regime.resident.cureDeadline') : undefined)}
      >
        {action === 'suspend' && (
          <TextInput
            type="date"
            label={t('regime.resident.cureDeadline')}
            description={t('regime.resident.cureDeadlineHelp')}
            value={cureDeadline}
            onChange={(event) => setCureDeadline(event.currentTarget.value)}
            min={tomorrow()}
            max="2100-12-31"
            maw={260}
            data-testid="cure-deadline-input"
          />
        )}
      </ReasonDialog>

      <ReasonDialog
        opened={appealing}
        title={t('regime.appeals.file')}
        text={t('regime.appeals.fileText')}
        label={t('regime.appeals.grounds')}
        description={t('regime.appeals.groundsHelp')}
        required
        confirmLabel={t('regime.appeals.send')}
        pending={fileAppeal.isPending}
        error={fileAppeal.error}
        onConfirm={(grounds) => fileAppeal.mutate(grounds)}
        onClose={() => setAppealing(false)}
      />
    </Stack>
  );
}

/** Tomorrow as YYYY-MM-DD in local time: the earliest cure deadline. */
function tomorrow(): string {
  const date = new Date();
  date.setDate(date.getDate() + 1);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function ReportsSection({ resident, canFile }: { resident: ResidentDetail; canFile: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const grantYear = new Date(resident.grantedAt).getUTCFullYear();
  const thisYear = new Date().getUTCFullYear();
  const taken = new Set(resident.reports.map((r) => r.year));
  const years: number[] = [];
  for (let year = thisYear; year >= grantYear; year--) if (!taken.has(year)) years.push(year);
  // The report due now is last year's; a resident granted this year reports on this year.
  const preferred = years.includes(thisYear - 1) ? thisYear - 1 : years[0];
  const [year, setYear] = useState<number | undefined>(preferred);
  useEffect(() => setYear(preferred), [preferred]);
  const canStart = canFile && (resident.status === 'active' || resident.status === 'suspended') && years.length > 0 && year !== undefined;

  const start = useMutation({
    mutationFn: (chosen: number) => api.createReport(resident.id, { year: chosen }, newIdempotencyKey()),
    onSuccess: (report) => {
      queryClient.setQueryData(reportKey(report.id), report);
      void queryClient.invalidateQueries({ queryKey: residentKey(resident.id) });
      navigate(`/app/regime/reports/${report.id}`, { state: { notice: t('regime.report.started', { year: report.year }) } });
    },
  });

  const reports = [...resident.reports].sort((a, b) => b.year - a.year);
  return (
    <Card withBorder component="section" aria-labelledby="reports-heading">
      <Title order={2} size="h3" id="reports-heading" mb="sm">
        {t('regime.resident.reportsHeading')}
      </Title>
      {canStart && (
        <Group align="flex-end" mb="md" wrap="wrap">
          <NativeSelect
            label={t('regime.resident.reportYear')}
            data={years.map((y) => ({ value: String(y), label: String(y) }))}
            value={String(year)}
            onChange={(event) => setYear(Number(event.currentTarget.value))}
            data-testid="report-year"
          />
          <Button onClick={() => year !== undefined && start.mutate(year)} loading={start.isPending} data-testid="start-report">
            {t('regime.resident.startReport', { year })}
          </Button>
        </Group>
      )}
      <ErrorAlert error={start.error} />
      <TableFrame label={t('regime.resident.reportsHeading')}>
        <Table striped captionSide="top" verticalSpacing="xs" miw={640}>
          <Table.Caption>{t('regime.resident.reportsCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('regime.columns.year')}</Table.Th>
              <Table.Th scope="col">{t('regime.columns.status')}</Table.Th>
              <Table.Th scope="col">{t('regime.columns.dueOn')}</Table.Th>
              <Table.Th scope="col">{t('regime.columns.submittedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reports.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>{t('regime.resident.noReports')}</Table.Td>
              </Table.Tr>
            )}
            {reports.map((report) => (
              <Table.Tr key={report.id} data-testid="report-row">
                <Table.Td>
                  <Anchor component={Link} to={`/app/regime/reports/${report.id}`} fw={600}>
                    {t('regime.resident.reportFor', { year: report.year })}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <ReportStatusBadge status={report.status} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(report.dueOn)}</Table.Td>
                <Table.Td>{report.submittedAt ? formatDateTime(report.submittedAt) : t('common.none')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableFrame>
    </Card>
  );
}

function ProposalsSection({ resident }: { resident: ResidentDetail }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby="proposals-heading">
      <Title order={2} size="h3" id="proposals-heading" mb="sm">
        {t('regime.resident.proposalsHeading')}
      </Title>
      {resident.proposals.length === 0 ? (
        <Text size="sm">{t('regime.resident.noProposals')}</Text>
      ) : (
        <TableFrame label={t('regime.resident.proposalsHeading')}>
          <Table striped captionSide="top" verticalSpacing="xs" miw={640}>
            <Table.Caption>{t('regime.resident.proposalsCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('regime.columns.year')}</Table.Th>
                <Table.Th scope="col">{t('regime.columns.cause')}</Table.Th>
                <Table.Th scope="col">{t('regime.columns.status')}</Table.Th>
                <Table.Th scope="col">{t('regime.columns.decisionReason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {resident.proposals.map((proposal) => (
                <Table.Tr key={proposal.id}>
                  <Table.Td>{proposal.year}</Table.Td>
                  <Table.Td>
                    {t(`regime.proposals.cause.${proposal.cause}`)}
                    {proposal.details.failed && proposal.details.failed.length > 0 && `: ${proposal.details.failed.join(', ')}`}
                  </Table.Td>
                  <Table.Td>
                    <ProposalStatusBadge status={proposal.status} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{proposal.decisionReason ?? t('common.none')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      )}
    </Card>
  );
}

function AppealsSection({ resident }: { resident: ResidentDetail }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby="appeals-heading">
      <Title order={2} size="h3" id="appeals-heading" mb="sm">
        {t('regime.resident.appealsHeading')}
      </Title>
      {resident.appeals.length === 0 ? (
        <Text size="sm">{t('regime.resident.noAppeals')}</Text>
      ) : (
        <TableFrame label={t('regime.resident.appealsHeading')}>
          <Table striped captionSide="top" verticalSpacing="xs" miw={640}>
            <Table.Caption>{t('regime.resident.appealsCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('regime.columns.filedAt')}</Table.Th>
                <Table.Th scope="col">{t('regime.columns.subject')}</Table.Th>
                <Table.Th scope="col">{t('regime.columns.grounds')}</Table.Th>
                <Table.Th scope="col">{t('regime.columns.status')}</Table.Th>
                <Table.Th scope="col">{t('regime.columns.decisionReason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {resident.appeals.map((appeal) => (
                <Table.Tr key={appeal.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(appeal.createdAt)}</Table.Td>
                  <Table.Td>{t(`regime.appeals.subject.${appeal.subjectType}`)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{appeal.grounds}</Table.Td>
                  <Table.Td>
                    <AppealStatusBadge status={appeal.status} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{appeal.decisionReason ?? t('common.none')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      )}
    </Card>
  );
}

function VisibilitySection({ resident, canChange, onSaved }: { resident: ResidentDetail; canChange: boolean; onSaved: (saved: ResidentDetail) => void }) {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: [...REGIME_KEY, 'settings'], queryFn: api.getRegimeSettings, retry: false });
  // Without the settings (a role that may not read them), offer every field: the server still checks.
  const allowed: readonly HideableField[] = settings.data?.hideableFields ?? HIDEABLE_FIELDS;
  const [hidden, setHidden] = useState<string[]>(resident.hiddenFields);
  useEffect(() => setHidden(resident.hiddenFields), [resident.version]);
  const save = useMutation({
    mutationFn: () => api.putResidentVisibility(resident.id, { hiddenFields: hidden as HideableField[], version: resident.version }),
    onSuccess: onSaved,
  });
  return (
    <Card withBorder component="section" aria-labelledby="visibility-heading">
      <Title order={2} size="h3" id="visibility-heading" mb="sm">
        {t('regime.visibility.heading')}
      </Title>
      <Text size="sm" mb="sm">
        {t('regime.visibility.intro')}
      </Text>
      {canChange && resident.status !== 'terminated' && resident.status !== 'exited' ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate();
          }}
        >
          <Stack gap="sm">
            <ErrorAlert error={save.error} />
            {allowed.length === 0 ? (
              <Text size="sm">{t('regime.visibility.noneAllowed')}</Text>
            ) : (
              <Checkbox.Group label={t('regime.visibility.hide')} value={hidden} onChange={setHidden}>
                <Stack gap={6} mt="xs">
                  {allowed.map((field) => (
                    <Checkbox key={field} value={field} label={t(`regime.visibility.field.${field}`)} data-testid={`hide-${field}`} />
                  ))}
                </Stack>
              </Checkbox.Group>
            )}
            <Group>
              <Button type="submit" variant="outline" loading={save.isPending} disabled={allowed.length === 0} data-testid="save-visibility">
                {t('regime.visibility.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Text size="sm" data-testid="hidden-fields">
          {resident.hiddenFields.length === 0
            ? t('regime.visibility.nothingHidden')
            : t('regime.visibility.hidden', { fields: resident.hiddenFields.map((f) => t(`regime.visibility.field.${f}`)).join(', ') })}
        </Text>
      )}
    </Card>
  );
}
