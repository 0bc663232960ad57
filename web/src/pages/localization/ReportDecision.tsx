// An officer confirms a submitted capacity report (it then counts in the gaps) or returns it to the
// company with what to correct (the company sees the reason). Used from the queue and the report's page.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type CapacityReport } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ReasonDialog } from '../../components/ReasonDialog';
import { useIdempotencyKeys } from '../../fund';
import { LOCALIZATION_KEY, capacityReportKey, ownCategoryName } from '../../localization';

export type ReportDecision = { report: CapacityReport; action: 'confirm' | 'return' };

export function ReportDecisionDialog({ decision, onClose, onDone }: { decision: ReportDecision | null; onClose: () => void; onDone: (saved: CapacityReport) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  const decide = useMutation({
    mutationFn: ({ report, action, reason }: ReportDecision & { reason?: string }) => {
      const body = { version: report.version, reason };
      return api.decideCapacityReport(report.id, action, body, keyFor({ id: report.id, action, ...body }));
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(capacityReportKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: LOCALIZATION_KEY });
      onDone(saved);
    },
  });
  const close = () => {
    decide.reset();
    onClose();
  };
  const subject = decision
    ? t('localization.reports.subject', { organization: decision.report.organizationName, category: ownCategoryName(decision.report), period: decision.report.period })
    : '';
  return (
    <>
      <ConfirmDialog
        opened={decision?.action === 'confirm'}
        title={t('localization.reports.confirmTitle')}
        text={t('localization.reports.confirmText', { subject })}
        confirmLabel={t('localization.reports.confirm')}
        confirmColor="teal.9"
        confirmTestId="confirm-decision"
        pending={decide.isPending}
        error={decide.error}
        onConfirm={() => decision && decide.mutate(decision)}
        onClose={close}
      />
      <ReasonDialog
        opened={decision?.action === 'return'}
        title={t('localization.reports.returnTitle')}
        text={t('localization.reports.returnText', { subject })}
        label={t('localization.reports.returnReason')}
        description={t('localization.reports.returnReasonHelp')}
        required
        confirmLabel={t('localization.reports.return')}
        confirmColor="orange"
        pending={decide.isPending}
        error={decide.error}
        onConfirm={(reason) => decision && decide.mutate({ ...decision, reason })}
        onClose={close}
      />
    </>
  );
}
