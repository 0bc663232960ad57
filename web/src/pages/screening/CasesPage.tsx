// Screening cases, open ones first: who was screened and for which organizations, the listed entity
// it matched, the score and the status. The filters live in the address (?status=…&q=…), so the
// organization page can link to its own cases and a filtered list survives a reload.
import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, CASE_STATUSES, SCREENING_SUBJECT_TYPES, type ScreeningCase } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { ScoreBar } from '../../components/ScoreBar';
import { ScreeningNav } from '../../components/ScreeningNav';
import { CaseStatusBadge } from '../../components/StatusBadge';
import { TableFrame } from '../../components/TableFrame';
import { SCREENING_KEY, schemaName } from '../../screening';
import { organizationKey } from '../organization/keys';

const PAGE_SIZE = 20;
/** The status filter's value for "any status" (no `status` in the address means open cases). */
const ANY = 'any';

export function CasesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = statusParam === ANY || (CASE_STATUSES as readonly string[]).includes(statusParam ?? '') ? statusParam! : 'open';
  const subjectTypeParam = params.get('subjectType') ?? '';
  const subjectType = (SCREENING_SUBJECT_TYPES as readonly string[]).includes(subjectTypeParam) ? subjectTypeParam : '';
  const organizationId = params.get('organizationId') ?? '';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);

  /** Changes filters in the address (replacing the entry: filtering is not navigation); back to page one. */
  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
        }
        if (!('offset' in changes)) next.delete('offset');
        return next;
      },
      { replace: true },
    );

  // The search box is debounced before it reaches the address and the server.
  useEffect(() => {
    if ((params.get('q') ?? '') !== q) update({ q });
  }, [q]);

  const cases = useQuery({
    queryKey: [...SCREENING_KEY, 'cases', { status, subjectType, organizationId, q, offset }],
    queryFn: () =>
      api.listScreeningCases({
        status: status === ANY ? undefined : status,
        subjectType,
        organizationId,
        q,
        limit: PAGE_SIZE,
        offset,
      }),
    placeholderData: keepPreviousData,
  });
  const organization = useQuery({
    queryKey: organizationKey(organizationId),
    queryFn: () => api.getOrganization(organizationId),
    enabled: Boolean(organizationId),
  });

  const title = t('screening.cases.title');
  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <ScreeningNav />
      <Text maw={760}>{t('screening.cases.intro')}</Text>

      {organizationId && (
        <Group gap="sm" data-testid="organization-filter">
          <Text size="sm" fw={600}>
            {t('screening.cases.organizationFilter', { name: organization.data?.name ?? organizationId })}
          </Text>
          <Button size="compact-sm" variant="default" onClick={() => update({ organizationId: null })}>
            {t('screening.cases.clearOrganization')}
          </Button>
        </Group>
      )}

      <Group align="flex-end" role="search" aria-label={t('screening.cases.filters')} wrap="wrap">
        <NativeSelect
          label={t('screening.cases.status')}
          data={[
            ...CASE_STATUSES.map((s) => ({ value: s, label: t(`screening.caseStatus.${s}`) })),
            { value: ANY, label: t('screening.cases.anyStatus') },
          ]}
          value={status}
          onChange={(event) => update({ status: event.currentTarget.value === 'open' ? null : event.currentTarget.value })}
          data-testid="case-status-filter"
        />
        <TextInput
          label={t('screening.cases.search')}
          type="search"
          maxLength={200}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          style={{ flex: '1 1 260px' }}
        />
        <NativeSelect
          label={t('screening.cases.subjectType')}
          data={[
            { value: '', label: t('screening.cases.anyType') },
            ...SCREENING_SUBJECT_TYPES.map((s) => ({ value: s, label: t(`screening.subjectType.${s}`) })),
          ]}
          value={subjectType}
          onChange={(event) => update({ subjectType: event.currentTarget.value })}
        />
      </Group>

      {cases.isPending ? (
        <Loading />
      ) : cases.isError ? (
        <ErrorAlert error={cases.error} onRetry={() => void cases.refetch()} />
      ) : (
        <>
          <TableFrame label={t('screening.cases.caption')}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={900} data-testid="cases">
              <Table.Caption>{t('screening.cases.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('screening.cases.subject')}</Table.Th>
                  <Table.Th scope="col">{t('screening.cases.entity')}</Table.Th>
                  <Table.Th scope="col">{t('screening.score')}</Table.Th>
                  <Table.Th scope="col">{t('screening.cases.status')}</Table.Th>
                  <Table.Th scope="col">{t('screening.cases.organizations')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cases.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>{t('screening.cases.none')}</Table.Td>
                  </Table.Tr>
                )}
                {cases.data.items.map((item) => (
                  <CaseRow key={item.id} item={item} />
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={cases.data.total} limit={PAGE_SIZE} offset={offset} onChange={(next) => update({ offset: String(next) })} label={title} />
        </>
      )}
    </Stack>
  );
}

function CaseRow({ item }: { item: ScreeningCase }) {
  const { t } = useTranslation();
  return (
    <Table.Tr data-testid="case-row" data-case-id={item.id}>
      <Table.Td style={{ verticalAlign: 'top' }}>
        <Anchor component={Link} to={`/app/screening/cases/${item.id}`} fw={600}>
          {item.subject.name}
        </Anchor>
        <Text size="xs">
          {t(`screening.subjectType.${item.subject.type}`)} · {t(`screening.role.${item.subject.role}`)}
        </Text>
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        <Text size="sm">{item.entity.caption}</Text>
        <Text size="xs">
          {item.entity.source} · {schemaName(t, item.entity.schema)}
        </Text>
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        <ScoreBar score={item.score} />
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        <CaseStatusBadge status={item.status} />
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        {item.organizations.length === 0 ? (
          t('common.none')
        ) : (
          <Stack gap={2}>
            {item.organizations.map((organization) => (
              <Anchor key={organization.id} component={Link} to={`/app/organizations/${organization.id}`} size="sm">
                {organization.name}
              </Anchor>
            ))}
          </Stack>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
