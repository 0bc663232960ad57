// Turns API failures into translated, user-facing text and form field errors.
import type { TFunction } from 'i18next';
import { ApiError, type FieldError } from './api';

// Codes with their own message; anything else falls back to a message per HTTP status.
const TRANSLATED_CODES = [
  'network_error',
  'invalid_credentials',
  'totp_required',
  'totp_invalid',
  'unauthenticated',
  'csrf_failed',
  'forbidden',
  'totp_enrolment_required',
  'not_found',
  'conflict',
  'already_exists',
] as const;
type TranslatedCode = (typeof TRANSLATED_CODES)[number];

function isTranslatedCode(code: string): code is TranslatedCode {
  return (TRANSLATED_CODES as readonly string[]).includes(code);
}

export function errorMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.generic');
  // Failed sign-ins (too_many_attempts) and the general request limit (rate_limited) read the same to a person.
  if (error.code === 'too_many_attempts' || error.code === 'rate_limited') {
    return error.retryAfter === undefined
      ? t('errors.too_many_attempts_later')
      : t('errors.too_many_attempts', { count: error.retryAfter });
  }
  if (isTranslatedCode(error.code)) return t(`errors.${error.code}`);
  if (error.errors.length > 0 || error.status === 400 || error.status === 422) {
    return error.detail ? `${t('errors.validation')} ${error.detail}` : t('errors.validation');
  }
  if (error.status === 401) return t('errors.unauthenticated');
  if (error.status === 403) return t('errors.forbidden');
  if (error.status === 404) return t('errors.not_found');
  if (error.status === 409) return error.detail ?? t('errors.conflict');
  if (error.status >= 500) return t('errors.server');
  // An unknown code still carries the server's explanation, which beats a vague message.
  return error.detail ?? t('errors.generic');
}

/** Normalises a problem+json field path (`/email`, `body.email`, `body/roles/0`) to a form path. */
function formPath(field: string): string {
  return field
    .replace(/^\/+/, '')
    .replace(/^body[./]/, '')
    .replace(/\//g, '.');
}

/**
 * Splits the field errors of a failed request into those that belong to one of `fields`
 * (to show next to the input) and the rest (to show in the form's alert).
 */
export function splitFieldErrors(
  error: unknown,
  fields: readonly string[],
): { byField: Record<string, string>; other: FieldError[] } {
  const byField: Record<string, string> = {};
  const other: FieldError[] = [];
  if (!(error instanceof ApiError)) return { byField, other };
  for (const item of error.errors) {
    const path = formPath(item.field);
    const field = fields.find((name) => path === name || path.startsWith(`${name}.`));
    if (field && !(field in byField)) byField[field] = item.message;
    else other.push(item);
  }
  return { byField, other };
}
