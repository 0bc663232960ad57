// An officer revises a need: the new quantity, the note, and why (kept in the need's history).
import { TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type LocalizationNeed, type LocalizationNeedDetail } from '../../api';
import { ReasonDialog } from '../../components/ReasonDialog';
import { splitFieldErrors } from '../../errors';
import { formatNumber } from '../../format';
import { LOCALIZATION_KEY, categoryUnit, needKey, ownCategoryName, parseWholeNumber } from '../../localization';

interface ReviseNeedDialogProps {
  /** The need to revise; the dialog is closed without one. */
  need: LocalizationNeed | null;
  onClose: () => void;
  onRevised: (saved: LocalizationNeedDetail) => void;
}

export function ReviseNeedDialog({ need, onClose, onRevised }: ReviseNeedDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [quantity, setQuantity] = useState('');
  const [note, setNote] = useState('');
  const [quantityError, setQuantityError] = useState<string | null>(null);
  useEffect(() => {
    if (!need) return;
    setQuantity(String(need.quantity));
    setNote(need.note ?? '');
    setQuantityError(null);
  }, [need?.id, need?.version]);

  const revise = useMutation({
    mutationFn: ({ reason, value }: { reason: string; value: number }) => api.reviseNeed(need!.id, { version: need!.version, quantity: value, note: note.trim() || undefined, reason }),
    onSuccess: (saved) => {
      queryClient.setQueryData(needKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: LOCALIZATION_KEY });
      onRevised(saved);
    },
  });
  const serverErrors = splitFieldErrors(revise.error, ['quantity', 'note']).byField;

  return (
    <ReasonDialog
      opened={need !== null}
      title={t('localization.needs.reviseTitle')}
      text={need ? t('localization.needs.reviseText', { category: ownCategoryName(need), period: need.period, quantity: formatNumber(need.quantity), unit: categoryUnit(need) }) : undefined}
      label={t('localization.needs.reason')}
      description={t('localization.needs.reasonHelp')}
      required
      confirmLabel={t('localization.needs.revise')}
      confirmColor="blue"
      pending={revise.isPending}
      error={revise.error}
      onClose={() => {
        revise.reset();
        onClose();
      }}
      onConfirm={(reason) => {
        const value = parseWholeNumber(quantity);
        if (value === null) {
          setQuantityError(t('validation.wholeNumber'));
          return;
        }
        revise.mutate({ reason, value });
      }}
    >
      {need && (
        <>
          <TextInput
            label={t('localization.needs.quantity')}
            description={t('localization.needs.quantityIn', { unit: categoryUnit(need) })}
            required
            inputMode="numeric"
            maxLength={24}
            value={quantity}
            onChange={(event) => {
              setQuantity(event.currentTarget.value);
              setQuantityError(null);
            }}
            error={quantityError ?? serverErrors.quantity}
            data-testid="revise-quantity"
          />
          <Textarea
            label={t('localization.needs.note')}
            description={t('localization.needs.noteKept')}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            error={serverErrors.note}
          />
        </>
      )}
    </ReasonDialog>
  );
}
