// Links that download a report as CSV (money in minor units) and XLSX (major units). The server
// names the file; the session cookie goes along with the plain link.
import { Anchor, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface DownloadsProps {
  csv: string;
  xlsx: string;
  /** What is downloaded, so the links say more than "CSV" out of context. */
  what: string;
  testId?: string;
}

export function Downloads({ csv, xlsx, what, testId }: DownloadsProps) {
  const { t } = useTranslation();
  return (
    <Group gap="md" data-testid={testId}>
      <Text size="sm" fw={600}>
        {t('fund.download.heading')}
      </Text>
      <Anchor href={csv} download size="sm" aria-label={t('fund.download.csvOf', { what })}>
        {t('fund.download.csv')}
      </Anchor>
      <Anchor href={xlsx} download size="sm" aria-label={t('fund.download.xlsxOf', { what })}>
        {t('fund.download.xlsx')}
      </Anchor>
    </Group>
  );
}
