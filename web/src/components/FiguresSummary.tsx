// The figures of a regime application or report as read: money formatted in its currency, the
// auditor's report as a download link.
import { Anchor } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type RegimeFigures } from '../api';
import { currentLanguage } from '../i18n';
import { formatMoney } from '../money';
import { MONEY_FIELDS, PERCENT_FIELDS } from '../regime';
import { Fact as Item, Facts } from './Facts';

export function FiguresSummary({ figures, organizationId, auditorReportDocumentId }: { figures: RegimeFigures; organizationId: string; auditorReportDocumentId: string | null }) {
  const { t } = useTranslation();
  const none = t('common.none');
  const documents = useQuery({
    queryKey: ['organizations', 'documents', organizationId, 'all'],
    queryFn: () => api.listDocuments(organizationId, { limit: 200, offset: 0 }),
    enabled: Boolean(auditorReportDocumentId),
  });
  const auditorReport = documents.data?.items.find((d) => d.id === auditorReportDocumentId);
  return (
    <Facts testId="figures-summary">
      <Item label={t('regime.figures.fiscalYear')}>{figures.fiscalYear ?? none}</Item>
      <Item label={t('regime.figures.currency')}>{figures.currency ?? none}</Item>
      <Item label={t('regime.figures.employees')}>{figures.employees ?? none}</Item>
      {MONEY_FIELDS.map((field) => (
        <Item key={field} label={t(`regime.figures.${field}`)}>
          <span data-testid={`figure-shown-${field}`}>{formatMoney(figures[`${field}Minor`], figures.currency, currentLanguage()) || none}</span>
        </Item>
      ))}
      {PERCENT_FIELDS.map((field) => (
        <Item key={field} label={t(`regime.figures.${field}`)}>
          {figures[field] !== null ? `${figures[field]} %` : none}
        </Item>
      ))}
      <Item label={t('regime.figures.auditorReport')}>
        {auditorReportDocumentId ? (
          <Anchor href={api.documentUrl(auditorReportDocumentId)} download={auditorReport?.fileName}>
            {auditorReport?.title ?? t('regime.figures.auditorReportAttached')}
          </Anchor>
        ) : (
          none
        )}
      </Item>
    </Facts>
  );
}
