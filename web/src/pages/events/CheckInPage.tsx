// Check-in at the door, made for a phone: a badge's QR code opens this page with the badge's code;
// the officer sees whose badge it is and checks the delegate in with one large button. A second scan
// says when the delegate was already checked in; a badge without a seat (waitlisted, cancelled)
// says so. A code that will not scan is typed in (spaces as printed on the badge are fine).
import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, type EventBadge } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { RegistrationStatusBadge } from '../../components/StatusBadge';
import { countryName } from '../../countries';
import { EVENTS_KEY, badgeCode, eventKey, formatDateTimeIn, titleOf, useEvent } from '../../events';
import { formatDateTime } from '../../format';
import { useIdempotencyKeys } from '../../fund';

export function CheckInPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const given = params.get('code') ?? '';
  const code = badgeCode(given);
  // Each lookup (a scan, or a code typed again) starts afresh: a second one reads "already checked in".
  const [lookup, setLookup] = useState(0);
  const title = t('events.checkIn.title');
  return (
    <Stack maw={560} gap="md">
      <PageHeading documentTitle={title}>{title}</PageHeading>
      {given && !code && (
        <Alert color="red" variant="light" role="alert">
          {t('events.checkIn.badCode')}
        </Alert>
      )}
      {code && <BadgeLookup key={`${code}-${lookup}`} code={code} />}
      <CodeForm
        initial={code ? '' : given}
        onFind={(found) => {
          setLookup((n) => n + 1);
          setParams({ code: found });
        }}
      />
    </Stack>
  );
}

function BadgeLookup({ code }: { code: string }) {
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  const badge = useQuery({ queryKey: [...EVENTS_KEY, 'badge', code], queryFn: () => api.badge(code), retry: false });
  const [result, setResult] = useState<EventBadge | null>(null);
  const checkIn = useMutation({
    mutationFn: () => api.checkIn(code, keyFor({ code })),
    onSuccess: (next) => {
      setResult(next);
      queryClient.setQueryData([...EVENTS_KEY, 'badge', code], next);
      void queryClient.invalidateQueries({ queryKey: eventKey(next.eventId) });
      void queryClient.invalidateQueries({ queryKey: [...EVENTS_KEY, 'registrations', next.eventId] });
    },
  });
  if (badge.isPending) return <Loading />;
  if (badge.isError) return <ErrorAlert error={badge.error} onRetry={() => void badge.refetch()} />;
  const holder = badge.data;
  return <BadgeCard holder={holder} result={result} pending={checkIn.isPending} error={checkIn.error} onCheckIn={() => checkIn.mutate()} />;
}

function BadgeCard({ holder, result, pending, error, onCheckIn }: { holder: EventBadge; result: EventBadge | null; pending: boolean; error: unknown; onCheckIn: () => void }) {
  const { t } = useTranslation();
  // Times are read in the event's zone once the event is known, the device's until then.
  const event = useEvent(holder.eventId);
  const at = (iso: string) => (event.data ? `${formatDateTimeIn(iso, event.data.timeZone)} (${event.data.timeZone})` : formatDateTime(iso));
  const seated = holder.status === 'registered';
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="badge-holder" data-testid="badge-card">
      <Stack gap="sm">
        <Text size="sm">{titleOf({ titleUk: holder.eventTitleUk, titleEn: holder.eventTitleEn })}</Text>
        <Title order={2} id="badge-holder" size="h1" style={{ overflowWrap: 'anywhere' }} data-testid="badge-name">
          {holder.fullName}
        </Title>
        {holder.position && <Text size="lg">{holder.position}</Text>}
        <Text size="lg" fw={600} data-testid="badge-organization">{`${holder.organizationName}, ${countryName(holder.organizationCountry)}`}</Text>
        <Group gap="xs">
          <RegistrationStatusBadge status={holder.status} />
        </Group>
        {result && !result.alreadyCheckedIn && result.checkedInAt ? (
          <Alert color="green" variant="light" role="status" data-testid="checked-in">
            <Text size="lg" fw={700}>
              {t('events.checkIn.done', { name: holder.fullName, at: at(result.checkedInAt) })}
            </Text>
          </Alert>
        ) : holder.checkedInAt ? (
          <Alert color="orange" variant="light" role="status" data-testid="already-checked-in">
            <Text size="lg" fw={700}>
              {t('events.checkIn.already', { at: at(holder.checkedInAt) })}
            </Text>
          </Alert>
        ) : seated ? (
          <Button size="xl" fullWidth color="teal.9" loading={pending} onClick={onCheckIn} data-testid="check-in">
            {t('events.checkIn.button')}
          </Button>
        ) : (
          <Alert color="red" variant="light" role="alert" data-testid="no-seat">
            {t(holder.status === 'waitlisted' ? 'events.checkIn.waitlisted' : 'events.checkIn.cancelled')}
          </Alert>
        )}
        <ErrorAlert error={error} />
      </Stack>
    </Card>
  );
}

function CodeForm({ initial, onFind }: { initial: string; onFind: (code: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const [invalid, setInvalid] = useState(false);
  return (
    <Card withBorder component="section" aria-labelledby="manual-code">
      <Title order={2} size="h4" id="manual-code" mb="xs">
        {t('events.checkIn.manualHeading')}
      </Title>
      <form
        noValidate
        aria-labelledby="manual-code"
        onSubmit={(submitted) => {
          submitted.preventDefault();
          const code = badgeCode(text);
          setInvalid(code === null);
          if (code) {
            setText('');
            onFind(code);
          }
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('events.checkIn.code')}
            description={t('events.checkIn.codeHelp')}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={24}
            size="md"
            styles={{ input: { fontFamily: 'monospace' } }}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setInvalid(false);
            }}
            error={invalid ? t('events.checkIn.badCode') : undefined}
            data-testid="badge-code"
          />
          <Button type="submit" size="md" variant="default" fullWidth data-testid="find-badge">
            {t('events.checkIn.find')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
