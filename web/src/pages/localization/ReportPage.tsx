// One capacity report: the figures, the imported components, the evidence documents and where it
// stands. Officers confirm a submitted report (it then counts in the gaps) or return it with what to
// correct; the company (or an officer for it) corrects it, which sends it back for confirmation.
import { Alert, Anchor, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, type CapacityReport } from '../../api';
import { useOrganizationDocuments } from '../../components/DocumentChecklist';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Fact, Facts } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { LocalizationNav } from '../../components/LocalizationNav';
import { PageHeading } from '../../components/PageHeading';
import { CapacityReportStatusBadge } from '../../components/StatusBadge';
import { SuccessAlert } from '../../components/SuccessAlert';
import { formatDateTime, formatNumber } from '../../format';
import { CAPACITY_FILERS, LOCALIZATION_OFFICERS, capacityReportKey, categoryUnit, ownCategoryName } from '../../localization';
import { hasAnyRole, useMe } from '../../session';
import { ReportDecisionDialog, type ReportDecision } from './ReportDecision';

export function CapacityReportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const report = useQuery({ queryKey: capacityReportKey(id), queryFn: () => api.getCapacityReport(id) });
  if (report.isPending) return <Loading />;
  if (report.isError) {
    return (
      <Stack>
        <PageHeading documentTitle={t('localization.report.title')}>{t('localization.report.title')}</PageHeading>
        <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />
      </Stack>
    );
  }
  return <ReportView report={report.data} />;
}

function ReportView({ report }: { report: CapacityReport }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const documents = useOrganizationDocuments(report.evidenceDocumentIds.length > 0 ? report.organizationId : null);
  const [decision, setDecision] = useState<ReportDecision | null>(null);
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  useEffect(() => {
    if ((location.state as { notice?: string } | null)?.notice) navigate({ pathname: location.pathname }, { replace: true, state: null });
  }, [location.state]);
  if (!me) return null;
  const unit = categoryUnit(report);
  const officer = hasAnyRole(me.user, LOCALIZATION_OFFICERS);
  const canCorrect = hasAnyRole(me.user, CAPACITY_FILERS);
  const canDecide = officer && report.status === 'submitted';
  // A returned report is corrected from the box that shows why it was returned.
  const correctable = canCorrect && report.status !== 'returned';
  const titles = new Map((documents.data?.items ?? []).map((d) => [d.id, d.title]));
  const heading = t('localization.report.heading', { organization: report.organizationName, category: ownCategoryName(report), period: report.period });

  return (
    <Stack>
      <div>
        <PageHeading documentTitle={t('localization.report.title')}>{heading}</PageHeading>
        <Group gap="xs" mt={-8} wrap="wrap">
          <CapacityReportStatusBadge status={report.status} />
          <Text size="sm">{t('localization.report.submittedAt', { date: formatDateTime(report.submittedAt) })}</Text>
        </Group>
      </div>
      <LocalizationNav />
      <Anchor component={Link} to="/app/localization/reports" size="sm">
        {t('localization.report.back')}
      </Anchor>
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}

      {report.status === 'returned' && (
        <Alert color="orange" variant="light" title={t('localization.report.returnedTitle')} data-testid="returned-reason">
          <Stack gap="xs" align="flex-start">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {report.decisionReason}
            </Text>
            {canCorrect && (
              <Button component={Link} to={`/app/localization/reports/${report.id}/edit`} size="xs" data-testid="correct-report">
                {t('localization.reports.correct')}
              </Button>
            )}
          </Stack>
        </Alert>
      )}

      {(canDecide || correctable) && (
        <Group gap="sm">
          {canDecide && (
            <>
              <Button color="teal.9" onClick={() => setDecision({ report, action: 'confirm' })} data-testid="confirm-report">
                {t('localization.reports.confirm')}
              </Button>
              <Button variant="outline" color="orange" onClick={() => setDecision({ report, action: 'return' })} data-testid="return-report">
                {t('localization.reports.return')}
              </Button>
            </>
          )}
          {correctable && (
            <Button variant="default" component={Link} to={`/app/localization/reports/${report.id}/edit`} data-testid="correct-report">
              {t('localization.reports.correct')}
            </Button>
          )}
        </Group>
      )}

      <Card withBorder component="section" aria-labelledby="report-figures">
        <Title order={2} size="h3" id="report-figures" mb="sm">
          {t('localization.report.figures')}
        </Title>
        <Facts testId="report-facts">
          <Fact label={t('localization.columns.organization')}>{report.organizationName}</Fact>
          <Fact label={t('localization.columns.category')}>{ownCategoryName(report)}</Fact>
          <Fact label={t('localization.columns.period')}>{report.period}</Fact>
          <Fact label={t('localization.columns.output')} testId="report-output-shown">{`${formatNumber(report.domesticOutput)} ${unit}`}</Fact>
          <Fact label={t('localization.columns.capacity')}>{`${formatNumber(report.capacity)} ${unit}`}</Fact>
          <Fact label={t('localization.columns.importedContent')}>{`${report.importedContentPercent} %`}</Fact>
          <Fact label={t('localization.reportForm.components')}>
            {report.importedComponents.length === 0 ? (
              t('common.none')
            ) : (
              <List size="sm">
                {report.importedComponents.map((component) => (
                  <List.Item key={component}>{component}</List.Item>
                ))}
              </List>
            )}
          </Fact>
          <Fact label={t('localization.reportForm.evidence')}>
            {report.evidenceDocumentIds.length === 0 ? (
              t('common.none')
            ) : (
              <List size="sm">
                {report.evidenceDocumentIds.map((documentId, index) => (
                  <List.Item key={documentId}>
                    <Anchor href={api.documentUrl(documentId)} size="sm">
                      {titles.get(documentId) ?? t('localization.report.evidenceN', { n: index + 1 })}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            )}
          </Fact>
          <Fact label={t('localization.reportForm.note')}>{report.note ?? t('common.none')}</Fact>
          <Fact label={t('localization.report.decided')}>
            {report.decidedAt ? [formatDateTime(report.decidedAt), report.decidedBy].filter(Boolean).join(', ') : t('common.none')}
          </Fact>
        </Facts>
      </Card>
      <ReportDecisionDialog
        decision={decision}
        onClose={() => setDecision(null)}
        onDone={(saved) => {
          setDecision(null);
          setNotice(t(saved.status === 'confirmed' ? 'localization.report.confirmedNotice' : 'localization.report.returnedNotice'));
        }}
      />
    </Stack>
  );
}
