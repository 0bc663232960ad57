// The one place failures are shown: a red Alert with role="alert" so screen readers announce it.
import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, type FieldError } from '../api';
import { errorMessage } from '../errors';

interface ErrorAlertProps {
  error: unknown;
  /**
   * Field errors that could not be shown next to an input. Passing it (even empty) says the form
   * shows the others, so the message does not repeat them.
   */
  fieldErrors?: FieldError[];
  /** A readable name for a field path of the request (defaults to the path itself). */
  fieldLabel?: (field: string) => string | undefined;
  onRetry?: () => void;
}

export function ErrorAlert({ error, fieldErrors, fieldLabel, onRetry }: ErrorAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <Alert color="red" variant="light" role="alert">
      <Stack gap="xs">
        <Text size="sm">{errorMessage(t, error, { fieldsShown: fieldErrors !== undefined })}</Text>
        {fieldErrors && fieldErrors.length > 0 && (
          <List size="sm">
            {fieldErrors.map((item) => (
              <List.Item key={`${item.field}:${item.message}`}>
                {fieldLabel?.(item.field) ?? item.field}: {item.message}
              </List.Item>
            ))}
          </List>
        )}
        {requestId && (
          <Text size="xs">{t('errors.requestId', { id: requestId })}</Text>
        )}
        {onRetry && (
          <Button variant="outline" color="red" size="xs" onClick={onRetry} style={{ alignSelf: 'flex-start' }}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
