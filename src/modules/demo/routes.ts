import { z } from 'zod';
import { ROLES } from '../../core/access.ts';
import { AppError } from '../../core/errors.ts';
import type { App, AppDeps } from '../../core/http.ts';
import { problemResponses } from '../../core/schemas.ts';
import { listedDemoAccounts } from '../identity/demo.ts';

const tags = ['demo'];

/**
 * Demo mode of one process (`adi serve --demo`): off unless that process turned it on. `password` is
 * null while the demo data set is loading, then the password of its accounts.
 */
export interface DemoMode {
  enabled: boolean;
  password: string | null;
}

export const ZDemoAccounts = z
  .object({
    accounts: z.array(
      z.object({
        role: z.enum(ROLES).describe('the account’s role'),
        email: z.string(),
        password: z.string(),
        displayName: z.string(),
        organizationName: z.string().nullable(),
        totpCode: z.string().nullable().describe('staff: the two-factor code that signs in now; null for company accounts'),
        totpValidForSeconds: z.int().nullable(),
      }),
    ),
  })
  .meta({ id: 'DemoAccounts' });

/** GET /api/v1/demo/accounts: the demo accounts with their password and current codes, in demo mode only. */
export function registerDemoRoutes(app: App, deps: AppDeps, demo: DemoMode | undefined): void {
  app.get(
    '/api/v1/demo/accounts',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Demo accounts (demo mode only)',
        description:
          'In demo mode (`adi serve --demo`): every staff account and a few company accounts of the demo data set, their password, and for staff the two-factor code that signs in now. Otherwise 404: a platform that is not a demo never lists accounts.',
        response: { 200: ZDemoAccounts, ...problemResponses(404, 503) },
      },
    },
    async (_request, reply) => {
      if (!demo?.enabled) throw new AppError('not_found', 'there is no demo here: demo mode is off');
      if (demo.password === null) throw new AppError('unavailable', 'the demo data set is still loading; try again in a few seconds');
      const password = demo.password;
      const accounts = await listedDemoAccounts(deps.db, deps.secrets);
      // Codes change every 30 seconds and the list holds a password: never cached anywhere.
      reply.header('cache-control', 'no-store');
      return {
        accounts: accounts.map((a) => ({
          role: a.roles[0] ?? 'public',
          email: a.email,
          password,
          displayName: a.displayName,
          organizationName: a.organizationName,
          totpCode: a.totpCode,
          totpValidForSeconds: a.totpValidForSeconds,
        })),
      };
    },
  );
}
