// Approving a prepared disbursement (fund officers). The server enforces four eyes: whoever prepared
// a payment never approves it, and nobody approves twice. Its refusal is shown as it gave it, with
// what it means in the interface language.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError, type FundDisbursement } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { amountLanguage, useIdempotencyKeys } from '../../fund';
import { formatMoney } from '../../money';

interface ApproveDialogProps {
  disbursement: FundDisbursement | null;
  /** What is paid to whom, for the question. */
  description: string;
  onDone: (saved: FundDisbursement) => void;
  onClose: () => void;
}

export function ApproveDialog({ disbursement, description, onDone, onClose }: ApproveDialogProps) {
  const { t } = useTranslation();
  const keyFor = useIdempotencyKeys();
  const approve = useMutation({
    mutationFn: (target: FundDisbursement) => api.approveDisbursement(target.id, target.version, keyFor({ id: target.id, version: target.version })),
    onSuccess: onDone,
  });
  // Each opening starts without the last answer: a refusal belongs to one attempt.
  useEffect(() => {
    if (disbursement) approve.reset();
  }, [disbursement]);
  const close = () => {
    approve.reset();
    onClose();
  };
  const refused = isApiError(approve.error, 'forbidden') ? approve.error : null;
  const remaining = disbursement ? disbursement.requiredApprovals - disbursement.approvals.length : 0;
  return (
    <Modal opened={disbursement !== null} onClose={close} title={t('programs.disbursements.approve')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack>
        {disbursement && (
          <Text>
            {t('programs.disbursements.approveText', {
              what: description,
              amount: formatMoney(disbursement.amountMinor, disbursement.currency, amountLanguage()),
              count: remaining,
            })}
          </Text>
        )}
        {refused ? (
          <Alert color="red" variant="light" role="alert" title={t('programs.disbursements.refusedTitle')} data-testid="approval-refused">
            <Stack gap={4}>
              <Text size="sm">{refused.detail?.includes('prepared') ? t('programs.disbursements.refusedPreparer') : refused.detail?.includes('already') ? t('programs.disbursements.refusedTwice') : t('errors.forbidden')}</Text>
              {refused.detail && (
                <Text size="sm" data-testid="approval-refused-detail">
                  {t('programs.disbursements.serverSaid')} <span lang="en">“{refused.detail}”</span>
                </Text>
              )}
            </Stack>
          </Alert>
        ) : (
          <ErrorAlert error={approve.error} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button color="teal.9" loading={approve.isPending} onClick={() => disbursement && approve.mutate(disbursement)} data-testid="confirm-approve" data-autofocus>
            {t('programs.disbursements.approve')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
