// Why a match scored what it did: each feature with our value, the list's value and its effect in words.
import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MatchEvidence } from '../api';
import { effectText, featureName, schemaName } from '../screening';
import { TableFrame } from './TableFrame';

export function EvidenceTable({ evidence, caption, testId }: { evidence: MatchEvidence[]; caption: string; testId?: string }) {
  const { t } = useTranslation();
  // Schema values are FollowTheMoney names ("Person"): shown in the interface language.
  const shown = (value: string, feature?: string) => (!value ? t('common.none') : feature === 'schema' ? schemaName(t, value) : value);
  return (
    <TableFrame label={caption}>
      <Table striped captionSide="top" verticalSpacing="xs" miw={560} data-testid={testId}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('screening.case.feature')}</Table.Th>
            <Table.Th scope="col">{t('screening.case.ourValue')}</Table.Th>
            <Table.Th scope="col">{t('screening.case.listValue')}</Table.Th>
            <Table.Th scope="col">{t('screening.case.effect')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {evidence.map((item, index) => (
            <Table.Tr key={`${item.feature}-${index}`}>
              <Table.Th scope="row" fw={600}>
                {featureName(t, item.feature)}
              </Table.Th>
              <Table.Td>{shown(item.queryValue, item.feature)}</Table.Td>
              <Table.Td>{shown(item.entityValue, item.feature)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{effectText(t, item)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
