// One membership application: its status and deadline, the officer's reason when it was returned or
// rejected, the localization plan, the documents, the history, and the actions the server says the
// viewer may take now (each with a reason where the company must be told why). While it is in
// screening, staff see the organization's screening status; an action sanctions screening refuses
// (409 with `screening`) is explained, with a link to the organization's cases.
import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import {
  ACTIONS_NEEDING_REASON,
  api,
  isApiError,
  newIdempotencyKey,
  type MembershipAction,
  type MembershipApplicationDetail,
  type OrganizationScreening,
} from '../api';
import { capabilityNames, useCapabilities } from '../capabilities';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { Mono } from '../components/Mono';
import { PageHeading } from '../components/PageHeading';
import { ReasonDialog } from '../components/ReasonDialog';
import { MembershipStatusBadge, OrganizationScreeningBadge } from '../components/StatusBadge';
import { SuccessAlert } from '../components/SuccessAlert';
import { formatDate, formatDateTime } from '../format';
import { formatMoney } from '../money';
import { regionName } from '../regions';
import { organizationScreeningKey, screeningBlock } from '../screening';
import { hasAnyRole, SCREENING_CASE_READERS, SCREENING_STATUS_READERS, useMe } from '../session';

const EDITABLE = ['draft', 'returned'];
const REASON_SHOWN = ['returned', 'rejected', 'suspended', 'terminated'];
// Outline buttons darken their text to pass contrast; the dialogs' filled buttons use shades that
// keep white text at 4.5:1 or more (teal 9, red 8), and the primary blue where none does (orange).
const ACTION_COLORS: Partial<Record<MembershipAction, string>> = {
  approve: 'teal.9',
  clear_screening: 'teal.9',
  reject: 'red',
  terminate: 'red',
  return: 'orange',
  suspend: 'orange',
};
const DIALOG_COLORS: Partial<Record<MembershipAction, string>> = {
  approve: 'teal.9',
  clear_screening: 'teal.9',
  reject: 'red',
  terminate: 'red',
};

