// Ultimate beneficial owners on a chosen date: who holds 25 % or more through any chain of
// companies, or control; each with the exact effective share and the chains it comes through.
import { Anchor, Badge, Group, List, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Organization } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { TableFrame } from '../../components/TableFrame';
import { formatDate } from '../../format';
import { beneficialOwnersKey } from './keys';

/** An exact decimal percent from the server ("33.333333…") shown with the locale's decimal mark, unrounded. */
function exactPercent(value: string, language: string | undefined): string {
  return `${language === 'en' ? value : value.replace('.', ',')} %`;
}

export function BeneficialOwnersTab({ organization }: { organization: Organization }) {
  const { t, i18n } = useTranslation();
  const [asOf, setAsOf] = useState('');
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : undefined;
  const result = useQuery({
    queryKey: beneficialOwnersKey(organization.id, validDate),
    queryFn: () => api.beneficialOwners(organization.id, validDate),
    placeholderData: keepPreviousData,
  });
  const names = new Map((result.data?.graph.nodes ?? []).map((n) => [n.id, n.name]));
  const owners = [...(result.data?.owners ?? [])].sort((a, b) => Number(b.isBeneficialOwner) - Number(a.isBeneficialOwner));

  return (
    <Stack>
      <Title order={2} size="h3">
        {t('beneficialTab.heading')}
      </Title>
      <Text maw={760}>{t('beneficialTab.intro', { threshold: result.data?.thresholdPercent ?? 25 })}</Text>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('beneficialTab.asOf')}
          description={t('beneficialTab.asOfHelp')}
          type="date"
          value={asOf}
          onChange={(event) => setAsOf(event.currentTarget.value)}
          maw={240}
        />
        <Anchor href={api.bodsUrl(organization.id)} download data-testid="bods-link">
          {t('beneficialTab.downloadBods')}
        </Anchor>
      </Group>
      {result.isPending ? (
        <Loading />
      ) : result.isError ? (
        <ErrorAlert error={result.error} onRetry={() => void result.refetch()} />
      ) : (
        <>
          <Text size="sm" role="status">
            {t('beneficialTab.asOfShown', { date: formatDate(result.data.asOf) })}
          </Text>
          <TableFrame label={t('beneficialTab.caption')}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={860}>
              <Table.Caption>{t('beneficialTab.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('beneficialTab.name')}</Table.Th>
                  <Table.Th scope="col">{t('beneficialTab.share')}</Table.Th>
                  <Table.Th scope="col">{t('beneficialTab.control')}</Table.Th>
                  <Table.Th scope="col">{t('beneficialTab.reasons')}</Table.Th>
                  <Table.Th scope="col">{t('beneficialTab.paths')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {owners.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>{t('beneficialTab.none')}</Table.Td>
                  </Table.Tr>
                )}
                {owners.map((owner) => (
                  <Table.Tr key={owner.personId} bg={owner.isBeneficialOwner ? 'yellow.0' : undefined}>
                    <Table.Td>
                      <Text fw={owner.isBeneficialOwner ? 700 : 400}>{owner.name}</Text>
                      {owner.isBeneficialOwner ? (
                        <Badge color="orange" variant="light" tt="none" miw="max-content" mt={4}>
                          {t('beneficialTab.isBeneficial')}
                        </Badge>
                      ) : (
                        <Badge color="gray" variant="light" tt="none" miw="max-content" mt={4}>
                          {t('beneficialTab.belowThreshold')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{exactPercent(owner.effectiveSharePercent, i18n.resolvedLanguage)}</Table.Td>
                    <Table.Td>{owner.control ? t('common.yes') : t('common.no')}</Table.Td>
                    <Table.Td>{owner.reasons.map((r) => t(`beneficialTab.reason.${r}`)).join(', ') || t('common.none')}</Table.Td>
                    <Table.Td>
                      <List size="sm">
                        {owner.paths.map((path, index) => (
                          <List.Item key={index}>
                            {[owner.name, ...path.organizationIds.map((id) => names.get(id) ?? id)].join(' → ')}
                            {` (${exactPercent(path.sharePercent, i18n.resolvedLanguage)})`}
                          </List.Item>
                        ))}
                      </List>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          {(result.data.cycles.length > 0 || result.data.unresolvedOrganizations.length > 0) && (
            <Text size="sm">{t('beneficialTab.seeGraph')}</Text>
          )}
        </>
      )}
    </Stack>
  );
}
