// The officers' run of the meeting scheduler: first a preview that saves nothing (how many accepted
// meetings there are, how many keep their place, how many would be newly placed or displaced, and
// which cannot be placed and why), then "Apply" saves that schedule. Meetings already placed keep
// their place unless a change (a speaker's session, a slot marked unavailable) displaced them.
import { Alert, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type EventDetail, type ScheduleRun } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Fact, Facts } from '../../components/Facts';
import { SuccessAlert } from '../../components/SuccessAlert';
import { EVENTS_KEY, eventKey } from '../../events';
import { formatNumber } from '../../format';
import { useIdempotencyKeys } from '../../fund';

export function SchedulerPanel({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  const [preview, setPreview] = useState<ScheduleRun | null>(null);
  const [applied, setApplied] = useState<ScheduleRun | null>(null);
  const run = useMutation({
    // A preview is asked again each time (the meetings may have changed); an apply is one action.
    mutationFn: (dryRun: boolean) => api.runSchedule(event.id, dryRun, dryRun ? crypto.randomUUID() : keyFor({ apply: preview })),
    onSuccess: (result) => {
      if (result.dryRun) {
        setPreview(result);
        setApplied(null);
        return;
      }
      setPreview(null);
      setApplied(result);
      void queryClient.invalidateQueries({ queryKey: [...EVENTS_KEY, 'meetings', event.id] });
      void queryClient.invalidateQueries({ queryKey: [...EVENTS_KEY, 'agenda', event.id] });
      void queryClient.invalidateQueries({ queryKey: eventKey(event.id) });
    },
  });
  const noTables = event.tableCount === 0 || event.slots.length === 0;
  return (
    <Card withBorder component="section" aria-labelledby="scheduler-heading" data-testid="scheduler">
      <Stack gap="sm">
        <Title order={2} size="h3" id="scheduler-heading">
          {t('events.scheduler.heading')}
        </Title>
        <Text size="sm" maw={760}>
          {t('events.scheduler.intro')}
        </Text>
        {noTables && (
          <Alert color="yellow" variant="light">
            {t('events.scheduler.noTables')}
          </Alert>
        )}
        <ErrorAlert error={run.error} />
        {applied && <SuccessAlert onClose={() => setApplied(null)}>{t('events.scheduler.applied', { count: applied.newlyPlaced, unplaced: applied.unplaced.length })}</SuccessAlert>}
        {preview && <RunSummary run={preview} />}
        <Group gap="sm">
          <Button variant={preview ? 'default' : 'filled'} onClick={() => run.mutate(true)} loading={run.isPending && run.variables === true} disabled={noTables} data-testid="scheduler-preview">
            {preview ? t('events.scheduler.previewAgain') : t('events.scheduler.preview')}
          </Button>
          {preview && (
            <Button onClick={() => run.mutate(false)} loading={run.isPending && run.variables === false} data-testid="scheduler-apply">
              {t('events.scheduler.apply')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function RunSummary({ run }: { run: ScheduleRun }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="scheduler-summary">
      <Text fw={600}>{t('events.scheduler.previewHeading')}</Text>
      <Facts>
        <Fact label={t('events.scheduler.accepted')} testId="summary-accepted">{formatNumber(run.accepted)}</Fact>
        <Fact label={t('events.scheduler.kept')} testId="summary-kept">{formatNumber(run.keptFixed)}</Fact>
        <Fact label={t('events.scheduler.newlyPlaced')} testId="summary-placed">{formatNumber(run.newlyPlaced)}</Fact>
        <Fact label={t('events.scheduler.displaced')} testId="summary-displaced">{formatNumber(run.displaced)}</Fact>
        <Fact label={t('events.scheduler.unplaced')} testId="summary-unplaced">{formatNumber(run.unplaced.length)}</Fact>
      </Facts>
      {run.unplaced.length > 0 && (
        <List size="sm">
          {run.unplaced.map((item) => (
            <List.Item key={item.meetingId}>{item.reason}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