export function ApplicationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  // The notice came with the navigation: forget it there, so a reload does not show it again.
  useEffect(() => {
    if ((location.state as { notice?: string } | null)?.notice) {
      navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
    }
  }, [location.state]);
  const [action, setAction] = useState<MembershipAction | null>(null);
  // One key per opened dialog: a retry of the same decision is answered once.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  const application = useQuery({ queryKey: ['applications', 'detail', id], queryFn: () => api.getApplication(id) });

  const transition = useMutation({
    mutationFn: ({ chosen, reason }: { chosen: MembershipAction; reason: string }) =>
      api.transitionApplication(
        id,
        { action: chosen, version: application.data?.version ?? 0, ...(reason ? { reason } : {}) },
        idempotencyKey,
      ),
    onSuccess: (saved, { chosen }) => {
      queryClient.setQueryData(['applications', 'detail', id], saved);
      void queryClient.invalidateQueries({ queryKey: ['applications', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['applications', 'organization'] });
      setAction(null);
      setNotice(t(`application.done.${chosen}`));
    },
  });

  const open = (chosen: MembershipAction) => {
    transition.reset();
    setIdempotencyKey(newIdempotencyKey());
    setNotice(null);
    setAction(chosen);
  };

  if (!me) return null;
  if (application.isPending) return <Loading />;
  if (application.isError) {
    return (
      <Stack>
        <PageHeading documentTitle={t('application.title')}>{t('application.title')}</PageHeading>
        <ErrorAlert error={application.error} onRetry={() => void application.refetch()} />
      </Stack>
    );
  }
  const app = application.data;
  const canEdit = EDITABLE.includes(app.status) && hasAnyRole(me.user, ['company', 'officer', 'admin']);
  // Sanctions screening refused the action (open cases, or a confirmed match): say so and lead to the cases.
  const blocked = screeningBlock(transition.error);
  const canReadCases = hasAnyRole(me.user, SCREENING_CASE_READERS);
  // A stale version (someone acted meanwhile) or a state that no longer allows the action: reload.
  const outdated = !blocked && (isApiError(transition.error, 'conflict') || isApiError(transition.error, 'invalid_transition'));

  return (
    <Stack>
      <div>
        <PageHeading documentTitle={t('application.title')}>
          {t('application.heading', { name: app.organizationName })}
        </PageHeading>
        <Group gap="xs" mt={-8}>
          <MembershipStatusBadge status={app.status} />
          {app.overdue && (
            <Badge color="red" variant="filled" tt="none" miw="max-content">
              {t('membership.overdue')}
            </Badge>
          )}
          {app.dueAt && <Text size="sm">{t('application.dueAt', { date: formatDateTime(app.dueAt) })}</Text>}
        </Group>
      </div>

      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}

      {REASON_SHOWN.includes(app.status) && app.decisionReason && (
        <Alert
          color={app.status === 'returned' ? 'orange' : 'red'}
          variant="light"
          title={t(`application.reasonTitle.${app.status as 'returned'}`)}
          data-testid="decision-reason"
        >
          <Text style={{ whiteSpace: 'pre-wrap' }}>{app.decisionReason}</Text>
        </Alert>
      )}

      {app.status === 'screening' && (
        <Alert color="violet" variant="light" title={t('application.screeningTitle')} data-testid="application-screening">
          <Stack gap="xs">
            <Text size="sm">
              {app.screening.mode === 'manual' ? t('application.screeningManual') : t('application.screeningAutomatic')}
            </Text>
            {hasAnyRole(me.user, SCREENING_STATUS_READERS) && (
              <OrganizationScreeningLine organizationId={app.organizationId} canReadCases={canReadCases} />
            )}
          </Stack>
        </Alert>
      )}

      {(app.allowedActions.length > 0 || canEdit) && (
        <Card withBorder component="section" aria-labelledby="actions-heading">
          <Title order={2} size="h4" id="actions-heading" mb="sm">
            {t('application.actionsHeading')}
          </Title>
          <Group gap="sm">
            {canEdit && (
              <Button variant="default" component={Link} to={`/app/membership/applications/${app.id}/edit`} data-testid="edit-application">
                {t('application.edit')}
              </Button>
            )}
            {app.allowedActions.map((allowed) => (
              <Button
                key={allowed}
                color={ACTION_COLORS[allowed]}
                variant={allowed === 'approve' || allowed === 'submit' ? 'filled' : 'outline'}
                onClick={() => open(allowed)}
                data-testid={`action-${allowed}`}
              >
                {t(`application.action.${allowed}`)}
              </Button>
            ))}
          </Group>
          {blocked && action === null && (
            <ScreeningBlockAlert screening={blocked} organizationId={app.organizationId} canReadCases={canReadCases} />
          )}
          {outdated && (
            <Group mt="sm">
              <Button size="xs" variant="subtle" onClick={() => void application.refetch()}>
                {t('profileTab.reload')}
              </Button>
            </Group>
          )}
        </Card>
      )}

      <PlanDetails application={app} />
      <History application={app} />

      <ReasonDialog
        opened={action !== null}
        title={action ? t(`application.action.${action}`) : ''}
        text={action ? t(`application.confirm.${action}`) : undefined}
        label={action && ACTIONS_NEEDING_REASON.includes(action) ? t('application.reason') : t('application.note')}
        description={action && ACTIONS_NEEDING_REASON.includes(action) ? t('application.reasonHelp') : t('application.noteHelp')}
        required={action !== null && ACTIONS_NEEDING_REASON.includes(action)}
        confirmLabel={action ? t(`application.action.${action}`) : ''}
        confirmColor={action ? DIALOG_COLORS[action] : undefined}
        pending={transition.isPending}
        error={blocked ? null : transition.error}
        onConfirm={(reason) => action && transition.mutate({ chosen: action, reason })}
        onClose={() => setAction(null)}
        fieldLabel={(field) => planFieldLabel(t, field)}
      >
        {blocked && <ScreeningBlockAlert screening={blocked} organizationId={app.organizationId} canReadCases={canReadCases} />}
      </ReasonDialog>
    </Stack>
  );
}

