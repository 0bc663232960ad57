// Capacity reports. A company sees its own, files a new one and corrects one that was returned (the
// officer's reason is shown). Officers and auditors get the queue, submitted reports first by
// default, filtered by status, category, period and organization; officers confirm or return them
// here or on a report's page, and may file a paper report for a company.
import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, CAPACITY_REPORT_STATUSES, type CapacityReport } from '../../api';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { LocalizationNav } from '../../components/LocalizationNav';
import { NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { PeriodPicker } from '../../components/PeriodPicker';
import { CapacityReportStatusBadge } from '../../components/StatusBadge';
import { SuccessAlert } from '../../components/SuccessAlert';
import { formatDateTime, formatNumber } from '../../format';
import { CAPACITY_FILERS, LOCALIZATION_KEY, LOCALIZATION_OFFICERS, categoryOptions, categoryUnit, columnsOf, ownCategoryName, useLocalizationCategories } from '../../localization';
import { hasAnyRole, isCompanyUser, useMe } from '../../session';
import { RegisterYourCompanyPage } from '../OrganizationsPage';
import { ReportDecisionDialog, type ReportDecision } from './ReportDecision';

const PAGE_SIZE = 20;

export function CapacityReportsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  const company = isCompanyUser(me.user);
  if (company && !me.user.organizationId) {
    return <RegisterYourCompanyPage title={t('localization.reports.companyTitle')} />;
  }
  return <ReportList company={company} officer={hasAnyRole(me.user, LOCALIZATION_OFFICERS)} canFile={hasAnyRole(me.user, CAPACITY_FILERS)} />;
}

