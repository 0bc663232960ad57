import { z } from 'zod';
import { zPageQuery } from '../../core/schemas.ts';

/** One e-mail of the outbox as the API shows it. */
export const ZNotification = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid().nullable(),
    to: z.string(),
    subject: z.string(),
    body: z.string(),
    createdAt: z.iso.datetime(),
    deliveredAt: z.iso.datetime().nullable(),
    delivery: z.enum(['smtp', 'file']).nullable().describe('how it was delivered: by the mail server, or as an .eml file in the outbox folder (no mail server configured)'),
    attempts: z.number().int(),
    lastError: z.string().nullable().describe('the last delivery error (staff only; null for company users)'),
  })
  .meta({ id: 'Notification' });
/** A notification as the API answers it. */
export type TNotification = z.infer<typeof ZNotification>;

/** Filters and page of the notification list. */
export const ZNotificationListQuery = z.strictObject({
  organizationId: z.uuid('must be a UUID').optional().describe('staff: only this organization; company users see only their own anyway'),
  ...zPageQuery,
});

/** A page of notifications with the total. */
export const ZNotificationList = z.object({
  items: z.array(ZNotification),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

/** A message to put in the outbox. */
export interface EmailMessage {
  organizationId: string | null;
  to: string;
  subject: string;
  body: string;
}
