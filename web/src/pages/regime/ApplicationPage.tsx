// One application for residency: its status and decision deadline, the figures (a form while it is a
// draft, with the auditor's report picked from the organization's documents), how they
// fare against the rule set in force (a live preview for a draft, the stored check once submitted),
// the actions the server allows the viewer now (refuse and return need a reason), an appeal after a
// refusal, and the history. A grant the server refuses because criteria fail names those criteria.
import { Alert, Anchor, Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, isApiError, newIdempotencyKey, type RegimeApplicationAction, type RegimeApplicationDetail } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EvaluationTable } from '../../components/EvaluationTable';
import { FiguresFields } from '../../components/FiguresFields';
import { FiguresSummary } from '../../components/FiguresSummary';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { ReasonDialog } from '../../components/ReasonDialog';
import { RegimeHistory } from '../../components/RegimeHistory';
import { RegimeNav } from '../../components/RegimeNav';
import { AppealStatusBadge, RegimeApplicationStatusBadge } from '../../components/StatusBadge';
import { SuccessAlert } from '../../components/SuccessAlert';
import { splitFieldErrors } from '../../errors';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import {
  FIGURES_FIELDS,
  FIGURES_RENAMES,
  figureFieldLabel,
  REGIME_FILERS,
  REGIME_KEY,
  figuresErrors,
  figuresInput,
  figuresValues,
  regimeApplicationKey,
  type FiguresValues,
} from '../../regime';
import { hasAnyRole, isCompanyUser, useMe } from '../../session';
import { failingCriteria } from './failing';

const EDITABLE = ['draft'];
const NEEDS_REASON: readonly RegimeApplicationAction[] = ['refuse', 'return'];
const ACTION_COLORS: Partial<Record<RegimeApplicationAction, string>> = { grant: 'teal.9', refuse: 'red', return: 'orange', withdraw: 'gray' };
const DIALOG_COLORS: Partial<Record<RegimeApplicationAction, string>> = { grant: 'teal.9', refuse: 'red' };

export function RegimeApplicationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const application = useQuery({ queryKey: regimeApplicationKey(id), queryFn: () => api.getRegimeApplication(id) });
  if (application.isPending) return <Loading />;
  if (application.isError) {
    return (
      <Stack>
        <PageHeading documentTitle={t('regime.application.title')}>{t('regime.application.title')}</PageHeading>
        <ErrorAlert error={application.error} onRetry={() => void application.refetch()} />
      </Stack>
    );
  }
  return <ApplicationView key={application.data.id} application={application.data} />;
}

