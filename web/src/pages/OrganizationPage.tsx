// One organization: its sanctions screening status (staff), then its profile, identifiers, people,
// owners, ownership graph, beneficial owners, documents and membership applications, each on a tab
// whose name is kept in the address (?tab=…) so a tab can be linked to and survives a reload.
import { Badge, Group, Stack, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, type Role } from '../api';
import { countryName } from '../countries';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { SuccessAlert } from '../components/SuccessAlert';
import { hasAnyRole, isCompanyUser, SCREENING_STATUS_READERS, useMe } from '../session';
import { ApplicationsTab } from './organization/ApplicationsTab';
import { BeneficialOwnersTab } from './organization/BeneficialOwnersTab';
import { DocumentsTab } from './organization/DocumentsTab';
import { GraphTab } from './organization/GraphTab';
import { IdentifiersTab } from './organization/IdentifiersTab';
import { organizationKey } from './organization/keys';
import { OwnershipTab } from './organization/OwnershipTab';
import { PeopleTab } from './organization/PeopleTab';
import { ProfileTab } from './organization/ProfileTab';
import { ScreeningPanel } from './organization/ScreeningPanel';

const TABS = ['profile', 'identifiers', 'people', 'ownership', 'graph', 'beneficial', 'documents', 'applications'] as const;
type TabKey = (typeof TABS)[number];

// Who reads what (mirrors the server's policy; the server still decides).
const PEOPLE_READERS: readonly Role[] = ['admin', 'officer', 'analyst', 'auditor', 'company'];
const MEMBERSHIP_READERS: readonly Role[] = ['company', 'officer', 'analyst', 'admin', 'auditor'];
const EDITORS: readonly Role[] = ['admin', 'officer', 'company'];

export function OrganizationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { data: me } = useMe();
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  // The notice came with the navigation: forget it there, so a reload does not show it again.
  useEffect(() => {
    if ((location.state as { notice?: string } | null)?.notice) {
      navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
    }
  }, [location.state]);

  const organization = useQuery({ queryKey: organizationKey(id), queryFn: () => api.getOrganization(id) });
  const requestedTab = params.get('tab');
  // On a narrow screen the tab strip scrolls: keep the open tab in sight (e.g. after following a link to it).
  useEffect(() => {
    document.querySelector('[role="tab"][aria-selected="true"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [requestedTab, organization.isSuccess]);

  if (!me) return null;
  const user = me.user;
  const canEdit = hasAnyRole(user, EDITORS);
  const visible: TabKey[] = TABS.filter((tab) => {
    // Officers, owners and the graph name people: evaluators and fund officers do not read them.
    if (tab === 'graph' || tab === 'beneficial' || tab === 'people' || tab === 'ownership') return hasAnyRole(user, PEOPLE_READERS);
    // A company reads only its own applications, not those of the holding companies above it.
    if (tab === 'applications') return hasAnyRole(user, MEMBERSHIP_READERS) && !(isCompanyUser(user) && user.organizationId !== id);
    return true;
  });
  const requested = params.get('tab') as TabKey | null;
  const tab: TabKey = requested && visible.includes(requested) ? requested : 'profile';

  if (organization.isPending) return <Loading />;
  if (organization.isError) {
    return (
      <Stack>
        <PageHeading documentTitle={t('organizationPage.title')}>{t('organizationPage.title')}</PageHeading>
        <ErrorAlert error={organization.error} onRetry={() => void organization.refetch()} />
      </Stack>
    );
  }
  const org = organization.data;

  return (
    <Stack>
      <div>
        <PageHeading documentTitle={org.name}>{org.name}</PageHeading>
        <Group gap="xs" mt={-8}>
          {org.nameUk && org.nameUk !== org.name && (
            <Text c="dimmed" lang="uk">
              {org.nameUk}
            </Text>
          )}
          <Badge variant="light" color="gray" tt="none" miw="max-content">
            {countryName(org.country)}
          </Badge>
          <Badge variant="light" color="blue" tt="none" miw="max-content">
            {t(`organizationKind.${org.kind}`)}
          </Badge>
        </Group>
      </div>

      {hasAnyRole(user, SCREENING_STATUS_READERS) && <ScreeningPanel organizationId={org.id} user={user} onNotice={setNotice} />}

      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}

      <Tabs
        value={tab}
        onChange={(next) => {
          setNotice(null);
          setParams(next && next !== 'profile' ? { tab: next } : {}, { replace: true });
        }}
        keepMounted={false}
        activateTabWithKeyboard
      >
        <Tabs.List aria-label={t('organizationPage.tabsLabel')} style={{ overflowX: 'auto', flexWrap: 'nowrap' }}>
          {visible.map((key) => (
            <Tabs.Tab key={key} value={key} data-testid={`tab-${key}`}>
              {t(`organizationPage.tabs.${key}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="profile" pt="md">
          <ProfileTab organization={org} canEdit={canEdit} onNotice={setNotice} />
        </Tabs.Panel>
        <Tabs.Panel value="identifiers" pt="md">
          <IdentifiersTab organization={org} canEdit={canEdit} onNotice={setNotice} />
        </Tabs.Panel>
        <Tabs.Panel value="people" pt="md">
          <PeopleTab organization={org} canEdit={canEdit} onNotice={setNotice} />
        </Tabs.Panel>
        <Tabs.Panel value="ownership" pt="md">
          <OwnershipTab organization={org} canEdit={canEdit} onNotice={setNotice} />
        </Tabs.Panel>
        <Tabs.Panel value="graph" pt="md">
          <GraphTab organization={org} />
        </Tabs.Panel>
        <Tabs.Panel value="beneficial" pt="md">
          <BeneficialOwnersTab organization={org} />
        </Tabs.Panel>
        <Tabs.Panel value="documents" pt="md">
          <DocumentsTab organization={org} canUpload={canEdit} onNotice={setNotice} />
        </Tabs.Panel>
        <Tabs.Panel value="applications" pt="md">
          <ApplicationsTab organization={org} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
