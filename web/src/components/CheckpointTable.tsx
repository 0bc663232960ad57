// Signed audit checkpoints, used on the public transparency page and in the audit section.
import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Checkpoint } from '../api';
import { formatDateTime } from '../format';
import { Mono } from './Mono';
import { TableFrame } from './TableFrame';

export function CheckpointTable({ items, caption }: { items: Checkpoint[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <TableFrame label={caption}>
      <Table striped captionSide="top" verticalSpacing="sm" layout="fixed" miw={800}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={90}>
              {t('checkpoints.seq')}
            </Table.Th>
            <Table.Th scope="col" w={90}>
              {t('checkpoints.fromSeq')}
            </Table.Th>
            <Table.Th scope="col">{t('checkpoints.headHash')}</Table.Th>
            <Table.Th scope="col" w={150}>
              {t('checkpoints.signedAt')}
            </Table.Th>
            <Table.Th scope="col" w={130}>
              {t('checkpoints.keyId')}
            </Table.Th>
            <Table.Th scope="col">{t('checkpoints.signature')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((checkpoint) => (
            <Table.Tr key={checkpoint.seq}>
              <Table.Td>{checkpoint.seq}</Table.Td>
              <Table.Td>{checkpoint.fromSeq}</Table.Td>
              <Table.Td>
                <Mono>{checkpoint.headHash}</Mono>
              </Table.Td>
              <Table.Td>{formatDateTime(checkpoint.signedAt)}</Table.Td>
              <Table.Td>
                <Mono>{checkpoint.keyId}</Mono>
              </Table.Td>
              <Table.Td>
                <Mono>{checkpoint.signature}</Mono>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
