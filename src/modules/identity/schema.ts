import { z } from 'zod';
import { ROLES } from '../../core/access.ts';
import { zEmail, zFilterText, zPageQuery, zPassword, zText } from '../../core/schemas.ts';

export const ZRole = z.enum(ROLES).meta({ id: 'Role' });

export const ZUser = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    roles: z.array(ZRole),
    organizationId: z.uuid().nullable(),
    organizationName: z.string().nullable(),
    status: z.enum(['active', 'disabled']),
    totpEnabled: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });
export type TUser = z.infer<typeof ZUser>;

/** How long an API token lives when its creator does not say: a forgotten token must not work for ever. */
export const API_TOKEN_DEFAULT_DAYS = 90;

export const ZMe = z
  .object({
    user: ZUser,
    session: z
      .object({
        stage: z.enum(['full', 'totp_enrolment']),
        csrfToken: z.string(),
        expiresAt: z.iso.datetime(),
      })
      .nullable()
      .describe('the browser session; null when the caller used an API token'),
    token: z.object({ prefix: z.string() }).nullable().describe('the API token used (its public prefix); null for a browser session'),
  })
  .meta({ id: 'Me' });
export type TMe = z.infer<typeof ZMe>;

const zTotpCode = z.string().regex(/^\d{6}$/, 'must be 6 digits');

export const ZLoginBody = z.strictObject({
  email: zEmail,
  password: z.string().min(1).max(256),
  totp: zTotpCode.optional(),
});

export const ZTotpSetup = z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() });
export const ZTotpEnableBody = z.strictObject({ code: zTotpCode });
export const ZPasswordChangeBody = z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: zPassword });

const zRoles = z
  .array(ZRole)
  .min(1, 'at least one role')
  .max(ROLES.length)
  .refine((roles) => new Set(roles).size === roles.length, 'roles must not repeat');

export const ZCreateUserBody = z.strictObject({
  email: zEmail,
  displayName: zText(200),
  roles: zRoles,
  organizationId: z.uuid().nullable().optional(),
  password: zPassword,
});
export type TCreateUser = z.infer<typeof ZCreateUserBody>;

export const ZUpdateUserBody = z
  .strictObject({
    displayName: zText(200).optional(),
    roles: zRoles.optional(),
    organizationId: z.uuid().nullable().optional(),
    status: z.enum(['active', 'disabled']).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'name at least one field to change');
export type TUpdateUser = z.infer<typeof ZUpdateUserBody>;

export const ZUserListQuery = z.strictObject({
  q: zFilterText(200),
  role: ZRole.optional(),
  status: z.enum(['active', 'disabled']).optional(),
  ...zPageQuery,
});

export const ZUserList = z.object({ items: z.array(ZUser), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export const ZApiToken = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    expiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiToken' });

export const ZCreateTokenBody = z.strictObject({
  name: zText(100),
  expiresInDays: z.number().int().min(1).max(730).optional().describe(`days until the token stops working; ${'$'}{API_TOKEN_DEFAULT_DAYS} when absent`),
});
export const ZCreatedToken = z.object({ token: ZApiToken, secret: z.string() });