function ReportList({ company, officer, canFile }: { company: boolean; officer: boolean; canFile: boolean }) {
  const { t } = useTranslation();
  const categories = useLocalizationCategories();
  const [status, setStatus] = useState<string>(company ? '' : 'submitted');
  const [category, setCategory] = useState('');
  const [period, setPeriod] = useState('');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [offset, setOffset] = useState(0);
  const [decision, setDecision] = useState<ReportDecision | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const reports = useQuery({
    queryKey: [...LOCALIZATION_KEY, 'reports', { status, category, period, q, offset }],
    queryFn: () => api.listCapacityReports({ status, category, period, q, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  const filter = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setOffset(0);
  };
  const title = company ? t('localization.reports.companyTitle') : t('localization.reports.queueTitle');

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageHeading documentTitle={title}>{title}</PageHeading>
        {canFile && (
          <Button component={Link} to="/app/localization/reports/new" variant={company ? 'filled' : 'default'} data-testid="new-capacity-report">
            {company ? t('localization.reports.new') : t('localization.reports.fileForCompany')}
          </Button>
        )}
      </Group>
      <LocalizationNav />
      <Text maw={760}>{company ? t('localization.reports.companyIntro') : t('localization.reports.queueIntro')}</Text>
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}

      <Group align="flex-end" role="search" aria-label={t('localization.reports.filters')} wrap="wrap">
        {!company && (
          <TextInput
            label={t('localization.reports.search')}
            type="search"
            maxLength={200}
            value={search}
            onChange={(event) => filter(setSearch)(event.currentTarget.value)}
            style={{ flex: '1 1 220px' }}
          />
        )}
        <NativeSelect
          label={t('localization.columns.status')}
          data={[{ value: '', label: t('localization.reports.anyStatus') }, ...CAPACITY_REPORT_STATUSES.map((s) => ({ value: s, label: t(`localization.reportStatus.${s}`) }))]}
          value={status}
          onChange={(event) => filter(setStatus)(event.currentTarget.value)}
          data-testid="reports-status-filter"
        />
        <NativeSelect
          label={t('localization.columns.category')}
          data={[{ value: '', label: t('localization.anyCategory') }, ...categoryOptions(categories.data ?? [], true)]}
          value={category}
          onChange={(event) => filter(setCategory)(event.currentTarget.value)}
          style={{ flex: '1 1 220px' }}
        />
        <PeriodPicker value={period} onChange={filter(setPeriod)} legend={t('localization.reports.filterPeriod')} anyLabel={t('localization.period.any')} testId="reports-filter-period" />
      </Group>

      {reports.isPending ? (
        <Loading />
      ) : reports.isError ? (
        <ErrorAlert error={reports.error} onRetry={() => void reports.refetch()} />
      ) : (
        <>
          <DataTable
            caption={company ? t('localization.reports.companyCaption') : t('localization.reports.queueCaption')}
            columns={[
              ...columnsOf(t, company ? ['category', 'period'] : ['organization', 'category', 'period']),
              ...columnsOf(t, ['output', 'capacity', 'importedContent'], true),
              ...columnsOf(t, company ? ['status', 'submittedAt', 'decision'] : ['status', 'submittedAt']),
              ...(officer ? [{ label: t('common.actions') }] : []),
            ]}
            minWidth={1000}
            verticalSpacing="sm"
            testId="capacity-reports"
            isEmpty={reports.data.items.length === 0}
            empty={company ? t('localization.reports.noneCompany') : t('localization.reports.none')}
          >
            {reports.data.items.map((report) => (
              <ReportRow key={report.id} report={report} company={company} officer={officer} onDecide={setDecision} />
            ))}
          </DataTable>
          <Pager total={reports.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={title} />
        </>
      )}
      <ReportDecisionDialog
        decision={decision}
        onClose={() => setDecision(null)}
        onDone={(saved) => {
          setDecision(null);
          setNotice(
            t(saved.status === 'confirmed' ? 'localization.reports.confirmed' : 'localization.reports.returned', {
              subject: t('localization.reports.subject', { organization: saved.organizationName, category: ownCategoryName(saved), period: saved.period }),
            }),
          );
        }}
      />
    </Stack>
  );
}

function ReportRow({ report, company, officer, onDecide }: { report: CapacityReport; company: boolean; officer: boolean; onDecide: (decision: ReportDecision) => void }) {
  const { t } = useTranslation();
  const link = `/app/localization/reports/${report.id}`;
  const unit = categoryUnit(report);
  const subject = t('localization.reports.subject', { organization: report.organizationName, category: ownCategoryName(report), period: report.period });
  return (
    <Table.Tr data-testid="capacity-report-row">
      {!company && (
        <Table.Td>
          <Anchor component={Link} to={link} fw={600}>
            {report.organizationName}
          </Anchor>
        </Table.Td>
      )}
      <Table.Td>
        {company ? (
          <Anchor component={Link} to={link} fw={600}>
            {ownCategoryName(report)}
          </Anchor>
        ) : (
          ownCategoryName(report)
        )}
      </Table.Td>
      <Table.Td>{report.period}</Table.Td>
      <Table.Td style={NUMERIC}>{`${formatNumber(report.domesticOutput)} ${unit}`}</Table.Td>
      <Table.Td style={NUMERIC}>{`${formatNumber(report.capacity)} ${unit}`}</Table.Td>
      <Table.Td style={NUMERIC}>{`${report.importedContentPercent} %`}</Table.Td>
      <Table.Td>
        <CapacityReportStatusBadge status={report.status} />
      </Table.Td>
      <Table.Td>{formatDateTime(report.submittedAt)}</Table.Td>
      {company && (
        <Table.Td maw={320}>
          {report.status === 'returned' ? (
            <Stack gap={4} align="flex-start">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {report.decisionReason}
              </Text>
              <Anchor component={Link} to={`${link}/edit`} size="sm" data-testid="correct-report">
                {t('localization.reports.correct')}
              </Anchor>
            </Stack>
          ) : report.decidedAt ? (
            formatDateTime(report.decidedAt)
          ) : (
            t('common.none')
          )}
        </Table.Td>
      )}
      {officer && (
        <Table.Td>
          {report.status === 'submitted' ? (
            <Group gap="xs" wrap="nowrap">
              <Button size="xs" color="teal.9" onClick={() => onDecide({ report, action: 'confirm' })} aria-label={t('localization.reports.confirmOf', { subject })} data-testid="confirm-report">
                {t('localization.reports.confirm')}
              </Button>
              <Button size="xs" variant="outline" color="orange" onClick={() => onDecide({ report, action: 'return' })} aria-label={t('localization.reports.returnOf', { subject })} data-testid="return-report">
                {t('localization.reports.return')}
              </Button>
            </Group>
          ) : (
            t('common.none')
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );
}
