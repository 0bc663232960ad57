import { z } from 'zod';
import { zFilterText, zPageQuery, zText } from '../../core/schemas.ts';

export const ZOrganization = z
  .object({ id: z.uuid(), name: z.string(), createdAt: z.iso.datetime() })
  .meta({ id: 'Organization' });
export type TOrganization = z.infer<typeof ZOrganization>;

export const ZCreateOrganizationBody = z.strictObject({ name: zText(300) });

export const ZOrganizationListQuery = z.strictObject({ q: zFilterText(200), ...zPageQuery });

export const ZOrganizationList = z.object({
  items: z.array(ZOrganization),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
