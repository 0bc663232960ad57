// An evaluator's declaration before a proposal opens to them: no conflict of interest (the proposal
// opens), or a conflict with its reason (the assignment ends; the fund officer draws another evaluator).
import { Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type FundProposalDetail } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { splitFieldErrors } from '../../errors';
import { useIdempotencyKeys } from '../../fund';

interface DeclareDialogProps {
  opened: boolean;
  proposalId: string;
  /** What the evaluator is told about the proposal before declaring: title, applicant, call. */
  description?: string;
  onDone: (result: { status: 'declared' | 'conflict'; proposal: FundProposalDetail | null }) => void;
  onClose: () => void;
}

export function DeclareDialog({ opened, proposalId, description, onDone, onClose }: DeclareDialogProps) {
  const { t } = useTranslation();
  const keyFor = useIdempotencyKeys();
  const [choice, setChoice] = useState<'none' | 'conflict' | ''>('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<{ choice?: string; reason?: string }>({});
  const declare = useMutation({
    mutationFn: () => {
      // An assignment not yet declared is at its first version (the declaration is its first change).
      const body = { conflict: choice === 'conflict', ...(choice === 'conflict' ? { reason: reason.trim() } : {}), version: 1 };
      return api.declareInterest(proposalId, body, keyFor({ proposalId, ...body }));
    },
    onSuccess: (result) => onDone(result),
  });
  useEffect(() => {
    if (opened) {
      setChoice('');
      setReason('');
      setProblems({});
      declare.reset();
    }
  }, [opened]);
  const serverReason = splitFieldErrors(declare.error, ['reason']).byField.reason;

  return (
    <Modal opened={opened} onClose={onClose} title={t('programs.declare.title')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const found: { choice?: string; reason?: string } = {};
          if (!choice) found.choice = t('programs.declare.chooseOne');
          if (choice === 'conflict' && !reason.trim()) found.reason = t('validation.reasonRequired');
          setProblems(found);
          if (Object.keys(found).length === 0) declare.mutate();
        }}
      >
        <Stack>
          {description && (
            <Text fw={600} data-testid="declare-about">
              {description}
            </Text>
          )}
          <Text size="sm">{t('programs.declare.text')}</Text>
          <ErrorAlert error={declare.error} fieldErrors={[]} />
          <Radio.Group label={t('programs.declare.question')} required value={choice} onChange={(value) => setChoice(value as 'none' | 'conflict')} error={problems.choice}>
            <Stack gap="xs" mt="xs">
              <Radio value="none" label={t('programs.declare.none')} data-testid="declare-none" data-autofocus />
              <Radio value="conflict" label={t('programs.declare.conflict')} data-testid="declare-conflict" />
            </Stack>
          </Radio.Group>
          {choice === 'conflict' && (
            <Textarea
              label={t('programs.declare.reason')}
              description={t('programs.declare.reasonHelp')}
              required
              autosize
              minRows={3}
              maxRows={8}
              maxLength={2000}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={problems.reason ?? serverReason}
              data-testid="declare-reason"
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={declare.isPending} data-testid="confirm-declare">
              {t('programs.declare.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
