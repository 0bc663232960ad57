// An event's agenda: its sessions by day, each with its local times in the event's time zone, room,
// description and speakers. The public page and the event's overview show the same list; officers
// get their actions on each session.
import { Card, Group, List, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventSession } from '../../api';
import { formatDay, formatTimeRange, inLanguage, localParts, titleOf } from '../../events';

interface SessionListProps {
  sessions: readonly EventSession[];
  timeZone: string;
  /** The level of each day's heading (the list sits under an h2). */
  dayHeading?: 3 | 4;
  actions?: (session: EventSession) => ReactNode;
}

export function SessionList({ sessions, timeZone, dayHeading = 3, actions }: SessionListProps) {
  const { t } = useTranslation();
  if (sessions.length === 0) return <Text>{t('events.agenda.none')}</Text>;
  const sorted = [...sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const days: { date: string; sessions: EventSession[] }[] = [];
  for (const session of sorted) {
    const date = localParts(session.startsAt, timeZone).date;
    const last = days[days.length - 1];
    if (last?.date === date) last.sessions.push(session);
    else days.push({ date, sessions: [session] });
  }
  return (
    <Stack gap="md" data-testid="session-list">
      {days.map((day) => (
        <Stack key={day.date} gap="xs" component="section" aria-labelledby={`agenda-day-${day.date}`}>
          <Title order={dayHeading} size="h4" id={`agenda-day-${day.date}`}>
            {formatDay(day.date)}
          </Title>
          {day.sessions.map((session) => (
            <Card key={session.id} withBorder padding="sm" data-testid="session">
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                <Stack gap={4} style={{ flex: '1 1 320px' }}>
                  <Text fw={700}>
                    <Text span fw={700} mr="xs" data-testid="session-time">
                      {formatTimeRange(session.startsAt, session.endsAt, timeZone)}
                    </Text>
                    {titleOf(session)}
                  </Text>
                  {session.room && <Text size="sm">{t('events.agenda.room', { room: session.room })}</Text>}
                  {inLanguage(session.descriptionUk, session.descriptionEn) && (
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {inLanguage(session.descriptionUk, session.descriptionEn)}
                    </Text>
                  )}
                  {session.speakers.length > 0 && (
                    <div>
                      <Text size="sm" fw={600}>
                        {t('events.agenda.speakers')}
                      </Text>
                      <List size="sm" data-testid="session-speakers">
                        {session.speakers.map((speaker, index) => (
                          <List.Item key={`${speaker.name}-${index}`}>
                            {[speaker.name, speaker.affiliation].filter(Boolean).join(', ')}
                            {speaker.registrationId && <Text span size="sm"> {t('events.agenda.delegateSpeaker')}</Text>}
                          </List.Item>
                        ))}
                      </List>
                    </div>
                  )}
                </Stack>
                {actions?.(session)}
              </Group>
            </Card>
          ))}
        </Stack>
      ))}
    </Stack>
  );
}