function ApplicationView({ application: app }: { application: RegimeApplicationDetail }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  useEffect(() => {
    if ((location.state as { notice?: string } | null)?.notice) {
      navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
    }
  }, [location.state]);
  const [action, setAction] = useState<RegimeApplicationAction | null>(null);
  const [appealing, setAppealing] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const language = currentLanguage();
  const form = useForm<FiguresValues>({ initialValues: figuresValues(app.figures, app.auditorReportDocumentId) });
  // A newer copy from the server (after a save or someone else's change) is what the form shows.
  useEffect(() => {
    const values = figuresValues(app.figures, app.auditorReportDocumentId);
    form.setInitialValues(values);
    form.setValues(values);
    form.resetDirty(values);
  }, [app.version]);

  const canEdit = Boolean(me) && EDITABLE.includes(app.status) && hasAnyRole(me!.user, REGIME_FILERS);
  const company = me ? isCompanyUser(me.user) : false;

  const refresh = (saved: RegimeApplicationDetail) => {
    queryClient.setQueryData(regimeApplicationKey(saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: [...REGIME_KEY, 'applications'] });
  };

  const focusInvalid = () => window.setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);

  /** Checks the form and sends it; null when it is not valid (the errors are then on the fields). */
  const saveFigures = async (): Promise<RegimeApplicationDetail | null> => {
    const values = form.getValues();
    const errors = figuresErrors(t, values, language);
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) {
      focusInvalid();
      return null;
    }
    return api.updateRegimeApplication(app.id, { version: app.version, ...figuresInput(values, language) });
  };

  const save = useMutation({
    mutationFn: saveFigures,
    onSuccess: (saved) => {
      if (!saved) return;
      refresh(saved);
      setNotice(t('regime.application.saved'));
    },
    onError: (error) => {
      form.setErrors(splitFieldErrors(error, FIGURES_FIELDS, { rename: FIGURES_RENAMES }).byField);
      focusInvalid();
    },
  });

  const transition = useMutation({
    mutationFn: async ({ chosen, reason }: { chosen: RegimeApplicationAction; reason: string }) => {
      let version = app.version;
      // Unsaved figures go with the submission, so what is checked is what the company sees.
      if (chosen === 'submit' && canEdit && form.isDirty()) {
        const saved = await saveFigures();
        if (!saved) return null;
        version = saved.version;
      }
      return api.transitionRegimeApplication(app.id, { action: chosen, version, ...(reason ? { reason } : {}) }, idempotencyKey);
    },
    onSuccess: (saved, { chosen }) => {
      setAction(null);
      if (!saved) return;
      refresh(saved);
      void queryClient.invalidateQueries({ queryKey: [...REGIME_KEY, 'residents'] });
      setNotice(t(`regime.application.done.${chosen}`));
    },
    // A submission refused for missing figures marks those fields too.
    onError: (error) => {
      if (canEdit) form.setErrors(splitFieldErrors(error, FIGURES_FIELDS, { rename: FIGURES_RENAMES }).byField);
    },
  });

  const appeals = useQuery({
    queryKey: [...REGIME_KEY, 'appeals', 'all'],
    queryFn: () => api.listAppeals({ limit: 200, offset: 0 }),
    enabled: app.status === 'refused',
  });
  const appeal = appeals.data?.items.find((a) => a.subjectType === 'application' && a.subjectId === app.id);
  const fileAppeal = useMutation({
    mutationFn: (grounds: string) => api.createAppeal({ subjectType: 'application', subjectId: app.id, grounds }, idempotencyKey),
    onSuccess: () => {
      setAppealing(false);
      setNotice(t('regime.appeals.filed'));
      void queryClient.invalidateQueries({ queryKey: [...REGIME_KEY, 'appeals'] });
    },
  });

  const open = (chosen: RegimeApplicationAction) => {
    transition.reset();
    setIdempotencyKey(newIdempotencyKey());
    setNotice(null);
    setAction(chosen);
  };

  if (!me) return null;
  const failing = failingCriteria(transition.error);
  const outdated = isApiError(transition.error, 'conflict') || isApiError(transition.error, 'invalid_transition');
  const canAppeal = company && app.status === 'refused' && appeals.isSuccess && !appeal;

  return (
    <Stack>
      <div>
        <PageHeading documentTitle={t('regime.application.title')}>{t('regime.application.heading', { name: app.organizationName })}</PageHeading>
        <Group gap="xs" mt={-8} wrap="wrap">
          <RegimeApplicationStatusBadge status={app.status} />
          {app.overdue && (
            <Badge color="red" variant="filled" tt="none" miw="max-content">
              {t('regime.overdue')}
            </Badge>
          )}
          {app.decisionDueAt && <Text size="sm">{t('regime.application.decisionDue', { date: formatDateTime(app.decisionDueAt) })}</Text>}
        </Group>
      </div>
      <RegimeNav />

      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}

      {['refused', 'returned'].includes(app.status) && app.decisionReason && (
        <Alert
          color={app.status === 'returned' ? 'orange' : 'red'}
          variant="light"
          title={app.status === 'returned' ? t('regime.application.returnedReason') : t('regime.application.refusedReason')}
          data-testid="decision-reason"
        >
          <Text style={{ whiteSpace: 'pre-wrap' }}>{app.decisionReason}</Text>
          {app.status === 'returned' && company && (
            <Text size="sm" mt="xs">
              {t('regime.application.returnedNext')}
            </Text>
          )}
        </Alert>
      )}

      {app.status === 'granted' && app.residentId && (
        <Alert color="green" variant="light" title={t('regime.application.grantedTitle')} data-testid="granted">
          <Anchor component={Link} to={`/app/regime/residents/${app.residentId}`} c="inherit" underline="always" fw={600} data-testid="open-resident">
            {t('regime.application.openResident')}
          </Anchor>
        </Alert>
      )}

      {(app.allowedActions.length > 0 || canAppeal || appeal) && (
        <Card withBorder component="section" aria-labelledby="actions-heading">
          <Title order={2} size="h4" id="actions-heading" mb="sm">
            {t('regime.application.actionsHeading')}
          </Title>
          <Group gap="sm">
            {app.allowedActions.map((allowed) => (
              <Button
                key={allowed}
                color={ACTION_COLORS[allowed]}
                variant={allowed === 'grant' || allowed === 'submit' ? 'filled' : 'outline'}
                onClick={() => open(allowed)}
                data-testid={`action-${allowed}`}
              >
                {t(`regime.application.action.${allowed}`)}
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
                data-testid="action-appeal"
              >
                {t('regime.appeals.file')}
              </Button>
            )}
          </Group>
          {appeal && (
            <Group gap="xs" mt="sm" data-testid="application-appeal">
              <Text size="sm">{t('regime.appeals.yourAppeal', { date: formatDateTime(appeal.createdAt) })}</Text>
              <AppealStatusBadge status={appeal.status} />
            </Group>
          )}
          {action === null && transition.error != null && (
            <Stack mt="sm" gap="xs">
              <ErrorAlert error={transition.error} />
              {outdated && (
                <Group>
                  <Button size="xs" variant="subtle" onClick={() => void queryClient.invalidateQueries({ queryKey: regimeApplicationKey(app.id) })}>
                    {t('profileTab.reload')}
                  </Button>
                </Group>
              )}
            </Stack>
          )}
        </Card>
      )}

      <Card withBorder component="section" aria-labelledby="figures-heading">
        <Title order={2} size="h3" id="figures-heading" mb="sm">
          {t('regime.figures.heading')}
        </Title>
        {canEdit ? (
          <form
            noValidate
            aria-labelledby="figures-heading"
            onSubmit={(event) => {
              event.preventDefault();
              setNotice(null);
              save.mutate();
            }}
          >
            <Stack>
              <Text size="sm">{t('regime.figures.intro')}</Text>
              {save.error != null && (
                <ErrorAlert
                  error={save.error}
                  fieldErrors={splitFieldErrors(save.error, FIGURES_FIELDS, { rename: FIGURES_RENAMES }).other}
                  fieldLabel={(field) => figureFieldLabel(t, field)}
                />
              )}
              <FiguresFields form={form} organizationId={app.organizationId} />
              <Group justify="flex-end">
                <Button type="submit" variant="outline" loading={save.isPending} data-testid="save-figures">
                  {t('regime.figures.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <FiguresSummary figures={app.figures} organizationId={app.organizationId} auditorReportDocumentId={app.auditorReportDocumentId} />
        )}
      </Card>

      <Card withBorder component="section" aria-labelledby="evaluation-heading">
        <Title order={2} size="h3" id="evaluation-heading" mb="sm">
          {t('regime.evaluation.heading')}
        </Title>
        {app.evaluation ? (
          <EvaluationTable evaluation={app.evaluation} preview={app.evaluationIsPreview} />
        ) : (
          <Text size="sm">{t('regime.evaluation.none')}</Text>
        )}
      </Card>

      <RegimeHistory transitions={app.transitions} statusLabel={(status) => t(`regime.applicationStatus.${status as 'draft'}`, { defaultValue: status })} />

      <ReasonDialog
        opened={action !== null}
        title={action ? t(`regime.application.action.${action}`) : ''}
        text={action ? t(`regime.application.confirm.${action}`) : undefined}
        label={action && NEEDS_REASON.includes(action) ? t('regime.reason') : t('regime.note')}
        description={action && NEEDS_REASON.includes(action) ? t('regime.reasonHelp') : t('regime.noteHelp')}
        required={action !== null && NEEDS_REASON.includes(action)}
        confirmLabel={action ? t(`regime.application.action.${action}`) : ''}
        confirmColor={action ? DIALOG_COLORS[action] : undefined}
        pending={transition.isPending}
        error={transition.error}
        onConfirm={(reason) => action && transition.mutate({ chosen: action, reason })}
        onClose={() => setAction(null)}
        fieldLabel={(field) => figureFieldLabel(t, field)}
      >
        {failing.length > 0 && (
          <Alert color="red" variant="light" title={t('regime.application.failingTitle')} data-testid="failing-criteria">
            <List size="sm">
              {failing.map((item) => (
                <List.Item key={item}>{item}</List.Item>
              ))}
            </List>
          </Alert>
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
