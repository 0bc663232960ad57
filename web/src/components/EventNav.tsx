// An event's pages under each of its pages' headings, limited to those the viewer's roles open (a
// delegate's agenda belongs to the delegates; check-in is the door staff's page for every event).
import { useTranslation } from 'react-i18next';
import type { Role } from '../api';
import { EVENT_MANAGERS, EVENT_READERS } from '../events';
import { hasAnyRole, useMe } from '../session';
import { SectionNav } from './SectionNav';

type EventNavKey = 'overview' | 'delegates' | 'partners' | 'meetings' | 'schedule' | 'checkIn';

const EVENT_NAV_PAGES: readonly { path: (id: string) => string; key: EventNavKey; roles: readonly Role[] }[] = [
  { path: (id) => `/app/events/${id}`, key: 'overview', roles: EVENT_READERS },
  { path: (id) => `/app/events/${id}/delegates`, key: 'delegates', roles: EVENT_READERS },
  { path: (id) => `/app/events/${id}/partners`, key: 'partners', roles: EVENT_READERS },
  { path: (id) => `/app/events/${id}/meetings`, key: 'meetings', roles: EVENT_READERS },
  { path: (id) => `/app/events/${id}/schedule`, key: 'schedule', roles: EVENT_MANAGERS },
  { path: () => '/app/events/check-in', key: 'checkIn', roles: EVENT_MANAGERS },
];

export function EventNav({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  const pages = EVENT_NAV_PAGES.filter((page) => hasAnyRole(me.user, page.roles)).map((page) => ({
    path: page.path(eventId),
    label: t(`events.nav.${page.key}`),
  }));
  return <SectionNav label={t('events.nav.label')} pages={pages} />;
}
