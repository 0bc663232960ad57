// The downloads of a public register: every row that matches the page's search and filters, in the
// page's sort, as CSV or JSON (the API's scope=all). The links name what they download for screen
// readers, since "CSV" alone says little out of context.
import { Anchor, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface RegisterDownloadsProps {
  csv: string;
  json: string;
  /** What is downloaded ("the register of members"). */
  what: string;
  /** The file name of the JSON download (the server names the CSV). */
  jsonFileName: string;
  testId: string;
}

export function RegisterDownloads({ csv, json, what, jsonFileName, testId }: RegisterDownloadsProps) {
  const { t } = useTranslation();
  return (
    <Group gap="lg" data-testid={`${testId}-downloads`}>
      <Text size="sm">{t('registers.downloadsNote')}</Text>
      <Anchor href={csv} download size="sm" data-testid={`${testId}-csv`} aria-label={t('registers.downloadCsvOf', { what })}>
        {t('registers.downloadCsv')}
      </Anchor>
      <Anchor href={json} download={jsonFileName} size="sm" data-testid={`${testId}-json`} aria-label={t('registers.downloadJsonOf', { what })}>
        {t('registers.downloadJson')}
      </Anchor>
    </Group>
  );
}
