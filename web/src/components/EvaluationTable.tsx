// How figures fare against a rule set: one row per criterion with its outcome in words (pass, fail,
// missing evidence), the threshold, the value used and the server's note, under an overall verdict.
import { Group, Stack, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Evaluation } from '../api';
import { formatDateTime } from '../format';
import { bilingual } from '../regime';
import { OutcomeBadge } from './StatusBadge';
import { TableFrame } from './TableFrame';

/** The server writes yes/no and "not given" in English; say them in the interface language. */
export function evaluationText(t: TFunction, text: string | null): string {
  if (text === null) return t('common.none');
  if (text === 'not given') return t('regime.evaluation.notGiven');
  return text.replace(/(^|\s)yes$/, `$1${t('common.yes').toLowerCase()}`).replace(/(^|\s)no$/, `$1${t('common.no').toLowerCase()}`);
}

interface EvaluationTableProps {
  evaluation: Evaluation;
  /** A live preview of a draft, not the check stored on submission. */
  preview: boolean;
  caption?: string;
  testId?: string;
}

export function EvaluationTable({ evaluation, preview, caption, testId = 'evaluation' }: EvaluationTableProps) {
  const { t } = useTranslation();
  const title = caption ?? t('regime.evaluation.caption');
  return (
    <Stack gap="sm" data-testid={testId}>
      <Group gap="sm" wrap="wrap">
        <Text fw={600}>{t('regime.evaluation.overall')}</Text>
        <OutcomeBadge outcome={evaluation.outcome} testId={`${testId}-outcome`} />
        <Text size="sm">
          {preview
            ? t('regime.evaluation.previewNote', { version: evaluation.ruleSetVersion })
            : t('regime.evaluation.storedNote', { version: evaluation.ruleSetVersion, date: formatDateTime(evaluation.evaluatedAt) })}
        </Text>
      </Group>
      <TableFrame label={title}>
        <Table striped captionSide="top" verticalSpacing="xs" miw={720}>
          <Table.Caption>{title}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('regime.evaluation.criterion')}</Table.Th>
              <Table.Th scope="col">{t('regime.evaluation.outcome')}</Table.Th>
              <Table.Th scope="col">{t('regime.evaluation.expected')}</Table.Th>
              <Table.Th scope="col">{t('regime.evaluation.actual')}</Table.Th>
              <Table.Th scope="col">{t('regime.evaluation.note')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {evaluation.criteria.map((criterion) => (
              <Table.Tr key={criterion.key} data-testid={`criterion-${criterion.key}`} data-outcome={criterion.outcome}>
                <Table.Th scope="row" fw={500}>
                  {bilingual(criterion.label)}
                </Table.Th>
                <Table.Td>
                  <OutcomeBadge outcome={criterion.outcome} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{evaluationText(t, criterion.expected)}</Table.Td>
                <Table.Td>{evaluationText(t, criterion.actual)}</Table.Td>
                <Table.Td>{criterion.note ? evaluationText(t, criterion.note) : t('common.none')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableFrame>
    </Stack>
  );
}
