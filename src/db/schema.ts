import type { ColumnType, Insertable, Selectable } from 'kysely';

/**
 * Table types for Kysely, kept by hand beside the migrations (one interface per table). A column's
 * type here must match its migration; tests on both engines catch a mismatch.
 */
export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  audit_events: AuditEventsTable;
  audit_checkpoints: AuditCheckpointsTable;
}

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface OrganizationsTable {
  id: string;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  organization_id: string | null;
  status: 'active' | 'disabled';
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: Timestamp | null;
  totp_last_step: bigint | null;
  password_changed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  stage: 'full' | 'totp_enrolment';
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginFailuresTable {
  id: string;
  email: string;
  ip: string;
  occurred_at: Timestamp;
}

type Generated<T> = ColumnType<T, never, never>;

export interface AuditEventsTable {
  seq: bigint;
  hash: string;
  /** The canonical JSON the hash covers; every column below is generated from it. */
  payload: string;
  id: Generated<string>;
  occurred_at: Generated<Date>;
  actor_id: Generated<string | null>;
  actor_label: Generated<string>;
  action: Generated<string>;
  target_type: Generated<string | null>;
  target_id: Generated<string | null>;
  request_id: Generated<string | null>;
  details: Generated<unknown>;
}

export interface AuditCheckpointsTable {
  seq: bigint;
  from_seq: bigint;
  head_hash: string;
  range_digest: string;
  event_hashes: Uint8Array;
  signed_at: Timestamp;
  key_id: string;
  public_key: string;
  signature: string;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type AuditCheckpointRow = Selectable<AuditCheckpointsTable>;
