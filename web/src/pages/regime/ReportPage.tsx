// A resident's annual compliance report: the figures (a form while it is a draft), how they fare
// against the rule set in force (a live preview until it is submitted, the stored check after), and
// the submission, which records it as accepted or failed; a failed report opens a suspension
// proposal for an officer.
import { Alert, Anchor, Button, Card, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, newIdempotencyKey, type RegimeReport } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EvaluationTable } from '../../components/EvaluationTable';
import { FiguresFields } from '../../components/FiguresFields';
import { FiguresSummary } from '../../components/FiguresSummary';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { RegimeNav } from '../../components/RegimeNav';
import { ReportStatusBadge } from '../../components/StatusBadge';
import { SuccessAlert } from '../../components/SuccessAlert';
import { splitFieldErrors } from '../../errors';
import { formatDate, formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import {
  bilingual,
  FIGURES_FIELDS,
  FIGURES_RENAMES,
  figureFieldLabel,
  REGIME_FILERS,
  REGIME_KEY,
  figuresErrors,
  figuresInput,
  figuresValues,
  reportKey,
  residentKey,
  type FiguresValues,
} from '../../regime';
import { hasAnyRole, useMe } from '../../session';

export function ReportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const report = useQuery({ queryKey: reportKey(id), queryFn: () => api.getReport(id) });
  if (report.isPending) return <Loading />;
  if (report.isError) {
    return (
      <Stack>
        <PageHeading documentTitle={t('regime.report.title')}>{t('regime.report.title')}</PageHeading>
        <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />
      </Stack>
    );
  }
  return <ReportView key={report.data.id} report={report.data} />;
}

function ReportView({ report }: { report: RegimeReport }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const language = currentLanguage();
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  useEffect(() => {
    if ((location.state as { notice?: string } | null)?.notice) {
      navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
    }
  }, [location.state]);
  const [confirming, setConfirming] = useState(false);
  const form = useForm<FiguresValues>({ initialValues: figuresValues(report.figures, report.auditorReportDocumentId) });
  useEffect(() => {
    const values = figuresValues(report.figures, report.auditorReportDocumentId);
    form.setInitialValues(values);
    form.setValues(values);
    form.resetDirty(values);
  }, [report.version]);

  const canEdit = Boolean(me) && report.status === 'draft' && hasAnyRole(me!.user, REGIME_FILERS);

  const refresh = (saved: RegimeReport) => {
    queryClient.setQueryData(reportKey(saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: residentKey(saved.residentId) });
    void queryClient.invalidateQueries({ queryKey: [...REGIME_KEY, 'compliance'] });
  };
  const focusInvalid = () => window.setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);

  const saveFigures = async (): Promise<RegimeReport | null> => {
    const values = form.getValues();
    const errors = figuresErrors(t, values, language);
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) {
      focusInvalid();
      return null;
    }
    return api.updateReport(report.id, { version: report.version, ...figuresInput(values, language) });
  };
  const onFieldErrors = (error: unknown) => {
    form.setErrors(splitFieldErrors(error, FIGURES_FIELDS, { rename: FIGURES_RENAMES }).byField);
    focusInvalid();
  };

  const save = useMutation({
    mutationFn: saveFigures,
    onSuccess: (saved) => {
      if (!saved) return;
      refresh(saved);
      setNotice(t('regime.report.saved'));
    },
    onError: onFieldErrors,
  });

  const submit = useMutation({
    mutationFn: async () => {
      let version = report.version;
      if (form.isDirty()) {
        const saved = await saveFigures();
        if (!saved) return null;
        version = saved.version;
      }
      return api.submitReport(report.id, version, newIdempotencyKey());
    },
    onSuccess: (saved) => {
      setConfirming(false);
      if (!saved) return;
      refresh(saved);
      void queryClient.invalidateQueries({ queryKey: [...REGIME_KEY, 'proposals'] });
      setNotice(saved.status === 'accepted' ? t('regime.report.accepted') : t('regime.report.failedNotice'));
    },
    onError: (error) => {
      setConfirming(false);
      onFieldErrors(error);
    },
  });

  if (!me) return null;
  const failed = report.status === 'failed' && report.evaluation ? report.evaluation.criteria.filter((c) => c.outcome !== 'pass') : [];
  const title = t('regime.report.heading', { year: report.year, name: report.organizationName });

  return (
    <Stack>
      <div>
        <PageHeading documentTitle={t('regime.report.title')}>{title}</PageHeading>
        <Group gap="xs" mt={-8} wrap="wrap">
          <ReportStatusBadge status={report.status} />
          <Text size="sm">{t('regime.report.dueOn', { date: formatDate(report.dueOn) })}</Text>
          {report.submittedAt && <Text size="sm">{t('regime.report.submittedAt', { date: formatDateTime(report.submittedAt) })}</Text>}
        </Group>
      </div>
      <RegimeNav />
      <Anchor component={Link} to={`/app/regime/residents/${report.residentId}`} size="sm">
        {t('regime.report.backToResident', { name: report.organizationName })}
      </Anchor>

      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}

      {report.status === 'failed' && (
        <Alert color="red" variant="light" title={t('regime.report.failedTitle')} data-testid="report-failed">
          <Stack gap={4}>
            <Text size="sm">{t('regime.report.failedText')}</Text>
            <List size="sm">
              {failed.map((criterion) => (
                <List.Item key={criterion.key}>{bilingual(criterion.label)}</List.Item>
              ))}
            </List>
          </Stack>
        </Alert>
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
              <Text size="sm">{t('regime.report.intro')}</Text>
              {(save.error ?? submit.error) != null && (
                <ErrorAlert
                  error={save.error ?? submit.error}
                  fieldErrors={splitFieldErrors(save.error ?? submit.error, FIGURES_FIELDS, { rename: FIGURES_RENAMES }).other}
                  fieldLabel={(field) => figureFieldLabel(t, field)}
                />
              )}
              <FiguresFields form={form} organizationId={report.organizationId} />
              <Group justify="flex-end">
                <Button type="submit" variant="outline" loading={save.isPending} data-testid="save-figures">
                  {t('regime.figures.save')}
                </Button>
                <Button
                  onClick={() => {
                    submit.reset();
                    save.reset();
                    setConfirming(true);
                  }}
                  data-testid="submit-report"
                >
                  {t('regime.report.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <FiguresSummary figures={report.figures} organizationId={report.organizationId} auditorReportDocumentId={report.auditorReportDocumentId} />
        )}
      </Card>

      <Card withBorder component="section" aria-labelledby="evaluation-heading">
        <Title order={2} size="h3" id="evaluation-heading" mb="sm">
          {t('regime.evaluation.heading')}
        </Title>
        {report.evaluation ? (
          <EvaluationTable evaluation={report.evaluation} preview={report.evaluationIsPreview} />
        ) : (
          <Text size="sm">{t('regime.evaluation.none')}</Text>
        )}
      </Card>

      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('regime.report.submit')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack>
          <Text>{t('regime.report.confirmSubmit', { year: report.year })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => submit.mutate()} loading={submit.isPending} data-testid="confirm-submit-report" data-autofocus>
              {t('regime.report.submit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
