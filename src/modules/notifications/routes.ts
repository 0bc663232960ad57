import { type App, type AppDeps } from '../../core/http.ts';
import { problemResponses } from '../../core/schemas.ts';
import { NOTIFICATION_READERS } from './policy.ts';
import { ZNotificationList, ZNotificationListQuery } from './schema.ts';
import * as notifications from './service.ts';

const tags = ['notifications'];

/** The e-mail outbox as a list of notifications. */
export function registerNotificationRoutes(app: App, deps: AppDeps): void {
  // Background delivery must finish before the database closes.
  app.addHook('onClose', async () => notifications.settleBackgroundDelivery(deps.db));

  app.get('/api/v1/notifications', {
    config: { access: NOTIFICATION_READERS },
    schema: {
      tags,
      summary: "E-mail notifications, newest first: your organization's (company users) or all (staff)",
      querystring: ZNotificationListQuery,
      response: { 200: ZNotificationList, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => notifications.listNotifications(deps.db, request.auth, request.query),
  });
}
