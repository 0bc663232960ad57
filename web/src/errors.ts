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
  'invalid_transition',
  'on_hold',
  'screening_blocked',
  'eligibility_failed',
  'idempotency_conflict',
  'payload_too_large',
  'unsupported_media_type',
] as const;
type TranslatedCode = (typeof TRANSLATED_CODES)[number];

function isTranslatedCode(code: string): code is TranslatedCode {
  return (TRANSLATED_CODES as readonly string[]).includes(code);
}

/**
 * A translated message for a failed call. With `fieldsShown`, a validation failure says only
 * "check the fields": its details are already next to the inputs (or listed under the message).
 */
export function errorMessage(t: TFunction, error: unknown, options: { fieldsShown?: boolean } = {}): string {
  if (!(error instanceof ApiError)) return t('errors.generic');
  // Failed sign-ins (too_many_attempts) and the general request limit (rate_limited) read the same to a person.
  if (error.code === 'too_many_attempts' || error.code === 'rate_limited') {
    return error.retryAfter === undefined
      ? t('errors.too_many_attempts_later')
      : t('errors.too_many_attempts', { count: error.retryAfter });
  }
  if (isTranslatedCode(error.code)) return t(`errors.${error.code}`);
  if (error.errors.length > 0 || error.status === 400 || error.status === 422) {
    if (options.fieldsShown && error.errors.length > 0) return t('errors.validation');
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

interface SplitOptions {
  /** Where the form's fields sit in the request body (e.g. `owner.organization`); stripped first. */
  prefix?: string;
  /** Server paths whose form field has another name (`addresses.0.street` → `address.street`). */
  rename?: Record<string, string>;
  /** Fields that are lists of inputs: an error at `identifiers.1` stays on that entry. */
  lists?: readonly string[];
}

/**
 * Splits the field errors of a failed request into those that belong to one of `fields`
 * (to show next to the input) and the rest (to show in the form's alert).
 */
export function splitFieldErrors(
  error: unknown,
  fields: readonly string[],
  options: SplitOptions = {},
): { byField: Record<string, string>; other: FieldError[] } {
  const byField: Record<string, string> = {};
  const other: FieldError[] = [];
  if (!(error instanceof ApiError)) return { byField, other };
  for (const item of error.errors) {
    let path = formPath(item.field);
    if (options.prefix) {
      if (path === options.prefix || !path.startsWith(`${options.prefix}.`)) {
        other.push(item);
        continue;
      }
      path = path.slice(options.prefix.length + 1);
    }
    const renamed = Object.entries(options.rename ?? {}).find(([from]) => path === from || path.startsWith(`${from}.`));
    if (renamed) path = renamed[1];
    const field = fields.find((name) => path === name || path.startsWith(`${name}.`));
    // A field inside a list (`identifiers.1`) is kept whole so the entry shows its own message.
    const entry = field && options.lists?.includes(field) ? /^\d+/.exec(path.slice(field.length + 1)) : null;
    const key = entry ? `${field}.${entry[0]}` : field;
    if (key && !(key in byField)) byField[key] = item.message;
    else other.push(item);
  }
  return { byField, other };
}

/**
 * Every field error of a failed request keyed by its full form path (`names.1.fullName`), with
 * `prefix` (e.g. `owner.person`) stripped; errors outside the prefix are left out.
 */
export function fieldErrorsByPath(error: unknown, prefix?: string): Record<string, string> {
  const byPath: Record<string, string> = {};
  if (!(error instanceof ApiError)) return byPath;
  for (const item of error.errors) {
    let path = formPath(item.field);
    if (prefix) {
      if (!path.startsWith(`${prefix}.`)) continue;
      path = path.slice(prefix.length + 1);
    }
    if (!(path in byPath)) byPath[path] = item.message;
  }
  return byPath;
}
