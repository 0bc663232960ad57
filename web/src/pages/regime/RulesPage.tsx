// The eligibility rule sets, newest first, the one in force today marked: each version's criteria
// (fact, comparison, threshold; money with its currency and stated rates). Rules are never
// retroactive: an administrator publishes the next version, effective from a date not before today.
import { Accordion, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api, type RuleFact, type RuleSet } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Mono } from '../../components/Mono';
import { PageHeading } from '../../components/PageHeading';
import { RegimeNav } from '../../components/RegimeNav';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TableFrame } from '../../components/TableFrame';
import { formatDate, formatDateTime } from '../../format';
import { bilingual, OPERATOR_SYMBOLS, REGIME_ADMINS, REGIME_KEY } from '../../regime';
import { hasAnyRole, useMe } from '../../session';

export function RulesPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const { data: me } = useMe();
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const ruleSets = useQuery({ queryKey: [...REGIME_KEY, 'rule-sets'], queryFn: api.listRuleSets });
  if (!me) return null;
  const title = t('regime.rules.title');
  const inForce = ruleSets.data?.items.find((r) => r.inForce);

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageHeading documentTitle={title}>{title}</PageHeading>
        {hasAnyRole(me.user, REGIME_ADMINS) && (
          <Button component={Link} to="/app/regime/rules/new" data-testid="new-rule-set">
            {t('regime.rules.newVersion')}
          </Button>
        )}
      </Group>
      <RegimeNav />
      <Text maw={760}>{t('regime.rules.intro')}</Text>
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
      {ruleSets.isPending ? (
        <Loading />
      ) : ruleSets.isError ? (
        <ErrorAlert error={ruleSets.error} onRetry={() => void ruleSets.refetch()} />
      ) : (
        <Accordion multiple variant="separated" defaultValue={inForce ? [inForce.id] : []}>
          {ruleSets.data.items.map((ruleSet) => (
            <Accordion.Item key={ruleSet.id} value={ruleSet.id} data-testid={`rule-set-${ruleSet.version}`}>
              <Accordion.Control>
                <Group gap="sm" wrap="wrap">
                  <Text fw={600}>{t('regime.rules.versionTitle', { version: ruleSet.version, title: ruleSet.title })}</Text>
                  {ruleSet.inForce && (
                    <Badge color="green" variant="light" tt="none" miw="max-content" data-testid="in-force">
                      {t('regime.rules.inForce')}
                    </Badge>
                  )}
                  <Text size="sm">{t('regime.rules.effectiveFrom', { date: formatDate(ruleSet.effectiveFrom) })}</Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <RuleSetDetails ruleSet={ruleSet} facts={ruleSets.data.facts} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Stack>
  );
}

/** A criterion's threshold in words: "≥ 75 %", "≥ 20000 UAH (1 EUR = 48.50 UAH)", "= yes". */
export function thresholdText(t: TFunction, criterion: RuleSet['criteria'][number], fact: RuleFact | undefined): string {
  const op = OPERATOR_SYMBOLS[criterion.op];
  if (typeof criterion.value === 'boolean') return `${op} ${criterion.value ? t('common.yes').toLowerCase() : t('common.no').toLowerCase()}`;
  if (fact?.type === 'percent') return `${op} ${criterion.value} %`;
  if (fact?.type === 'money') {
    const rates = Object.entries(criterion.rates ?? {}).map(([currency, rate]) => `1 ${currency} = ${rate} ${criterion.currency}`);
    return `${op} ${criterion.value} ${criterion.currency ?? ''}${rates.length ? ` (${rates.join('; ')})` : ''}`;
  }
  return `${op} ${criterion.value}`;
}

function RuleSetDetails({ ruleSet, facts }: { ruleSet: RuleSet; facts: RuleFact[] }) {
  const { t } = useTranslation();
  const byName = new Map(facts.map((f) => [f.name, f]));
  const caption = t('regime.rules.criteriaOf', { version: ruleSet.version });
  return (
    <Stack gap="sm">
      <Text size="sm">{t('regime.rules.createdBy', { by: ruleSet.createdBy, date: formatDateTime(ruleSet.createdAt) })}</Text>
      {ruleSet.notes && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {ruleSet.notes}
        </Text>
      )}
      <TableFrame label={caption}>
        <Table striped captionSide="top" verticalSpacing="xs" miw={760}>
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('regime.rules.criterion')}</Table.Th>
              <Table.Th scope="col">{t('regime.rules.key')}</Table.Th>
              <Table.Th scope="col">{t('regime.rules.fact')}</Table.Th>
              <Table.Th scope="col">{t('regime.rules.threshold')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ruleSet.criteria.map((criterion) => {
              const fact = byName.get(criterion.fact);
              return (
                <Table.Tr key={criterion.key}>
                  <Table.Th scope="row" fw={500}>
                    {bilingual(criterion.label)}
                  </Table.Th>
                  <Table.Td>
                    <Mono nowrap>{criterion.key}</Mono>
                  </Table.Td>
                  <Table.Td>
                    {fact ? bilingual(fact.label) : criterion.fact}
                    {fact && (
                      <Text size="xs">
                        {t(`regime.rules.factType.${fact.type}`)} · {t(`regime.rules.factSource.${fact.source as 'figures'}`, { defaultValue: fact.source })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{thresholdText(t, criterion, fact)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </TableFrame>
    </Stack>
  );
}
