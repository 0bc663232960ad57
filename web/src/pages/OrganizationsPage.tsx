// The registry of organizations: search by name in any script or by identifier, filter by country,
// capability and kind, a page at a time. A company user is taken to their own organization, or
// invited to register it.
import { Anchor, Badge, Button, Card, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { api, ORGANIZATION_KINDS } from '../api';
import { capabilityNames, useCapabilities } from '../capabilities';
import { countryName } from '../countries';
import { CapabilityFilter } from '../components/CapabilityFilter';
import { CountrySelect } from '../components/CountrySelect';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { Mono } from '../components/Mono';
import { PageHeading } from '../components/PageHeading';
import { Pager } from '../components/Pager';
import { TableFrame } from '../components/TableFrame';
import { hasAnyRole, isCompanyUser, useMe } from '../session';

const PAGE_SIZE = 20;

export function OrganizationsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  if (isCompanyUser(me.user)) {
    return me.user.organizationId ? (
      <Navigate to={`/app/organizations/${me.user.organizationId}`} replace />
    ) : (
      <RegisterYourCompanyPage title={t('organizations.title')} />
    );
  }
  return <OrganizationSearch canRegister={hasAnyRole(me.user, ['admin', 'officer'])} />;
}

/** The call to action for a company user not yet linked to an organization (also on the dashboard). */
export function RegisterYourCompanyCard({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="register-company-heading" bg="blue.0">
      <Stack align="flex-start" gap="sm">
        <Title order={headingLevel} size="h3" id="register-company-heading">
          {t('organizations.registerYourCompany')}
        </Title>
        <Text maw={680}>{t('organizations.registerYourCompanyText')}</Text>
        <Button component={Link} to="/app/organizations/new" data-testid="register-company">
          {t('organizations.registerYourCompanyButton')}
        </Button>
      </Stack>
    </Card>
  );
}

/** A section's page for a company user not yet linked to an organization: its heading and the call to action. */
export function RegisterYourCompanyPage({ title }: { title: string }) {
  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <RegisterYourCompanyCard />
    </Stack>
  );
}

function OrganizationSearch({ canRegister }: { canRegister: boolean }) {
  const { t } = useTranslation();
  const capabilities = useCapabilities();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [country, setCountry] = useState('');
  const [capability, setCapability] = useState('');
  const [kind, setKind] = useState('');
  const [offset, setOffset] = useState(0);

  const organizations = useQuery({
    queryKey: ['organizations', 'list', { q, country, capability, kind, offset }],
    queryFn: () => api.listOrganizations({ q, country, capability, kind, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });

  // Any filter change starts again from the first page.
  const filter = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setOffset(0);
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageHeading documentTitle={t('organizations.title')}>{t('organizations.title')}</PageHeading>
        {canRegister && (
          <Button component={Link} to="/app/organizations/new">
            {t('organizations.create')}
          </Button>
        )}
      </Group>
      <Text maw={760}>{t('organizations.intro')}</Text>

      <Stack gap="sm" role="search" aria-label={t('organizations.searchRegion')}>
        <TextInput
          label={t('organizations.search')}
          description={t('organizations.searchHelp')}
          type="search"
          value={search}
          onChange={(event) => filter(setSearch)(event.currentTarget.value)}
          maw={560}
        />
        <Group align="flex-end" wrap="wrap" gap="sm">
          <CountrySelect
            label={t('organizations.country')}
            anyLabel={t('organizations.anyCountry')}
            value={country}
            onChange={(value) => filter(setCountry)(value ?? '')}
            style={{ flex: '1 1 200px' }}
            maw={280}
          />
          <CapabilityFilter label={t('organizations.capability')} value={capability} onChange={filter(setCapability)} style={{ flex: '1 1 200px' }} maw={320} />
          <NativeSelect
            label={t('organizations.kind')}
            data={[
              { value: '', label: t('organizations.anyKind') },
              ...ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`organizationKind.${k}`) })),
            ]}
            value={kind}
            onChange={(event) => filter(setKind)(event.currentTarget.value)}
            style={{ flex: '1 1 200px' }}
            maw={280}
          />
        </Group>
      </Stack>

      {organizations.isPending ? (
        <Loading />
      ) : organizations.isError ? (
        <ErrorAlert error={organizations.error} onRetry={() => void organizations.refetch()} />
      ) : (
        <>
          <TableFrame label={t('organizations.caption')}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={860}>
              <Table.Caption>{t('organizations.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('organizations.name')}</Table.Th>
                  <Table.Th scope="col">{t('organizations.nameUk')}</Table.Th>
                  <Table.Th scope="col">{t('organizations.country')}</Table.Th>
                  <Table.Th scope="col">{t('organizations.identifiers')}</Table.Th>
                  <Table.Th scope="col">{t('organizations.capabilities')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {organizations.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>{t('common.empty')}</Table.Td>
                  </Table.Tr>
                )}
                {organizations.data.items.map((organization) => (
                  <Table.Tr key={organization.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/app/organizations/${organization.id}`} fw={600}>
                        {organization.name}
                      </Anchor>
                      {organization.shortName && (
                        <Text size="xs" c="dimmed">
                          {organization.shortName}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td lang="uk">{organization.nameUk ?? t('common.none')}</Table.Td>
                    <Table.Td>{countryName(organization.country)}</Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {organization.identifiers.length === 0 && t('common.none')}
                        {organization.identifiers.map((identifier) => (
                          <Mono key={identifier} nowrap>
                            {identifier}
                          </Mono>
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {capabilityNames(capabilities.data, organization.capabilities).map((name) => (
                          <Badge key={name} variant="light" color="gray" tt="none" miw="max-content">
                            {name}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager
            total={organizations.data.total}
            totalIsLowerBound={organizations.data.totalIsLowerBound}
            limit={PAGE_SIZE}
            offset={offset}
            onChange={setOffset}
            label={t('organizations.title')}
          />
        </>
      )}
    </Stack>
  );
}
