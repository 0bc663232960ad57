// Where the fund's money came from and what it paid for (first in, first out within each cash pool;
// docs/fund-tracing.md). Uses open to the sources that paid them, in the use's currency and in the
// source's own; sources show what they paid for, what is spent and what remains where.
import { Button, Group, NativeSelect, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, REFERENCE_TYPES, SOURCE_KINDS, type TracedSource, type TracedUse } from '../../api';
import { useCapabilities } from '../../capabilities';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FundNav } from '../../components/FundNav';
import { Loading } from '../../components/Loading';
import { Money, NUMERIC } from '../../components/Money';
import { Mono } from '../../components/Mono';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { TableFrame } from '../../components/TableFrame';
import { formatDate } from '../../format';
import { FUND_KEY, ISO_DATE, purposeText } from '../../fund';

const PAGE_SIZE = 20;

export function TracingPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('uses');
  const title = t('fund.tracing.title');
  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <FundNav />
      <Text maw={760}>{t('fund.tracing.intro')}</Text>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="uses" data-testid="tab-uses">
            {t('fund.tracing.usesTab')}
          </Tabs.Tab>
          <Tabs.Tab value="sources" data-testid="tab-sources">
            {t('fund.tracing.sourcesTab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="uses" pt="md">
          <UsesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="sources" pt="md">
          <SourcesPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** A from–to pair of date inputs; the period is sent only once both ends make sense. */
function usePeriod() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const period = { from: ISO_DATE.test(from) ? from : undefined, to: ISO_DATE.test(to) ? to : undefined };
  const bad = Boolean(period.from && period.to && period.from > period.to);
  return { from, to, setFrom, setTo, period, bad };
}

function PeriodInputs({ state, onChange }: { state: ReturnType<typeof usePeriod>; onChange: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        type="date"
        label={t('fund.from')}
        value={state.from}
        onChange={(event) => {
          state.setFrom(event.currentTarget.value);
          onChange();
        }}
      />
      <TextInput
        type="date"
        label={t('fund.to')}
        value={state.to}
        error={state.bad ? t('validation.dateRange') : undefined}
        onChange={(event) => {
          state.setTo(event.currentTarget.value);
          onChange();
        }}
      />
    </>
  );
}

/** A button that shows or hides the detail row under it, and says which for screen readers. */
function ToggleButton({ open, controls, onClick, children }: { open: boolean; controls: string; onClick: () => void; children: ReactNode }) {
  return (
    <Button size="compact-sm" variant="subtle" aria-expanded={open} aria-controls={controls} onClick={onClick}>
      <span aria-hidden="true">{open ? '▾' : '▸'}</span>&nbsp;{children}
    </Button>
  );
}

function UsesPanel() {
  const { t } = useTranslation();
  const capabilities = useCapabilities();
  const period = usePeriod();
  const [referenceType, setReferenceType] = useState('');
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const uses = useQuery({
    queryKey: [...FUND_KEY, 'tracing', 'uses', { ...period.period, referenceType, offset }],
    queryFn: () => api.tracedUses({ ...period.period, referenceType, limit: PAGE_SIZE, offset }),
    enabled: !period.bad,
    placeholderData: keepPreviousData,
  });
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Stack>
      <Group align="flex-start" role="search" aria-label={t('fund.tracing.usesFilters')} wrap="wrap">
        <PeriodInputs state={period} onChange={() => setOffset(0)} />
        <NativeSelect
          label={t('fund.entry.referenceType')}
          data={[{ value: '', label: t('fund.anyReference') }, ...REFERENCE_TYPES.map((r) => ({ value: r, label: t(`fund.referenceType.${r}`) }))]}
          value={referenceType}
          onChange={(event) => {
            setReferenceType(event.currentTarget.value);
            setOffset(0);
          }}
        />
      </Group>
      {period.bad ? null : uses.isPending ? (
        <Loading />
      ) : uses.isError ? (
        <ErrorAlert error={uses.error} onRetry={() => void uses.refetch()} />
      ) : (
        <>
          <TableFrame label={t('fund.tracing.usesCaption')}>
            <Table captionSide="top" verticalSpacing="sm" miw={820} data-testid="traced-uses">
              <Table.Caption>{t('fund.tracing.usesCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('fund.tracing.date')}</Table.Th>
                  <Table.Th scope="col">{t('fund.tracing.use')}</Table.Th>
                  <Table.Th scope="col" style={NUMERIC}>
                    {t('fund.tracing.amount')}
                  </Table.Th>
                  <Table.Th scope="col">{t('fund.tracing.sources')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {uses.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={4}>{t('fund.tracing.noUses')}</Table.Td>
                  </Table.Tr>
                )}
                {uses.data.items.map((use) => {
                  const detailId = `use-${use.entryId}`;
                  const expanded = open.has(use.entryId);
                  const purpose = purposeText(t, use.purpose, capabilities.data);
                  return (
                    <Fragment key={use.entryId}>
                      <Table.Tr data-testid="traced-use">
                        <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>{formatDate(use.date)}</Table.Td>
                        <Table.Td style={{ verticalAlign: 'top' }}>
                          <Text size="sm">{use.description}</Text>
                          <Text size="xs">
                            {t('fund.entry.seq', { seq: use.entrySeq })} · {t(`fund.referenceType.${use.referenceType}`)}
                            {use.referenceId && (
                              <>
                                {' · '}
                                <Mono>{use.referenceId}</Mono>
                              </>
                            )}
                          </Text>
                          {purpose && <Text size="xs">{t('fund.entry.purposeIs', { purpose })}</Text>}
                          {use.reversedByEntryId && <Text size="xs">{t('fund.tracing.reversedUse')}</Text>}
                        </Table.Td>
                        <Table.Td style={{ ...NUMERIC, verticalAlign: 'top' }}>
                          <Money minor={use.amount} currency={use.currency} />
                        </Table.Td>
                        <Table.Td style={{ verticalAlign: 'top' }}>
                          <ToggleButton open={expanded} controls={detailId} onClick={() => toggle(use.entryId)}>
                            {t('fund.tracing.showSources', { count: use.sources.length })}
                          </ToggleButton>
                        </Table.Td>
                      </Table.Tr>
                      {expanded && (
                        <Table.Tr id={detailId}>
                          <Table.Td colSpan={4} bg="gray.0">
                            <SharesTable use={use} />
                          </Table.Td>
                        </Table.Tr>
                      )}
                    </Fragment>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={uses.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={t('fund.tracing.usesTab')} />
        </>
      )}
    </Stack>
  );
}

function SharesTable({ use }: { use: TracedUse }) {
  const { t } = useTranslation();
  return (
    <Table verticalSpacing={4} data-testid="use-sources">
      <Table.Caption>{t('fund.tracing.sharesCaption', { seq: use.entrySeq })}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('fund.tracing.kind')}</Table.Th>
          <Table.Th scope="col">{t('fund.tracing.label')}</Table.Th>
          <Table.Th scope="col" style={NUMERIC}>
            {t('fund.tracing.amountInUse')}
          </Table.Th>
          <Table.Th scope="col" style={NUMERIC}>
            {t('fund.tracing.originAmount')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {use.sources.map((share, index) => (
          <Table.Tr key={`${share.sourceEntryId}-${index}`}>
            <Table.Td>{t(`fund.sourceKind.${share.kind}`)}</Table.Td>
            <Table.Td>{share.label}</Table.Td>
            <Table.Td style={NUMERIC}>
              <Money minor={share.amount} currency={use.currency} />
            </Table.Td>
            <Table.Td style={NUMERIC}>
              <Money minor={share.originAmount} currency={share.currency} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function SourcesPanel() {
  const { t } = useTranslation();
  const period = usePeriod();
  const [kind, setKind] = useState('');
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const sources = useQuery({
    queryKey: [...FUND_KEY, 'tracing', 'sources', { ...period.period, kind, offset }],
    queryFn: () => api.tracedSources({ ...period.period, kind, limit: PAGE_SIZE, offset }),
    enabled: !period.bad,
    placeholderData: keepPreviousData,
  });
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Stack>
      <Group align="flex-start" role="search" aria-label={t('fund.tracing.sourcesFilters')} wrap="wrap">
        <PeriodInputs state={period} onChange={() => setOffset(0)} />
        <NativeSelect
          label={t('fund.tracing.kind')}
          data={[{ value: '', label: t('fund.tracing.anyKind') }, ...SOURCE_KINDS.map((k) => ({ value: k, label: t(`fund.sourceKind.${k}`) }))]}
          value={kind}
          onChange={(event) => {
            setKind(event.currentTarget.value);
            setOffset(0);
          }}
        />
      </Group>
      {period.bad ? null : sources.isPending ? (
        <Loading />
      ) : sources.isError ? (
        <ErrorAlert error={sources.error} onRetry={() => void sources.refetch()} />
      ) : (
        <>
          <TableFrame label={t('fund.tracing.sourcesCaption')}>
            <Table captionSide="top" verticalSpacing="sm" miw={960} data-testid="traced-sources">
              <Table.Caption>{t('fund.tracing.sourcesCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('fund.tracing.date')}</Table.Th>
                  <Table.Th scope="col">{t('fund.tracing.source')}</Table.Th>
                  <Table.Th scope="col" style={NUMERIC}>
                    {t('fund.tracing.amount')}
                  </Table.Th>
                  <Table.Th scope="col" style={NUMERIC}>
                    {t('fund.tracing.spent')}
                  </Table.Th>
                  <Table.Th scope="col" style={NUMERIC}>
                    {t('fund.tracing.unspent')}
                  </Table.Th>
                  <Table.Th scope="col">{t('fund.tracing.remaining')}</Table.Th>
                  <Table.Th scope="col">{t('fund.tracing.uses')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sources.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={7}>{t('fund.tracing.noSources')}</Table.Td>
                  </Table.Tr>
                )}
                {sources.data.items.map((source) => {
                  const detailId = `source-${source.entryId}`;
                  const expanded = open.has(source.entryId);
                  return (
                    <Fragment key={source.entryId}>
                      <Table.Tr data-testid="traced-source">
                        <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>{formatDate(source.date)}</Table.Td>
                        <Table.Td style={{ verticalAlign: 'top' }}>
                          <Text size="sm">{source.label}</Text>
                          <Text size="xs">
                            {t(`fund.sourceKind.${source.kind}`)} · <Mono nowrap>{source.account}</Mono>
                          </Text>
                        </Table.Td>
                        <Table.Td style={{ ...NUMERIC, verticalAlign: 'top' }}>
                          <Money minor={source.amount} currency={source.currency} />
                        </Table.Td>
                        <Table.Td style={{ ...NUMERIC, verticalAlign: 'top' }}>
                          <Money minor={source.spent} currency={source.currency} />
                        </Table.Td>
                        <Table.Td style={{ ...NUMERIC, verticalAlign: 'top' }}>
                          <Money minor={source.unspent} currency={source.currency} />
                        </Table.Td>
                        <Table.Td style={{ verticalAlign: 'top' }}>
                          {source.remaining.length === 0
                            ? t('common.none')
                            : source.remaining.map((r) => (
                                <Text size="xs" key={r.account}>
                                  <Mono nowrap>{r.account}</Mono>: <Money minor={r.amount} currency={r.currency} />
                                </Text>
                              ))}
                        </Table.Td>
                        <Table.Td style={{ verticalAlign: 'top' }}>
                          {source.uses.length === 0 ? (
                            t('common.none')
                          ) : (
                            <ToggleButton open={expanded} controls={detailId} onClick={() => toggle(source.entryId)}>
                              {t('fund.tracing.showUses', { count: source.uses.length })}
                            </ToggleButton>
                          )}
                        </Table.Td>
                      </Table.Tr>
                      {expanded && (
                        <Table.Tr id={detailId}>
                          <Table.Td colSpan={7} bg="gray.0">
                            <SourceUsesTable source={source} />
                          </Table.Td>
                        </Table.Tr>
                      )}
                    </Fragment>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={sources.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={t('fund.tracing.sourcesTab')} />
        </>
      )}
    </Stack>
  );
}

function SourceUsesTable({ source }: { source: TracedSource }) {
  const { t } = useTranslation();
  return (
    <Table verticalSpacing={4}>
      <Table.Caption>{t('fund.tracing.sourceUsesCaption', { seq: source.entrySeq })}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('fund.tracing.date')}</Table.Th>
          <Table.Th scope="col">{t('fund.tracing.use')}</Table.Th>
          <Table.Th scope="col" style={NUMERIC}>
            {t('fund.tracing.amountInUse')}
          </Table.Th>
          <Table.Th scope="col" style={NUMERIC}>
            {t('fund.tracing.originAmount')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {source.uses.map((use, index) => (
          <Table.Tr key={`${use.entryId}-${index}`}>
            <Table.Td>{formatDate(use.date)}</Table.Td>
            <Table.Td>
              {use.description} ({t(`fund.referenceType.${use.referenceType}`)})
            </Table.Td>
            <Table.Td style={NUMERIC}>
              <Money minor={use.amount} currency={use.currency} />
            </Table.Td>
            <Table.Td style={NUMERIC}>
              <Money minor={use.originAmount} currency={source.currency} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
