// How many days an application may stay in each state before it is flagged overdue. Administrators
// change them; other staff read them.
import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, DEADLINE_STATUSES, type DeadlineStatus } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { SuccessAlert } from '../components/SuccessAlert';
import { TableFrame } from '../components/TableFrame';
import { splitFieldErrors } from '../errors';
import { hasAnyRole, useMe } from '../session';

type Draft = Record<DeadlineStatus, string>;

export function DeadlinesPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const canEdit = me ? hasAnyRole(me.user, ['admin']) : false;
  const deadlines = useQuery({ queryKey: ['deadlines'], queryFn: api.getDeadlines });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<DeadlineStatus, string>>>({});
  const [notice, setNotice] = useState<string | null>(null);

  const current = (status: DeadlineStatus) => deadlines.data?.items.find((i) => i.status === status)?.days ?? null;

  useEffect(() => {
    if (deadlines.data) {
      setDraft(Object.fromEntries(DEADLINE_STATUSES.map((s) => [s, current(s)?.toString() ?? ''])) as Draft);
    }
  }, [deadlines.data]);

  const save = useMutation({
    mutationFn: (changes: Partial<Record<DeadlineStatus, number | null>>) => api.putDeadlines(changes),
    onSuccess: (saved) => {
      queryClient.setQueryData(['deadlines'], saved);
      void queryClient.invalidateQueries({ queryKey: ['applications'] });
      setNotice(t('deadlines.saved'));
    },
    onError: (error) => {
      const { byField } = splitFieldErrors(error, DEADLINE_STATUSES.map((s) => `deadlines.${s}`));
      setErrors(Object.fromEntries(Object.entries(byField).map(([k, v]) => [k.replace('deadlines.', ''), v])));
    },
  });

  const submit = () => {
    if (!draft) return;
    const next: Partial<Record<DeadlineStatus, string>> = {};
    const changes: Partial<Record<DeadlineStatus, number | null>> = {};
    for (const status of DEADLINE_STATUSES) {
      const text = draft[status].trim();
      if (text && !(/^\d{1,3}$/.test(text) && Number(text) >= 1 && Number(text) <= 365)) {
        next[status] = t('validation.days');
        continue;
      }
      const value = text ? Number(text) : null;
      if (value !== current(status)) changes[status] = value;
    }
    setErrors(next);
    setNotice(null);
    if (Object.keys(next).length === 0 && Object.keys(changes).length > 0) save.mutate(changes);
  };

  return (
    <Stack maw={760}>
      <PageHeading documentTitle={t('deadlines.title')}>{t('deadlines.title')}</PageHeading>
      <Text>{canEdit ? t('deadlines.intro') : t('deadlines.introReadOnly')}</Text>
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
      {deadlines.isPending || !draft ? (
        deadlines.isError ? (
          <ErrorAlert error={deadlines.error} onRetry={() => void deadlines.refetch()} />
        ) : (
          <Loading />
        )
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Stack>
            {save.error && (
              <ErrorAlert
                error={save.error}
                fieldErrors={splitFieldErrors(save.error, DEADLINE_STATUSES.map((s) => `deadlines.${s}`)).other}
              />
            )}
            <TableFrame label={t('deadlines.caption')}>
              <Table captionSide="top" verticalSpacing="sm">
                <Table.Caption>{t('deadlines.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('deadlines.status')}</Table.Th>
                    <Table.Th scope="col">{t('deadlines.days')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {DEADLINE_STATUSES.map((status) => (
                    <Table.Tr key={status}>
                      <Table.Th scope="row" fw={500}>
                        {canEdit ? (
                          <label htmlFor={`deadline-${status}`}>{t(`membershipStatus.${status}`)}</label>
                        ) : (
                          t(`membershipStatus.${status}`)
                        )}
                      </Table.Th>
                      <Table.Td>
                        {canEdit ? (
                          <TextInput
                            id={`deadline-${status}`}
                            inputMode="numeric"
                            maxLength={3}
                            maw={160}
                            placeholder={t('deadlines.noDeadline')}
                            value={draft[status]}
                            onChange={(event) => {
                              const value = event.currentTarget.value;
                              setDraft((d) => (d ? { ...d, [status]: value } : d));
                            }}
                            error={errors[status]}
                          />
                        ) : (
                          <span>
                            {current(status) === null ? t('deadlines.noDeadline') : t('deadlines.daysValue', { count: current(status) ?? 0 })}
                          </span>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableFrame>
            {canEdit && (
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t('common.save')}
                </Button>
              </Group>
            )}
          </Stack>
        </form>
      )}
    </Stack>
  );
}
