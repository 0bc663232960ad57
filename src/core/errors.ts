/**
 * One error type for the whole platform. A code maps to an HTTP status and a title; the HTTP layer
 * renders it as RFC 9457 problem+json, the CLI as a message and a non-zero exit.
 */
export const ERROR_CODES = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  malformed_json: { status: 400, title: 'The request body is not valid JSON' },
  bad_request: { status: 400, title: 'Bad request' },
  unauthenticated: { status: 401, title: 'Sign-in required' },
  invalid_credentials: { status: 401, title: 'Email or password is wrong' },
  totp_required: { status: 401, title: 'A two-factor code is required' },
  totp_invalid: { status: 401, title: 'The two-factor code is wrong' },
  invalid_token: { status: 401, title: 'The API token is not valid' },
  forbidden: { status: 403, title: 'You may not do this' },
  csrf_failed: { status: 403, title: 'The CSRF token is missing or wrong' },
  totp_enrolment_required: { status: 403, title: 'Set up two-factor sign-in first' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  already_exists: { status: 409, title: 'It already exists' },
  idempotency_conflict: { status: 409, title: 'The idempotency key was used with a different request' },
  invalid_transition: { status: 409, title: 'That state change is not allowed' },
  screening_blocked: { status: 409, title: 'Blocked by sanctions screening' },
  on_hold: { status: 409, title: 'This cannot proceed at the moment' },
  eligibility_failed: { status: 409, title: 'The eligibility criteria are not met' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  uri_too_long: { status: 414, title: 'The request URL or one of its parts is too long' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  too_many_attempts: { status: 429, title: 'Too many failed attempts' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A failing field of a validation error. */
export interface FieldError {
  field: string;
  message: string;
}

/** Extra, safe-to-show information carried by an AppError. */
export interface AppErrorDetails {
  detail?: string;
  errors?: FieldError[];
  /** Extra members of the problem document (for example `allowed` transitions). */
  extra?: Record<string, unknown>;
  /** Response headers to add (for example Retry-After). */
  headers?: Record<string, string>;
}

/** The platform's one error type: a stable code and details safe to show the caller. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: AppErrorDetails;

  constructor(code: ErrorCode, details: AppErrorDetails | string = {}) {
    const normalized = typeof details === 'string' ? { detail: details } : details;
    super(normalized.detail ?? ERROR_CODES[code].title);
    this.name = 'AppError';
    this.code = code;
    this.details = normalized;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

/** The RFC 9457 body for an error code. */
export function problemDocument(code: ErrorCode, details: AppErrorDetails, instance?: string, requestId?: string) {
  const { status, title } = ERROR_CODES[code];
  return {
    type: `https://adi.example/problems/${code.replaceAll('_', '-')}`,
    title,
    status,
    code,
    detail: details.detail ?? title,
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
    ...(details.errors ? { errors: details.errors } : {}),
    ...(details.extra ?? {}),
  };
}

/** A 400 listing every failing field, with one readable detail line. */
export function invalidFields(errors: FieldError[]): AppError {
  return new AppError('validation_failed', { detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors });
}

/** A 409 for an optimistic-concurrency miss: the record changed since the caller read it. */
export function staleVersion(current: number, what: string): AppError {
  return new AppError('conflict', { detail: `the ${what} changed since you read it (now version ${current}); reload and retry`, extra: { currentVersion: current } });
}
