// A modal that asks for a reason (or an optional note) before an action, with the failure shown inside it.
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { splitFieldErrors } from '../errors';
import { ErrorAlert } from './ErrorAlert';

interface ReasonDialogProps {
  opened: boolean;
  title: string;
  text?: string;
  label: string;
  description?: string;
  /** The reason must be given (reject, return…); otherwise it is an optional note. */
  required: boolean;
  confirmLabel: string;
  confirmColor?: string;
  pending: boolean;
  error: unknown;
  onConfirm: (reason: string) => void;
  onClose: () => void;
  /** Readable names for other fields the server may name (e.g. a plan incomplete for submission). */
  fieldLabel?: (field: string) => string | undefined;
  /** Shown above the failure, e.g. an explanation the page gives for a refusal it recognises. */
  children?: ReactNode;
}

export function ReasonDialog(props: ReasonDialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  // Each opening starts empty: a reason belongs to one decision.
  useEffect(() => {
    if (props.opened) {
      setReason('');
      setMissing(false);
    }
  }, [props.opened]);
  const { byField, other } = splitFieldErrors(props.error, ['reason', 'note']);
  const serverError = byField.reason ?? byField.note;
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.title}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (props.required && !reason.trim()) {
            setMissing(true);
            return;
          }
          props.onConfirm(reason.trim());
        }}
      >
        <Stack>
          {props.text && <Text>{props.text}</Text>}
          {props.children}
          <ErrorAlert error={props.error} fieldErrors={other} fieldLabel={props.fieldLabel} />
          <Textarea
            label={props.label}
            description={props.description}
            required={props.required}
            autosize
            minRows={3}
            maxRows={10}
            maxLength={5000}
            data-autofocus
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? t('validation.reasonRequired') : serverError}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={props.confirmColor} loading={props.pending}>
              {props.confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