/** Why sanctions screening refused an action (409 with `screening`), with the way to the cases for those who decide them. */
function ScreeningBlockAlert({ screening, organizationId, canReadCases }: { screening: OrganizationScreening; organizationId: string; canReadCases: boolean }) {
  const { t } = useTranslation();
  const confirmed = screening.status === 'confirmed_hit';
  return (
    <Alert color="red" variant="light" role="alert" title={t('application.screeningBlockedTitle')} mt="sm" data-testid="screening-blocked">
      <Stack gap="xs">
        <Text size="sm">
          {confirmed
            ? t('application.screeningBlocked.confirmed_hit', { confirmed: screening.confirmedCases })
            : t('application.screeningBlocked.open_cases', { open: screening.openCases })}
        </Text>
        {canReadCases && (
          <Anchor component={Link} to={`/app/screening?organizationId=${encodeURIComponent(organizationId)}${confirmed ? '&status=confirmed' : ''}`} size="sm" c="inherit" underline="always" fw={600}>
            {t('application.screeningCases')}
          </Anchor>
        )}
      </Stack>
    </Alert>
  );
}

/** The organization's current screening status, in words, inside the screening notice. */
function OrganizationScreeningLine({ organizationId, canReadCases }: { organizationId: string; canReadCases: boolean }) {
  const { t } = useTranslation();
  const status = useQuery({ queryKey: organizationScreeningKey(organizationId), queryFn: () => api.organizationScreening(organizationId) });
  if (!status.data) return null;
  return (
    <Group gap="sm" wrap="wrap">
      <Text size="sm" fw={600}>
        {t('application.screeningStatus')}
      </Text>
      <OrganizationScreeningBadge status={status.data.status} />
      {/* In the alert's own (contrast-checked) text colour, underlined: a link by its underline, not its colour. */}
      {canReadCases && (
        <Anchor component={Link} to={`/app/screening?organizationId=${encodeURIComponent(organizationId)}`} size="sm" c="inherit" underline="always" fw={600} data-testid="application-screening-cases">
          {t('application.screeningCases')}
        </Anchor>
      )}
    </Group>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

function PlanDetails({ application: app }: { application: MembershipApplicationDetail }) {
  const { t, i18n } = useTranslation();
  const capabilities = useCapabilities();
  const none = t('common.none');
  const documents = useQuery({
    queryKey: ['organizations', 'documents', app.organizationId, 'all'],
    queryFn: () => api.listDocuments(app.organizationId, { limit: 200, offset: 0 }),
    enabled: app.documentIds.length > 0,
  });
  // The partner may be outside what a company user can read: then only its id is shown.
  const partner = useQuery({
    queryKey: ['organizations', 'detail', app.localPartnerOrganizationId ?? ''],
    queryFn: () => api.getOrganization(app.localPartnerOrganizationId ?? ''),
    enabled: Boolean(app.localPartnerOrganizationId),
    retry: false,
  });
  const byId = new Map((documents.data?.items ?? []).map((d) => [d.id, d]));

  return (
    <Card withBorder component="section" aria-labelledby="plan-heading">
      <Title order={2} size="h3" id="plan-heading" mb="sm">
        {t('application.planHeading')}
      </Title>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: 3 }} spacing="md" verticalSpacing="sm" m={0}>
        <Item label={t('application.organization')}>
          <Anchor component={Link} to={`/app/organizations/${app.organizationId}`}>
            {app.organizationName}
          </Anchor>
        </Item>
        <Item label={t('applicationForm.localPartner')}>
          {!app.localPartnerOrganizationId ? (
            none
          ) : partner.data ? (
            <Anchor component={Link} to={`/app/organizations/${partner.data.id}`}>
              {partner.data.name}
            </Anchor>
          ) : (
            <Mono>{app.localPartnerOrganizationId}</Mono>
          )}
        </Item>
        <Item label={t('applicationForm.siteOblast')}>{regionName(app.siteOblast) || none}</Item>
        <Item label={t('applicationForm.siteCity')}>{app.siteCity ?? none}</Item>
        <Item label={t('applicationForm.investment')}>
          <span data-testid="investment-shown">{formatMoney(app.investmentMinor, app.investmentCurrency, i18n.resolvedLanguage === 'en' ? 'en' : 'uk') || none}</span>
        </Item>
        <Item label={t('applicationForm.jobs')}>{app.jobs ?? none}</Item>
        <Item label={t('applicationForm.plannedStart')}>{app.plannedStart ? formatDate(app.plannedStart) : none}</Item>
        <Item label={t('application.submittedAt')}>{app.submittedAt ? formatDateTime(app.submittedAt) : none}</Item>
        <Item label={t('application.memberSince')}>{app.memberSince ? formatDate(app.memberSince) : none}</Item>
      </SimpleGrid>
      <Stack component="dl" gap="sm" mt="md" mb={0}>
        <Item label={t('applicationForm.capabilities')}>
          {app.capabilities.length ? capabilityNames(capabilities.data, app.capabilities).join(', ') : none}
        </Item>
        <Item label={t('applicationForm.planSummary')}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{app.planSummary ?? none}</span>
        </Item>
        <Item label={t('applicationForm.documents')}>
          {app.documentIds.length === 0
            ? none
            : app.documentIds.map((documentId) => {
                const document = byId.get(documentId);
                return (
                  <Text key={documentId} component="span" display="block">
                    <Anchor href={api.documentUrl(documentId)} download={document?.fileName}>
                      {document ? document.title : documentId}
                    </Anchor>
                    {document && ` (${t(`documentType.${document.documentType}`)})`}
                  </Text>
                );
              })}
        </Item>
      </Stack>
    </Card>
  );
}

