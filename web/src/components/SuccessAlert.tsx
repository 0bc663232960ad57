// Confirmation of a completed action; role="status" so it is announced politely.
import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function SuccessAlert({ children, onClose }: { children: ReactNode; onClose?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="green"
      variant="light"
      role="status"
      withCloseButton={Boolean(onClose)}
      onClose={onClose}
      closeButtonLabel={t('common.close')}
    >
      {children}
    </Alert>
  );
}
