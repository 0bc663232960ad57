// HTTP client for the ADI Platform API (described by /api/v1/openapi.json; examples in docs/api.md).
// Every call goes through `request`, which adds the CSRF header to writes and turns
// RFC 9457 problem+json bodies into `ApiError`s that forms can map onto fields.

export const ROLES = [
  'public',
  'company',
  'officer',
  'analyst',
  'evaluator',
  'fund_officer',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export type UserStatus = 'active' | 'disabled';

export interface User {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  organizationId: string | null;
  organizationName: string | null;
  status: UserStatus;
  totpEnabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Session {
  stage: 'full' | 'totp_enrolment';
  csrfToken: string;
  expiresAt: string;
}

export interface Me {
  user: User;
  session: Session;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface Organization {
  id: string;
  name: string;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface AuditEvent {
  seq: number;
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  details: unknown;
  /** The canonical JSON the hash covers. */
  payload?: string;
  prevHash: string;
  hash: string;
}

export interface AuditEventPage {
  items: AuditEvent[];
  nextBefore: number | null;
}

export interface Checkpoint {
  seq: number;
  fromSeq: number;
  headHash: string;
  rangeDigest?: string;
  signedAt: string;
  keyId: string;
  publicKey?: string;
  signature: string;
}

export interface CheckpointPage {
  items: Checkpoint[];
  publicKey: string;
  keyId?: string;
  nextBefore: number | null;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrSvg: string;
}

export interface FieldError {
  field: string;
  message: string;
}

/** A failed API call. `code` is the stable machine-readable code from problem+json. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[];
  readonly requestId: string | undefined;
  /** Seconds from the `Retry-After` header (429 responses), if any. */
  readonly retryAfter: number | undefined;

  constructor(init: {
    status: number;
    code: string;
    title?: string;
    detail?: string;
    errors?: FieldError[];
    requestId?: string;
    retryAfter?: number;
  }) {
    super(init.detail ?? init.title ?? init.code);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

// The CSRF token lives only in memory: it is re-read from /auth/me after a reload,
// so it is never persisted where another script could pick it up later.
let csrfToken: string | null = null;

function remember(me: Me): Me {
  csrfToken = me.session.csrfToken;
  return me;
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

type Query = Record<string, string | number | null | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    // Empty filters are left out rather than sent as `q=` so the server applies its defaults.
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<{
        code: string;
        title: string;
        detail: string;
        errors: FieldError[];
        requestId: string;
      }>;
      return new ApiError({
        status: response.status,
        code: body.code ?? `http_${response.status}`,
        title: body.title,
        detail: body.detail,
        errors: Array.isArray(body.errors) ? body.errors : [],
        requestId: body.requestId,
        retryAfter,
      });
    } catch {
      // Fall through: a broken body is reported like any non-JSON error.
    }
  }
  return new ApiError({ status: response.status, code: `http_${response.status}`, retryAfter });
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (WRITE_METHODS.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network_error' });
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response = await send(method, path, body);
  // A token can go stale (e.g. the session was renewed in another tab): fetch the
  // current one once and retry, instead of failing the user's action.
  if (response.status === 403 && WRITE_METHODS.has(method) && path !== '/api/v1/auth/me') {
    const error = await toApiError(response.clone());
    if (error.code === 'csrf_failed') {
      const meResponse = await send('GET', '/api/v1/auth/me');
      if (meResponse.ok) {
        remember((await meResponse.json()) as Me);
        response = await send(method, path, body);
      }
    }
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const get = <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query));
const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {});
const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);
const del = (path: string) => request<void>('DELETE', path);

const V1 = '/api/v1';

export const api = {
  /** The current session, or `null` when signed out (401 is an expected answer here). */
  async me(): Promise<Me | null> {
    try {
      return remember(await get<Me>(`${V1}/auth/me`));
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        csrfToken = null;
        return null;
      }
      throw error;
    }
  },
  async login(input: { email: string; password: string; totp?: string }): Promise<Me> {
    return remember(await post<Me>(`${V1}/auth/login`, input));
  },
  async logout(): Promise<void> {
    try {
      await post<void>(`${V1}/auth/logout`);
    } finally {
      csrfToken = null;
    }
  },
  totpSetup: () => post<TotpSetup>(`${V1}/auth/totp/setup`),
  async totpEnable(code: string): Promise<Me> {
    // The server rotates the CSRF token here, so the returned Me must replace the old one.
    return remember(await post<Me>(`${V1}/auth/totp/enable`, { code }));
  },
  async changePassword(input: { currentPassword: string; newPassword: string }): Promise<Me> {
    return remember(await post<Me>(`${V1}/auth/password`, input));
  },
  listTokens: () => get<{ items: ApiToken[] }>(`${V1}/auth/tokens`),
  createToken: (input: { name: string; expiresInDays?: number }) =>
    post<{ token: ApiToken; secret: string }>(`${V1}/auth/tokens`, input),
  revokeToken: (id: string) => del(`${V1}/auth/tokens/${encodeURIComponent(id)}`),

  listUsers: (query: { q?: string; role?: string; status?: string; limit: number; offset: number }) =>
    get<Page<User>>(`${V1}/users`, query),
  createUser: (input: {
    email: string;
    displayName: string;
    roles: Role[];
    organizationId?: string;
    password: string;
  }) => post<User>(`${V1}/users`, input),
  updateUser: (
    id: string,
    input: { displayName?: string; roles?: Role[]; organizationId?: string | null; status?: UserStatus },
  ) => patch<User>(`${V1}/users/${encodeURIComponent(id)}`, input),
  resetTotp: (id: string) => post<User>(`${V1}/users/${encodeURIComponent(id)}/reset-totp`),

  listOrganizations: (query: { q?: string; limit: number; offset: number }) =>
    get<Page<Organization>>(`${V1}/organizations`, query),
  createOrganization: (input: { name: string }) => post<Organization>(`${V1}/organizations`, input),

  listAuditEvents: (query: {
    action?: string;
    actorId?: string;
    targetType?: string;
    targetId?: string;
    from?: string;
    to?: string;
    before?: number;
    limit: number;
  }) => get<AuditEventPage>(`${V1}/audit/events`, query),
  listCheckpoints: (query: { before?: number; limit: number }) =>
    get<CheckpointPage>(`${V1}/audit/checkpoints`, query),
  signCheckpoint: () => post<Checkpoint>(`${V1}/audit/checkpoints`),
  auditHead: () => get<AuditHead>(`${V1}/audit/head`),
};