function History({ application: app }: { application: MembershipApplicationDetail }) {
  const { t } = useTranslation();
  const steps = [...app.transitions].reverse();
  return (
    <Card withBorder component="section" aria-labelledby="history-heading">
      <Title order={2} size="h3" id="history-heading" mb="md">
        {t('application.historyHeading')}
      </Title>
      <Timeline active={steps.length} bulletSize={18} lineWidth={2} data-testid="history">
        {steps.map((step) => (
          <Timeline.Item
            key={step.id}
            title={
              step.from
                ? t('application.historyStep', {
                    from: t(`membershipStatus.${step.from}`),
                    to: t(`membershipStatus.${step.to}`),
                  })
                : t('application.historyCreated')
            }
          >
            <Text size="sm">
              {formatDateTime(step.occurredAt)} · {actorLabel(step.actorLabel, t)}
            </Text>
            {step.reason && (
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                <Text span fw={600}>
                  {REASON_SHOWN.includes(step.to) ? t('application.reason') : t('application.note')}:{' '}
                </Text>
                {step.reason}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}

const PLAN_FIELD_LABELS = {
  localPartnerOrganizationId: 'applicationForm.localPartner',
  siteOblast: 'applicationForm.siteOblast',
  siteCity: 'applicationForm.siteCity',
  investmentMinor: 'applicationForm.investment',
  investmentCurrency: 'applicationForm.currency',
  jobs: 'applicationForm.jobs',
  capabilities: 'applicationForm.capabilities',
  plannedStart: 'applicationForm.plannedStart',
  planSummary: 'applicationForm.planSummary',
  documentIds: 'applicationForm.documents',
} as const;

/** The form's label for a plan field the server names (a submission refused as incomplete lists them). */
function planFieldLabel(t: TFunction, field: string): string | undefined {
  const name = field.replace(/^body[./]/, '') as keyof typeof PLAN_FIELD_LABELS;
  return name in PLAN_FIELD_LABELS ? t(PLAN_FIELD_LABELS[name]) : undefined;
}

/** The server names automatic steps "system" and hides staff from companies as "ADI staff". */
function actorLabel(label: string, t: TFunction): string {
  if (label === 'system') return t('application.actorSystem');
  if (label === 'ADI staff') return t('application.actorStaff');
  return label;
}
