import path from 'node:path';
import { z } from 'zod';

const booleanFromEnv = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback)
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Every environment variable the platform reads, in one place. README's configuration table is
 * generated from the descriptions here (`adi config`).
 */
export const ZConfigEnv = z.object({
  NODE_ENV: z
    .enum(['production', 'development', 'test'])
    .default('production')
    .describe('`development` relaxes Secure cookies and HSTS for plain-HTTP work; anything else is treated as production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port (`adi serve --port` wins)'),
  HOST: z.string().min(1).default('127.0.0.1').describe('address to listen on (`0.0.0.0` for all; `adi serve --host` wins)'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .describe('PostgreSQL server to use; unset = embedded PGlite in ADI_DATA_DIR'),
  ADI_DATA_DIR: z.string().min(1).default('./data').describe('folder for the embedded database, the audit signing key and documents'),
  ADI_AUDIT_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (an Ed25519 private key seed)')
    .optional()
    .describe('Ed25519 seed (hex) that signs audit checkpoints; unset = generated into ADI_DATA_DIR on first start'),
  ADI_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (an AES-256 key)')
    .optional()
    .describe('key that encrypts stored secrets such as TOTP seeds; unset = generated into ADI_DATA_DIR on first start (several nodes: set it)'),
  ADI_CHECKPOINT_INTERVAL_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .default(300)
    .describe('how often the server signs an audit checkpoint when the log has grown (0 = only on demand)'),
  ADI_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024).describe('largest accepted request body'),
  ADI_DOCUMENT_MAX_BYTES: z.coerce.number().int().min(1024).default(25 * 1024 * 1024).describe('largest accepted document upload (default 25 MiB)'),
  ADI_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30).describe('a session ends after this much inactivity'),
  ADI_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12).describe('a session ends this long after sign-in, whatever the activity'),
  ADI_LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5).describe('failed sign-ins per account within the window before 429'),
  ADI_LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(20).describe('failed sign-ins per client address within the window before 429'),
  ADI_LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15).describe('window for the sign-in throttle'),
  ADI_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600).describe('requests per minute per client address from callers who are not signed in'),
  ADI_RATE_LIMIT_SIGNED_IN_PER_MINUTE: z.coerce.number().int().min(1).default(1200).describe('requests per minute per signed-in user (a budget of its own, so a flood of anonymous requests does not lock staff out)'),
  ADI_TRUST_PROXY: booleanFromEnv('false').describe('trust X-Forwarded-* headers (behind a load balancer)'),
  ADI_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
    .refine((value) => URL.canParse(value), 'must be an smtp:// or smtps:// URL')
    .optional()
    .describe('mail server for notifications (`smtps://user:password@host:465`); unset = messages are written as .eml files to ADI_DATA_DIR/outbox'),
  ADI_MAIL_FROM: z
    .string()
    .min(3)
    .max(300)
    .refine((value) => !/[\r\n\u0000]/.test(value), 'must be a single line')
    .default('ADI Platform <no-reply@adi.localhost>')
    .describe('sender (From) of notification e-mails'),
  ADI_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL')
    .refine((value) => URL.canParse(value), 'must be an http:// or https:// URL')
    .optional()
    .describe('public address of the platform (`https://adi.example.gov.ua`), printed in the QR codes of certificates and the links of the open data; unset = the address the request came to'),
  ADI_FUND_NAME: z
    .string()
    .min(1)
    .max(300)
    .refine((value) => !/[\r\n\u0000]/.test(value), 'must be a single line')
    .default('ADI Special Defense Fund')
    .describe("the fund's legal name in open data (OCDS buyer and payer, 360Giving funding organisation)"),
  ADI_FUND_ORG_ID: z
    .string()
    .regex(/^[A-Z]{2}-[A-Z0-9_]{2,}-[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'must be an org-id.guide identifier such as UA-EDR-12345678')
    .default('UA-EDR-00000000')
    .describe("the fund's own registered identifier (org-id.guide form) in open data; the default is a placeholder to replace"),
  ADI_OCDS_PREFIX: z
    .string()
    .regex(/^ocds-[a-z0-9]{6}$/, 'must be an OCDS prefix such as ocds-abc123')
    .default('ocds-adi000')
    .describe('ocid prefix of the OCDS data; the default is a placeholder until the Open Contracting Partnership registers one'),
  ADI_360GIVING_PREFIX: z
    .string()
    .regex(/^360G-[A-Za-z0-9_-]{1,40}$/, 'must be a 360Giving prefix such as 360G-adi')
    .default('360G-adi')
    .describe('grant identifier prefix of the 360Giving data; the default is a placeholder until 360Giving assigns one'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('log level'),
});

