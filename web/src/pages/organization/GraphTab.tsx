// The ownership graph of the organization as of today: confirmed links, or with proposals on request.
import { Stack, Switch, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Organization } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { OwnershipGraph } from '../../components/OwnershipGraph';
import { beneficialOwnersKey } from './keys';

export function GraphTab({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const [includePending, setIncludePending] = useState(false);
  const result = useQuery({
    queryKey: [...beneficialOwnersKey(organization.id), { includePending }],
    queryFn: () => api.beneficialOwners(organization.id, undefined, includePending),
  });
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('ownershipGraph.heading')}
      </Title>
      <Text maw={760}>{t('ownershipGraph.intro')}</Text>
      <Switch
        label={t('ownershipGraph.includePending')}
        description={t('ownershipGraph.includePendingHint')}
        checked={includePending}
        onChange={(event) => setIncludePending(event.currentTarget.checked)}
      />
      {result.isPending ? (
        <Loading />
      ) : result.isError ? (
        <ErrorAlert error={result.error} onRetry={() => void result.refetch()} />
      ) : (
        <OwnershipGraph data={result.data} organizationName={organization.name} />
      )}
    </Stack>
  );
}
