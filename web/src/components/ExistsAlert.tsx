// Said instead of an error when a record that may exist once already does: where to find it.
import { Alert, Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { isApiError } from '../api';

/** The id the server names under `key` when `error` is an `already_exists` problem, else null. */
export function existingId(error: unknown, key: string): string | null {
  return isApiError(error, 'already_exists') && typeof error.extra[key] === 'string' ? error.extra[key] : null;
}

export function ExistsAlert({ text, linkText, to, testId }: { text: string; linkText: string; to: string; testId?: string }) {
  return (
    <Alert color="orange" variant="light" role="alert" data-testid={testId}>
      {text}{' '}
      {/* The link takes the alert's contrast-checked colour, underlined, rather than blue on orange. */}
      <Anchor component={Link} to={to} c="inherit" underline="always" fw={600}>
        {linkText}
      </Anchor>
    </Alert>
  );
}
