// The fund's journal: entries newest first with their postings, what they pay for and their status,
// filtered by currency, status, reference and booking dates. Fund officers book new entries and take
// the actions the server allows on each (post or void a reservation, reverse a posted entry).
import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api, ENTRY_STATUSES, newIdempotencyKey, REFERENCE_TYPES, type EntryAction, type LedgerEntry } from '../../api';
import { useCapabilities } from '../../capabilities';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FundNav } from '../../components/FundNav';
import { Loading } from '../../components/Loading';
import { Money, NUMERIC } from '../../components/Money';
import { Mono } from '../../components/Mono';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { EntryStatusBadge } from '../../components/StatusBadge';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TableFrame } from '../../components/TableFrame';
import { formatDate } from '../../format';
import { FUND_KEY, ISO_DATE, purposeText, useLedgerAccounts } from '../../fund';
import { canBook, useMe } from '../../session';

const PAGE_SIZE = 20;

export function FundJournalPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const officer = me ? canBook(me.user) : false;
  const accounts = useLedgerAccounts();
  const [currency, setCurrency] = useState('');
  const [status, setStatus] = useState('');
  // Other pages link here with a reference (an asset's proceeds, a donation's booking).
  const [searchParams] = useSearchParams();
  const [referenceType, setReferenceType] = useState(() => {
    const given = searchParams.get('referenceType') ?? '';
    return (REFERENCE_TYPES as readonly string[]).includes(given) ? given : '';
  });
  const [referenceIdInput, setReferenceIdInput] = useState(searchParams.get('referenceId') ?? '');
  const [referenceId] = useDebouncedValue(referenceIdInput.trim(), 300);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [offset, setOffset] = useState(0);
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const [pendingAction, setPendingAction] = useState<{ entry: LedgerEntry; action: EntryAction } | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  // The notice came with the navigation from the booking form: forget it there, so a reload does not repeat it.
  useEffect(() => {
    if ((location.state as { notice?: string } | null)?.notice) {
      navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
    }
  }, [location.state]);

  const period = { from: ISO_DATE.test(from) ? from : undefined, to: ISO_DATE.test(to) ? to : undefined };
  const badPeriod = Boolean(period.from && period.to && period.from > period.to);
  const entries = useQuery({
    queryKey: [...FUND_KEY, 'entries', { currency, status, referenceType, referenceId, ...period, offset }],
    queryFn: () => api.listLedgerEntries({ currency, status, referenceType, referenceId, ...period, limit: PAGE_SIZE, offset }),
    enabled: !badPeriod,
    placeholderData: keepPreviousData,
  });

  const act = useMutation({
    mutationFn: ({ entry, action }: { entry: LedgerEntry; action: EntryAction }) => api.entryAction(entry.id, action, idempotencyKey),
    onSuccess: (_saved, { entry, action }) => {
      setPendingAction(null);
      setNotice(t(`fund.journal.done.${action}`, { seq: entry.entrySeq }));
      void queryClient.invalidateQueries({ queryKey: FUND_KEY });
    },
  });

  const open = (entry: LedgerEntry, action: EntryAction) => {
    act.reset();
    setIdempotencyKey(newIdempotencyKey());
    setNotice(null);
    setPendingAction({ entry, action });
  };

  const filter = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setOffset(0);
  };

  const currencies = [...new Set((accounts.data?.items ?? []).map((a) => a.currency))];
  const title = t('fund.journal.title');

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageHeading documentTitle={title}>{title}</PageHeading>
        {officer && (
          <Button component={Link} to="/app/fund/journal/new" data-testid="book-entry">
            {t('fund.journal.book')}
          </Button>
        )}
      </Group>
      <FundNav />
      <Text maw={760}>{t('fund.journal.intro')}</Text>

      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}

      <Group align="flex-start" role="search" aria-label={t('fund.journal.filters')} wrap="wrap">
        <NativeSelect
          label={t('fund.entry.currency')}
          data={[{ value: '', label: t('fund.anyCurrency') }, ...currencies.map((c) => ({ value: c, label: c }))]}
          value={currency}
          onChange={(event) => filter(setCurrency)(event.currentTarget.value)}
        />
        <NativeSelect
          label={t('fund.entry.status')}
          data={[{ value: '', label: t('fund.anyStatus') }, ...ENTRY_STATUSES.map((s) => ({ value: s, label: t(`fund.entryStatus.${s}`) }))]}
          value={status}
          onChange={(event) => filter(setStatus)(event.currentTarget.value)}
        />
        <NativeSelect
          label={t('fund.entry.referenceType')}
          data={[{ value: '', label: t('fund.anyReference') }, ...REFERENCE_TYPES.map((r) => ({ value: r, label: t(`fund.referenceType.${r}`) }))]}
          value={referenceType}
          onChange={(event) => filter(setReferenceType)(event.currentTarget.value)}
        />
        <TextInput
          label={t('fund.entry.referenceId')}
          type="search"
          maxLength={200}
          value={referenceIdInput}
          onChange={(event) => filter(setReferenceIdInput)(event.currentTarget.value)}
        />
        <TextInput type="date" label={t('fund.from')} value={from} onChange={(event) => filter(setFrom)(event.currentTarget.value)} />
        <TextInput
          type="date"
          label={t('fund.to')}
          value={to}
          onChange={(event) => filter(setTo)(event.currentTarget.value)}
          error={badPeriod ? t('validation.dateRange') : undefined}
        />
      </Group>

      {badPeriod ? null : entries.isPending ? (
        <Loading />
      ) : entries.isError ? (
        <ErrorAlert error={entries.error} onRetry={() => void entries.refetch()} />
      ) : (
        <>
          <TableFrame label={t('fund.journal.caption')}>
            <Table captionSide="top" verticalSpacing="sm" miw={960} data-testid="journal" withRowBorders>
              <Table.Caption>{t('fund.journal.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('fund.entry.seqDate')}</Table.Th>
                  <Table.Th scope="col">{t('fund.entry.description')}</Table.Th>
                  <Table.Th scope="col">{t('fund.entry.postings')}</Table.Th>
                  <Table.Th scope="col" style={NUMERIC}>
                    {t('fund.entry.total')}
                  </Table.Th>
                  <Table.Th scope="col">{t('fund.entry.status')}</Table.Th>
                  {officer && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={officer ? 6 : 5}>{t('common.empty')}</Table.Td>
                  </Table.Tr>
                )}
                {entries.data.items.map((entry) => (
                  <EntryRow key={entry.id} entry={entry} officer={officer} onAction={(action) => open(entry, action)} />
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={entries.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={title} />
        </>
      )}

      <ConfirmDialog
        opened={pendingAction !== null}
        title={pendingAction ? t(`fund.journal.action.${pendingAction.action}`) : ''}
        text={pendingAction ? t(`fund.journal.confirm.${pendingAction.action}`, { seq: pendingAction.entry.entrySeq, description: pendingAction.entry.description }) : ''}
        confirmLabel={pendingAction ? t(`fund.journal.action.${pendingAction.action}`) : ''}
        pending={act.isPending}
        error={act.error}
        onConfirm={() => pendingAction && act.mutate(pendingAction)}
        onClose={() => setPendingAction(null)}
      />
    </Stack>
  );
}

function EntryRow({ entry, officer, onAction }: { entry: LedgerEntry; officer: boolean; onAction: (action: EntryAction) => void }) {
  const { t } = useTranslation();
  const capabilities = useCapabilities();
  const accounts = useLedgerAccounts();
  const accountIds = new Map((accounts.data?.items ?? []).map((a) => [a.code, a.id]));
  const purpose = purposeText(t, entry.purpose, capabilities.data);
  return (
    <Table.Tr data-testid="journal-entry" data-entry-id={entry.id}>
      <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
        <Text size="sm" fw={600}>
          {t('fund.entry.seq', { seq: entry.entrySeq })}
        </Text>
        <Text size="sm">{formatDate(entry.effectiveDate)}</Text>
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        <Stack gap={2}>
          <Text size="sm">{entry.description}</Text>
          <Text size="xs">
            {t(`fund.referenceType.${entry.referenceType}`)}
            {entry.referenceId && (
              <>
                {' · '}
                <Mono>{entry.referenceId}</Mono>
              </>
            )}
          </Text>
          {purpose && <Text size="xs">{t('fund.entry.purposeIs', { purpose })}</Text>}
          {entry.fx && <Text size="xs">{t('fund.entry.fx', { rate: entry.fx.rate, source: entry.fx.source, date: formatDate(entry.fx.date) })}</Text>}
          {entry.reversedByEntryId && <Text size="xs">{t('fund.entry.reversed')}</Text>}
          {entry.reversesEntryId && <Text size="xs">{t('fund.entry.reversal')}</Text>}
        </Stack>
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={6} fz="sm" aria-label={t('fund.entry.postingsOf', { seq: entry.entrySeq })}>
          <Table.Thead className="visually-hidden">
            <Table.Tr>
              <Table.Th scope="col">{t('fund.posting.direction')}</Table.Th>
              <Table.Th scope="col">{t('fund.posting.account')}</Table.Th>
              <Table.Th scope="col">{t('fund.posting.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entry.postings.map((posting) => (
              <Table.Tr key={posting.id}>
                <Table.Td fw={600} pl={0}>
                  {t(`fund.direction.${posting.direction}`)}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/app/fund/accounts/${accountIds.get(posting.accountCode) ?? posting.accountId}`} size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {posting.accountCode}
                  </Anchor>
                </Table.Td>
                <Table.Td style={NUMERIC} pr={0}>
                  <Money minor={posting.amount} currency={entry.currency} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.Td>
      <Table.Td style={{ ...NUMERIC, verticalAlign: 'top' }}>
        <Money minor={entry.total} currency={entry.currency} />
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        <EntryStatusBadge status={entry.status} />
      </Table.Td>
      {officer && (
        <Table.Td style={{ verticalAlign: 'top' }}>
          <Group gap={6}>
            {entry.allowedActions.map((action) => (
              <Button
                key={action}
                size="xs"
                variant="outline"
                color={action === 'post' ? 'teal' : 'red'}
                onClick={() => onAction(action)}
                aria-label={t('fund.journal.actionOn', { action: t(`fund.journal.action.${action}`), seq: entry.entrySeq })}
                data-testid={`entry-${action}`}
              >
                {t(`fund.journal.action.${action}`)}
              </Button>
            ))}
            {entry.allowedActions.length === 0 && t('common.none')}
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