export type AppConfig = ReturnType<typeof toAppConfig>;

function toAppConfig(env: z.infer<typeof ZConfigEnv>) {
  return {
    env: env.NODE_ENV,
    isDevelopment: env.NODE_ENV === 'development',
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    dataDir: path.resolve(env.ADI_DATA_DIR),
    auditKeyHex: env.ADI_AUDIT_KEY,
    secretKeyHex: env.ADI_SECRET_KEY,
    checkpointIntervalSeconds: env.ADI_CHECKPOINT_INTERVAL_SECONDS,
    bodyLimitBytes: env.ADI_BODY_LIMIT_BYTES,
    documentMaxBytes: env.ADI_DOCUMENT_MAX_BYTES,
    sessionIdleMs: env.ADI_SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: env.ADI_SESSION_ABSOLUTE_HOURS * 3_600_000,
    loginMaxFailuresPerAccount: env.ADI_LOGIN_MAX_FAILURES_PER_ACCOUNT,
    loginMaxFailuresPerIp: env.ADI_LOGIN_MAX_FAILURES_PER_IP,
    loginWindowMs: env.ADI_LOGIN_WINDOW_MINUTES * 60_000,
    rateLimitPerMinute: env.ADI_RATE_LIMIT_PER_MINUTE,
    rateLimitSignedInPerMinute: env.ADI_RATE_LIMIT_SIGNED_IN_PER_MINUTE,
    trustProxy: env.ADI_TRUST_PROXY,
    smtpUrl: env.ADI_SMTP_URL,
    mailFrom: env.ADI_MAIL_FROM,
    publicUrl: env.ADI_PUBLIC_URL,
    openData: {
      fundName: env.ADI_FUND_NAME,
      // org-id.guide codes are two segments (`UA-EDR`, `BE-BCE_KBO`); the value may hold more hyphens.
      fundScheme: env.ADI_FUND_ORG_ID.split('-').slice(0, 2).join('-'),
      fundId: env.ADI_FUND_ORG_ID.split('-').slice(2).join('-'),
      ocdsPrefix: env.ADI_OCDS_PREFIX,
      grantPrefix: env.ADI_360GIVING_PREFIX,
    },
    logLevel: env.LOG_LEVEL,
  };
}

/** Thrown when the environment is invalid; the message names every bad variable. */
export class ConfigError extends Error {}

/** Reads and validates the environment (plus overrides) into the typed configuration. */
export function loadConfig(overrides: Record<string, string | undefined> = {}, source: NodeJS.ProcessEnv = process.env): AppConfig {
  const merged: Record<string, string | undefined> = {};
  for (const key of Object.keys(ZConfigEnv.shape)) {
    const value = overrides[key] ?? source[key];
    if (value !== undefined && value !== '') merged[key] = value;
  }
  const parsed = ZConfigEnv.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return toAppConfig(parsed.data);
}

/** The configuration table (Markdown) for README.md, from the schema's descriptions and defaults. */
export function configMarkdownTable(): string {
  const rows = Object.entries(ZConfigEnv.shape).map(([name, schema]) => {
    const json = z.toJSONSchema(schema, { io: 'input' }) as { default?: unknown; description?: string };
    const def = json.default === undefined ? '' : `\`${String(json.default)}\``;
    return `| \`${name}\` | ${def} | ${schema.description ?? ''} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
